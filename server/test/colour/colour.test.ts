import { makeIdNumber } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { buildRoutes } from '../../src/routes';
import { apiKey, bearer, createInstitution, loginAs, registerResident, type Actor, type InstitutionActor } from '../helpers/actors';

let t: TestContext;
let official: Actor;
let lab: InstitutionActor;
let unit: InstitutionActor;
let seq = 400;

beforeAll(async () => {
  t = await createTestContext();
  official = await loginAs(t, 'colour-official', 'official');
  lab = await createInstitution(t, official, 'testing');
  unit = await createInstitution(t, official, 'vaccination');
});
afterAll(() => t.close());
// Sessions last 30 minutes of the test clock, and some tests move it hours ahead.
beforeEach(async () => {
  official = await loginAs(t, 'colour-official', 'official');
});
/** A fresh session for an actor after the clock moved. */
async function again<A extends Actor>(who: A, code: string): Promise<A> {
  return { ...who, token: (await loginAs(t, code)).token };
}

const hoursAgo = (h: number) => new Date(t.clock.now().getTime() - h * 3600_000).toISOString();
const person = (code: string) => registerResident(t, { code, seq: (seq += 1), name: '测试居民' });
const colourOf = (who: Actor, lang = 'en') => t.request().get('/api/v1/me/colour').set(bearer(who)).set('Accept-Language', lang);

async function uploadTest(who: { name: string; idNumber: string }, result: 'negative' | 'positive', sampledHoursAgo: number) {
  const res = await t.request().post('/api/v1/institutions/test-results').set(apiKey(lab))
    .send({ records: [{ recordId: `t-${(seq += 1)}`, name: who.name, idNumber: who.idNumber, sampledAt: hoursAgo(sampledHoursAgo), result }] });
  expect(res.body.accepted).toBe(1);
}

describe('R4: the colour comes from the records, with reasons and measures', () => {
  it('R4: a resident with no records is green, with no reasons or measures', async () => {
    const r = await person('colour-green');
    const res = await colourOf(r);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ colour: 'green', vaccinated: false, reasons: [], measures: [] });
  });

  it('R4: a positive test turns the code red, with the reason and the measures in the caller’s language', async () => {
    const r = await person('colour-positive');
    await uploadTest(r, 'positive', 3);
    const en = await colourOf(r, 'en');
    expect(en.body.colour).toBe('red');
    expect(en.body.reasons[0]).toMatchObject({ code: 'POSITIVE_TEST' });
    expect(en.body.reasons[0].message).toMatch(/[A-Za-z]/);
    expect(en.body.measures.length).toBeGreaterThan(0);
    const zh = await colourOf(r, 'zh-CN');
    expect(zh.body.reasons[0].message).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.body.measures[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('R4: a positive test older than 14 days no longer counts', async () => {
    const r = await person('colour-old-positive');
    await uploadTest(r, 'positive', 15 * 24);
    expect((await colourOf(r)).body.colour).toBe('green');
  });

  it('R36: a declared fever turns the code yellow; a negative test sampled after it lifts it', async () => {
    const r = await person('colour-fever');
    const d = await t.request().post('/api/v1/me/declarations').set(bearer(r)).send({ symptoms: ['fever'], temperature: 38.4, trips: [] });
    expect(d.status).toBe(201);
    const yellow = await colourOf(r);
    expect(yellow.body.colour).toBe('yellow');
    expect(yellow.body.reasons.map((x: { code: string }) => x.code)).toContain('DECLARED_SYMPTOMS');
    t.clock.advance(2 * 3600_000);
    await uploadTest(r, 'negative', 1);
    expect((await colourOf(await again(r, 'colour-fever'))).body.colour).toBe('green');
  });

  it('R36: declaring no symptoms and a harmless trip cannot lower a red code', async () => {
    const r = await person('colour-false-declaration');
    await uploadTest(r, 'positive', 2);
    const d = await t.request().post('/api/v1/me/declarations').set(bearer(r)).send({ symptoms: [], temperature: 36.5, trips: [] });
    expect(d.status).toBe(201);
    expect((await colourOf(r)).body.colour).toBe('red');
  });

  it('R7: the vaccination badge shows once the course is complete, wherever the doses were given', async () => {
    const r = await person('colour-vaccinated');
    const other = await createInstitution(t, official, 'vaccination', '另一个接种点');
    const dose = (inst: InstitutionActor, n: number) =>
      t.request().post('/api/v1/institutions/vaccinations').set(apiKey(inst))
        .send({ records: [{ recordId: `v-${(seq += 1)}`, name: r.name, idNumber: r.idNumber, doseNumber: n, vaccine: '新冠病毒灭活疫苗', vaccinatedAt: hoursAgo(24 * (90 - n)) }] });
    expect((await dose(unit, 1)).body.accepted).toBe(1);
    expect((await colourOf(r)).body.vaccinated).toBe(false);
    expect((await dose(other, 2)).body.accepted).toBe(1);
    const res = await colourOf(r);
    expect(res.body).toMatchObject({ vaccinated: true, colour: 'green' });
  });
});

describe('R31: officials correct colours with a reason', () => {
  it('R31: an override needs a reason; with one it sets the colour the resident and checkpoints see (R33 audited)', async () => {
    const r = await person('colour-override');
    const url = `/api/v1/officials/residents/${r.residentId}/colour-override`;
    const noReason = await t.request().post(url).set(bearer(official)).set('Accept-Language', 'en').send({ colour: 'yellow' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details.fields).toEqual([expect.objectContaining({ path: 'reason', code: 'REQUIRED' })]);
    const res = await t.request().post(url).set(bearer(official)).send({ colour: 'yellow', reason: '与确诊病例同一航班，居家健康监测' });
    expect(res.status).toBe(201);
    expect(res.body.override).toMatchObject({ colour: 'yellow', reason: '与确诊病例同一航班，居家健康监测' });
    expect(res.body.resident.idNumber).toMatch(/^\d{3}\*+[\dX]{4}$/);
    const mine = await colourOf(r);
    expect(mine.body.colour).toBe('yellow');
    expect(mine.body.reasons[0]).toMatchObject({ code: 'OFFICIAL_OVERRIDE' });
    const audit = await t.db('audit_log').where({ action: 'colour.override', target_id: r.residentId, actor_id: official.accountId });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({ from: 'green', to: 'yellow' });
  });

  it('R31: an override lowers a wrong red on appeal; a positive test after it turns the code red again', async () => {
    const r = await person('colour-appeal');
    await uploadTest(r, 'positive', 5);
    const url = `/api/v1/officials/residents/${r.residentId}/colour-override`;
    expect((await t.request().post(url).set(bearer(official)).send({ colour: 'green', reason: '检测机构录入错误，已复核为阴性' })).status).toBe(201);
    expect((await colourOf(r)).body.colour).toBe('green');
    t.clock.advance(3600_000);
    await uploadTest(r, 'positive', 0.5);
    expect((await colourOf(await again(r, 'colour-appeal'))).body.colour).toBe('red');
  });

  it('R31: an expired override no longer applies, and clearing one hands the colour back to the records', async () => {
    const r = await person('colour-expiring');
    const url = `/api/v1/officials/residents/${r.residentId}/colour-override`;
    const expiresAt = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    expect((await t.request().post(url).set(bearer(official)).send({ colour: 'red', reason: '临时管控，等待流调结果', expiresAt })).status).toBe(201);
    expect((await colourOf(r)).body.colour).toBe('red');
    t.clock.advance(3600_001);
    const fresh = await again(r, 'colour-expiring');
    official = await loginAs(t, 'colour-official', 'official');
    expect((await colourOf(fresh)).body.colour).toBe('green');
    expect((await t.request().post(url).set(bearer(official)).send({ colour: 'yellow', reason: '居家健康监测七天' })).status).toBe(201);
    const cleared = await t.request().post(`${url}/clear`).set(bearer(official)).send({ reason: '监测期满，解除' });
    expect(cleared.status).toBe(200);
    expect(cleared.body.override).toBeNull();
    expect((await colourOf(fresh)).body.colour).toBe('green');
  });

  it('R31: an expiry in the past, an unknown person and a resident caller are each refused', async () => {
    const r = await person('colour-refusals');
    const url = `/api/v1/officials/residents/${r.residentId}/colour-override`;
    const past = await t.request().post(url).set(bearer(official)).send({ colour: 'red', reason: '测试过去时间', expiresAt: hoursAgo(1) });
    expect(past.status).toBe(422);
    expect(past.body.error.details.fields[0].path).toBe('expiresAt');
    const nobody = await t.request().post('/api/v1/officials/residents/00000000-0000-7000-8000-000000000000/colour-override').set(bearer(official)).send({ colour: 'red', reason: '不存在的人' });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error.code).toBe('RESIDENT_NOT_FOUND');
    const self = await t.request().post(url).set(bearer(r)).send({ colour: 'green', reason: '我自己改成绿码' });
    expect(self.status).toBe(403);
    expect((await colourOf(r)).body.colour).toBe('green');
  });
});

describe('R33: reads of another person’s data and official actions are audited, append-only', () => {
  it('R33: looking a person up by ID number is audited with the number masked', async () => {
    const r = await person('colour-lookup');
    const res = await t.request().post('/api/v1/officials/residents/lookup').set(bearer(official)).send({ idNumber: r.idNumber });
    expect(res.status).toBe(200);
    expect(res.body.resident.id).toBe(r.residentId);
    const missing = makeIdNumber({ birthDate: '1960-01-01', sex: 'male', seq: 999 });
    expect((await t.request().post('/api/v1/officials/residents/lookup').set(bearer(official)).send({ idNumber: missing })).status).toBe(404);
    const rows = await t.db('audit_log').where({ action: 'resident.lookup', actor_id: official.accountId });
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.details).not.toMatch(/\d{17}[\dX]/);
    const view = await t.request().get(`/api/v1/officials/residents/${r.residentId}/colour`).set(bearer(official));
    expect(view.status).toBe(200);
    expect(await t.db('audit_log').where({ action: 'resident.colour.view', target_id: r.residentId })).toHaveLength(1);
  });

  it('R33: the audit log cannot be edited or deleted, not even with SQL', async () => {
    const [row] = await t.db('audit_log').limit(1);
    // better-sqlite3's error class belongs to the first test file's realm, so match the message, not the class.
    await expect(t.db('audit_log').where({ id: row.id }).update({ action: 'edited' })).rejects.toHaveProperty('message', expect.stringMatching(/append-only/));
    await expect(t.db('audit_log').where({ id: row.id }).del()).rejects.toHaveProperty('message', expect.stringMatching(/append-only/));
    const writes = buildRoutes(t.services, t.deps).filter((r) => r.path.includes('audit') && r.method !== 'get');
    expect(writes).toEqual([]);
  });
});

describe('R33: officials read the audit log, filtered; reading it is recorded too', () => {
  it('R33: filters by target and action prefix, newest first, and notes the read', async () => {
    const r = await registerResident(t, { code: 'colour-audit-read', seq: (seq += 1) });
    const url = `/api/v1/officials/residents/${r.residentId}/colour-override`;
    await t.request().post(url).set(bearer(official)).send({ colour: 'yellow', reason: '审计日志测试一' });
    t.clock.advance(1000);
    await t.request().post(`${url}/clear`).set(bearer(official)).send({ reason: '审计日志测试二' });
    const res = await t.request().get('/api/v1/officials/audit').query({ targetId: r.residentId, action: 'colour.' }).set(bearer(official));
    expect(res.status).toBe(200);
    expect(res.body.records.map((x: { action: string }) => x.action)).toEqual(['colour.override.clear', 'colour.override']);
    expect(res.body.total).toBe(2);
    expect(await t.db('audit_log').where({ action: 'audit.read', actor_id: official.accountId })).toHaveLength(1);
    // An underscore is a character, not a wildcard.
    const keys = await t.request().get('/api/v1/officials/audit').query({ action: 'signing_key.' }).set(bearer(official));
    expect(keys.body.records.every((x: { action: string }) => x.action.startsWith('signing_key.'))).toBe(true);
    const resident = await t.request().get('/api/v1/officials/audit').set(bearer(r));
    expect(resident.status).toBe(403);
  });
});
