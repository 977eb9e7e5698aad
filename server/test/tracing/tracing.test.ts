import { maskIdNumber, maskPhone } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type Actor, type ResidentActor } from '../helpers/actors';
import { addScan, makeVenue } from '../helpers/places';

const MIN = 60 * 1000;
/** The case's visit to the noodle shop: yesterday 18:00 in Beijing. */
const VISIT = new Date('2026-11-21T10:00:00.000Z');
const at = (minutes: number) => new Date(VISIT.getTime() + minutes * MIN);

let t: TestContext;
let official: Actor;
let tracer: Actor;
let patient: ResidentActor;
let before30: ResidentActor; // scanned exactly 30 min before: a contact
let after120: ResidentActor; // exactly 2 h after: a contact
let before31: ResidentActor; // 31 min before: not
let after121: ResidentActor; // 2 h 1 min after: not
let elsewhere: ResidentActor; // same time, another venue: not
let shop: { id: string; name: string; region: string };
let cafe: { id: string; name: string; region: string };
let caseId: string;

const officials = () => t.request();
const recordCase = (body: object, who: Actor = official) => officials().post('/api/v1/officials/cases').set(bearer(who)).send(body);
const count = async (table: string, where: Record<string, string>) => Number((await t.db(table).where(where).count({ n: '*' }).first())!.n);
const contactIds = (report: { contacts: Array<{ residentId: string }> }) => report.contacts.map((c) => c.residentId).sort();

beforeAll(async () => {
  t = await createTestContext();
  official = await loginAs(t, 'tracing-official', 'official');
  tracer = await loginAs(t, 'tracing-tracer', 'tracer');
  patient = await registerResident(t, { code: 'tracing-patient', seq: 301, name: '张小三' });
  before30 = await registerResident(t, { code: 'tracing-b30', seq: 302, name: '李四海' });
  after120 = await registerResident(t, { code: 'tracing-a120', seq: 303, name: '王五' });
  before31 = await registerResident(t, { code: 'tracing-b31', seq: 304, name: '赵六一' });
  after121 = await registerResident(t, { code: 'tracing-a121', seq: 305, name: '钱七七' });
  elsewhere = await registerResident(t, { code: 'tracing-elsewhere', seq: 306, name: '孙八方' });
  shop = await makeVenue(t, before31, '老街面馆', '440305');
  cafe = await makeVenue(t, before31, '街角咖啡', '440305');
  await addScan(t, patient, shop, VISIT);
  // The case entered twice, 30 s apart (each inside the other's window): he is never his own contact.
  await addScan(t, patient, shop, at(0.5));
  await addScan(t, before30, shop, at(-30));
  await addScan(t, after120, shop, at(120));
  await addScan(t, before31, shop, at(-31));
  await addScan(t, after121, shop, at(121));
  await addScan(t, elsewhere, cafe, VISIT);
});
afterAll(() => t.close());

describe('R31, R32: recording a confirmed case traces its contacts', () => {
  it('R32: window edges: exactly 30 min before and 2 h after the visit are contacts, a minute outside is not', async () => {
    const res = await recordCase({ residentId: patient.residentId, onsetDate: '2026-11-21', note: '发热就诊，核酸阳性' });
    expect(res.status).toBe(201);
    caseId = res.body.case.id;
    expect(res.body.case).toMatchObject({ status: 'open', onsetDate: '2026-11-21', note: '发热就诊，核酸阳性', confirmedAt: t.clock.now().toISOString(), closedAt: null });
    const report = res.body.report;
    expect(contactIds(report)).toEqual([before30.residentId, after120.residentId].sort());
    expect(report.total).toBe(2);
    expect(report.window).toEqual({ beforeMinutes: 30, afterMinutes: 120 });
    // From onset minus 4 days (local midnight of 17 November) to now.
    expect(report.period).toEqual({ from: '2026-11-16T16:00:00.000Z', to: '2026-11-22T08:00:00.000Z' });
    const b30 = report.contacts.find((c: { residentId: string }) => c.residentId === before30.residentId);
    expect(b30.encounters).toEqual([{ venueId: shop.id, venueName: '老街面馆', at: at(-30).toISOString(), caseVisitAt: VISIT.toISOString() }]);
    const a120 = report.contacts.find((c: { residentId: string }) => c.residentId === after120.residentId);
    // Inside the windows of both of the case's entries: the earliest is named.
    expect(a120.encounters[0].caseVisitAt).toBe(VISIT.toISOString());
  });

  it('R32: a scan at another venue at the same time is not a contact', async () => {
    const report = (await officials().get(`/api/v1/officials/cases/${caseId}/report`).set(bearer(tracer))).body;
    expect(contactIds(report)).not.toContain(elsewhere.residentId);
    expect(report.venues.map((v: { venueId: string }) => v.venueId)).toEqual([shop.id]);
  });

  it('R32: the case himself is not his own contact, though he entered twice in his own window', async () => {
    const report = (await officials().get(`/api/v1/officials/cases/${caseId}/report`).set(bearer(official))).body;
    expect(contactIds(report)).not.toContain(patient.residentId);
    expect(await count('contacts', { resident_id: patient.residentId })).toBe(0);
  });

  it('R32: the report counts by venue and lists contacts masked (张*三, ID first 3 + last 4, phone masked)', async () => {
    const res = await officials().get(`/api/v1/officials/cases/${caseId}/report`).set(bearer(official));
    expect(res.status).toBe(200);
    expect(res.body.venues).toEqual([
      { venueId: shop.id, venueName: '老街面馆', region: '440305', regionName: '南山区', caseVisits: 2, visitTimes: [VISIT.toISOString(), at(0.5).toISOString()], contacts: 2 },
    ]);
    const b30 = res.body.contacts.find((c: { residentId: string }) => c.residentId === before30.residentId);
    expect(b30).toMatchObject({ name: '李*海', idNumber: maskIdNumber(before30.idNumber), phone: maskPhone(before30.phone) });
    expect(b30.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    const a120 = res.body.contacts.find((c: { residentId: string }) => c.residentId === after120.residentId);
    expect(a120.name).toBe('王*');
    expect(res.body.total).toBe(2);
    expect(res.body.tracedAt).toBe(t.clock.now().toISOString());
  });

  it("R32: a contact's code turns yellow with CLOSE_CONTACT naming the venue and the time", async () => {
    const res = await t.request().get('/api/v1/me/colour').set(bearer(before30));
    expect(res.status).toBe(200);
    expect(res.body.colour).toBe('yellow');
    expect(res.body.reasons).toEqual([expect.objectContaining({ code: 'CLOSE_CONTACT', detail: '老街面馆', at: at(-30).toISOString() })]);
    expect(res.body.measures.map((m: { code: string }) => m.code)).toEqual(['HOME_MONITORING', 'NUCLEIC_ACID_TEST', 'REPORT_TO_COMMUNITY']);
    // Outside the window: still green.
    expect((await t.request().get('/api/v1/me/colour').set(bearer(before31))).body.colour).toBe('green');
    expect((await t.request().get('/api/v1/me/colour').set(bearer(elsewhere))).body.colour).toBe('green');
  });

  it('R31: the case turns red with CONFIRMED_CASE', async () => {
    const res = await t.request().get('/api/v1/me/colour').set(bearer(patient));
    expect(res.body.colour).toBe('red');
    expect(res.body.reasons[0]).toMatchObject({ code: 'CONFIRMED_CASE', at: t.clock.now().toISOString() });
    // Officials see the same through their own route.
    const seen = await officials().get(`/api/v1/officials/residents/${patient.residentId}/colour`).set(bearer(official));
    expect(seen.body.colour.colour).toBe('red');
  });

  it('R31: one open case per person: a second is refused with its own code, by resident id or ID number', async () => {
    const again = await recordCase({ residentId: patient.residentId, onsetDate: '2026-11-22' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CASE_ALREADY_OPEN');
    const byId = await recordCase({ idNumber: patient.idNumber, onsetDate: '2026-11-22' }, tracer);
    expect(byId.status).toBe(409);
    expect(byId.body.error.code).toBe('CASE_ALREADY_OPEN');
  });

  it('R32: tracing again is idempotent, and picks up scans that arrived since', async () => {
    const flags = () => count('contacts', { case_id: caseId });
    expect(await flags()).toBe(2);
    t.clock.advance(10 * MIN);
    const first = await officials().post(`/api/v1/officials/cases/${caseId}/trace`).set(bearer(tracer));
    expect(first.status).toBe(200);
    expect(await flags()).toBe(2);
    expect(contactIds(first.body)).toEqual([before30.residentId, after120.residentId].sort());
    // Flags keep the time they were first made.
    expect((await t.db('contacts').where({ case_id: caseId }).select('flagged_at')).map((r) => new Date(r.flagged_at).getTime())).toEqual([
      t.clock.now().getTime() - 10 * MIN,
      t.clock.now().getTime() - 10 * MIN,
    ]);
    expect(await count('case_visits', { case_id: caseId })).toBe(2);

    // A late entry inside the window (a phone that was offline) becomes a contact on the next run.
    const late = await registerResident(t, { code: 'tracing-late', seq: 307, name: '周末' });
    await addScan(t, late, shop, at(60));
    const second = await officials().post(`/api/v1/officials/cases/${caseId}/trace`).set(bearer(official));
    expect(contactIds(second.body)).toEqual([before30.residentId, after120.residentId, late.residentId].sort());
    expect(second.body.total).toBe(3);
    expect(await flags()).toBe(3);
    const audit = await t.db('audit_log').where({ action: 'case.trace', target_id: caseId }).orderBy('at', 'desc').first();
    expect(JSON.parse(audit.details)).toMatchObject({ newFlags: 1, newContacts: 1, contacts: 3, caseVisits: 2, venues: 1 });
  });

  it('R31: closing the case (recovered) with a reason lifts the red; a closed case cannot be closed or traced again', async () => {
    const res = await officials().post(`/api/v1/officials/cases/${caseId}/close`).set(bearer(official)).send({ reason: '治愈出院，隔离期满' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: caseId, status: 'closed', closedAt: t.clock.now().toISOString(), closeReason: '治愈出院，隔离期满' });
    expect(res.body.person).toMatchObject({ residentId: patient.residentId, name: '张*三', idNumber: maskIdNumber(patient.idNumber) });
    expect((await t.request().get('/api/v1/me/colour').set(bearer(patient))).body.colour).toBe('green');
    // Contacts stay contacts: the flags are about what happened, not about the case's state.
    expect((await t.request().get('/api/v1/me/colour').set(bearer(before30))).body.colour).toBe('yellow');

    const twice = await officials().post(`/api/v1/officials/cases/${caseId}/close`).set(bearer(official)).send({ reason: '重复结案测试' });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'CASE_ALREADY_CLOSED']);
    const retrace = await officials().post(`/api/v1/officials/cases/${caseId}/trace`).set(bearer(official));
    expect([retrace.status, retrace.body.error.code]).toEqual([409, 'CASE_ALREADY_CLOSED']);
    // The report of a closed case still reads.
    expect((await officials().get(`/api/v1/officials/cases/${caseId}/report`).set(bearer(official))).body.total).toBe(3);
  });

  it('R31: after closing, the same person can be recorded again (by ID number), turning red again', async () => {
    const res = await recordCase({ idNumber: patient.idNumber, onsetDate: '2026-11-22' }, tracer);
    expect(res.status).toBe(201);
    expect(res.body.case.person.idNumber).toBe(maskIdNumber(patient.idNumber));
    expect(res.body.case.note).toBeNull();
    expect((await t.request().get('/api/v1/me/colour').set(bearer(patient))).body.colour).toBe('red');
    // Onset today: tracing reads from 4 days before it, so yesterday's visit is traced again for this case.
    expect(res.body.report.total).toBe(3);
  });

  it('R31: bad input: neither or both of residentId and idNumber, an onset in the future, an unknown person or case', async () => {
    const neither = await recordCase({ onsetDate: '2026-11-21' });
    expect(neither.status).toBe(422);
    expect(neither.body.error.details.fields).toEqual([expect.objectContaining({ path: 'residentId', code: 'PERSON_ONE_OF' })]);
    const both = await recordCase({ residentId: elsewhere.residentId, idNumber: elsewhere.idNumber, onsetDate: '2026-11-21' });
    expect(both.body.error.details.fields).toEqual([expect.objectContaining({ path: 'residentId', code: 'PERSON_ONE_OF' })]);
    // Today in Beijing is 22 November until 16:00 UTC.
    const future = await recordCase({ residentId: elsewhere.residentId, onsetDate: '2026-11-23' });
    expect(future.status).toBe(422);
    expect(future.body.error.details.fields).toEqual([expect.objectContaining({ path: 'onsetDate', code: 'FUTURE_TIME' })]);
    const badDate = await recordCase({ residentId: elsewhere.residentId, onsetDate: '2026-11-31' });
    expect(badDate.body.error.details.fields).toEqual([expect.objectContaining({ path: 'onsetDate' })]);
    const nobody = await recordCase({ residentId: '0190aaaa-0000-7000-8000-000000000000', onsetDate: '2026-11-21' });
    expect([nobody.status, nobody.body.error.code]).toEqual([404, 'RESIDENT_NOT_FOUND']);
    const noCase = await officials().get('/api/v1/officials/cases/0190aaaa-0000-7000-8000-000000000000/report').set(bearer(official));
    expect([noCase.status, noCase.body.error.code]).toEqual([404, 'CASE_NOT_FOUND']);
    expect(await count('confirmed_cases', { resident_id: elsewhere.residentId })).toBe(0);
  });

  it('R33: a resident (or a checkpoint) calling the officials\' case routes gets 403', async () => {
    const checkpoint = await loginAs(t, 'tracing-checkpoint', 'checkpoint');
    for (const who of [before31, checkpoint]) {
      const calls = [
        t.request().post('/api/v1/officials/cases').set(bearer(who)).send({ residentId: patient.residentId, onsetDate: '2026-11-21' }),
        t.request().get(`/api/v1/officials/cases/${caseId}/report`).set(bearer(who)),
        t.request().post(`/api/v1/officials/cases/${caseId}/trace`).set(bearer(who)),
        t.request().post(`/api/v1/officials/cases/${caseId}/close`).set(bearer(who)).send({ reason: '居民不能结案' }),
      ];
      for (const res of await Promise.all(calls)) expect([res.status, res.body.error.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    }
    expect((await t.request().get(`/api/v1/officials/cases/${caseId}/report`)).status).toBe(401);
  });

  it('R33: every step is in the audit log: case recorded, tracing run (counts only), report viewed, case closed', async () => {
    const rows = await t.db('audit_log').where({ target_id: caseId }).orderBy('at', 'asc');
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['case.record', 'case.trace', 'case.report.view', 'case.close']));
    expect(actions.filter((a) => a === 'case.record')).toHaveLength(1);
    // Recorded and traced at once, then traced twice more.
    expect(actions.filter((a) => a === 'case.trace')).toHaveLength(3);
    const record = rows.find((r) => r.action === 'case.record');
    expect([record.actor_id, record.actor_role, record.target_type]).toEqual([official.accountId, 'official', 'case']);
    expect(JSON.parse(record.details)).toEqual({ residentId: patient.residentId, by: 'residentId', onsetDate: '2026-11-21' });
    const firstTrace = rows.find((r) => r.action === 'case.trace' && new Date(r.at).getTime() === new Date(record.at).getTime());
    expect(JSON.parse(firstTrace.details)).toEqual({
      from: '2026-11-16T16:00:00.000Z',
      to: '2026-11-22T08:00:00.000Z',
      windowBeforeMinutes: 30,
      windowAfterMinutes: 120,
      caseVisits: 2,
      venues: 1,
      contactScans: 2,
      newFlags: 2,
      newContacts: 2,
      contacts: 2,
    });
    // Counts only: no contact's id, name or number in the tracing rows.
    for (const r of rows.filter((x) => x.action === 'case.trace')) {
      for (const p of [before30, after120]) expect(r.details).not.toContain(p.residentId);
    }
    const view = rows.find((r) => r.action === 'case.report.view');
    expect([view.actor_id, JSON.parse(view.details)]).toEqual([expect.any(String), { venues: 1, contacts: expect.any(Number) }]);
    const close = rows.find((r) => r.action === 'case.close');
    expect(JSON.parse(close.details)).toEqual({ residentId: patient.residentId, reason: '治愈出院，隔离期满' });
    // The refused lookup of an unknown person is audited too.
    expect(await count('audit_log', { action: 'case.record.refused' })).toBe(1);
  });
});
