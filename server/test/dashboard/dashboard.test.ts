import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type Actor, type ResidentActor } from '../helpers/actors';
import { addScan, makeVenue } from '../helpers/places';
import { newId } from '../../src/lib/ids';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** 16:20 in Beijing on 22 November: the current hour began at 08:00 UTC. */
const NOW = '2026-11-22T08:20:00.000Z';
/** The first of the 48 hours shown: 47 hours before the current one. */
const FROM = Date.parse('2026-11-20T09:00:00.000Z');

let t: TestContext;
let official: Actor;
let residents: ResidentActor[];
let venue: { id: string; region: string };

/** A fresh session at the clock's time (the tests move the clock past a session's life). */
const asOfficial = () => loginAs(t, 'dash-official');
const get = async (path: string, who?: Actor) => t.request().get(`/api/v1/officials/dashboard/${path}`).set(bearer(who ?? (await asOfficial())));
const hourAt = (i: number) => new Date(FROM + i * HOUR);

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(NOW);
  official = await loginAs(t, 'dash-official', 'official');
  residents = [];
  for (let i = 0; i < 4; i += 1) residents.push(await registerResident(t, { code: `dash-resident-${i}`, seq: 420 + i, name: `测试居民${'甲乙丙丁'[i]}` }));
  venue = await makeVenue(t, residents[0], '仪表盘测试面馆');
});
afterEach(() => t.clock.set(NOW));
afterAll(() => t.close());

describe('officials only (R33): every dashboard endpoint checks the role on the server', () => {
  const paths: Array<['get' | 'post', string]> = [
    ['get', 'scans-per-hour'],
    ['get', 'colours'],
    ['post', 'colours/recompute'],
    ['get', 'venue-states'],
    ['get', 'case-contacts'],
  ];

  it("R33: a resident's token gets 403 ROLE_FORBIDDEN, so do reviewers, tracers and checkpoint staff; no token is 401", async () => {
    const others = [residents[0], await loginAs(t, 'dash-reviewer', 'reviewer'), await loginAs(t, 'dash-tracer', 'tracer'), await loginAs(t, 'dash-checkpoint', 'checkpoint')];
    for (const [method, path] of paths) {
      for (const who of others) {
        const res = await t.request()[method](`/api/v1/officials/dashboard/${path}`).set(bearer(who));
        expect([path, res.status, res.body.error?.code]).toEqual([path, 403, 'ROLE_FORBIDDEN']);
      }
      const anonymous = await t.request()[method](`/api/v1/officials/dashboard/${path}`);
      expect([path, anonymous.status]).toEqual([path, 401]);
    }
    // Nothing was computed or written for the refused calls.
    expect(await t.db('colour_snapshots').count({ n: '*' }).first()).toMatchObject({ n: 0 });
  });
});

describe('scans per hour for the last 48 hours (R16, R17)', () => {
  it('R16: 48 hours oldest first, the current hour last; a scan just before the first hour is left out', async () => {
    await addScan(t, residents[0], venue, hourAt(0));
    await addScan(t, residents[1], venue, new Date(FROM + 10 * 60_000));
    await addScan(t, residents[2], venue, new Date(FROM - 1));
    for (let i = 0; i < 3; i += 1) await addScan(t, residents[i], venue, new Date(hourAt(27).getTime() + 30 * 60_000));
    await addScan(t, residents[3], venue, new Date(hourAt(47).getTime() - 1));
    await addScan(t, residents[3], venue, new Date(Date.parse(NOW) - 5 * 60_000));

    const res = await get('scans-per-hour');
    expect(res.status).toBe(200);
    expect(res.body.from).toBe('2026-11-20T09:00:00.000Z');
    expect(res.body.to).toBe('2026-11-22T09:00:00.000Z');
    expect(res.body.hours).toHaveLength(48);
    expect(res.body.hours[0]).toEqual({ hourStart: '2026-11-20T09:00:00.000Z', count: 2 });
    expect(res.body.hours[47]).toEqual({ hourStart: '2026-11-22T08:00:00.000Z', count: 1 });
    const counts = res.body.hours.map((h: { count: number }) => h.count);
    expect(counts.filter((n: number) => n > 0)).toEqual([2, 3, 1, 1]);
    expect(counts[27]).toBe(3);
    expect(counts[46]).toBe(1);
    expect(res.body.total).toBe(7);
  });

  it('R17: hours older than a day (no offline scan can still arrive for them) are counted once and kept; younger ones are counted afresh', async () => {
    // 08:20 now: an offline scan may be 24 h late (plus a margin), so 23 hours have settled.
    const stored = await t.db('scan_hour_counts').orderBy('hour_start', 'asc');
    expect(stored).toHaveLength(23);
    expect(Number(stored[0].count)).toBe(2);
    // Settled counts are read back, not counted again: gone from scans (as retention would do),
    // the hour still shows its entries.
    await t.db('scans').where('scanned_at', '<', hourAt(1)).del();
    // A scan kept offline arrives late for an hour that has not settled: it shows.
    await addScan(t, residents[0], venue, new Date(hourAt(30).getTime() + 5 * 60_000));
    const res = await get('scans-per-hour');
    expect(res.body.hours[0].count).toBe(2);
    expect(res.body.hours[30].count).toBe(1);
    expect(res.body.total).toBe(8);
  });

  it('R16: an hour later the window moves on by one hour; stored hours older than a week are dropped', async () => {
    await t.db('scan_hour_counts').insert({ hour_start: new Date(FROM - 10 * DAY), count: 99, computed_at: t.clock.now() });
    t.clock.advance(HOUR);
    const res = await get('scans-per-hour');
    expect(res.body.from).toBe('2026-11-20T10:00:00.000Z');
    expect(res.body.hours[26].count).toBe(3);
    expect(res.body.hours[46]).toEqual({ hourStart: '2026-11-22T08:00:00.000Z', count: 1 });
    expect(res.body.hours[47]).toEqual({ hourStart: '2026-11-22T09:00:00.000Z', count: 0 });
    expect(await t.db('scan_hour_counts').where('count', 99).count({ n: '*' }).first()).toMatchObject({ n: 0 });
  });
});

describe("colour distribution today and over 14 days (R4)", () => {
  const override = async (who: ResidentActor, colour: string) =>
    t.request().post(`/api/v1/officials/residents/${who.residentId}/colour-override`).set(bearer(await asOfficial())).send({ colour, reason: '仪表盘测试的人工改色' });

  it('R4: before any snapshot: 14 local days ending today, each without counts', async () => {
    const res = await get('colours');
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(14);
    expect(res.body.days[0]).toEqual({ day: '2026-11-09', computedAt: null, counts: null });
    expect(res.body.today).toEqual({ day: '2026-11-22', computedAt: null, counts: null });
  });

  it("R4, R33: an official's recompute counts every resident's colour now, keeps it as today's, and is audited", async () => {
    expect((await override(residents[2], 'yellow')).status).toBe(201);
    expect((await override(residents[3], 'red')).status).toBe(201);
    const res = await t.request().post('/api/v1/officials/dashboard/colours/recompute').set(bearer(await asOfficial()));
    expect(res.status).toBe(200);
    expect(res.body.today).toEqual({ day: '2026-11-22', computedAt: NOW, counts: { green: 2, yellow: 1, red: 1 } });
    expect(res.body.days[13]).toEqual(res.body.today);
    const audit = await t.db('audit_log').where({ action: 'dashboard.colour-snapshot' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: official.accountId, actor_role: 'official', target_id: '2026-11-22' });
    expect(JSON.parse(audit[0].details)).toEqual({ green: 2, yellow: 1, red: 1 });
    // Reading the aggregates is not audited: they name nobody.
    await get('colours');
    expect(await t.db('audit_log').where('action', 'like', 'dashboard.%').count({ n: '*' }).first()).toMatchObject({ n: 1 });
  });

  it('R4: a later run the same day replaces the day; the next day adds a day to the trend', async () => {
    await t.request().post(`/api/v1/officials/residents/${residents[2].residentId}/colour-override/clear`).set(bearer(await asOfficial())).send({ reason: '复核后恢复' });
    t.clock.advance(30 * 60_000);
    await t.services.colourSnapshots.run();
    let res = await get('colours');
    expect(res.body.today).toEqual({ day: '2026-11-22', computedAt: '2026-11-22T08:50:00.000Z', counts: { green: 3, yellow: 0, red: 1 } });
    expect(await t.db('colour_snapshots').count({ n: '*' }).first()).toMatchObject({ n: 3 });

    t.clock.set('2026-11-22T17:00:00.000Z'); // 01:00 on the 23rd in Beijing
    await t.services.colourSnapshots.run();
    res = await get('colours');
    expect(res.body.days[0].day).toBe('2026-11-10');
    expect(res.body.days.slice(12).map((d: { day: string; counts: unknown }) => [d.day, d.counts])).toEqual([
      ['2026-11-22', { green: 3, yellow: 0, red: 1 }],
      ['2026-11-23', { green: 3, yellow: 0, red: 1 }],
    ]);
    expect(res.body.days.filter((d: { counts: unknown }) => d.counts === null)).toHaveLength(12);
  });
});

describe('venue applications by state (R11, R12)', () => {
  it('R11: every review state is listed, with zero where there is none', async () => {
    for (const status of ['under_review', 'under_review', 'failed', 'revoked'] as const) await makeVenue(t, residents[1], `状态测试${newId().slice(-4)}`, '440305', status);
    const res = await get('venue-states');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      states: [
        { state: 'under_review', count: 2 },
        { state: 'passed', count: 1 },
        { state: 'failed', count: 1 },
        { state: 'revoked', count: 1 },
        { state: 'retired', count: 0 },
      ],
      total: 5,
    });
  });
});

describe('contacts found per case (R32)', () => {
  it('R32, R34: recent cases newest first with their contacts, each by an opaque label and nobody named', async () => {
    const visit = new Date(Date.parse(NOW) - 3 * HOUR);
    const shop = await makeVenue(t, residents[0], '仪表盘测试超市');
    await addScan(t, residents[0], shop, visit);
    await addScan(t, residents[1], shop, new Date(visit.getTime() + 10 * 60_000));
    await addScan(t, residents[2], shop, new Date(visit.getTime() + 20 * 60_000));
    const first = await t.request().post('/api/v1/officials/cases').set(bearer(await asOfficial())).send({ residentId: residents[0].residentId, onsetDate: '2026-11-22' });
    expect(first.status).toBe(201);
    expect(first.body.report.total).toBe(2);
    t.clock.advance(60_000);
    const second = await t.request().post('/api/v1/officials/cases').set(bearer(await asOfficial())).send({ residentId: residents[3].residentId, onsetDate: '2026-11-21' });
    expect(second.status).toBe(201);
    // A case older than 30 days is not recent.
    await t.db('confirmed_cases').insert({ id: newId(), resident_id: residents[2].residentId, onset_date: '2026-10-01', confirmed_at: new Date(Date.parse(NOW) - 31 * DAY), recorded_by: official.accountId, closed_at: new Date(Date.parse(NOW) - 20 * DAY) });

    const res = await get('case-contacts');
    expect(res.status).toBe(200);
    expect(res.body.since).toBe(new Date(t.clock.now().getTime() - 30 * DAY).toISOString());
    expect(res.body.limit).toBe(20);
    expect(res.body.cases.map((c: { contacts: number; status: string; confirmedOn: string }) => [c.contacts, c.status, c.confirmedOn])).toEqual([
      [0, 'open', '2026-11-22'],
      [2, 'open', '2026-11-22'],
    ]);
    for (const c of res.body.cases) expect(c.ref).toMatch(/^#[0-9A-F]{6}$/);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(first.body.case.id);
    expect(text).not.toContain(second.body.case.id);
    for (const r of residents) {
      expect(text).not.toContain(r.residentId);
      expect(text).not.toContain(r.name);
    }
  });
});
