import { loadConfig, ConfigError } from '../../src/config';
import { deeperThan, MAX_JSON_DEPTH } from '../../src/http/json-depth';
import { createTestContext, type TestContext } from '../helpers/context';
import { apiKey, bearer, createInstitution, loginAs, registerResident, type ResidentActor } from '../helpers/actors';

/**
 * HTTP hardening (issue 8 item 3): body size and JSON depth limits with their own error codes,
 * the security headers on every answer, and a CORS policy that names its origins (none by
 * default). ASVS V13.1 / V14.4 / V14.5.
 */

const H5 = 'https://h5.health-code.example';
let t: TestContext;
let r: ResidentActor;
beforeAll(async () => {
  t = await createTestContext({ env: { CORS_ORIGINS: `${H5}, http://127.0.0.1:10086`, BATCH_BODY_LIMIT_KB: '32' } });
  r = await registerResident(t, { code: 'hardening', seq: 901 });
});
afterAll(() => t.close());

const nest = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('body limits: size and depth, each with its own code', () => {
  it('a body nested deeper than the limit is 400 BODY_TOO_DEEP, before validation; one level less reaches validation', async () => {
    const deep = await t.request().post('/api/v1/me/declarations').set(bearer(r)).set('Content-Type', 'application/json').set('Accept-Language', 'en').send(`{"symptoms":[],"trips":[],"x":${nest(MAX_JSON_DEPTH)}}`);
    expect(deep.status).toBe(400);
    expect(deep.body.error).toEqual({ code: 'BODY_TOO_DEEP', message: `The request body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)` });
    const fits = await t.request().post('/api/v1/me/declarations').set(bearer(r)).set('Content-Type', 'application/json').send(`{"symptoms":[],"trips":[],"x":${nest(MAX_JSON_DEPTH - 1)}}`);
    expect(fits.status).toBe(422);
    expect(fits.body.error.details.fields[0]).toMatchObject({ path: 'x', code: 'UNKNOWN_FIELD' });
  });

  it('a body nested tens of thousands deep is refused quickly, not walked recursively', async () => {
    const started = Date.now();
    const res = await t.request().post('/api/v1/me/declarations').set(bearer(r)).set('Content-Type', 'application/json').send(nest(25_000));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BODY_TOO_DEEP');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(deeperThan(JSON.parse(nest(200_000)), MAX_JSON_DEPTH)).toBe(true);
    expect(deeperThan({ a: [{ b: [1, { c: 'x' }] }] }, 5)).toBe(false);
    expect(deeperThan({ a: [{ b: [1, { c: 'x' }] }] }, 4)).toBe(true);
  });

  it('R28: the larger limit of institution batches is a setting too: past it, 413 BODY_TOO_LARGE and nothing stored', async () => {
    const official = await loginAs(t, 'hardening-official', 'official');
    const lab = await createInstitution(t, official, 'testing');
    const row = { recordId: 'x', name: '测试', idNumber: '11010519491231002X', sampledAt: '2026-11-21T08:00:00.000Z', result: 'negative' };
    const res = await t.request().post('/api/v1/institutions/test-results').set(apiKey(lab)).send({ records: Array.from({ length: 300 }, (_, i) => ({ ...row, recordId: `big-${i}` })) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('BODY_TOO_LARGE');
    expect(await t.db('test_results').count({ n: '*' }).first()).toMatchObject({ n: 0 });
  });

  it('a content type other than JSON reaches no handler as a body; an unknown charset is read as UTF-8, not a failure', async () => {
    const text = await t.request().post('/api/v1/me/declarations').set(bearer(r)).set('Content-Type', 'text/plain').send('{"symptoms":[],"trips":[]}');
    expect(text.status).toBe(422);
    const charset = await t.request().post('/api/v1/me/declarations').set(bearer(r)).set('Content-Type', 'application/json; charset=no-such-charset').send('{"symptoms":[],"trips":[]}');
    expect(charset.status).toBe(201);
  });
});

describe('security headers on every answer', () => {
  const expected = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
  it.each([
    ['a JSON answer', (x: TestContext) => x.request().get('/api/v1/me').set(bearer(r)), 200],
    ['a refusal', (x: TestContext) => x.request().get('/api/v1/me'), 401],
    ['an unknown path', (x: TestContext) => x.request().get('/api/v1/no-such-thing'), 404],
    ['a malformed body', (x: TestContext) => x.request().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{'), 400],
    ['liveness', (x: TestContext) => x.request().get('/healthz'), 200],
  ])('%s carries them, and a data answer may not run or be framed', async (_name, send, status) => {
    const res = await send(t);
    expect(res.status).toBe(status);
    expect(res.headers).toMatchObject(expected);
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('personal answers are never cached; the docs page keeps its own policy', async () => {
    expect((await t.request().get('/api/v1/me').set(bearer(r))).headers['cache-control']).toBe('no-store');
    const docs = await t.request().get('/docs');
    expect(docs.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(docs.headers['x-frame-options']).toBe('DENY');
  });
});

describe('CORS: only the origins the setting names', () => {
  it('an allowed origin is answered with its own name, no credentials, and the headers the app reads', async () => {
    const res = await t.request().get('/api/v1/me').set('Origin', H5).set(bearer(r));
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(H5);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers['access-control-expose-headers']).toBe('Retry-After,X-Request-Id,Content-Disposition');
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('an error answer carries the CORS headers too, so the app can read the refusal', async () => {
    const res = await t.request().get('/api/v1/me').set('Origin', H5);
    expect(res.status).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBe(H5);
  });

  it('a preflight from an allowed origin names the methods and headers; from any other origin it gets nothing', async () => {
    const ok = await t.request().options('/api/v1/scans').set('Origin', H5).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(H5);
    expect(ok.headers['access-control-allow-headers']).toBe('Authorization,Content-Type,Accept-Language,X-Request-Id');
    expect(ok.headers['access-control-allow-methods']).toContain('POST');
    expect(ok.headers['access-control-max-age']).toBe('600');
    for (const origin of ['https://evil.example', 'https://h5.health-code.example.evil.example', 'null', `${H5}:443`, H5.replace('https', 'http')]) {
      const res = await t.request().options('/api/v1/scans').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
      expect([origin, res.headers['access-control-allow-origin']]).toEqual([origin, undefined]);
      const get = await t.request().get('/api/v1/me').set('Origin', origin).set(bearer(r));
      expect([origin, get.headers['access-control-allow-origin']]).toEqual([origin, undefined]);
    }
  });

  it('by default no origin is allowed: the app is served by this server, the mini programs are not browsers', async () => {
    const plain = await createTestContext();
    try {
      const res = await plain.request().get('/healthz').set('Origin', H5);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await plain.close();
    }
  });

  it('the setting refuses a wildcard, a path or anything that is not an origin', () => {
    for (const bad of ['*', 'https://h5.example/app', 'h5.example', 'ftp://h5.example', 'https://h5.example, *']) {
      expect(() => loadConfig({ ...process.env, CORS_ORIGINS: bad })).toThrow(ConfigError);
    }
    expect(loadConfig({ ...process.env, CORS_ORIGINS: 'https://h5.example, http://127.0.0.1:10086' }).CORS_ORIGINS).toBe('https://h5.example, http://127.0.0.1:10086');
  });
});
