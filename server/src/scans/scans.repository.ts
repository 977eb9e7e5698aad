import type { Knex } from 'knex';
import { toBool, toDate } from '../db/dialect';

export interface Scan {
  id: string;
  residentId: string;
  venueId: string;
  region: string;
  scannedAt: Date;
  accountId: string;
  byGuardian: boolean;
  clientRequestId: string;
  requestHash: string;
}

function fromRow(row: Record<string, unknown>): Scan {
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    venueId: row.venue_id as string,
    region: row.region as string,
    scannedAt: toDate(row.scanned_at),
    accountId: row.account_id as string,
    byGuardian: toBool(row.by_guardian),
    clientRequestId: row.client_request_id as string,
    requestHash: row.request_hash as string,
  };
}

function toRow(s: Scan): Record<string, unknown> {
  return {
    id: s.id,
    resident_id: s.residentId,
    venue_id: s.venueId,
    region: s.region,
    scanned_at: s.scannedAt,
    account_id: s.accountId,
    by_guardian: s.byGuardian,
    client_request_id: s.clientRequestId,
    request_hash: s.requestHash,
  };
}

/** Scan records (R16, R17, R19, R20). */
export class ScansRepository {
  constructor(private readonly db: Knex) {}

  async insert(s: Scan): Promise<void> {
    await this.db('scans').insert(toRow(s));
  }

  /** Several scans in one statement (group commit): all are stored, or none. */
  async insertMany(scans: Scan[]): Promise<void> {
    await this.db('scans').insert(scans.map(toRow));
  }

  async findByRequest(accountId: string, clientRequestId: string): Promise<Scan | null> {
    const row = await this.db('scans').where({ account_id: accountId, client_request_id: clientRequestId }).first();
    return row ? fromRow(row) : null;
  }

  /** A person's entries since `since`, newest first, with the venue's name (R19). */
  async history(residentId: string, since: Date, limit = 500): Promise<Array<Scan & { venueName: string; venueAddress: string }>> {
    const rows = await this.db('scans as s')
      .join('venues as v', 'v.id', 's.venue_id')
      .where('s.resident_id', residentId)
      .andWhere('s.scanned_at', '>=', since)
      .orderBy('s.scanned_at', 'desc')
      .limit(limit)
      .select('s.*', 'v.name as venue_name', 'v.address as venue_address');
    return rows.map((row) => ({ ...fromRow(row), venueName: row.venue_name as string, venueAddress: row.venue_address as string }));
  }

  /**
   * Deletes up to `batch` scans older than `cutoff` and answers how many went. Small batches
   * by primary key keep each statement short, so scanning in never waits on the purge (R20).
   */
  async deleteBatchBefore(cutoff: Date, batch: number): Promise<number> {
    const ids = (await this.db('scans').where('scanned_at', '<', cutoff).orderBy('scanned_at', 'asc').limit(batch).pluck('id')) as string[];
    if (ids.length === 0) return 0;
    return Number(await this.db('scans').whereIn('id', ids).del());
  }
}
