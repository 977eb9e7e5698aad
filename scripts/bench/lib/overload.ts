import autocannon from 'autocannon';

/**
 * The surge part of the HTTP bench (issue 7: ten times the peak must not take the service
 * down): scans from ten times the bench's connections at one server process, while one more
 * phone scans every 50 ms and times what it is answered, with the app's 15 s timeout. Run once
 * against the server as configured (overload protection on) and once against a second process
 * with it off, on the same database.
 */

/** The app's request timeout (miniprogram/src/services/api.ts): an answer later than this is no answer. */
const PHONE_TIMEOUT_MS = 15_000;
const PROBE_EVERY_MS = 50;

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

async function probe(target: SurgeTarget, stop: () => boolean): Promise<Surge['phone']> {
  const accepted: number[] = [];
  const refused: number[] = [];
  let noAnswer = 0;
  while (!stop()) {
    const { headers, body } = target.request();
    const started = performance.now();
    try {
      const res = await fetch(`${target.base}/api/v1/scans`, { method: 'POST', headers, body, signal: AbortSignal.timeout(PHONE_TIMEOUT_MS) });
      await res.arrayBuffer();
      const ms = performance.now() - started;
      if (res.status === 201) accepted.push(ms);
      else if (res.status === 503) refused.push(ms);
      else noAnswer += 1;
    } catch {
      noAnswer += 1;
    }
    await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
  }
  return {
    acceptedP50: Math.round(percentile(accepted, 50)),
    acceptedP99: Math.round(percentile(accepted, 99)),
    refusedP99: Math.round(percentile(refused, 99)),
    accepted: accepted.length,
    refused: refused.length,
    noAnswer,
  };
}

export async function surge(target: SurgeTarget): Promise<Surge> {
  let done = false;
  const phone = probe(target, () => done);
  let busy = 0;
  const crowd = await autocannon({
    url: `${target.base}/api/v1/scans`,
    method: 'POST',
    connections: target.connections,
    duration: target.seconds,
    timeout: PHONE_TIMEOUT_MS / 1000,
    requests: [{ setupRequest: (req) => ({ ...req, ...target.request() }), onResponse: (status) => void (status === 503 && (busy += 1)) }],
  });
  done = true;
  const seen = await phone;
  return {
    name: target.name,
    connections: target.connections,
    accepted: crowd['2xx'] / crowd.duration,
    acknowledged: crowd['2xx'] + seen.accepted,
    refused: busy / crowd.duration,
    failed: crowd.non2xx - busy + crowd.errors + crowd.timeouts,
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
