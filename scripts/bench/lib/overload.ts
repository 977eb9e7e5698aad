import { fork } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';

/**
 * The surge part of the HTTP bench (issue 7: ten times the peak must not take the service
 * down): scans from ten times the bench's connections at one server process, while one more
 * phone scans every 50 ms and times what it is answered, with the app's 15 s timeout, from a
 * process of its own (phone-probe.ts). Run once against the server as configured (overload
 * protection on) and once against a second process with it off, on the same database.
 */

/** The app's request timeout (miniprogram/src/services/api.ts): an answer later than this is no answer. */
const PHONE_TIMEOUT_MS = 15_000;

export interface Surge {
  name: string;
  connections: number;
  /** Scans acknowledged, per second. */
  accepted: number;
  /** Scans acknowledged in all (the crowd's and the phone's), to count against stored rows. */
  acknowledged: number;
  /** 503 SERVER_BUSY answers per second. */
  refused: number;
  /** Other non-2xx answers, errors and timeouts of the crowd. */
  failed: number;
  /** The probing phone: how long its acknowledged scans took, and its refusals. */
  phone: { acceptedP50: number; acceptedP99: number; refusedP99: number; accepted: number; refused: number; noAnswer: number };
}

export interface SurgeTarget {
  name: string;
  /** http://host:port of the server. */
  base: string;
  connections: number;
  seconds: number;
  /** The crowd's next request (authorization and body). */
  request: () => { headers: Record<string, string>; body: string };
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Runs `phone-probe.ts` in its own process through the surge, and sums up what it saw. */
async function phone(target: SurgeTarget): Promise<{ first: number; during: (run: Promise<unknown>) => Promise<Surge['phone']> }> {
  const child = fork(join(__dirname, '..', 'phone-probe.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  // A thousand requests ready for it, each a scan of its own: more than it sends in a run, one each 50 ms.
  child.send({ start: { base: target.base, timeoutMs: PHONE_TIMEOUT_MS, requests: Array.from({ length: 1000 }, () => target.request()) } });
  const { first } = await next<{ first: number }>();
  return {
    first,
    async during(run) {
      child.send({ go: true });
      await run;
      const answered = next<{ answers: Array<{ status: number; ms: number }> }>();
      child.send({ stop: true });
      const { answers } = await answered;
      const accepted = answers.filter((a) => a.status === 201).map((a) => a.ms);
      const refused = answers.filter((a) => a.status === 503).map((a) => a.ms);
      return {
        acceptedP50: Math.round(percentile(accepted, 50)),
        acceptedP99: Math.round(percentile(accepted, 99)),
        refusedP99: Math.round(percentile(refused, 99)),
        accepted: accepted.length,
        refused: refused.length,
        noAnswer: answers.length - accepted.length - refused.length,
      };
    },
  };
}

export async function surge(target: SurgeTarget): Promise<Surge> {
  const probe = await phone(target);
  let busy = 0;
  const crowd = autocannon({
    url: `${target.base}/api/v1/scans`,
    method: 'POST',
    connections: target.connections,
    duration: target.seconds,
    timeout: PHONE_TIMEOUT_MS / 1000,
    requests: [{ setupRequest: (req) => ({ ...req, ...target.request() }), onResponse: (status) => void (status === 503 && (busy += 1)) }],
  });
  const seen = await probe.during(crowd);
  const result = await crowd;
  return {
    name: target.name,
    connections: target.connections,
    accepted: result['2xx'] / result.duration,
    acknowledged: result['2xx'] + seen.accepted + (probe.first === 201 ? 1 : 0),
    refused: busy / result.duration,
    failed: result.non2xx - busy + result.errors + result.timeouts,
    phone: seen,
  };
}

export function surgeTable(runs: Surge[]): string {
  return [
    '| server | connections | scans stored /s | 503 SERVER_BUSY /s | other failures | one phone: stored scans p50 / p99 ms | its refusals p99 ms | its scans stored / refused / unanswered |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${r.name} | ${r.connections} | ${r.accepted.toFixed(0)} | ${r.refused.toFixed(0)} | ${r.failed} | ${r.phone.acceptedP50} / ${r.phone.acceptedP99} | ${r.phone.refused ? r.phone.refusedP99 : '—'} | ${r.phone.accepted} / ${r.phone.refused} / ${r.phone.noAnswer} |`,
    ),
  ].join('\n');
}
