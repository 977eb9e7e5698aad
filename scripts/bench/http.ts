/**
 * Issue 7's HTTP bench: the real server on MariaDB in its own process, a bare Koa baseline in
 * another, the stack's floor for a scan (floor-server.ts) in a third, and autocannon driving
 * them from this one, in one run. Reports requests/s and p50/p99 for the baseline, the floor,
 * POST /scans (self and relative), credential refresh and online checkpoint verification; the
 * offline verify function in codes/s against raw signature verification; counts stored scans
 * against acknowledged ones; a surge of ten times the connections (lib/overload.ts); and the
 * server's memory.
 *
 *   npm run bench -- http                 (BENCH_HTTP_SECONDS=10, BENCH_CONNECTIONS=200)
 *   BENCH_MEMORY_SCANS=1000000 npm run bench -- http     (memory after a million scans)
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateKeyPairSync, randomBytes, sign as nativeSign, verify as nativeVerify } from 'node:crypto';
import autocannon from 'autocannon';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ed25519 } from '@noble/curves/ed25519';
import { makeCode, makeDeviceKeyPair, makeIdNumber, makeSocialCreditCode, verifyCode, keySetFromJwks, type CodeJwks } from '@health-code/shared';
import type { Bench } from './lib/bench';
import { machineLine } from './lib/machine';
import { writeSection } from './lib/performance-doc';
import { recreateDatabase } from './lib/mariadb';
import { surge, surgeTable, type Surge } from './lib/overload';
import { openDatabase } from '../../server/src/db/knex';

const ROOT = resolve(__dirname, '../..');
const DB_URL = process.env.BENCH_HTTP_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/bench_http';
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 200);
const MEMORY_SCANS = Number(process.env.BENCH_MEMORY_SCANS ?? 0);
/**
 * Scan runs send a fixed number of requests rather than run for a time: a timed run stops with
 * requests in flight whose answers are never read, and the count of stored rows against
 * acknowledged scans must compare like with like.
 */
const SCAN_REQUESTS = Number(process.env.BENCH_SCAN_REQUESTS ?? 60_000);
/**
 * Requests sent to a scan route before it is measured, not counted: the baseline runs for
 * SECONDS, and a run of a few seconds from cold would measure V8 compiling the route.
 */
const WARM_UP_REQUESTS = 10_000;

async function warmUp(opts: autocannon.Options): Promise<void> {
  await autocannon({ connections: CONNECTIONS, ...opts, amount: WARM_UP_REQUESTS });
}
/** The server's node flags in production (docs/operations.md): a heap limit that keeps its memory bounded. */
const SERVER_NODE_ARGS = '--max-old-space-size=256';
/** BENCH_SERVER_NODE_ARGS: other flags for the server's node (a preloaded probe; empty: Node's own policy). */
const SERVER_NODE_FLAGS = (process.env.BENCH_SERVER_NODE_ARGS ?? SERVER_NODE_ARGS).trim();

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Statements the server sent MariaDB per request during the run (the bench's own excluded). */
  queries?: number;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
    s.on('error', fail);
  });
}

async function waitReady(url: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Issue 7's targets against this run's numbers, each said met or not. */
function targets(rows: Row[], offline: { raw: number; codes: number }, memory: { first: { settled: number }; second: { settled: number } } | null, native: number): string[] {
  const base = rows[0].rps;
  const find = (prefix: string) => rows.find((r) => r.name.startsWith(prefix));
  const said = (ok: boolean) => (ok ? '**met**' : '**not met**');
  const out: string[] = [];
  const scan = find('POST /scans (self)');
  const floor = find(FLOOR_RUN);
  if (scan) {
    out.push(`scans at ≥ 0.50 × baseline with p99 < 50 ms: ${(scan.rps / base).toFixed(2)} ×, p99 ${scan.p99} ms — ${said(scan.rps / base >= 0.5 && scan.p99 < 50)}`);
    if (floor) out.push(`  the stack's floor for a scan (Koa, @koa/router, koa-body, group commit through knex; none of the rules) ran at ${(floor.rps / base).toFixed(2)} × baseline, p99 ${floor.p99} ms; the server's scans at ${(scan.rps / floor.rps).toFixed(2)} × that floor`);
  }
  const verify = find('POST /checkpoint/verify');
  if (verify) {
    out.push(`online verification at ≥ 0.50 × baseline: ${(verify.rps / base).toFixed(2)} × — ${said(verify.rps / base >= 0.5)}`);
    out.push(`  its ceiling: a code holds two Ed25519 signatures; native (OpenSSL) verification ran at ${native.toFixed(0)}/s on one core, so two allow at most ${(native / 2).toFixed(0)} codes/s = ${(native / 2 / base).toFixed(2)} × baseline before any HTTP; the server reached ${(verify.rps / (native / 2)).toFixed(2)} of that ceiling`);
  }
  const ratio = offline.codes / offline.raw;
  out.push(`offline verification of whole codes at ≥ 0.70 × one raw verification: ${ratio.toFixed(2)} × — ${said(ratio >= 0.7)}`);
  out.push('  a whole code holds two signatures, the server\'s and the device\'s; the server\'s is checked with its key prepared once (shared/src/issuer-keys.ts), about a fifth of a raw verification; one 3-second measurement moves by ±0.1 from run to run');
  if (memory) {
    const grew = memory.second.settled - memory.first.settled;
    out.push(`memory after a million scans under 300 MiB and not growing between rounds: ${memory.second.settled.toFixed(0)} MiB, ${grew > 5 ? `grew ${grew.toFixed(0)} MiB` : 'no growth'} — ${said(memory.second.settled < 300 && grew <= 5)}`);
  }
  return out;
}

/** The servers' log level: production's by default (BENCH_LOG_LEVEL=warn leaves out the line per request). */
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';

/** The name of the stack-floor run (floor-server.ts), found again by the targets. */
const FLOOR_RUN = 'floor: Koa + koa-body + group commit, POST /scans';

/** Resolves when a forked child says it is ready. */
function readyMessage(child: ChildProcess, ms = 60_000): Promise<void> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`a bench server did not start within ${ms / 1000} s`)), ms);
    child.on('message', (m) => {
      if (m === 'ready') {
        clearTimeout(timer);
        done();
      }
    });
    child.once('exit', (code) => fail(new Error(`a bench server exited with ${code} before it was ready`)));
  });
}

/** Native (OpenSSL) Ed25519 verifications per second on this one core, the server's own check. */
function nativeVerifyRate(): number {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const msg = randomBytes(200);
  const sig = nativeSign(null, msg, privateKey);
  return perSecond(2, () => {
    if (!nativeVerify(null, msg, publicKey, sig)) throw new Error('native verify failed');
  });
}

/** How many times a second `fn` runs on this one core, after 200 runs to warm it. */
function perSecond(seconds: number, fn: (i: number) => void): number {
  for (let i = 0; i < 200; i++) fn(i);
  const start = process.hrtime.bigint();
  let n = 0;
  while (Number(process.hrtime.bigint() - start) < seconds * 1e9) fn(n++);
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** How long the bench waits, after a memory round, for the server's resident size to settle. */
const SETTLE_MS = 60_000;

/**
 * The server's resident size once the load has stopped and it stops falling: V8 collects the
 * garbage of the last requests and gives pages back when allocation stops (its memory reducer),
 * some seconds later. Read every half second; settled when no new low for 15 s.
 */
async function settledRss(pid: number): Promise<number> {
  const until = Date.now() + SETTLE_MS;
  let low = rssMiB(pid);
  let lowAt = Date.now();
  while (Date.now() < until && Date.now() - lowAt < 15_000) {
    await new Promise((r) => setTimeout(r, 500));
    const now = rssMiB(pid);
    if (now < low - 1) {
      low = now;
      lowAt = Date.now();
    }
  }
  return low;
}

class Api {
  constructor(readonly base: string) {}
  async call<T = any>(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T; raw: Buffer }> {
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const raw = Buffer.from(await res.arrayBuffer());
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      /* binary */
    }
    return { status: res.status, body: parsed as T, raw };
  }
  async ok<T = any>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const r = await this.call<T>(method, path, token, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  async login(code: string): Promise<string> {
    return (await this.ok<{ token: string }>('POST', '/auth/login', undefined, { platform: 'dev', code })).token;
  }
  async register(code: string, seq: number): Promise<{ token: string; residentId: string }> {
    const token = await this.login(code);
    const phone = `139${String(10_000_000 + seq).slice(-8)}`;
    await this.ok('POST', '/sms/send', token, { phone });
    const { code: smsCode } = await this.ok<{ code: string }>('POST', '/dev/sms/latest', undefined, { phone });
    // Unique, valid synthetic numbers: a birth day per thousand, a sequence within it.
    const day = new Date(Date.UTC(1960, 0, 1) + Math.floor(seq / 900) * 86_400_000).toISOString().slice(0, 10);
    const idNumber = makeIdNumber({ birthDate: day, sex: seq % 2 ? 'male' : 'female', seq: 1 + (seq % 900) });
    const answer = await this.ok<{ token: string; resident: { id: string } }>('POST', '/residents/register', token, { name: '压测居民', idNumber, phone, smsCode });
    return { token: answer.token, residentId: answer.resident.id };
  }
}

/** MariaDB's count of statements received, from every client (read with a connection of its own). */
async function questions(): Promise<number> {
  const db = openDatabase(DB_URL, 1);
  try {
    const [rows] = (await db.raw("SHOW GLOBAL STATUS LIKE 'Questions'")) as [Array<{ Value: string }>];
    return Number(rows[0].Value);
  } finally {
    await db.destroy();
  }
}

async function run(name: string, opts: autocannon.Options, counted = true): Promise<Row> {
  const before = counted ? await questions() : 0;
  const started = process.hrtime.bigint();
  const result = await autocannon({ connections: CONNECTIONS, ...(opts.amount ? {} : { duration: SECONDS }), ...opts });
  // With a CPU profile, each run's window on the monotonic clock the profile's timestamps use (µs).
  if (process.env.BENCH_CPU_PROF) process.stdout.write(`profile window: ${name}: ${started / 1000n} ${process.hrtime.bigint() / 1000n}\n`);
  // The count read itself: SHOW STATUS is one statement (the connection's set-up adds none that count).
  const queries = counted ? (await questions()) - before - 1 : undefined;
  const answered = result['2xx'] + result.non2xx;
  return {
    queries: queries === undefined || answered === 0 ? undefined : queries / answered,
    name,
    // A run of so many requests lasts seconds: answers over its length, not an average of whole-second samples.
    rps: opts.amount ? answered / result.duration : result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

let requestSeq = 0;
const requestId = () => `b${process.pid.toString(36)}${(requestSeq += 1).toString(36)}${randomBytes(3).toString('hex')}`;

/** Offline verification of whole codes against one raw Ed25519 verification, on this one core. */
function offlineVerifyRates(jwks: CodeJwks, codes: string[]): { raw: number; codes: number } {
  const keys = keySetFromJwks(jwks);
  const msg = new TextEncoder().encode('benchmark message');
  const seed = randomBytes(32);
  const pub = ed25519.getPublicKey(seed);
  const sig = ed25519.sign(msg, seed);
  // Checked as verifyCode checks (RFC 8032 strict, zip215 off), so the ratio compares like with like.
  const raw = perSecond(3, () => {
    if (!ed25519.verify(sig, msg, pub, { zip215: false })) throw new Error('raw verify failed');
  });
  const now = new Date();
  const verified = perSecond(3, (i) => {
    const r = verifyCode(codes[i % codes.length], { keys, now });
    if (!r.ok) throw new Error(`offline verify refused: ${r.refusal}`);
  });
  return { raw, codes: verified };
}

export const httpBench: Bench = {
  name: 'http',
  summary: 'the server under autocannon against bare Koa: scans, credentials, checkpoint verification, memory',
  async run() {
    const tmp = mkdtempSync(join(tmpdir(), 'hc-bench-'));
    const children: ChildProcess[] = [];
    try {
      await recreateDatabase(DB_URL);
      const [port, basePort, floorPort] = await Promise.all([freePort(), freePort(), freePort()]);
      const env = {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: DB_URL,
        PORT: String(port),
        HOST: '127.0.0.1',
        // Production's level: a line per request (the servers' output is dropped unless BENCH_SERVER_LOG names a file).
        LOG_LEVEL,
        RATE_LIMITS: 'off',
        DEMO_DATA: 'true',
        SECRETS_FILE: join(tmp, 'secrets.json'),
        DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '20',
      };
      // BENCH_CPU_PROF=<dir> writes the server's CPU profile there (open it in Chrome DevTools).
      const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
      const nodeArgs = SERVER_NODE_FLAGS.split(' ').filter(Boolean);
      // BENCH_SERVER_LOG=<file>: the servers' log lines are appended there.
      const serverStdio: ['ignore', 'ignore' | number, 'inherit'] = ['ignore', process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, 'a') : 'ignore', 'inherit'];
      const server = spawn(process.execPath, [...profile, ...nodeArgs, '--import', 'tsx', 'server/src/main.ts'], { cwd: ROOT, env, stdio: serverStdio });
      children.push(server);
      const baseline = fork(join(__dirname, 'baseline-server.ts'), [], { env: { ...process.env, PORT: String(basePort) }, execArgv: ['--import', 'tsx'], stdio: 'inherit' });
      children.push(baseline);
      const url = `http://127.0.0.1:${port}`;
      await Promise.all([waitReady(`${url}/readyz`), waitReady(`http://127.0.0.1:${basePort}/ping`)]);
      // After the server: the floor copies the table the server's migrations made.
      const floor = fork(join(__dirname, 'floor-server.ts'), [], { env: { ...process.env, PORT: String(floorPort), DATABASE_URL: DB_URL }, execArgv: [...nodeArgs, '--import', 'tsx'], stdio: 'inherit' });
      children.push(floor);
      await readyMessage(floor);
      const api = new Api(url);

      // A passed venue, its code read back from the poster as a phone would.
      process.stdout.write('seeding: venue, residents, credentials\n');
      const owner = await api.register('bench-owner', 1);
      const official = await api.login('demo-official');
      const categories = await api.ok<{ categories: Array<{ id: string; mobile: boolean }> }>('GET', '/venue-categories');
      const applied = await api.ok<{ id: string }>('POST', '/me/venues', owner.token, {
        name: '压测菜市场', categoryId: categories.categories.find((c) => !c.mobile)!.id, address: '深圳市南山区压测路 1 号', region: '440305',
        socialCreditCode: makeSocialCreditCode(77), unitName: '压测市场管理有限公司', contactPhone: '13912345678',
      });
      await api.ok('POST', `/officials/venues/${applied.id}/approve`, official);
      const poster = PNG.sync.read((await api.call('GET', `/me/venues/${applied.id}/poster.png`, owner.token)).raw);
      const venueCode = jsQR(new Uint8ClampedArray(poster.data), poster.width, poster.height)?.data;
      if (!venueCode) throw new Error('could not read the venue code back from its poster');

      const residents: Array<{ token: string; residentId: string }> = [];
      for (let i = 0; i < RESIDENTS; i++) residents.push(await api.register(`bench-r${i}`, 1000 + i));
      const guardian = await api.login('demo-green');
      const relatives = await api.ok<{ relatives: Array<{ id: string }> }>('GET', '/me/relatives', guardian);
      const relativeId = relatives.relatives[0]?.id;
      const checkpoint = await api.login('demo-checkpoint');

      // Live codes as phones show them: credentials with device keys made here.
      const codes: string[] = [];
      // Every phone has its key pair (the app makes it once and sends the public half on each refresh).
      const devices = residents.map(() => makeDeviceKeyPair((n) => new Uint8Array(randomBytes(n))));
      const credentials = await Promise.all(residents.slice(0, 100).map((r, i) => api.ok<{ credential: string }>('POST', '/me/credential', r.token, { devicePublicKey: devices[i].publicKey })));
      const jwks = await (await fetch(`${url}/.well-known/jwks.json`)).json() as CodeJwks;

      const rows: Row[] = [];
      const json = (body: unknown) => JSON.stringify(body);
      const scanRows = async (): Promise<number> => {
        const db = openDatabase(DB_URL, 1);
        try {
          const r = await db('scans').count({ n: '*' }).first();
          return Number(r?.n ?? 0);
        } finally {
          await db.destroy();
        }
      };

      process.stdout.write(`load: ${CONNECTIONS} connections, ${SECONDS} s each\n`);
      rows.push(await run('baseline: bare Koa GET /ping', { url: `http://127.0.0.1:${basePort}/ping` }, false));
      let k = 0;
      /** A self scan by the next resident in turn, a request id of its own. */
      const selfScan = () => ({ headers: { 'content-type': 'application/json', authorization: `Bearer ${residents[(k += 1) % residents.length].token}` }, body: json({ venueCode, clientRequestId: requestId() }) });
      const selfScans: autocannon.Options = {
        url: `${url}/api/v1/scans`,
        method: 'POST',
        amount: SCAN_REQUESTS,
        requests: [{ setupRequest: (req) => ({ ...req, ...selfScan() }) }],
      };
      const floorScans = { ...selfScans, url: `http://127.0.0.1:${floorPort}/scans` };
      await warmUp(floorScans);
      rows.push(await run(FLOOR_RUN, floorScans));
      await warmUp(selfScans);
      const before = await scanRows();
      const scanSelf = await run('POST /scans (self)', selfScans);
      rows.push(scanSelf);
      const scanRelative = relativeId
        ? await run('POST /scans (for a relative)', {
            url: `${url}/api/v1/scans`,
            method: 'POST',
            amount: Math.ceil(SCAN_REQUESTS / 3),
            requests: [{ setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${guardian}` }, body: json({ venueCode, clientRequestId: requestId(), relativeId }) }) }],
          })
        : null;
      if (scanRelative) rows.push(scanRelative);
      const after = await scanRows();
      const acknowledged = scanSelf.ok + (scanRelative?.ok ?? 0);

      rows.push(await run('POST /me/credential (refresh)', {
        url: `${url}/api/v1/me/credential`,
        method: 'POST',
        requests: [{
          setupRequest: (req) => {
            const i = (k += 1) % residents.length;
            return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${residents[i].token}` }, body: json({ devicePublicKey: devices[i].publicKey }) };
          },
        }],
      }));

      // A pool of codes shown in the last seconds (each valid 60 s), verified by one checkpoint.
      const now = new Date();
      for (let i = 0; i < 2000; i++) codes.push(makeCode(credentials[i % credentials.length].credential, devices[i % credentials.length].privateKey, now));
      rows.push(await run('POST /checkpoint/verify (online)', {
        url: `${url}/api/v1/checkpoint/verify`,
        method: 'POST',
        requests: [{ setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${checkpoint}` }, body: json({ code: codes[(k += 1) % codes.length] }) }) }],
      }));

      const memoryAfterBench = rssMiB(server.pid!);
      const native = nativeVerifyRate();
      // Before the memory rounds: the codes were made a minute ago and live one more.
      const offline = offlineVerifyRates(jwks, codes);

      // Ten times the connections, at the server as configured and at one with overload protection off.
      const surges: Array<Surge & { stored: number }> = [];
      const surgeAt = async (name: string, base: string) => {
        const stored = await scanRows();
        const result = await surge({
          name, base, connections: CONNECTIONS * 10, seconds: SECONDS,
          request: selfScan,
        });
        surges.push({ ...result, stored: (await scanRows()) - stored });
      };
      process.stdout.write(`surge: ${CONNECTIONS * 10} connections, ${SECONDS} s each\n`);
      // Each against a process started for it, so that both meet the surge alike (a fresh heap, empty caches).
      const surgeServer = async (name: string, settings: Record<string, string>) => {
        const surgePort = await freePort();
        const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/src/main.ts'], { cwd: ROOT, env: { ...env, ...settings, PORT: String(surgePort) }, stdio: serverStdio });
        children.push(child);
        await waitReady(`http://127.0.0.1:${surgePort}/readyz`);
        // Warmed as the scan runs are: the first of two cold surges ran slower whichever server it met.
        await warmUp({ ...selfScans, url: `http://127.0.0.1:${surgePort}/api/v1/scans` });
        await surgeAt(name, `http://127.0.0.1:${surgePort}`);
        child.kill('SIGTERM');
      };
      await surgeServer(`overload protection on (in flight ≤ ${process.env.MAX_REQUESTS_IN_FLIGHT ?? 1000}, loop delay ≤ ${process.env.MAX_EVENT_LOOP_DELAY_MS ?? 500} ms)`, {});
      await surgeServer('overload protection off', { MAX_REQUESTS_IN_FLIGHT: '0', MAX_EVENT_LOOP_DELAY_MS: '0' });
      let memory: { scans: number; first: { atEnd: number; settled: number }; second: { atEnd: number; settled: number } } | null = null;
      if (MEMORY_SCANS > 0) {
        const round = async () => {
          let sent = 0;
          while (sent < MEMORY_SCANS / 2) {
            const r = await autocannon({
              ...selfScans, connections: CONNECTIONS, amount: Math.min(100_000, MEMORY_SCANS / 2 - sent),
            });
            sent += r['2xx'] + r.non2xx + r.errors;
          }
          const atEnd = rssMiB(server.pid!);
          const settled = await settledRss(server.pid!);
          process.stdout.write(`memory: ${MEMORY_SCANS / 2} more scans, server RSS ${atEnd.toFixed(0)} MiB as the load stops, ${settled.toFixed(0)} MiB settled\n`);
          return { atEnd, settled };
        };
        memory = { scans: MEMORY_SCANS, first: await round(), second: await round() };
      }

      const base = rows[0].rps;
      const fmt = (n: number) => n.toFixed(0);
      const table = [
        '| run | requests/s | p50 ms | p99 ms | 2xx | non-2xx | errors | statements / request | × baseline |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
        ...rows.map((r) => `| ${r.name} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${r.ok} | ${r.non2xx} | ${r.errors} | ${r.queries === undefined ? '—' : r.queries.toFixed(2)} | ${(r.rps / base).toFixed(2)} |`),
      ].join('\n');
      const body = [
        '## HTTP: the server against bare Koa (issue 7)',
        '',
        `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench -- http\` on ${machineLine()}; MariaDB on the same machine;`,
        `autocannon with ${CONNECTIONS} connections, ${SECONDS} s per run (scan runs: ${SCAN_REQUESTS} requests, self, and a third of that for a relative; the floor as many; each scan route first warmed by ${WARM_UP_REQUESTS} requests not counted), from the bench's own process, while the server, the baseline and the floor`,
        `(scripts/bench/floor-server.ts) run in processes of their own (on ${require('node:os').cpus().length} cores with MariaDB: only the ratios within this run mean anything).`,
        `${RESIDENTS} registered residents scan one passed venue whose code was read back from its poster; rate limits off; log level ${LOG_LEVEL}${LOG_LEVEL === 'info' ? ' (a line per request, as in production)' : ''}; the server's node flags: ${SERVER_NODE_FLAGS ? `\`${SERVER_NODE_FLAGS}\`` : 'none (Node 20\'s default heap policy)'}.`,
        '',
        table,
        '',
        `- Scans acknowledged (2xx): ${acknowledged}; rows added to \`scans\`: ${after - before} — ${acknowledged === after - before ? 'equal: every acknowledged scan is stored' : 'NOT EQUAL'}.`,
        `- Offline verification (shared \`verifyCode\`, credential and device proof, one core): ${fmt(offline.codes)} codes/s; one raw Ed25519 verification (@noble/curves, strict as \`verifyCode\`): ${fmt(offline.raw)}/s; ratio ${(offline.codes / offline.raw).toFixed(2)}.`,
        `- Server resident memory after the runs above: ${memoryAfterBench.toFixed(0)} MiB.`,
        '',
        `**A surge**: ${CONNECTIONS * 10} connections (ten times the runs above) send scans for ${SECONDS} s, while one more phone scans every 50 ms with the app's 15 s timeout;`,
        'the crowd does not back off (a refused phone would wait Retry-After, or keep its scan for later, R17), so each refusal is followed by a new request at once.',
        '',
        surgeTable(surges),
        '',
        // A scan stored but not acknowledged (its answer came after the run stopped reading, or after the timeout) is resent by the phone and kept once (R17).
        ...surges.map((s) => `- ${s.name}: scans acknowledged ${s.acknowledged}, rows added ${s.stored} — ${s.stored >= s.acknowledged ? `every acknowledged scan is stored${s.stored > s.acknowledged ? ` (${s.stored - s.acknowledged} more stored whose answer was not read: the run stopped, or the phone's time ran out)` : ''}` : 'SOME ACKNOWLEDGED SCANS ARE MISSING'}.`),
        '',
        '**Issue 7 targets in this run**:',
        ...targets(rows, offline, memory, native).map((t) => (t.startsWith('  ') ? `  - ${t.trim()}` : `- ${t}`)),
        '',
        memory
          ? `- Memory after ${memory.scans / 2} + ${memory.scans / 2} scans in two identical rounds: settled ${memory.first.settled.toFixed(0)} MiB, then ${memory.second.settled.toFixed(0)} MiB ` +
            `(as each round's load stopped: ${memory.first.atEnd.toFixed(0)} and ${memory.second.atEnd.toFixed(0)} MiB, garbage of the requests in flight included; settled is the resident size once it stops falling, at most ${SETTLE_MS / 1000} s later).`
          : '- Memory after a million scans: run with `BENCH_MEMORY_SCANS=1000000`.',
      ].join('\n');
      process.stdout.write(`${body}\n`);
      writeSection('http', body);
    } finally {
      for (const c of children) c.kill('SIGTERM');
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
