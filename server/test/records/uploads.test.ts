import { idCheckChar, makeIdNumber } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { apiKey, bearer, createInstitution, loginAs, registerResident, type Actor, type InstitutionActor } from '../helpers/actors';

let t: TestContext;
let official: Actor;
let lab: InstitutionActor;
let unit: InstitutionActor;
beforeAll(async () => {
  t = await createTestContext();
  official = await loginAs(t, 'upload-official', 'official');
  lab = await createInstitution(t, official, 'testing', '福田区核酸检测中心');
  unit = await createInstitution(t, official, 'vaccination', '福田区疫苗接种点');
});
afterAll(() => t.close());

const HOUR = 3600 * 1000;
const ago = (hours: number) => new Date(t.clock.now().getTime() - hours * HOUR).toISOString();
const count = async (table: string) => Number((await t.db(table).count({ n: '*' }))[0].n);

/** Distinct synthetic people: `region` keeps each test's people apart. */
function person(region: string, i: number) {
  const birthDate = `19${String(50 + Math.floor(i / 1000)).padStart(2, '0')}-0${1 + (Math.floor(i / 500) % 2)}-15`;
  return { name: `测试${'甲乙丙丁戊己庚辛壬癸'[i % 10]}人`, idNumber: makeIdNumber({ region, birthDate, sex: i % 2 ? 'male' : 'female', seq: i % 500 }) };
}

function testRow(recordId: string, p: { name: string; idNumber: string }, over: Record<string, unknown> = {}) {
  return { recordId, name: p.name, idNumber: p.idNumber, sampledAt: ago(20), result: 'negative', reportedAt: ago(8), ...over };
}

const upload = (body: unknown, who: InstitutionActor = lab, lang = 'zh-CN') =>
  t
    .request()
    .post(`/api/v1/institutions/${who.kind === 'testing' ? 'test-results' : 'vaccinations'}`)
    .set(apiKey(who))
    .set('Accept-Language', lang)
    .send(body as object);

describe('R28, R29: batch uploads with a per-row report', () => {
  it('R28: a batch of 3000 rows is accepted in one request; resent, every row is a duplicate and nothing changes', async () => {
    const records = Array.from({ length: 3000 }, (_, i) => testRow(`BULK-${i}`, person('310101', i), { result: i % 97 === 0 ? 'positive' : 'negative' }));
    const residentsBefore = await count('residents');
    const started = Date.now();
    const res = await upload({ records });
    const ms = Date.now() - started;
    console.info(`R28: 3000-row upload took ${ms} ms on ${process.env.TEST_DATABASE_URL ? 'MariaDB' : 'SQLite'}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 3000, duplicates: 0, refused: 0 });
    expect(res.body.rows).toHaveLength(3000);
    expect(res.body.rows[2999]).toEqual({ index: 2999, recordId: 'BULK-2999', status: 'accepted' });
    expect(await count('test_results')).toBe(3000);
    expect(await count('residents')).toBe(residentsBefore + 3000);

    const again = await upload({ records });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 3000, refused: 0 });
    expect(again.body.rows.every((r: { status: string }) => r.status === 'duplicate')).toBe(true);
    expect(await count('test_results')).toBe(3000);
    expect(await count('residents')).toBe(residentsBefore + 3000);

    // People first known from a record are not registered: they register themselves later (R2).
    const someone = await t.services.residents.findByIdNumber(records[5].idNumber);
    expect(someone).toMatchObject({ independent: false, phone: null, name: records[5].name });
  }, 120_000);

  it('R28: mixed good and bad rows: each refused row says why with its own code, field and message', async () => {
    const registered = await registerResident(t, { code: 'upload-mixed', seq: 7, name: '陈大文' });
    const good = person('320102', 1);
    const unknown = person('320102', 2);
    const id17 = good.idNumber.slice(0, 17);
    const badChecksum = id17 + (idCheckChar(id17) === '0' ? '1' : '0');
    const badRegion17 = `99${id17.slice(2)}`;
    const badBirth17 = `320102${'19901332'}001`;
    const rows: unknown[] = [
      testRow('M-0', good),
      testRow('M-1', { name: '王五', idNumber: badChecksum }),
      testRow('M-2', { name: '王五', idNumber: '12345' }),
      testRow('M-3', { name: '王五', idNumber: badRegion17 + idCheckChar(badRegion17) }),
      testRow('M-4', { name: '王五', idNumber: badBirth17 + idCheckChar(badBirth17) }),
      testRow('M-5', { name: '陈小文', idNumber: registered.idNumber }),
      testRow('M-6', good, { sampledAt: new Date(t.clock.now().getTime() + 24 * HOUR).toISOString(), reportedAt: undefined }),
      testRow('M-7', good, { result: 'maybe' }),
      { recordId: 'M-8', idNumber: good.idNumber, sampledAt: ago(3), result: 'negative' },
      testRow('M-0', good, { result: 'positive' }),
      testRow('M-10', good, { sampledAt: ago(5), reportedAt: ago(6) }),
      'not a row',
      { ...testRow('M-12', good), extra: 1 },
      testRow('M-13', good, { sampledAt: 'yesterday' }),
      testRow('M-14', { name: '12345', idNumber: good.idNumber }),
      testRow('M-15', unknown),
      testRow('M-16', { name: '另一个名字', idNumber: unknown.idNumber }),
      testRow('M-17', good, { sampledAt: '2001-01-01T00:00:00Z', reportedAt: undefined }),
      testRow('M-18', { name: '陈大文', idNumber: registered.idNumber.toLowerCase() }),
      { ...testRow('M-19', good), sampledAt: 12 },
    ];
    const res = await upload({ records: rows }, lab, 'en-US');
    expect(res.status).toBe(200);
    const byIndex = (i: number) => res.body.rows[i];
    expect(res.body).toMatchObject({ accepted: 3, duplicates: 0, refused: 17 });
    expect(byIndex(0)).toEqual({ index: 0, recordId: 'M-0', status: 'accepted' });
    expect(byIndex(1)).toEqual({
      index: 1,
      recordId: 'M-1',
      status: 'refused',
      code: 'ID_NUMBER_CHECKSUM',
      field: 'idNumber',
      message: 'The ID number check character is wrong; please check each digit',
    });
    const expected: Array<[number, string, string | undefined]> = [
      [2, 'ID_NUMBER_FORMAT', 'idNumber'],
      [3, 'ID_NUMBER_REGION', 'idNumber'],
      [4, 'ID_NUMBER_BIRTH_DATE', 'idNumber'],
      [5, 'NAME_ID_MISMATCH', 'name'],
      [6, 'FUTURE_TIME', 'sampledAt'],
      [7, 'INVALID_VALUE', 'result'],
      [8, 'REQUIRED', 'name'],
      [9, 'DUPLICATE_IN_BATCH', 'recordId'],
      [10, 'REPORTED_BEFORE_SAMPLED', 'reportedAt'],
      [11, 'INVALID_TYPE', undefined],
      [12, 'UNKNOWN_FIELD', 'extra'],
      [13, 'INVALID_FORMAT', 'sampledAt'],
      [14, 'NAME_FORMAT', 'name'],
      [16, 'NAME_ID_MISMATCH', 'name'],
      [17, 'INVALID_DATE', 'sampledAt'],
      [19, 'INVALID_TYPE', 'sampledAt'],
    ];
    for (const [i, code, field] of expected) {
      expect({ i, code: byIndex(i).code, field: byIndex(i).field, status: byIndex(i).status }).toEqual({ i, code, field, status: 'refused' });
      expect(byIndex(i).message).toEqual(expect.any(String));
    }
    expect(byIndex(5).message).toBe('The name does not match the name on record for this ID number');
    expect(byIndex(11).recordId).toBeNull();
    expect(byIndex(15).status).toBe('accepted');
    expect(byIndex(18).status).toBe('accepted'); // a lower-case x is the same ID number
    const zh = await upload({ records: [testRow('M-1', { name: '王五', idNumber: badChecksum })] }, lab, 'zh-CN');
    expect(zh.body.rows[0].message).toBe('身份证号校验位不对，请核对每一位');

    // The registered resident sees the row that named him rightly, not the one that did not.
    const mine = await t.request().get('/api/v1/me/test-results').set(bearer(registered));
    expect(mine.body.testResults).toHaveLength(1);
  });

  it('R28: the same record id with different content is refused with its own code; the stored record stands', async () => {
    const p = person('330102', 1);
    const other = person('330102', 2);
    const first = await upload({ records: [testRow('SAME-1', p, { result: 'negative' })] });
    expect(first.body.accepted).toBe(1);
    const changed = await upload({ records: [testRow('SAME-1', p, { result: 'positive' }), testRow('SAME-1b', p)] }, lab, 'en-US');
    expect(changed.body.rows[0]).toMatchObject({ status: 'refused', code: 'RECORD_ID_REUSED', field: 'recordId' });
    expect(changed.body.rows[0].message).toMatch(/different content/);
    expect(changed.body.rows[1].status).toBe('accepted');
    const otherPerson = await upload({ records: [testRow('SAME-1', other)] });
    expect(otherPerson.body.rows[0]).toMatchObject({ status: 'refused', code: 'RECORD_ID_REUSED' });
    const resentWithoutReportTime = await upload({ records: [testRow('SAME-1', p, { reportedAt: undefined })] });
    expect(resentWithoutReportTime.body.rows[0].status).toBe('duplicate');

    const stored = await t.db('test_results').where({ institution_id: lab.id, external_id: 'SAME-1' });
    expect(stored).toHaveLength(1);
    expect(stored[0].result).toBe('negative');
    // Another institution's record numbers are its own.
    const lab2 = await createInstitution(t, official, 'testing', '第二检测机构');
    const elsewhere = await upload({ records: [testRow('SAME-1', p, { result: 'positive' })] }, lab2);
    expect(elsewhere.body.accepted).toBe(1);
  });

  it('R28: more than 5000 rows, or records that are not a list, refuse the whole request with 422', async () => {
    const p = person('340102', 1);
    const tooMany = Array.from({ length: 5001 }, (_, i) => testRow(`T-${i}`, p));
    const big = await upload({ records: tooMany });
    expect(big.status).toBe(422);
    expect(big.body.error.details.fields[0]).toMatchObject({ path: 'records', code: 'TOO_LONG' });
    const notList = await upload({ records: { a: 1 } });
    expect(notList.status).toBe(422);
    const noRecords = await upload({});
    expect(noRecords.status).toBe(422);
    expect(noRecords.body.error.details.fields[0]).toMatchObject({ path: 'records', code: 'REQUIRED' });
    expect(await t.db('test_results').where('external_id', 'like', 'T-%').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('R29: vaccinations are uploaded the same way, idempotently, and the resident sees them newest first with the unit', async () => {
    const resident = await registerResident(t, { code: 'upload-vacc', seq: 8, name: '林小红' });
    const me = { name: resident.name, idNumber: resident.idNumber };
    const records = [
      { recordId: 'V-1', ...me, doseNumber: 1, vaccine: '新冠灭活疫苗（Vero细胞）', vaccinatedAt: ago(24 * 60) },
      { recordId: 'V-2', ...me, doseNumber: 2, vaccine: '新冠灭活疫苗（Vero细胞）', vaccinatedAt: ago(24 * 30) },
      { recordId: 'V-3', ...me, doseNumber: 0, vaccine: 'x', vaccinatedAt: ago(1) },
      { recordId: 'V-4', ...me, doseNumber: 3, vaccine: 'x', vaccinatedAt: new Date(t.clock.now().getTime() + 48 * HOUR).toISOString() },
      { recordId: 'V-5', ...me, doseNumber: '3', vaccine: 'x', vaccinatedAt: ago(1) },
    ];
    const res = await upload({ records }, unit);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 0, refused: 3 });
    expect(res.body.rows.slice(2).map((r: { code: string; field: string }) => [r.code, r.field])).toEqual([
      ['TOO_SMALL', 'doseNumber'],
      ['FUTURE_TIME', 'vaccinatedAt'],
      ['INVALID_TYPE', 'doseNumber'],
    ]);
    const again = await upload({ records: records.slice(0, 2) }, unit);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 2 });
    const changed = await upload({ records: [{ ...records[1], vaccine: '其他疫苗' }] }, unit);
    expect(changed.body.rows[0].code).toBe('RECORD_ID_REUSED');

    const list = await t.request().get('/api/v1/me/vaccinations').set(bearer(resident));
    expect(list.status).toBe(200);
    expect(list.body.vaccinations).toEqual([
      { id: expect.any(String), doseNumber: 2, vaccine: '新冠灭活疫苗（Vero细胞）', vaccinatedAt: records[1].vaccinatedAt, institution: '福田区疫苗接种点' },
      { id: expect.any(String), doseNumber: 1, vaccine: '新冠灭活疫苗（Vero细胞）', vaccinatedAt: records[0].vaccinatedAt, institution: '福田区疫苗接种点' },
    ]);
    const forColour = await t.services.vaccinations.forResident(resident.residentId);
    expect(forColour).toEqual([
      { doseNumber: 1, vaccine: '新冠灭活疫苗（Vero细胞）', vaccinatedAt: new Date(records[0].vaccinatedAt), institutionName: '福田区疫苗接种点' },
      { doseNumber: 2, vaccine: '新冠灭活疫苗（Vero细胞）', vaccinatedAt: new Date(records[1].vaccinatedAt), institutionName: '福田区疫苗接种点' },
    ]);
  });

  it('R28: a resident sees his own results newest first with sampling time, result and institution; records made before he registered are his', async () => {
    const p = person('350102', 3);
    await upload({ records: [testRow('EARLY-1', p, { sampledAt: ago(72), reportedAt: ago(60) })] });
    const resident = await registerResident(t, { code: 'upload-later', seq: 0, idNumber: p.idNumber, name: p.name });
    await upload({ records: [testRow('LATE-1', p, { sampledAt: ago(10), reportedAt: ago(2), result: 'positive' })] });
    const someoneElse = await registerResident(t, { code: 'upload-other', seq: 9 });

    const res = await t.request().get('/api/v1/me/test-results').set(bearer(resident));
    expect(res.status).toBe(200);
    expect(res.body.testResults).toEqual([
      { id: expect.any(String), result: 'positive', sampledAt: ago(10), reportedAt: ago(2), institution: '福田区核酸检测中心' },
      { id: expect.any(String), result: 'negative', sampledAt: ago(72), reportedAt: ago(60), institution: '福田区核酸检测中心' },
    ]);
    const other = await t.request().get('/api/v1/me/test-results').set(bearer(someoneElse));
    expect(other.body.testResults).toEqual([]);

    const forColour = await t.services.testResults.forResident(resident.residentId, new Date(ago(24)));
    expect(forColour).toEqual([{ sampledAt: new Date(ago(10)), result: 'positive', institutionName: '福田区核酸检测中心', reportedAt: new Date(ago(2)) }]);

    const anonymous = await t.request().get('/api/v1/me/test-results');
    expect(anonymous.status).toBe(401);
    const unregistered = await loginAs(t, 'upload-unregistered');
    const notYet = await t.request().get('/api/v1/me/vaccinations').set(bearer(unregistered));
    expect(notYet.status).toBe(403);
    expect(notYet.body.error.code).toBe('REGISTRATION_REQUIRED');
  });

  it('R28: two batches creating the same new people at once both succeed and the person exists once', async () => {
    const lab2 = await createInstitution(t, official, 'testing', '并发检测机构');
    const people = Array.from({ length: 50 }, (_, i) => person('360102', i));
    const [a, b] = await Promise.all([
      upload({ records: people.map((p, i) => testRow(`RACE-A-${i}`, p)) }),
      upload({ records: people.map((p, i) => testRow(`RACE-B-${i}`, p)) }, lab2),
    ]);
    expect(a.body.accepted).toBe(50);
    expect(b.body.accepted).toBe(50);
    const ids = await Promise.all(people.slice(0, 5).map((p) => t.services.residents.findByIdNumber(p.idNumber)));
    expect(ids.every(Boolean)).toBe(true);
    const rows = await t.db('test_results').whereIn('external_id', ['RACE-A-0', 'RACE-B-0']);
    expect(new Set(rows.map((r) => r.resident_id)).size).toBe(1);
  });

  it('R34: the raw tables and the logs never contain a whole ID number', async () => {
    const sample = [person('310101', 0), person('310101', 2999), person('320102', 1), person('350102', 3)];
    for (const table of ['residents', 'test_results', 'vaccinations', 'institutions', 'audit_log', 'declarations']) {
      const dump = JSON.stringify(await t.db(table).select());
      for (const p of sample) {
        expect(dump).not.toContain(p.idNumber);
        expect(dump).not.toContain(p.idNumber.slice(0, 17));
      }
    }
    const logs = t.logs.join('\n');
    for (const p of sample) expect(logs).not.toContain(p.idNumber);
  });
});
