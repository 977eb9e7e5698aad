import { isMysql } from '../../src/db/dialect';
import { newId } from '../../src/lib/ids';
import { mergeRanges } from '../../src/tracing/tracing.service';
import type { ScanVisit } from '../../src/tracing/scan-visits.repository';
import { createTestContext, type TestContext } from '../helpers/context';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const NOW = Date.parse('2026-11-22T08:00:00.000Z');
/** Migration 0011: (venue_id, scanned_at) plus the person and region, so the index alone answers. */
const WINDOW_INDEX = 'scans_venue_id_scanned_at_resident_id_region_index';
const DAY = 24 * 3600 * 1000;

describe('R32: the tracing query rides the (venue_id, scanned_at) index', () => {
  it('R32: one statement of OR-ed venue/time ranges is an index range scan, on SQLite and on MariaDB', async () => {
    // Enough rows (scans have no foreign keys) that a full scan would be the optimizer's worse choice.
    const venues = Array.from({ length: 200 }, () => newId());
    const people = Array.from({ length: 500 }, () => newId());
    const rows = Array.from({ length: 6000 }, (_, i) => {
      const id = newId();
      return {
        id,
        resident_id: people[i % people.length],
        venue_id: venues[(i * 7) % venues.length],
        region: '440305',
        scanned_at: new Date(NOW - ((i * 7919) % (28 * 24 * 60)) * 60 * 1000),
        account_id: 'plan-test',
        by_guardian: false,
        client_request_id: id,
        request_hash: 'x',
      };
    });
    for (let i = 0; i < rows.length; i += 500) await t.db('scans').insert(rows.slice(i, i + 500));
    await t.db.raw(isMysql(t.db) ? 'ANALYZE TABLE scans' : 'ANALYZE');

    const visits: ScanVisit[] = rows
      .filter((r) => r.resident_id === people[0] && r.scanned_at.getTime() >= NOW - 14 * DAY)
      .map((r) => ({ scanId: r.id, residentId: r.resident_id, venueId: r.venue_id, region: r.region, at: r.scanned_at }));
    expect(visits.length).toBeGreaterThan(3);
    const query = t.services.scanVisits.rangesQuery(mergeRanges(visits, 30 * 60 * 1000, 120 * 60 * 1000), people[0]);
    const { sql, bindings } = query.toSQL();

    if (isMysql(t.db)) {
      const [plan] = (await t.db.raw(`EXPLAIN ${sql}`, bindings)) as [Array<{ table: string; type: string; key: string | null; Extra: string }>];
      expect(plan).toEqual([expect.objectContaining({ table: 'scans', type: 'range', key: WINDOW_INDEX })]);
      // Answered from the index alone: no lookup of the table's row per scan found.
      expect(plan[0].Extra).toMatch(/Using index(?! condition)/);
    } else {
      const plan = (await t.db.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings)) as Array<{ detail: string }>;
      const details = plan.map((p) => p.detail);
      expect(details.some((d) => /MULTI-INDEX OR/.test(d))).toBe(true);
      expect(details.filter((d) => /^SEARCH/.test(d)).every((d) => d.includes(`USING INDEX ${WINDOW_INDEX} (venue_id=? AND scanned_at>? AND scanned_at<?)`))).toBe(true);
      expect(details.some((d) => /^SCAN scans/.test(d))).toBe(false);
    }
    // And it answers what a scan of the whole table would: every other person's entry in a window.
    const found = await t.services.scanVisits.inRanges(mergeRanges(visits, 30 * 60 * 1000, 120 * 60 * 1000), people[0]);
    const expected = rows.filter(
      (r) =>
        r.resident_id !== people[0] &&
        visits.some((v) => v.venueId === r.venue_id && r.scanned_at.getTime() >= v.at.getTime() - 30 * 60 * 1000 && r.scanned_at.getTime() <= v.at.getTime() + 120 * 60 * 1000),
    );
    expect(found.map((f) => f.scanId).sort()).toEqual(expected.map((r) => r.id).sort());
  });
});
