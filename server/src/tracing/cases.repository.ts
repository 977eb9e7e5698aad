import type { Knex } from 'knex';
import { forUpdate, insertIgnore, toDate, toDateOrNull } from '../db/dialect';

export interface ConfirmedCase {
  id: string;
  residentId: string;
  /** YYYY-MM-DD, local calendar day. */
  onsetDate: string;
  note: string | null;
  confirmedAt: Date;
  recordedBy: string;
  tracedAt: Date | null;
  traceFrom: Date | null;
  traceTo: Date | null;
  windowBeforeMinutes: number | null;
  windowAfterMinutes: number | null;
  closedAt: Date | null;
  closedBy: string | null;
  closeReason: string | null;
}

export interface CaseVisit {
  id: string;
  caseId: string;
  scanId: string;
  venueId: string;
  region: string;
  at: Date;
}

export interface Contact {
  id: string;
  caseId: string;
  residentId: string;
  venueId: string;
  /** When the contact's scan happened. */
  at: Date;
  caseVisitAt: Date;
  flaggedAt: Date;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function caseFromRow(row: Record<string, unknown>): ConfirmedCase {
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    onsetDate: row.onset_date as string,
    note: (row.note as string | null) ?? null,
    confirmedAt: toDate(row.confirmed_at),
    recordedBy: row.recorded_by as string,
    tracedAt: toDateOrNull(row.traced_at),
    traceFrom: toDateOrNull(row.trace_from),
    traceTo: toDateOrNull(row.trace_to),
    windowBeforeMinutes: num(row.window_before_minutes),
    windowAfterMinutes: num(row.window_after_minutes),
    closedAt: toDateOrNull(row.closed_at),
    closedBy: (row.closed_by as string | null) ?? null,
    closeReason: (row.close_reason as string | null) ?? null,
  };
}

type Db = Knex | Knex.Transaction;

/** Confirmed cases, the visits tracing read, and the contact flags it made (R31, R32). */
export class CasesRepository {
  constructor(private readonly db: Knex) {}

  async insert(c: ConfirmedCase, trx: Db = this.db): Promise<void> {
    await trx('confirmed_cases').insert({
      id: c.id,
      resident_id: c.residentId,
      open_resident_id: c.closedAt ? null : c.residentId,
      onset_date: c.onsetDate,
      note: c.note,
      confirmed_at: c.confirmedAt,
      recorded_by: c.recordedBy,
      traced_at: c.tracedAt,
      trace_from: c.traceFrom,
      trace_to: c.traceTo,
      window_before_minutes: c.windowBeforeMinutes,
      window_after_minutes: c.windowAfterMinutes,
      closed_at: c.closedAt,
      closed_by: c.closedBy,
      close_reason: c.closeReason,
    });
  }

  async findById(id: string, trx: Db = this.db, opts: { lock?: boolean } = {}): Promise<ConfirmedCase | null> {
    const query = trx('confirmed_cases').where({ id }).first();
    const row = await (opts.lock ? forUpdate(trx, query) : query);
    return row ? caseFromRow(row) : null;
  }

  /** Open cases newest first, or closed ones most recently closed first, with the total. */
  async list(status: 'open' | 'closed', offset: number, limit: number): Promise<{ cases: ConfirmedCase[]; total: number }> {
    const base = () => (status === 'open' ? this.db('confirmed_cases').whereNull('closed_at') : this.db('confirmed_cases').whereNotNull('closed_at'));
    const order = status === 'open' ? 'confirmed_at' : 'closed_at';
    const [rows, count] = await Promise.all([
      base().orderBy(order, 'desc').orderBy('id', 'desc').offset(offset).limit(limit).select('*'),
      base().count({ n: '*' }).first(),
    ]);
    return { cases: rows.map(caseFromRow), total: Number(count?.n ?? 0) };
  }

  /** Distinct people flagged per case, for a page of cases (a case with none is absent). */
  async contactCounts(caseIds: string[]): Promise<Map<string, number>> {
    if (caseIds.length === 0) return new Map();
    const rows: Array<{ case_id: string; people: number | string }> = await this.db('contacts')
      .whereIn('case_id', caseIds)
      .groupBy('case_id')
      .select('case_id')
      .countDistinct({ people: 'resident_id' });
    return new Map(rows.map((row) => [row.case_id, Number(row.people)]));
  }

  /** The person's open case, if any (at most one: the unique open_resident_id). */
  async openCaseOf(residentId: string, trx: Db = this.db): Promise<ConfirmedCase | null> {
    const row = await trx('confirmed_cases').where({ open_resident_id: residentId }).first();
    return row ? caseFromRow(row) : null;
  }

  async setTraced(id: string, t: { tracedAt: Date; from: Date; to: Date; beforeMinutes: number; afterMinutes: number }, trx: Db = this.db): Promise<void> {
    await trx('confirmed_cases').where({ id }).update({
      traced_at: t.tracedAt,
      trace_from: t.from,
      trace_to: t.to,
      window_before_minutes: t.beforeMinutes,
      window_after_minutes: t.afterMinutes,
    });
  }

  async close(id: string, by: string, at: Date, reason: string, trx: Db = this.db): Promise<void> {
    await trx('confirmed_cases').where({ id }).update({ closed_at: at, closed_by: by, close_reason: reason, open_resident_id: null });
  }

  /** Adds the case's visits; one already recorded (same scan) is kept as it was. */
  async addVisits(visits: CaseVisit[], trx: Db = this.db): Promise<void> {
    const rows = visits.map((v) => ({ id: v.id, case_id: v.caseId, scan_id: v.scanId, venue_id: v.venueId, region: v.region, at: v.at }));
    for (let i = 0; i < rows.length; i += 500) await insertIgnore(trx, 'case_visits', rows.slice(i, i + 500));
  }

  /** The case's recorded visits with the venue's name, oldest first. */
  async visitsOf(caseId: string, trx: Db = this.db): Promise<Array<CaseVisit & { venueName: string }>> {
    const rows = await trx('case_visits as c')
      .join('venues as v', 'v.id', 'c.venue_id')
      .where('c.case_id', caseId)
      .orderBy('c.at', 'asc')
      .orderBy('c.id', 'asc')
      .select('c.*', 'v.name as venue_name');
    return rows.map((row) => ({
      id: row.id as string,
      caseId: row.case_id as string,
      scanId: row.scan_id as string,
      venueId: row.venue_id as string,
      region: row.region as string,
      at: toDate(row.at),
      venueName: row.venue_name as string,
    }));
  }

  /** Adds contact flags; a flag already made for the same (case, person, venue, time) is kept as it was. */
  async addContacts(contacts: Contact[], trx: Db = this.db): Promise<void> {
    const rows = contacts.map((c) => ({
      id: c.id,
      case_id: c.caseId,
      resident_id: c.residentId,
      venue_id: c.venueId,
      at: c.at,
      case_visit_at: c.caseVisitAt,
      flagged_at: c.flaggedAt,
    }));
    for (let i = 0; i < rows.length; i += 500) await insertIgnore(trx, 'contacts', rows.slice(i, i + 500));
  }

  async countContacts(caseId: string, trx: Db = this.db): Promise<{ flags: number; people: number }> {
    const row = await trx('contacts').where({ case_id: caseId }).count({ flags: '*' }).countDistinct({ people: 'resident_id' }).first();
    return { flags: Number(row?.flags ?? 0), people: Number(row?.people ?? 0) };
  }

  /** The case's contact flags with the venue's name, oldest first. */
  async contactsOf(caseId: string, trx: Db = this.db): Promise<Array<Contact & { venueName: string }>> {
    const rows = await trx('contacts as c')
      .join('venues as v', 'v.id', 'c.venue_id')
      .where('c.case_id', caseId)
      .orderBy('c.at', 'asc')
      .orderBy('c.id', 'asc')
      .select('c.*', 'v.name as venue_name');
    return rows.map((row) => ({
      id: row.id as string,
      caseId: row.case_id as string,
      residentId: row.resident_id as string,
      venueId: row.venue_id as string,
      at: toDate(row.at),
      caseVisitAt: toDate(row.case_visit_at),
      flaggedAt: toDate(row.flagged_at),
      venueName: row.venue_name as string,
    }));
  }

  /** A person's contact flags whose contact happened since `since`: the colour rules' `contacts` (R4, R32). */
  async flagsOf(residentId: string, since: Date): Promise<Array<{ at: Date; flaggedAt: Date; venueName: string }>> {
    const rows = await this.db('contacts as c')
      .join('venues as v', 'v.id', 'c.venue_id')
      .where('c.resident_id', residentId)
      .andWhere('c.at', '>=', since)
      .orderBy('c.at', 'desc')
      .select('c.at', 'c.flagged_at', 'v.name as venue_name');
    return rows.map((row) => ({ at: toDate(row.at), flaggedAt: toDate(row.flagged_at), venueName: row.venue_name as string }));
  }
}
