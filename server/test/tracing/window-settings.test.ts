import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type Actor, type ResidentActor } from '../helpers/actors';
import { addScan, makeVenue } from '../helpers/places';

const MIN = 60 * 1000;

let t: TestContext;
let official: Actor;
let people: ResidentActor[];

beforeAll(async () => {
  // A narrower window than the default, and tracing from 2 days before onset.
  t = await createTestContext({ env: { TRACE_WINDOW_BEFORE_MINUTES: '10', TRACE_WINDOW_AFTER_MINUTES: '15', TRACE_ONSET_LEAD_DAYS: '2' } });
  official = await loginAs(t, 'window-official', 'official');
  people = [];
  for (let i = 0; i < 6; i += 1) people.push(await registerResident(t, { code: `window-${i}`, seq: 500 + i, name: `测试人${'甲乙丙丁戊己'[i]}` }));
});
afterAll(() => t.close());

describe('R32: the tracing window and period are settings', () => {
  it('R32: TRACE_WINDOW_BEFORE_MINUTES / TRACE_WINDOW_AFTER_MINUTES set the window; TRACE_ONSET_LEAD_DAYS where tracing starts', async () => {
    const [patient, early, late, outBefore, outAfter, beforeOnset] = people;
    const hall = await makeVenue(t, early, '社区活动中心', '440304');
    // Onset 20 November: the case's visits are read from local midnight of 18 November (17 Nov 16:00Z).
    const visit = new Date('2026-11-20T04:00:00.000Z');
    await addScan(t, patient, hall, visit);
    await addScan(t, early, hall, new Date(visit.getTime() - 10 * MIN));
    await addScan(t, late, hall, new Date(visit.getTime() + 15 * MIN));
    await addScan(t, outBefore, hall, new Date(visit.getTime() - 11 * MIN));
    await addScan(t, outAfter, hall, new Date(visit.getTime() + 16 * MIN));
    // A visit of the case before the period, with someone beside him: not traced.
    const old = new Date('2026-11-17T15:59:00.000Z');
    await addScan(t, patient, hall, old);
    await addScan(t, beforeOnset, hall, old);

    const res = await t.request().post('/api/v1/officials/cases').set(bearer(official)).send({ residentId: patient.residentId, onsetDate: '2026-11-20' });
    expect(res.status).toBe(201);
    expect(res.body.report.window).toEqual({ beforeMinutes: 10, afterMinutes: 15 });
    expect(res.body.report.period).toEqual({ from: '2026-11-17T16:00:00.000Z', to: '2026-11-22T08:00:00.000Z' });
    expect(res.body.report.contacts.map((c: { residentId: string }) => c.residentId).sort()).toEqual([early.residentId, late.residentId].sort());
    expect(res.body.report.venues).toEqual([expect.objectContaining({ venueName: '社区活动中心', regionName: '福田区', caseVisits: 1, contacts: 2 })]);
  });

  it('R31: two officials recording the same person at once: one case is recorded, the other is refused', async () => {
    const person = people[5];
    const body = { residentId: person.residentId, onsetDate: '2026-11-21' };
    const answers = await Promise.all([0, 1, 2].map(() => t.request().post('/api/v1/officials/cases').set(bearer(official)).send(body)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe('CASE_ALREADY_OPEN');
    const open = await t.db('confirmed_cases').where({ resident_id: person.residentId }).whereNull('closed_at');
    expect(open).toHaveLength(1);
  });
});
