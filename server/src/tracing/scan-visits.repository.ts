import type { Knex } from 'knex';
import { toDate } from '../db/dialect';

/** One scan as tracing reads it. */
export interface ScanVisit {
  scanId: string;
  residentId: string;
  venueId: string;
  region: string;
  at: Date;
}

/** A venue and a closed time range [from, to] in which a scan there counts. */
export interface VenueRange {
  venueId: string;
  from: Date;
  to: Date;
}

/** How many ranges go into one statement: keeps the SQL and the optimizer's range list small. */
const RANGES_PER_QUERY = 100;

function fromRow(row: Record<string, unknown>): ScanVisit {
  return {
    scanId: row.id as string,
    residentId: row.resident_id as string,
    venueId: row.venue_id as string,
    region: row.region as string,
    at: toDate(row.scanned_at),
  };
}

/**
 * Read-only views of the `scans` table (written by the scanning feature) for tracing, the
 * colour rules and the travel card (R4, R30, R32). Every query here rides an index of
 * migration 0011: (resident_id, scanned_at, ...) for one person's visits, (venue_id,
 * scanned_at, ...) for who was at a venue when, each carrying the other columns these reads
 * need, so they are answered from the index alone (docs/tracing.md, docs/performance.md).
 */
export class ScanVisitsRepository {
  constructor(private readonly db: Knex) {}

  /** One person's scans in [from, to], oldest first. */
  async ofResident(residentId: string, from: Date, to: Date, trx: Knex | Knex.Transaction = this.db): Promise<ScanVisit[]> {
    const rows = await trx('scans')
      .where('resident_id', residentId)
      .andWhere('scanned_at', '>=', from)
      .andWhere('scanned_at', '<=', to)
      .orderBy('scanned_at', 'asc')
      .orderBy('id', 'asc')
      .select('id', 'resident_id', 'venue_id', 'region', 'scanned_at');
    return rows.map(fromRow);
  }

  /**
   * Everyone else's scans inside any of the venue ranges: one statement per 100 ranges, each an
   * OR of `venue_id = ? AND scanned_at BETWEEN ? AND ?`, which the databases answer as index
   * range scans on (venue_id, scanned_at). Callers merge overlapping ranges of a venue first.
   */
  async inRanges(ranges: VenueRange[], excludeResidentId: string, trx: Knex | Knex.Transaction = this.db): Promise<ScanVisit[]> {
    const found: ScanVisit[] = [];
    for (let i = 0; i < ranges.length; i += RANGES_PER_QUERY) {
      const rows = await this.rangesQuery(ranges.slice(i, i + RANGES_PER_QUERY), excludeResidentId, trx);
      found.push(...rows.map(fromRow));
    }
    return found;
  }

  /** The statement of one chunk of ranges (exposed so a test can read its query plan). */
  rangesQuery(ranges: VenueRange[], excludeResidentId: string, trx: Knex | Knex.Transaction = this.db): Knex.QueryBuilder {
    return trx('scans')
      .where((any) => {
        for (const r of ranges) any.orWhere((q) => q.where('venue_id', r.venueId).andWhere('scanned_at', '>=', r.from).andWhere('scanned_at', '<=', r.to));
      })
      .andWhere('resident_id', '<>', excludeResidentId)
      .select('id', 'resident_id', 'venue_id', 'region', 'scanned_at');
  }

  /**
   * A person's visits since `since` to the given regions (those with a risk area), with the
   * venue's name: the colour rules' `visits` (R4). Only a visit inside a risk area can count, so
   * the rest are not read: a daily commuter's fortnight of scans stays in the index.
   */
  async visitsForColour(residentId: string, since: Date, regions: string[]): Promise<Array<{ region: string; at: Date; venueName: string }>> {
    if (regions.length === 0) return [];
    const rows = await this.db('scans as s')
      .join('venues as v', 'v.id', 's.venue_id')
      .where('s.resident_id', residentId)
      .andWhere('s.scanned_at', '>=', since)
      .whereIn('s.region', regions)
      .orderBy('s.scanned_at', 'desc')
      .select('s.region', 's.scanned_at', 'v.name as venue_name');
    return rows.map((row) => ({ region: row.region as string, at: toDate(row.scanned_at), venueName: row.venue_name as string }));
  }

  /** Per region, a person's first and last scan since `since`: the travel card (R30). */
  async regionsSince(residentId: string, since: Date): Promise<Array<{ region: string; first: Date; last: Date }>> {
    const rows: Array<Record<string, unknown>> = await this.db('scans')
      .where('resident_id', residentId)
      .andWhere('scanned_at', '>=', since)
      .groupBy('region')
      .select('region')
      .min({ first: 'scanned_at' })
      .max({ last: 'scanned_at' });
    return rows.map((row) => ({ region: row.region as string, first: toDate(row.first), last: toDate(row.last) }));
  }
}
