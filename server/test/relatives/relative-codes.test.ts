import { errorMessages, makeCode, maskName, readCredential } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { apiKey, bearer, createInstitution, loginAs, registerResident, type Actor, type InstitutionActor, type ResidentActor } from '../helpers/actors';
import { newId } from '../../src/lib/ids';
import { bind, BORN, FACE_OK, HOUR, person, type Person } from './helpers';

let t: TestContext;
let guardian: ResidentActor;
let stranger: ResidentActor;
let official: Actor;
let checkpoint: Actor;
let lab: InstitutionActor;
let unit: InstitutionActor;
const grandpa: Person = person(BORN.age72, 1, '林阿公', '130102');
const baby: Person = person(BORN.age0, 2, '林小豆', '130102');
const strangersKid: Person = person(BORN.age0, 3, '赵小米', '130102');
let grandpaId: string;
let babyId: string;
let strangersKidId: string;

beforeAll(async () => {
  t = await createTestContext();
  await t.services.keys.ensureActiveKey();
  guardian = await registerResident(t, { code: 'codes-guardian', seq: 201, name: '林大山' });
  stranger = await registerResident(t, { code: 'codes-stranger', seq: 202, name: '赵一民' });
  official = await loginAs(t, 'codes-official', 'official');
  checkpoint = await loginAs(t, 'codes-checkpoint', 'checkpoint');
  lab = await createInstitution(t, official, 'testing', '河北省测试检测中心');
  unit = await createInstitution(t, official, 'vaccination', '河北省测试接种点');
  grandpaId = (await bind(t, guardian, grandpa, { ...FACE_OK, relationship: 'grandparent' })).body.id;
  t.clock.advance(1000);
  babyId = (await bind(t, guardian, baby, { relationship: 'child' })).body.id;
  strangersKidId = (await bind(t, stranger, strangersKid)).body.id;
  expect([grandpaId, babyId, strangersKidId].every(Boolean)).toBe(true);
});
afterAll(() => t.close());

const ago = (hours: number) => new Date(t.clock.now().getTime() - hours * HOUR).toISOString();
const get = (who: Actor, path: string) => t.request().get(`/api/v1${path}`).set(bearer(who));

/** Every route about one relative, as the app calls it. */
const ROUTES: Array<[method: 'get' | 'post' | 'delete', suffix: string, body?: object]> = [
  ['get', ''],
  ['delete', ''],
  ['get', '/colour'],
  ['post', '/credential', {}],
  ['get', '/test-results'],
  ['get', '/vaccinations'],
  ['get', '/declarations'],
  ['post', '/declarations', { symptoms: ['cough'], trips: [] }],
];

function call(who: Actor, method: 'get' | 'post' | 'delete', id: string, suffix: string, body?: object) {
  const req = t.request()[method](`/api/v1/me/relatives/${id}${suffix}`).set(bearer(who));
  return body ? req.send(body) : req;
}

describe('R26: only a bound guardian reaches a relative', () => {
  it('R26: a stranger account, a nonexistent id, the guardian himself and another guardian\'s relative all get the same 404', async () => {
    const expected = { error: { code: 'RELATIVE_NOT_FOUND', message: errorMessages.RELATIVE_NOT_FOUND.zh } };
    for (const [method, suffix, body] of ROUTES) {
      const answers = [
        await call(stranger, method, grandpaId, suffix, body), // exists, not his
        await call(guardian, method, newId(t.clock.now().getTime()), suffix, body), // does not exist
        await call(guardian, method, 'no-such-person', suffix, body), // not even an id
        await call(guardian, method, guardian.residentId, suffix, body), // himself: his own /me routes
        await call(guardian, method, strangersKidId, suffix, body), // someone else's relative
      ];
      for (const res of answers) {
        expect([method, suffix, res.status, res.body]).toEqual([method, suffix, 404, expected]);
      }
    }
    // Nothing was declared or unbound by those calls.
    expect(await t.db('declarations').whereIn('resident_id', [grandpaId, strangersKidId, guardian.residentId])).toEqual([]);
    expect((await get(guardian, '/me/relatives')).body.relatives).toHaveLength(2);
    expect((await get(stranger, '/me/relatives')).body.relatives.map((r: { id: string }) => r.id)).toEqual([strangersKidId]);
  });

  it('R26: the guardian switches between relatives from his list; each has its own colour, apart from his own', async () => {
    const list = await get(guardian, '/me/relatives');
    expect(list.body.relatives.map((r: { id: string; name: string; relationship: string }) => [r.id, r.name, r.relationship])).toEqual([
      [grandpaId, maskName(grandpa.name), 'grandparent'],
      [babyId, maskName(baby.name), 'child'],
    ]);
    const colour = await get(guardian, `/me/relatives/${babyId}/colour`);
    expect(colour.status).toBe(200);
    expect(colour.body).toMatchObject({ colour: 'green', vaccinated: false, reasons: [], measures: [] });
  });
});

describe('R26, R28, R29: a relative\'s records and colour, as for the guardian himself', () => {
  it('R26: a positive test uploaded by an institution turns the relative red, and only him', async () => {
    const upload = await t
      .request()
      .post('/api/v1/institutions/test-results')
      .set(apiKey(lab))
      .send({ records: [{ recordId: 'REL-POS-1', name: grandpa.name, idNumber: grandpa.idNumber, sampledAt: ago(20), result: 'positive', reportedAt: ago(6) }] });
    expect(upload.body).toMatchObject({ accepted: 1 });

    const colour = await get(guardian, `/me/relatives/${grandpaId}/colour`).set('Accept-Language', 'en-US');
    expect(colour.body.colour).toBe('red');
    expect(colour.body.reasons[0]).toMatchObject({ code: 'POSITIVE_TEST', detail: lab.name });
    expect(colour.body.measures.map((m: { code: string }) => m.code)).toContain('ISOLATION_TREATMENT');

    const list = await get(guardian, '/me/relatives');
    expect(list.body.relatives.map((r: { id: string; colour: string }) => [r.id, r.colour])).toEqual([
      [grandpaId, 'red'],
      [babyId, 'green'],
    ]);
    expect((await get(guardian, '/me/colour')).body.colour).toBe('green');

    const tests = await get(guardian, `/me/relatives/${grandpaId}/test-results`);
    expect(tests.body).toEqual({
      testResults: [{ id: expect.any(String), result: 'positive', sampledAt: ago(20), reportedAt: ago(6), institution: lab.name }],
    });
    expect((await get(guardian, '/me/test-results')).body.testResults).toEqual([]);
    expect((await get(guardian, `/me/relatives/${babyId}/test-results`)).body.testResults).toEqual([]);
  });

  it('R29: vaccinations recorded by a unit show for the relative, with the badge once the course is complete (R7)', async () => {
    const doses = [1, 2].map((dose) => ({ recordId: `REL-VAC-${dose}`, name: baby.name, idNumber: baby.idNumber, doseNumber: dose, vaccine: '测试疫苗', vaccinatedAt: ago(24 * (60 - dose * 20)) }));
    expect((await t.request().post('/api/v1/institutions/vaccinations').set(apiKey(unit)).send({ records: doses })).body).toMatchObject({ accepted: 2 });
    const list = await get(guardian, `/me/relatives/${babyId}/vaccinations`);
    expect(list.body.vaccinations.map((v: { doseNumber: number; institution: string }) => [v.doseNumber, v.institution])).toEqual([
      [2, unit.name],
      [1, unit.name],
    ]);
    const relatives = await get(guardian, '/me/relatives');
    expect(relatives.body.relatives.find((r: { id: string }) => r.id === babyId).vaccinated).toBe(true);
    expect((await get(guardian, '/me/vaccinations')).body.vaccinations).toEqual([]);
  });

  it("R26: the relative's credential is his own code, issued as POST /me/credential, and a checkpoint reads it as his", async () => {
    const res = await t.request().post(`/api/v1/me/relatives/${grandpaId}/credential`).set(bearer(guardian)).send({});
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ colour: { colour: 'red' }, deviceKey: { publicKey: expect.any(String), privateKey: expect.any(String) } });
    const claims = readCredential(res.body.credential);
    const stored = await t.services.residents.findById(grandpaId);
    const own = await t.services.residents.findById(guardian.residentId);
    expect(claims.codeId).toBe(stored!.codeId);
    expect(claims.codeId).not.toBe(own!.codeId);
    expect(claims.colour).toBe('red');

    const verified = await t
      .request()
      .post('/api/v1/checkpoint/verify')
      .set(bearer(checkpoint))
      .send({ code: makeCode(res.body.credential, res.body.deviceKey.privateKey, t.clock.now()) });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ colour: 'red', name: maskName(grandpa.name) });
  });

  it('R36: a guardian declares for a relative; the record is the relative\'s, notes who declared, and feeds his colour', async () => {
    const body = { symptoms: ['fever', 'cough'], temperature: 38.4, trips: [] };
    const res = await t.request().post(`/api/v1/me/relatives/${babyId}/declarations`).set(bearer(guardian)).send(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), declaredAt: t.clock.now().toISOString(), ...body });
    const row = await t.db('declarations').where({ id: res.body.id }).first();
    expect(row).toMatchObject({ resident_id: babyId, account_id: guardian.accountId });

    expect((await get(guardian, `/me/relatives/${babyId}/declarations`)).body.declarations).toEqual([res.body]);
    expect((await get(guardian, '/me/declarations')).body.declarations).toEqual([]);
    const colour = await get(guardian, `/me/relatives/${babyId}/colour`);
    expect(colour.body.colour).toBe('yellow');
    expect(colour.body.reasons.map((r: { code: string }) => r.code)).toEqual(['DECLARED_SYMPTOMS']);
    expect((await get(guardian, '/me/colour')).body.colour).toBe('green');

    const bad = await t.request().post(`/api/v1/me/relatives/${babyId}/declarations`).set(bearer(guardian)).send({ symptoms: [], temperature: 50, trips: [] });
    expect([bad.status, bad.body.error.details.fields[0].code]).toEqual([422, 'TEMPERATURE_RANGE']);
  });
});
