/**
 * Issue 7 (a surge past the plan must not take the service down): a process past its capacity
 * refuses at once with 503 SERVER_BUSY and Retry-After, in the caller's language, before reading
 * a body or a session; liveness and readiness are still answered; a refused scan is not stored,
 * and the phone's resend (same client request id, R17) is stored once. Both signals are tested:
 * requests in flight (held open by uploads that have not finished) and the event loop's delay
 * (a loop kept busy).
 */
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, registerResident, type ResidentActor } from '../helpers/actors';
import { insertVenue } from '../helpers/venues';

jest.setTimeout(30_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${ms} ms`);
    await sleep(20);
  }
}

let logins = 0;

/** A login whose body is sent only in part: the request stays in flight until `finish`. */
function heldOpen(port: number): { finish(): Promise<number> } {
  const body = JSON.stringify({ platform: 'dev', code: `held-${(logins += 1)}` });
  const req = httpRequest({ port, method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
  const answered = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
  // A connection closed by the suite's end is no failure of its own; finish() still reports it.
  answered.catch(() => undefined);
  req.write(body.slice(0, 5));
  return {
    finish() {
      req.end(body.slice(5));
      return answered;
    },
  };
}

describe('overload protection: requests in flight (issue 7)', () => {
  let t: TestContext;
  let server: Server;
  let port: number;
  let person: ResidentActor;
  let venueCode: string;

  beforeAll(async () => {
    t = await createTestContext({ env: { MAX_REQUESTS_IN_FLIGHT: '2', MAX_EVENT_LOOP_DELAY_MS: '0' } });
    await t.services.keys.ensureActiveKey();
    person = await registerResident(t, { code: 'overload-resident', seq: 930 });
    venueCode = (await insertVenue(t, { ownerResidentId: person.residentId, ownerAccountId: person.accountId, name: '过载测试超市' })).codeText;
    server = createServer(t.app.callback());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    // A failed test may leave an upload unfinished: close its connection too.
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await t.close();
  });

  it('past the limit: 503 SERVER_BUSY at once, with Retry-After, in the caller language; health answered; a refused scan is not stored, its resend is stored once (R17)', async () => {
    const held = [heldOpen(port), heldOpen(port)];
    const busy = await until(
      'the third request refused',
      () => t.request().get('/api/v1/venue-categories').set('Accept-Language', 'en-US'),
      (res) => res.status === 503,
    );
    expect(busy.body.error.code).toBe('SERVER_BUSY');
    const seconds = Number(busy.headers['retry-after']);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(4);
    expect(busy.body.error.message).toBe(`Too many people are using the service right now; try again in ${seconds} s`);
    // Answers a refusal as any other: the security headers are on it.
    expect(busy.headers['x-content-type-options']).toBe('nosniff');

    const zh = await t.request().get('/api/v1/venue-categories').set('Accept-Language', 'zh-CN');
    expect(zh.status).toBe(503);
    expect(zh.body.error.message).toMatch(/^当前使用人数过多，请 [1-4] 秒后再试$/);

    // A busy process is alive and ready: the balancer must not take it out for being busy.
    expect((await t.request().get('/healthz')).status).toBe(200);
    expect((await t.request().get('/readyz')).status).toBe(200);

    const scan = { venueCode, clientRequestId: 'overload-scan-1' };
    const refused = await t.request().post('/api/v1/scans').set(bearer(person)).send(scan);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('SERVER_BUSY');
    expect(await t.db('scans').where({ client_request_id: scan.clientRequestId }).count({ n: '*' }).first()).toMatchObject({ n: 0 });

    // The operator sees it in the log: one line per half second while refusing, not one per request.
    // Three refusals at least were made above (English, Chinese, the scan).
    const warned = await until(
      'warnings in the log counting the refusals',
      async () => t.logs.map((l) => JSON.parse(l)).filter((l) => l.msg?.startsWith('overloaded')),
      (lines) => lines.reduce((n, l) => n + l.refused, 0) >= 3,
    );
    expect(warned[0]).toMatchObject({ level: 'warn', inFlight: 2 });
    for (const line of warned) expect(line.refused).toBeGreaterThan(0);

    // The held requests were not harmed: they finish, and room is made.
    expect(await Promise.all(held.map((h) => h.finish()))).toEqual([200, 200]);
    const resent = await t.request().post('/api/v1/scans').set(bearer(person)).send(scan);
    expect(resent.status).toBe(201);
    expect(await t.db('scans').where({ client_request_id: scan.clientRequestId }).count({ n: '*' }).first()).toMatchObject({ n: 1 });
  });

  it('under the limit nothing is refused', async () => {
    const held = heldOpen(port);
    await sleep(50);
    const res = await t.request().get('/api/v1/venue-categories');
    expect(res.status).toBe(200);
    expect(await held.finish()).toBe(200);
  });
});

describe('overload protection: event loop delay (issue 7)', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext({ env: { MAX_REQUESTS_IN_FLIGHT: '0', MAX_EVENT_LOOP_DELAY_MS: '50' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('a loop kept late refuses with SERVER_BUSY; once it keeps time again, it answers', async () => {
    // The loop busy for 100 ms at a time, for 1.2 s: every reading of its delay is about 100 ms.
    const stopAt = Date.now() + 1200;
    while (Date.now() < stopAt) {
      const busyUntil = Date.now() + 100;
      while (Date.now() < busyUntil) {
        /* a request that takes the whole core */
      }
      await new Promise((r) => setImmediate(r));
    }
    const refused = await t.request().get('/api/v1/venue-categories');
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('SERVER_BUSY');
    expect(refused.headers['retry-after']).toMatch(/^[1-4]$/);
    await until('answers again once the loop is idle', () => t.request().get('/api/v1/venue-categories'), (res) => res.status === 200);
  });
});
