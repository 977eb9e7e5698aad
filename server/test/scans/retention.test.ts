import { createTestContext, type TestContext } from '../helpers/context';
import { ScanRetention } from '../../src/scans/retention';
import { newId } from '../../src/lib/ids';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const DAY = 24 * 3600_000;

async function insertScans(n: number, daysAgo: number, tag: string) {
  const at = t.clock.now().getTime() - daysAgo * DAY;
  const rows = Array.from({ length: n }, (_, i) => ({
    id: newId(at + i),
    resident_id: 'r-retention',
    venue_id: 'v-retention',
    region: '440305',
    scanned_at: new Date(at + i),
    account_id: 'a-retention',
    by_guardian: false,
    client_request_id: `${tag}-${i}`,
    request_hash: 'x',
  }));
  for (let i = 0; i < rows.length; i += 200) await t.db('scans').insert(rows.slice(i, i + 200));
}

describe('R20: scans are kept 28 days, then deleted in batches', () => {
  it('R20: the job deletes every scan past retention in bounded batches and keeps the rest', async () => {
    await insertScans(250, 29, 'old');
    await insertScans(30, 27, 'recent');
    // A scan exactly at the limit is kept (older than 28 days goes, not 28 days old).
    await insertScans(1, 28, 'edge');
    const batches: number[] = [];
    const retention = new ScanRetention(t.services.scanRecords, t.clock, t.deps.logger, 28, 100, 0);
    const original = t.services.scanRecords.deleteBatchBefore.bind(t.services.scanRecords);
    t.services.scanRecords.deleteBatchBefore = async (cutoff, batch) => {
      const n = await original(cutoff, batch);
      batches.push(n);
      return n;
    };
    try {
      expect(await retention.purge()).toBe(250);
    } finally {
      t.services.scanRecords.deleteBatchBefore = original;
    }
    expect(batches).toEqual([100, 100, 50]);
    expect(await t.db('scans').count({ n: '*' }).first()).toMatchObject({ n: 31 });
    expect(await retention.purge()).toBe(0);
  });

  it('R20: stop() (a shutdown) ends a purge after the batch in hand; the next run deletes the rest', async () => {
    await insertScans(50, 40, 'stopped');
    const retention = new ScanRetention(t.services.scanRecords, t.clock, t.deps.logger, 28, 10, 60_000);
    const purge = retention.purge();
    await retention.stop();
    // One batch, not five batches with a minute between each.
    expect(await purge).toBe(10);
    const next = new ScanRetention(t.services.scanRecords, t.clock, t.deps.logger, 28, 100, 0);
    expect(await next.purge()).toBe(40);
  });

  it('R20: the retention period is a setting', async () => {
    await insertScans(5, 10, 'short');
    const retention = new ScanRetention(t.services.scanRecords, t.clock, t.deps.logger, 7, 100, 0);
    expect(await retention.purge()).toBe(5 + 31);
  });
});
