import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type Actor, type ResidentActor } from '../helpers/actors';

let t: TestContext;
let resident: ResidentActor;
beforeAll(async () => {
  t = await createTestContext();
  resident = await registerResident(t, { code: 'declare-resident', seq: 21, name: '周小舟' });
});
afterAll(() => t.close());

const DAY = 24 * 3600 * 1000;
/** A calendar day in China Standard Time, `days` from the clock's today. */
const day = (days: number) => new Date(t.clock.now().getTime() + 8 * 3600 * 1000 + days * DAY).toISOString().slice(0, 10);
const declare = (body: object, who: Actor = resident, lang = 'zh-CN') =>
  t.request().post('/api/v1/me/declarations').set(bearer(who)).set('Accept-Language', lang).send(body);
const fieldsOf = (res: { body: { error: { details: { fields: Array<{ path: string; code: string }> } } } }) =>
  res.body.error.details.fields.map((f) => [f.path, f.code]);

describe('R36: health and trip declarations', () => {
  it('R36: a resident declares symptoms, temperature and trips, and lists them newest first', async () => {
    const first = await declare({ symptoms: [], temperature: 36.5, trips: [] });
    expect(first.status).toBe(201);
    t.clock.advance(60_000);
    const body = { symptoms: ['fever', 'cough'], temperature: 38.2, trips: [{ region: '420106', from: day(-6), to: day(-4) }] };
    const second = await declare(body);
    expect(second.status).toBe(201);
    expect(second.body).toEqual({ id: expect.any(String), declaredAt: t.clock.now().toISOString(), ...body });

    const list = await t.request().get('/api/v1/me/declarations').set(bearer(resident));
    expect(list.status).toBe(200);
    expect(list.body.declarations.map((d: { id: string }) => d.id)).toEqual([second.body.id, first.body.id]);
    expect(list.body.declarations[0]).toEqual(second.body);
    expect(list.body.declarations[1]).toMatchObject({ symptoms: [], temperature: 36.5, trips: [] });

    // Who declared is kept apart from whom it is about, so a guardian can declare for a relative.
    const row = await t.db('declarations').where({ id: second.body.id }).first();
    expect(row).toMatchObject({ resident_id: resident.residentId, account_id: resident.accountId });

    const forColour = await t.services.declarations.forResident(resident.residentId, new Date(t.clock.now().getTime() - 14 * DAY));
    expect(forColour[0]).toEqual({ declaredAt: t.clock.now(), symptoms: ['fever', 'cough'], temperature: 38.2, trips: body.trips });
    expect(forColour[1].temperature).toBe(36.5);
  });

  it('R36: temperature must be 34.0 to 43.0 °C (both ends allowed) and may be left out', async () => {
    for (const temperature of [33.9, 43.1]) {
      const res = await declare({ symptoms: [], temperature, trips: [] }, resident, 'en-US');
      expect(res.status).toBe(422);
      expect(res.body.error.details.fields).toEqual([{ path: 'temperature', code: 'TEMPERATURE_RANGE', message: 'Temperature must be between 34.0 and 43.0 °C' }]);
    }
    for (const temperature of [34, 43]) expect((await declare({ symptoms: [], temperature, trips: [] })).status).toBe(201);
    const none = await declare({ symptoms: ['fatigue'], trips: [] });
    expect(none.status).toBe(201);
    expect(none.body.temperature).toBeNull();
    const text = await declare({ symptoms: [], temperature: '37', trips: [] });
    expect(fieldsOf(text)).toEqual([['temperature', 'INVALID_TYPE']]);
  });

  it('R36: a trip ending before it starts, in the future, or older than 30 days is refused with the field at fault', async () => {
    const order = await declare({ symptoms: [], trips: [{ region: '420106', from: day(-2), to: day(-3) }] });
    expect(order.status).toBe(422);
    expect(fieldsOf(order)).toEqual([['trips.0.to', 'DATE_ORDER']]);

    const future = await declare({ symptoms: [], trips: [{ region: '420106', from: day(-1), to: day(0) }, { region: '310101', from: day(0), to: day(1) }] });
    expect(future.status).toBe(422);
    expect(fieldsOf(future)).toEqual([['trips.1.to', 'FUTURE_TIME']]);

    const old = await declare({ symptoms: [], trips: [{ region: '420106', from: day(-31), to: day(-29) }] }, resident, 'en-US');
    expect(old.status).toBe(422);
    expect(old.body.error.details.fields).toEqual([{ path: 'trips.0.from', code: 'TRIP_TOO_OLD', message: 'Declare only trips within the last 30 days' }]);

    expect((await declare({ symptoms: [], trips: [{ region: '420106', from: day(-30), to: day(0) }] })).status).toBe(201);
  });

  it('R36: "today" is the calendar day in China: late evening UTC is already tomorrow there', async () => {
    const saved = t.clock.now();
    t.clock.set('2026-11-22T17:30:00.000Z'); // 01:30 on 23 November in Beijing
    try {
      const session = await loginAs(t, 'declare-resident'); // the clock moved past the first session
      expect((await declare({ symptoms: [], trips: [{ region: '440305', from: '2026-11-23', to: '2026-11-23' }] }, session)).status).toBe(201);
      const res = await declare({ symptoms: [], trips: [{ region: '440305', from: '2026-11-24', to: '2026-11-24' }] }, session);
      expect(fieldsOf(res)).toEqual([
        ['trips.0.from', 'FUTURE_TIME'],
        ['trips.0.to', 'FUTURE_TIME'],
      ]);
    } finally {
      t.clock.set(saved);
    }
  });

  it('R36: symptoms come from the list, once each; regions are 6-digit codes; at most 20 trips', async () => {
    const unknown = await declare({ symptoms: ['headache'], trips: [] });
    expect(fieldsOf(unknown)).toEqual([['symptoms.0', 'INVALID_VALUE']]);
    const twice = await declare({ symptoms: ['cough', 'cough'], trips: [] });
    expect(fieldsOf(twice)).toEqual([['symptoms', 'DUPLICATE_VALUE']]);
    const region = await declare({ symptoms: [], trips: [{ region: '4201', from: day(-2), to: day(-1) }] });
    expect(fieldsOf(region)).toEqual([['trips.0.region', 'REGION_FORMAT']]);
    const trips = Array.from({ length: 21 }, () => ({ region: '420106', from: day(-2), to: day(-1) }));
    const many = await declare({ symptoms: [], trips });
    expect(fieldsOf(many)).toEqual([['trips', 'TOO_LONG']]);
    expect((await declare({ symptoms: [], trips: trips.slice(0, 20) })).status).toBe(201);
    const all = ['fever', 'cough', 'sore_throat', 'fatigue', 'loss_of_taste_smell', 'shortness_of_breath', 'diarrhoea', 'muscle_ache'];
    expect((await declare({ symptoms: all, trips: [] })).status).toBe(201);
    const missing = await declare({ temperature: 36.6 });
    expect(fieldsOf(missing).sort()).toEqual([
      ['symptoms', 'REQUIRED'],
      ['trips', 'REQUIRED'],
    ]);
  });

  it('R36: declaring needs a registered resident; nobody lists another person\'s declarations', async () => {
    const anonymous = await t.request().post('/api/v1/me/declarations').send({ symptoms: [], trips: [] });
    expect(anonymous.status).toBe(401);
    const unregistered = await loginAs(t, 'declare-unregistered');
    expect((await declare({ symptoms: [], trips: [] }, unregistered)).status).toBe(403);
    const other = await registerResident(t, { code: 'declare-other', seq: 22 });
    const list = await t.request().get('/api/v1/me/declarations').set(bearer(other));
    expect(list.body.declarations).toEqual([]);
  });

  it('R36: the list shows the last 14 days only', async () => {
    const before = (await t.request().get('/api/v1/me/declarations').set(bearer(resident))).body.declarations.length;
    expect(before).toBeGreaterThan(0);
    t.clock.advance(15 * DAY);
    const session = await loginAs(t, 'declare-resident');
    const fresh = await declare({ symptoms: ['diarrhoea'], trips: [] }, session);
    const list = await t.request().get('/api/v1/me/declarations').set(bearer(session));
    expect(list.body.declarations.map((d: { id: string }) => d.id)).toEqual([fresh.body.id]);
  });
});
