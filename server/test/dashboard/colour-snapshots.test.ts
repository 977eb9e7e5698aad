import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type ResidentActor } from '../helpers/actors';
import { ColourSnapshotJob } from '../../src/dashboard/colour-snapshots';
import { DashboardRepository } from '../../src/dashboard/dashboard.repository';

let t: TestContext;
let people: ResidentActor[];

beforeAll(async () => {
  t = await createTestContext();
  people = [];
  for (let i = 0; i < 5; i += 1) people.push(await registerResident(t, { code: `snap-${i}`, seq: 460 + i, name: '快照居民' }));
  const official = await loginAs(t, 'snap-official', 'official');
  const res = await t.request().post(`/api/v1/officials/residents/${people[4].residentId}/colour-override`).set(bearer(official)).send({ colour: 'red', reason: '快照测试的人工改色' });
  expect(res.status).toBe(201);
});
afterAll(() => t.close());

describe("the colour snapshot job walks every resident (R4)", () => {
  it('R4: pages through residents in key order, a few colours at a time, and keeps one row per colour', async () => {
    const repo = new DashboardRepository(t.db);
    const pages: Array<{ after: string | null; got: number }> = [];
    const original = repo.residentIdsAfter.bind(repo);
    repo.residentIdsAfter = async (after, limit) => {
      const ids = await original(after, limit);
      pages.push({ after, got: ids.length });
      return ids;
    };
    let inFlight = 0;
    let most = 0;
    const colour = t.services.colour;
    const real = colour.current.bind(colour);
    const spy = jest.spyOn(colour, 'current').mockImplementation(async (id, opts) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        await new Promise((r) => setTimeout(r, 2));
        return await real(id, opts);
      } finally {
        inFlight -= 1;
      }
    });
    try {
      const job = new ColourSnapshotJob(repo, colour, t.clock, t.deps.logger, { pageSize: 2, concurrency: 2, pauseMs: 0 });
      const snapshot = await job.run();
      expect(snapshot).toEqual({ day: '2026-11-22', counts: { green: 4, yellow: 0, red: 1 }, computedAt: t.clock.now() });
      const ids = people.map((p) => p.residentId).sort();
      expect(pages).toEqual([
        { after: null, got: 2 },
        { after: ids[1], got: 2 },
        { after: ids[3], got: 1 },
      ]);
      expect(most).toBe(2);
      // Asked for every resident, never keeping the answer in the cache.
      expect(spy.mock.calls.map((c) => c[1])).toEqual(Array(5).fill({ keep: false }));
    } finally {
      spy.mockRestore();
    }
    const rows = await t.db('colour_snapshots').orderBy('colour');
    expect(rows.map((r) => [r.day, r.colour, Number(r.count)])).toEqual([
      ['2026-11-22', 'green', 4],
      ['2026-11-22', 'red', 1],
      ['2026-11-22', 'yellow', 0],
    ]);
  });

  it('R4: a colour still in the cache is used as it is, and the sweep adds none to the cache', async () => {
    const colour = t.services.colour as unknown as { cache: { size: number; clear(): void }; compute: (...a: unknown[]) => unknown };
    colour.cache.clear();
    await t.services.colour.current(people[0].residentId);
    expect(colour.cache.size).toBe(1);
    const compute = jest.spyOn(colour, 'compute');
    try {
      await t.services.colourSnapshots.run();
      expect(compute).toHaveBeenCalledTimes(4);
      expect(colour.cache.size).toBe(1);
    } finally {
      compute.mockRestore();
    }
  });

  it('R4: a second request while a run is in flight joins it', async () => {
    const job = new ColourSnapshotJob(new DashboardRepository(t.db), t.services.colour, t.clock, t.deps.logger);
    const first = job.run();
    const second = job.run();
    expect(second).toBe(first);
    await expect(first).resolves.toMatchObject({ counts: { green: 4, yellow: 0, red: 1 } });
  });

  it('R4: stop() (a shutdown) ends a run part-way without waiting for the rest, writes no partial distribution, and starts no other', async () => {
    const before = await t.db('colour_snapshots').orderBy('colour');
    t.clock.advance(60_000);
    const repo = new DashboardRepository(t.db);
    const job = new ColourSnapshotJob(repo, t.services.colour, t.clock, t.deps.logger, { pageSize: 2, concurrency: 1, pauseMs: 0 });
    const original = repo.residentIdsAfter.bind(repo);
    let pages = 0;
    let stopping: Promise<void> | null = null;
    repo.residentIdsAfter = async (after, limit) => {
      pages += 1;
      // The signal comes while the second page is read: the run ends after it, the third is never read.
      if (pages === 2) stopping = job.stop();
      return original(after, limit);
    };
    const run = job.run();
    await expect(run).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    await stopping;
    expect(pages).toBe(2);
    expect(await t.db('colour_snapshots').orderBy('colour')).toEqual(before);
    await expect(job.run()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});
