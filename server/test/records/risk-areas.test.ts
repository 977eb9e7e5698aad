import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type Actor } from '../helpers/actors';

let t: TestContext;
let official: Actor;
beforeAll(async () => {
  t = await createTestContext();
  official = await loginAs(t, 'risk-official', 'official');
});
afterAll(() => t.close());

const HOUR = 3600 * 1000;
const at = (hours: number) => new Date(t.clock.now().getTime() + hours * HOUR).toISOString();
const create = (body: object, who: Actor = official) => t.request().post('/api/v1/officials/risk-areas').set(bearer(who)).send(body);
const end = (id: string, body: object = {}, who: Actor = official) => t.request().post(`/api/v1/officials/risk-areas/${id}/end`).set(bearer(who)).send(body);
const publicList = async () => (await t.request().get('/api/v1/risk-areas')).body.riskAreas as Array<{ id: string; active: boolean }>;

describe('R31: risk areas maintained by officials', () => {
  it('R31, R33: an official declares a risk area; it is audited and public (current and upcoming)', async () => {
    const current = await create({ region: '420106', level: 'high', startsAt: at(-48) });
    expect(current.status).toBe(201);
    expect(current.body).toEqual({ id: expect.any(String), region: '420106', regionName: '湖北省 武汉市 武昌区', level: 'high', startsAt: at(-48), endsAt: null, active: true });
    const upcoming = await create({ region: '420111', level: 'medium', startsAt: at(24), endsAt: at(24 * 8) });
    expect(upcoming.status).toBe(201);
    expect(upcoming.body.active).toBe(false);

    const audit = await t.db('audit_log').where({ action: 'risk_area.create', target_id: current.body.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: official.accountId, actor_role: 'official', target_type: 'risk_area' });
    expect(JSON.parse(audit[0].details)).toMatchObject({ region: '420106', level: 'high' });

    const res = await t.request().get('/api/v1/risk-areas');
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe(t.clock.now().toISOString());
    expect(res.body.riskAreas).toEqual(expect.arrayContaining([current.body, upcoming.body]));
  });

  it('R31, R33: ending an area takes it off the public list, is audited, and cannot be done twice', async () => {
    const area = await create({ region: '310101', level: 'medium', startsAt: at(-24) });
    const ended = await end(area.body.id);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ id: area.body.id, endsAt: t.clock.now().toISOString(), active: false });
    expect(await t.db('audit_log').where({ action: 'risk_area.end', target_id: area.body.id })).toHaveLength(1);
    expect((await publicList()).map((a) => a.id)).not.toContain(area.body.id);

    const again = await end(area.body.id);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('RISK_AREA_ALREADY_ENDED');
    const unknown = await end('0190f1f2-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('RISK_AREA_NOT_FOUND');
  });

  it('R31: an end can be scheduled; an end before the start is refused; an upcoming area ended now is called off', async () => {
    const area = await create({ region: '310104', level: 'high', startsAt: at(-10) });
    const scheduled = await end(area.body.id, { endsAt: at(48) });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ endsAt: at(48), active: true });
    expect((await publicList()).map((a) => a.id)).toContain(area.body.id);
    const early = await end(area.body.id, { endsAt: at(-20) });
    expect(early.status).toBe(422);
    expect(early.body.error.details.fields[0]).toMatchObject({ path: 'endsAt', code: 'DATE_ORDER' });

    const upcoming = await create({ region: '310105', level: 'medium', startsAt: at(12) });
    const off = await end(upcoming.body.id);
    expect(off.status).toBe(200);
    expect(off.body.endsAt).toBe(upcoming.body.startsAt);
    expect((await publicList()).map((a) => a.id)).not.toContain(upcoming.body.id);
    const forColour = await t.services.riskAreas.activeSince(new Date(at(-14 * 24)));
    expect(forColour.map((a) => a.region)).not.toContain('310105');
  });

  it('R31: the colour rules read every area in force at some time since a date', async () => {
    const old = await create({ region: '510104', level: 'high', startsAt: at(-40 * 24), endsAt: at(-20 * 24) });
    const recent = await create({ region: '510105', level: 'medium', startsAt: at(-10 * 24), endsAt: at(-3 * 24) });
    expect(old.status).toBe(201);
    expect(recent.status).toBe(201);
    const list = await t.services.riskAreas.activeSince(new Date(at(-14 * 24)));
    expect(list.map((a) => a.region)).not.toContain('510104');
    expect(list.find((a) => a.region === '510105')).toEqual({ region: '510105', level: 'medium', startsAt: new Date(at(-10 * 24)), endsAt: new Date(at(-3 * 24)) });
    expect(list.find((a) => a.region === '420106')).toEqual({ region: '420106', level: 'high', startsAt: expect.any(Date), endsAt: null });
    expect((await publicList()).map((a) => a.id)).not.toContain(recent.body.id);
  });

  it('R31: the body is validated: region code, level, end after start', async () => {
    const res = await create({ region: '4201', level: 'low', startsAt: at(0), endsAt: at(-1) });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual([
      ['region', 'REGION_FORMAT'],
      ['level', 'INVALID_VALUE'],
    ]);
    const order = await create({ region: '420106', level: 'high', startsAt: at(0), endsAt: at(-1) });
    expect(order.body.error.details.fields).toEqual([expect.objectContaining({ path: 'endsAt', code: 'DATE_ORDER' })]);
  });

  it('R31: risk areas are maintained by officials only: residents get 403, anonymous callers 401', async () => {
    const resident = await registerResident(t, { code: 'risk-resident', seq: 31 });
    const area = await create({ region: '110101', level: 'high', startsAt: at(-1) });
    for (const call of [() => t.request().post('/api/v1/officials/risk-areas').send({ region: '110102', level: 'high', startsAt: at(0) }), () => t.request().post(`/api/v1/officials/risk-areas/${area.body.id}/end`).send({})]) {
      const anonymous = await call();
      expect(anonymous.status).toBe(401);
      const res = await call().set(bearer(resident));
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ROLE_FORBIDDEN');
    }
    expect(await t.db('risk_areas').where({ region: '110102' })).toHaveLength(0);
    expect((await publicList()).map((a) => a.id)).toContain(area.body.id);
  });
});
