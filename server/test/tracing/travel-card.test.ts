import { makeIdNumber } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type Actor, type ResidentActor } from '../helpers/actors';
import { addScan, makeVenue } from '../helpers/places';

// The clock stands at 2026-11-22T08:00Z: 16:00 on 22 November in Beijing. The card covers
// local days 8 to 22 November.
let t: TestContext;
let official: Actor;
let traveller: ResidentActor;
let stayer: ResidentActor;

beforeAll(async () => {
  t = await createTestContext();
  official = await loginAs(t, 'card-official', 'official');
  traveller = await registerResident(t, { code: 'card-traveller', seq: 401, name: '陈远行' });
  stayer = await registerResident(t, { code: 'card-stayer', seq: 402, name: '林安居' });
  const bookshop = await makeVenue(t, stayer, '南山书城', '440305');
  const airport = await makeVenue(t, stayer, '宝安机场 T3', '440306');
  const station = await makeVenue(t, stayer, '武昌火车站', '420106');
  const mall = await makeVenue(t, stayer, '天河城', '440106');
  // Shenzhen, two districts: one city.
  await addScan(t, traveller, bookshop, '2026-11-20T02:00:00.000Z');
  await addScan(t, traveller, airport, '2026-11-21T12:00:00.000Z');
  // Wuhan, a high risk area since 14 November.
  await addScan(t, traveller, station, '2026-11-15T03:00:00.000Z');
  await addScan(t, traveller, station, '2026-11-16T03:00:00.000Z');
  // Guangzhou, an hour more than 14 days ago: not on the card.
  await addScan(t, traveller, mall, '2026-11-08T07:00:00.000Z');

  const area = (region: string, level: string, startsAt: string, endsAt?: string) =>
    t.request().post('/api/v1/officials/risk-areas').set(bearer(official)).send({ region, level, startsAt, ...(endsAt ? { endsAt } : {}) });
  expect((await area('420106', 'high', '2026-11-14T00:00:00.000Z')).status).toBe(201);
  // Xuhui, Shanghai: medium from 11 to 13 November, over now.
  expect((await area('310104', 'medium', '2026-11-11T00:00:00.000Z', '2026-11-13T00:00:00.000Z')).status).toBe(201);
  // Yichang: a risk area after the traveller left and over before now.
  expect((await area('420502', 'high', '2026-11-15T00:00:00.000Z', '2026-11-17T00:00:00.000Z')).status).toBe(201);

  const declared = await t
    .request()
    .post('/api/v1/me/declarations')
    .set(bearer(traveller))
    .send({
      symptoms: [],
      trips: [
        { region: '310101', from: '2026-11-10', to: '2026-11-12' },
        { region: '420106', from: '2026-11-14', to: '2026-11-14' },
        // Starts before the card's 14 days: only 8 and 9 November show.
        { region: '420502', from: '2026-10-30', to: '2026-11-09' },
      ],
    });
  expect(declared.status).toBe(201);
});
afterAll(() => t.close());

describe('R30: the travel card', () => {
  it('R30: cities of the last 14 days of scans and declared trips, newest first, risk areas marked now or during the stay', async () => {
    const res = await t.request().get('/api/v1/me/travel-card').set(bearer(traveller));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-11-08', to: '2026-11-22', asOf: '2026-11-22T08:00:00.000Z' });
    expect(res.body.regions).toEqual([
      { region: '440300', name: '深圳市', province: '广东省', from: '2026-11-20', to: '2026-11-21', declared: false, atRisk: false, risk: null },
      {
        region: '420100',
        name: '武汉市',
        province: '湖北省',
        from: '2026-11-15',
        to: '2026-11-16',
        declared: false,
        atRisk: true,
        risk: { level: 'high', now: true, duringStay: true, areas: [{ region: '420106', name: '武昌区', level: 'high' }] },
      },
      {
        region: '420100',
        name: '武汉市',
        province: '湖北省',
        from: '2026-11-14',
        to: '2026-11-14',
        declared: true,
        atRisk: true,
        risk: { level: 'high', now: true, duringStay: true, areas: [{ region: '420106', name: '武昌区', level: 'high' }] },
      },
      {
        region: '310000',
        name: '上海市',
        province: '上海市',
        from: '2026-11-10',
        to: '2026-11-12',
        declared: true,
        atRisk: true,
        // Over now, but in force while the traveller was there.
        risk: { level: 'medium', now: false, duringStay: true, areas: [{ region: '310104', name: '徐汇区', level: 'medium' }] },
      },
      // Yichang's area came after the stay and is over: not marked.
      { region: '420500', name: '宜昌市', province: '湖北省', from: '2026-11-08', to: '2026-11-09', declared: true, atRisk: false, risk: null },
    ]);
  });

  it('R30: the scans feed the colour rules too: a visit to a risk area while it was one is RISK_AREA_VISIT (R4)', async () => {
    const res = await t.request().get('/api/v1/me/colour').set(bearer(traveller));
    expect(res.body.colour).toBe('yellow');
    const visits = res.body.reasons.filter((r: { code: string }) => r.code === 'RISK_AREA_VISIT');
    expect(visits).toEqual([
      expect.objectContaining({ region: '420106', detail: 'high', at: '2026-11-16T03:00:00.000Z' }),
      expect.objectContaining({ region: '420106', detail: 'high', at: '2026-11-15T03:00:00.000Z' }),
    ]);
  });

  it('R30: each person sees his own card only; someone who went nowhere has an empty card', async () => {
    const res = await t.request().get('/api/v1/me/travel-card').set(bearer(stayer));
    expect(res.status).toBe(200);
    expect(res.body.regions).toEqual([]);
    expect((await t.request().get('/api/v1/me/travel-card')).status).toBe(401);
    const unregistered = await loginAs(t, 'card-unregistered');
    const refused = await t.request().get('/api/v1/me/travel-card').set(bearer(unregistered));
    expect([refused.status, refused.body.error.code]).toEqual([403, 'REGISTRATION_REQUIRED']);
  });

  it('R30: a risk area declared over a whole province marks each of its cities', async () => {
    const t2 = t.clock.now();
    const res = await t.request().post('/api/v1/officials/risk-areas').set(bearer(official)).send({ region: '440000', level: 'medium', startsAt: t2.toISOString() });
    expect(res.status).toBe(201);
    const card = await t.request().get('/api/v1/me/travel-card').set(bearer(traveller));
    const shenzhen = card.body.regions.find((r: { region: string }) => r.region === '440300');
    // In force now, not while the traveller was there.
    expect(shenzhen.risk).toEqual({ level: 'medium', now: true, duringStay: false, areas: [{ region: '440000', name: '广东省', level: 'medium' }] });
  });

  it('R30: the service method relatives use answers the same card', async () => {
    const direct = await t.services.travel.travelCard(traveller.residentId);
    const viaHttp = await t.request().get('/api/v1/me/travel-card').set(bearer(traveller));
    expect(direct).toEqual(viaHttp.body);
  });

  it('R26/R30: a guardian reads a bound relative’s travel card; a stranger gets 404', async () => {
    const guardian = await registerResident(t, { code: 'card-guardian', seq: 403 });
    const idNumber = makeIdNumber({ birthDate: '2021-03-03', sex: 'female', seq: 404 });
    const bound = await t.request().post('/api/v1/me/relatives').set(bearer(guardian)).send({ name: '小雨', idNumber });
    expect(bound.status).toBe(201);
    const kindergarten = await makeVenue(t, stayer, '阳光幼儿园', '440305');
    await addScan(t, { residentId: bound.body.id, accountId: guardian.accountId }, kindergarten, '2026-11-21T01:00:00.000Z');
    const card = await t.request().get(`/api/v1/me/relatives/${bound.body.id}/travel-card`).set(bearer(guardian));
    expect(card.status).toBe(200);
    expect(card.body).toEqual(await t.services.travel.travelCard(bound.body.id));
    expect(JSON.stringify(card.body)).toContain('440300');
    expect((await t.request().get(`/api/v1/me/relatives/${bound.body.id}/travel-card`).set(bearer(stayer))).status).toBe(404);
  });
});
