import { createTestContext, type TestContext } from './helpers/context';
import { openDatabase } from '../src/db/knex';
import { bearer, loginAs, registerResident, type ResidentActor } from './helpers/actors';

let t: TestContext;
let r: ResidentActor;
beforeAll(async () => {
  t = await createTestContext();
  r = await registerResident(t, { code: 'bad-input', seq: 501 });
});
afterAll(() => t.close());

describe('bad input gets a clear 4xx in the envelope, never a 500', () => {
  it('an oversized body is 413 BODY_TOO_LARGE, and nothing is stored', async () => {
    const big = { symptoms: [], trips: [], note: 'x'.repeat(t.deps.config.BODY_LIMIT_KB * 1024 + 10) };
    const res = await t.request().post('/api/v1/me/declarations').set(bearer(r)).set('Accept-Language', 'en').send(big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('BODY_TOO_LARGE');
    expect(await t.db('declarations').where({ resident_id: r.residentId })).toHaveLength(0);
  });

  it('malformed JSON is 400 MALFORMED_BODY', async () => {
    const res = await t.request().post('/api/v1/me/declarations').set(bearer(r)).set('Content-Type', 'application/json').send('{"symptoms": [');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_BODY');
  });

  it('an unknown field is named, in English or Chinese by Accept-Language', async () => {
    const en = await t.request().post('/api/v1/me/declarations').set(bearer(r)).set('Accept-Language', 'en-US,en;q=0.9').send({ symptoms: [], trips: [], colour: 'green' });
    expect(en.status).toBe(422);
    expect(en.body.error.details.fields).toEqual([{ path: 'colour', code: 'UNKNOWN_FIELD', message: 'Unknown field' }]);
    const zh = await t.request().post('/api/v1/me/declarations').set(bearer(r)).send({ symptoms: [], trips: [], colour: 'green' });
    expect(zh.body.error.details.fields[0].message).toBe('不认识的字段');
  });

  it("another person's id in an official route is 403 for a resident, and reveals nothing", async () => {
    const other = await registerResident(t, { code: 'bad-input-other', seq: 502 });
    const res = await t.request().get(`/api/v1/officials/residents/${other.residentId}/colour`).set(bearer(r));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ROLE_FORBIDDEN');
    expect(JSON.stringify(res.body)).not.toContain(other.residentId);
  });

  it('a checkpoint code in the wrong type is a 422 on the field', async () => {
    const cp = await loginAs(t, 'bad-input-cp', 'checkpoint');
    const res = await t.request().post('/api/v1/checkpoint/verify').set(bearer(cp)).send({ code: 12345 });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields[0].path).toBe('code');
  });

  it('a database that went away answers 503 with Retry-After, not 500', async () => {
    // A MySQL server that does not answer (nothing listens on port 9): connection refused.
    const gone = await createTestContext();
    const token = (await loginAs(gone, 'bad-input-db')).token;
    const away = await createTestContext({ db: openDatabase('mysql://root@127.0.0.1:9/none', 1) });
    const res = await away.request().get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    await away.deps.db.destroy();
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
    await gone.close();
    await away.close();
  });
});
