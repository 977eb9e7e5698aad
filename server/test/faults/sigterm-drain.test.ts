/**
 * Issue 8 item 4 (b): SIGTERM under load. The real server (server/src/main.ts as its own
 * process, over a SQLite temp file, or a fresh MariaDB database when the suite runs on it) takes a steady stream of scans from several residents over
 * kept-alive connections, as a load balancer sends them; SIGTERM arrives mid-stream. The
 * requests in flight finish, new connections are refused, the process exits 0 within 10 s,
 * and afterwards the database holds exactly the scans that were acknowledged (R16, R17).
 */
import { Agent } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { makeIdNumber } from '@health-code/shared';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { call, isAnswer, type Answer } from '../helpers/http-client';

jest.setTimeout(120_000);

const RESIDENTS = 4;
const WORKERS = 8;

let dir: string;
let database: TestDatabase;
let server: ServerProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hc-sigterm-'));
  database = await createTestDatabase({ sqliteFile: true });
  server = await startServerProcess({
    NODE_ENV: 'development',
    DATABASE_URL: database.url,
    SECRETS_FILE: join(dir, 'secrets.json'),
    // The demo data gives a passed venue (its owner downloads the poster) and nothing else we count.
    DEMO_DATA: 'true',
    // The 'shutting down' line tells the test when the server has taken the signal.
    LOG_LEVEL: 'info',
    SHUTDOWN_GRACE_MS: '8000',
  });
}, 90_000);

afterAll(async () => {
  server?.kill();
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function ok(answer: Promise<Answer>, status: number): Promise<any> {
  const a = await answer;
  if (!isAnswer(a) || a.status !== status) throw new Error(`expected ${status}, got ${JSON.stringify(a).slice(0, 300)}`);
  return a.body;
}

/** A new synthetic resident, registered through the API as the app does it (R1). */
async function register(seq: number): Promise<{ token: string; accountId: string }> {
  const login = await ok(call(server.url, 'POST', '/api/v1/auth/login', { body: { platform: 'dev', code: `drain-resident-${seq}` } }), 200);
  const phone = `1390000${String(7100 + seq).padStart(4, '0')}`;
  await ok(call(server.url, 'POST', '/api/v1/sms/send', { token: login.token, body: { phone } }), 202);
  const { code } = await ok(call(server.url, 'POST', '/api/v1/dev/sms/latest', { body: { phone } }), 200);
  const idNumber = makeIdNumber({ birthDate: '1985-03-09', sex: seq % 2 ? 'male' : 'female', seq: 600 + seq });
  const done = await ok(call(server.url, 'POST', '/api/v1/residents/register', { token: login.token, body: { name: '测试居民', idNumber, phone, smsCode: code } }), 201);
  return { token: done.token, accountId: login.account.id };
}

/** The venue code on the demo venue's poster, as a phone camera reads it (R13, R14). */
async function venueCode(): Promise<string> {
  const owner = await ok(call(server.url, 'POST', '/api/v1/auth/login', { body: { platform: 'dev', code: 'demo-green' } }), 200);
  const mine = await ok(call(server.url, 'GET', '/api/v1/me/venues', { token: owner.token }), 200);
  const venue = (mine.venues as Array<{ id: string; status: string }>).find((v) => v.status === 'passed');
  if (!venue) throw new Error('the demo data has no passed venue');
  const png = await call(server.url, 'GET', `/api/v1/me/venues/${venue.id}/poster.png`, { token: owner.token, raw: true });
  if (!isAnswer(png) || png.status !== 200) throw new Error(`poster: ${JSON.stringify(png).slice(0, 200)}`);
  const image = PNG.sync.read(png.body as Buffer);
  const text = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
  if (!text) throw new Error('the poster did not decode');
  return text;
}

describe('SIGTERM under load: the drain', () => {
  it('R16/R17: requests in flight finish, new connections are refused, exit 0 within 10 s, and every acknowledged scan (and no other) is stored', async () => {
    const code = await venueCode();
    const people = await Promise.all(Array.from({ length: RESIDENTS }, (_, i) => register(i + 1)));

    type Sent = { id: string; sentAt: number; answeredAt: number; answer: Answer };
    const sent: Sent[] = [];
    // Kept-alive connections, as a load balancer or a phone's HTTP stack reuses them.
    const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });
    let firing = true;
    let seq = 0;
    const worker = async (w: number) => {
      const who = people[w % RESIDENTS];
      while (firing) {
        const id = `drain-${w}-${(seq += 1)}`;
        const sentAt = Date.now();
        const answer = await call(server.url, 'POST', '/api/v1/scans', { token: who.token, body: { venueCode: code, clientRequestId: id }, agent, timeoutMs: 15_000 });
        sent.push({ id, sentAt, answeredAt: Date.now(), answer });
        // Once the server is gone, this worker stops (a phone would show "network" and retry later).
        if (!isAnswer(answer) && answer.error === 'ECONNREFUSED') return;
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));

    // A steady stream first: some acknowledged scans before the signal.
    const started = Date.now();
    while (sent.filter((s) => isAnswer(s.answer) && s.answer.status === 201).length < 40) {
      if (Date.now() - started > 30_000) throw new Error(`the stream did not start: ${JSON.stringify(sent.slice(-3))}\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 20));
    }

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    // When the server has taken the signal, a new connection is refused (or answered 503).
    while (!server.output().includes('shutting down')) {
      if (Date.now() - signalledAt > 10_000) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const fresh = await call(server.url, 'GET', '/readyz', { agent: false, timeoutMs: 5_000 });
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([server.exited, new Promise<null>((r) => (timer = setTimeout(() => r(null), 15_000)))]);
    clearTimeout(timer);
    firing = false;
    await Promise.all(workers);
    agent.destroy();

    // The process exits by itself, with 0, within 10 s of the signal.
    expect(exit).not.toBeNull();
    expect({ code: exit!.code, signal: exit!.signal }).toEqual({ code: 0, signal: null });
    expect(exit!.at - signalledAt).toBeLessThan(10_000);
    expect(isAnswer(fresh) ? fresh.status : fresh.error).toEqual(expect.stringMatching(/^(ECONNREFUSED|503)$/));

    // Every request is acknowledged, or refused whole: a 503, or a new connection refused. No
    // 500, and no reset: a request already sent on a kept-alive connection is read and answered
    // (with Connection: close), not dropped with the connection.
    const acked = sent.filter((s) => isAnswer(s.answer) && s.answer.status === 201);
    const others = sent.filter((s) => !acked.includes(s));
    for (const s of others) {
      const what = isAnswer(s.answer) ? String(s.answer.status) : s.answer.error;
      expect(['503', 'ECONNREFUSED']).toContain(what);
    }
    // Requests in flight when the signal came were answered: some acknowledgements came after it.
    const inFlightAnswered = acked.filter((s) => s.sentAt <= signalledAt && s.answeredAt > signalledAt);
    expect(inFlightAnswered.length).toBeGreaterThan(0);

    // Afterwards, the database holds exactly the acknowledged scans: none lost, none extra.
    const stored = (await database.db('scans').whereIn('account_id', people.map((p) => p.accountId)).pluck('client_request_id')) as string[];
    expect(stored.length).toBe(acked.length);
    expect(new Set(stored)).toEqual(new Set(acked.map((s) => s.id)));
    // For the report: how the stream went.
    const tally = new Map<string, number>();
    for (const s of sent) {
      const k = isAnswer(s.answer) ? String(s.answer.status) : s.answer.error;
      tally.set(k, (tally.get(k) ?? 0) + 1);
    }
    process.stdout.write(`SIGTERM drain: ${sent.length} requests ${JSON.stringify(Object.fromEntries(tally))}; ${inFlightAnswered.length} in flight at the signal answered 201; exit after ${exit!.at - signalledAt} ms\n`);
  });
});
