import { randomBytes } from 'node:crypto';
import { isMysql } from '../../src/db/dialect';
import { newId } from '../../src/lib/ids';
import { DashboardRepository } from '../../src/dashboard/dashboard.repository';
import { createTestContext, type TestContext } from '../helpers/context';
import { loginAs, type Actor } from '../helpers/actors';
import { makeVenue, type VenueStatus } from '../helpers/places';

/**
 * Each dashboard read is answered from an index (issue 6): checked with the database's own
 * EXPLAIN, on SQLite and on MariaDB, over enough rows that a full scan would be the worse plan.
 */
let t: TestContext;
let repo: DashboardRepository;
let official: Actor;
const NOW = Date.parse('2026-11-22T08:00:00.000Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;
let caseIds: string[] = [];

type MysqlPlan = Array<{ table: string | null; type: string | null; key: string | null; Extra: string | null }>;

async function plan(query: { toSQL(): { sql: string; bindings: readonly unknown[] } }): Promise<MysqlPlan | string[]> {
  const { sql, bindings } = query.toSQL();
  if (isMysql(t.db)) return ((await t.db.raw(`EXPLAIN ${sql}`, bindings as never)) as unknown as [MysqlPlan])[0];
  return ((await t.db.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings as never)) as Array<{ detail: string }>).map((p) => p.detail);
}

const mysqlRows = (p: MysqlPlan | string[], table: string) => (p as MysqlPlan).filter((r) => r.table === table);

beforeAll(async () => {
  t = await createTestContext();
  repo = new DashboardRepository(t.db);
  official = await loginAs(t, 'plan-official', 'official');

  // Residents written straight into their table (the plans need rows, not real people).
  const residents = Array.from({ length: 300 }, () => ({
    id: newId(),
    code_id: randomBytes(12).toString('hex'),
    name_enc: 'x',
    id_number_enc: 'x',
    id_number_hash: randomBytes(16).toString('hex'),
    birth_date: '1990-01-01',
    sex: 'female',
    region: '440305',
    independent: true,
    created_at: new Date(NOW),
    updated_at: new Date(NOW),
  }));
  for (let i = 0; i < residents.length; i += 100) await t.db('residents').insert(residents.slice(i, i + 100));
  const owner = { residentId: residents[0].id, accountId: official.accountId };
  const statuses: VenueStatus[] = ['under_review', 'passed', 'failed', 'revoked', 'retired'];
  const venues: Array<{ id: string }> = [];
  for (let i = 0; i < 60; i += 1) venues.push(await makeVenue(t, owner, `计划测试场所${i}`, '440305', statuses[i % 5]));

  const scans = Array.from({ length: 6000 }, (_, i) => {
    const id = newId();
    return {
      id,
      resident_id: residents[i % residents.length].id,
      venue_id: venues[i % venues.length].id,
      region: '440305',
      scanned_at: new Date(NOW - ((i * 7919) % (28 * 24 * 60)) * 60_000),
      account_id: 'plan-test',
      by_guardian: false,
      client_request_id: id,
      request_hash: 'x',
    };
  });
  for (let i = 0; i < scans.length; i += 500) await t.db('scans').insert(scans.slice(i, i + 500));

  // 600 cases over 200 days, closed (one open case per person), and contacts for each.
  const cases = Array.from({ length: 600 }, (_, i) => ({
    id: newId(),
    resident_id: residents[i % residents.length].id,
    onset_date: '2026-01-01',
    confirmed_at: new Date(NOW - ((i * 337) % 200) * DAY - i * 1000),
    recorded_by: official.accountId,
    closed_at: new Date(NOW),
  }));
  for (let i = 0; i < cases.length; i += 100) await t.db('confirmed_cases').insert(cases.slice(i, i + 100));
  caseIds = cases.map((c) => c.id);
  const contacts = cases.flatMap((c, i) =>
    Array.from({ length: 4 }, (_, k) => ({
      id: newId(),
      case_id: c.id,
      resident_id: residents[(i + k + 1) % residents.length].id,
      venue_id: venues[k].id,
      at: new Date(NOW - k * HOUR),
      case_visit_at: new Date(NOW - k * HOUR),
      flagged_at: new Date(NOW),
    })),
  );
  for (let i = 0; i < contacts.length; i += 200) await t.db('contacts').insert(contacts.slice(i, i + 200));
  for (let d = 0; d < 60; d += 1) {
    const day = new Date(NOW - d * DAY).toISOString().slice(0, 10);
    await repo.upsertSnapshot(day, { green: 100 + d, yellow: d, red: 1 }, new Date(NOW));
  }
  await t.db.raw(isMysql(t.db) ? 'ANALYZE TABLE scans, venues, confirmed_cases, contacts, colour_snapshots' : 'ANALYZE');
});
afterAll(() => t.close());

describe('the dashboard reads ride indexes (issue 6), on SQLite and on MariaDB', () => {
  it('R16: scans per hour: one COUNT per hour over a range of the (scanned_at) index, from the index alone', async () => {
    const p = await plan(repo.countsQuery(new Date(NOW - 47 * HOUR), 48));
    if (isMysql(t.db)) {
      const rows = mysqlRows(p, 'scans');
      expect(rows).toHaveLength(48);
      for (const row of rows) {
        expect(row).toMatchObject({ type: 'range', key: 'scans_scanned_at_index' });
        expect(row.Extra).toMatch(/Using index(?! condition)/);
      }
    } else {
      const searches = (p as string[]).filter((d) => /scans/.test(d));
      expect(searches).toHaveLength(48);
      expect(searches.every((d) => d.includes('USING COVERING INDEX scans_scanned_at_index (scanned_at>? AND scanned_at<?)'))).toBe(true);
    }
    // And it counts what a scan of the table would.
    const counts = await repo.countScansByHour(new Date(NOW - 47 * HOUR), 48);
    const all = await t.db('scans').select('scanned_at');
    const expected = new Array(48).fill(0);
    for (const r of all) {
      const at = new Date(r.scanned_at as string | number | Date).getTime();
      const i = Math.floor((at - (NOW - 47 * HOUR)) / HOUR);
      if (i >= 0 && i < 48) expected[i] += 1;
    }
    expect(counts).toEqual(expected);
  });

  it("R4: the colour trend is a range of colour_snapshots' primary key", async () => {
    const p = await plan(repo.snapshotsQuery('2026-11-09'));
    if (isMysql(t.db)) {
      expect(mysqlRows(p, 'colour_snapshots')).toEqual([expect.objectContaining({ type: 'range', key: 'PRIMARY' })]);
    } else {
      expect(p).toEqual([expect.stringMatching(/^SEARCH colour_snapshots USING INDEX sqlite_autoindex_colour_snapshots_1 \(day>\?\)/)]);
    }
    expect(await repo.snapshotsSince('2026-11-09')).toHaveLength(14 * 3);
  });

  it('R11: venue applications by state are counted from the (status, created_at) index alone', async () => {
    const p = await plan(repo.venueStatesQuery());
    if (isMysql(t.db)) {
      const [row] = mysqlRows(p, 'venues');
      expect(row.key).toBe('venues_status_created_at_index');
      expect(row.Extra).toMatch(/Using index/);
    } else {
      expect(p).toEqual([expect.stringMatching(/^SCAN venues USING COVERING INDEX venues_status_created_at_index/)]);
    }
    expect([...(await repo.venueStates()).values()]).toEqual([12, 12, 12, 12, 12]);
  });

  it('R32: recent cases come newest first from the (confirmed_at) index of migration 0012, without a sort', async () => {
    const p = await plan(repo.recentCasesQuery(new Date(NOW - 30 * DAY), 20));
    if (isMysql(t.db)) {
      const [row] = mysqlRows(p, 'confirmed_cases');
      expect(row).toMatchObject({ type: 'range', key: 'confirmed_cases_confirmed_at_index' });
      expect(row.Extra ?? '').not.toMatch(/filesort/);
    } else {
      expect(p).toEqual([expect.stringMatching(/^SEARCH confirmed_cases USING INDEX confirmed_cases_confirmed_at_index \(confirmed_at>\?\)/)]);
    }
  });

  it("R32: contacts per case are counted from the contacts' unique (case_id, resident_id, ...) key alone", async () => {
    const ids = caseIds.slice(0, 20);
    const p = await plan(repo.contactCountsQuery(ids));
    if (isMysql(t.db)) {
      const [row] = mysqlRows(p, 'contacts');
      expect(row).toMatchObject({ type: 'range', key: 'contacts_case_id_resident_id_venue_id_at_unique' });
      expect(row.Extra).toMatch(/Using index(?! condition)/);
    } else {
      expect(p).toEqual([expect.stringMatching(/^SEARCH contacts USING COVERING INDEX contacts_case_id_resident_id_venue_id_at_unique \(case_id=\?\)/)]);
    }
    expect([...(await repo.contactCounts(ids)).values()]).toEqual(Array(20).fill(4));
  });
});
