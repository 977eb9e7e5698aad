import { maskIdNumber, maskPhone } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type Actor, type ResidentActor } from '../helpers/actors';
import { addScan, makeVenue } from '../helpers/places';

const MIN = 60 * 1000;
const VISIT = new Date('2026-11-21T10:00:00.000Z');

let t: TestContext;
let official: Actor;
let tracer: Actor;
let reviewer: Actor;
let first: ResidentActor;
let second: ResidentActor;
let contact: ResidentActor;
let firstCase: string;
let secondCase: string;

const get = (path: string, who: Actor) => t.request().get(`/api/v1${path}`).set(bearer(who));

beforeAll(async () => {
  t = await createTestContext();
  official = await loginAs(t, 'worklist-official', 'official');
  tracer = await loginAs(t, 'worklist-tracer', 'tracer');
  reviewer = await loginAs(t, 'worklist-reviewer', 'reviewer');
  first = await registerResident(t, { code: 'worklist-first', seq: 401, name: '周一鸣' });
  second = await registerResident(t, { code: 'worklist-second', seq: 402, name: '吴二娘' });
  contact = await registerResident(t, { code: 'worklist-contact', seq: 403, name: '郑三' });
  const shop = await makeVenue(t, contact, '巷口早餐', '440305');
  await addScan(t, first, shop, VISIT);
  await addScan(t, contact, shop, new Date(VISIT.getTime() + 10 * MIN));
  firstCase = (await t.request().post('/api/v1/officials/cases').set(bearer(official)).send({ residentId: first.residentId, onsetDate: '2026-11-21' })).body.case.id;
  t.clock.advance(60 * 1000);
  secondCase = (await t.request().post('/api/v1/officials/cases').set(bearer(tracer)).send({ idNumber: second.idNumber, onsetDate: '2026-11-22' })).body.case.id;
});
afterAll(() => t.close());

describe('R31, R33: the tracers’ worklist of confirmed cases', () => {
  it('R31: open cases newest first, each person masked, with when it was traced and how many contacts it found', async () => {
    const res = await get('/officials/cases', tracer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: 2 });
    expect(res.body.cases.map((c: { id: string }) => c.id)).toEqual([secondCase, firstCase]);
    const one = res.body.cases[1];
    expect(one).toMatchObject({ status: 'open', onsetDate: '2026-11-21', closedAt: null, contacts: 1, tracedAt: expect.any(String) });
    expect(one.person).toEqual({ residentId: first.residentId, name: '周*鸣', idNumber: maskIdNumber(first.idNumber), phone: maskPhone(first.phone) });
    expect(JSON.stringify(res.body)).not.toContain(first.idNumber);
    expect(JSON.stringify(res.body)).not.toContain(first.phone);
  });

  it('R31: one case in the same shape; closed cases move to the closed list', async () => {
    const one = await get(`/officials/cases/${firstCase}`, official);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: firstCase, status: 'open', contacts: 1, person: { name: '周*鸣' } });
    await t.request().post(`/api/v1/officials/cases/${firstCase}/close`).set(bearer(official)).send({ reason: '治愈出院，隔离期满' });
    const open = await get('/officials/cases?status=open', official);
    expect(open.body.cases.map((c: { id: string }) => c.id)).toEqual([secondCase]);
    const closed = await get('/officials/cases?status=closed&pageSize=5', official);
    expect(closed.body).toMatchObject({ total: 1, pageSize: 5 });
    expect(closed.body.cases[0]).toMatchObject({ id: firstCase, status: 'closed', closeReason: '治愈出院，隔离期满', contacts: 1 });
  });

  it('R31: paging, and bad paging is refused on its field', async () => {
    const page2 = await get('/officials/cases?status=open&page=2&pageSize=1', official);
    expect(page2.body).toMatchObject({ page: 2, pageSize: 1, total: 1, cases: [] });
    const bad = await get('/officials/cases?pageSize=500', official);
    expect([bad.status, bad.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    expect(bad.body.error.details.fields).toEqual([expect.objectContaining({ path: 'pageSize' })]);
    const nobody = await get('/officials/cases/0190aaaa-0000-7000-8000-000000000000', official);
    expect([nobody.status, nobody.body.error.code]).toEqual([404, 'CASE_NOT_FOUND']);
  });

  it('R33: a resident, a reviewer or a checkpoint gets 403; without a login, 401', async () => {
    const checkpoint = await loginAs(t, 'worklist-checkpoint', 'checkpoint');
    for (const who of [contact, reviewer, checkpoint]) {
      for (const path of ['/officials/cases', `/officials/cases/${secondCase}`]) {
        const res = await get(path, who);
        expect([res.status, res.body.error.code]).toEqual([403, 'ROLE_FORBIDDEN']);
      }
    }
    expect((await t.request().get('/api/v1/officials/cases')).status).toBe(401);
  });

  it('R33: each read of the worklist and of one case is audited, without the people in it', async () => {
    const listed = await t.db('audit_log').where({ action: 'case.list', actor_id: tracer.accountId });
    expect(listed).toHaveLength(1);
    expect(JSON.parse(listed[0].details)).toEqual({ status: 'open', page: 1, count: 2 });
    expect(listed[0].details).not.toContain(first.residentId);
    const viewed = await t.db('audit_log').where({ action: 'case.view', target_id: firstCase });
    expect(viewed.map((r) => r.actor_id)).toEqual([official.accountId]);
  });
});
