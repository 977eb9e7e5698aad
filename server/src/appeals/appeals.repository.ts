import type { Knex } from 'knex';
import type { Colour } from '@health-code/shared';
import { toBool, toDate, toDateOrNull } from '../db/dialect';

export type AppealStatus = 'open' | 'accepted' | 'refused';

export interface Appeal {
  id: string;
  residentId: string;
  accountId: string;
  byGuardian: boolean;
  colourAtFiling: Colour;
  reason: string;
  evidenceType: string | null;
  status: AppealStatus;
  answer: string | null;
  correctedColour: Colour | null;
  answeredBy: string | null;
  answeredAt: Date | null;
  createdAt: Date;
}

const COLUMNS = ['id', 'resident_id', 'account_id', 'by_guardian', 'colour_at_filing', 'reason', 'evidence_type', 'status', 'answer', 'corrected_colour', 'answered_by', 'answered_at', 'created_at'];

function fromRow(row: Record<string, unknown>): Appeal {
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    accountId: row.account_id as string,
    byGuardian: toBool(row.by_guardian),
    colourAtFiling: row.colour_at_filing as Colour,
    reason: row.reason as string,
    evidenceType: (row.evidence_type as string | null) ?? null,
    status: row.status as AppealStatus,
    answer: (row.answer as string | null) ?? null,
    correctedColour: (row.corrected_colour as Colour | null) ?? null,
    answeredBy: (row.answered_by as string | null) ?? null,
    answeredAt: toDateOrNull(row.answered_at),
    createdAt: toDate(row.created_at),
  };
}

/** Colour appeals; the evidence image is read only on its own, never with a list. */
export class AppealsRepository {
  constructor(private readonly db: Knex) {}

  async insert(a: Appeal, evidence: string | null, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('appeals').insert({
      id: a.id,
      resident_id: a.residentId,
      open_resident_id: a.residentId,
      account_id: a.accountId,
      by_guardian: a.byGuardian,
      colour_at_filing: a.colourAtFiling,
      reason: a.reason,
      evidence_type: a.evidenceType,
      evidence,
      status: 'open',
      created_at: a.createdAt,
    });
  }

  async find(id: string, trx: Knex | Knex.Transaction = this.db): Promise<Appeal | null> {
    const row = await trx('appeals').where({ id }).first(COLUMNS);
    return row ? fromRow(row) : null;
  }

  async evidence(id: string): Promise<{ type: string; data: string } | null> {
    const row = await this.db('appeals').where({ id }).first('evidence_type', 'evidence');
    return row?.evidence ? { type: row.evidence_type as string, data: row.evidence as string } : null;
  }

  async forResident(residentId: string, limit = 20): Promise<Appeal[]> {
    return (await this.db('appeals').where({ resident_id: residentId }).orderBy('created_at', 'desc').limit(limit).select(COLUMNS)).map(fromRow);
  }

  async list(status: AppealStatus, page: number, pageSize: number): Promise<{ appeals: Appeal[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.db('appeals').where({ status }).orderBy('created_at', status === 'open' ? 'asc' : 'desc').offset((page - 1) * pageSize).limit(pageSize).select(COLUMNS),
      this.db('appeals').where({ status }).count({ n: '*' }).first(),
    ]);
    return { appeals: rows.map(fromRow), total: Number(count?.n ?? 0) };
  }

  /** Answers an open appeal; false when another official answered it first. */
  async answer(id: string, a: { status: 'accepted' | 'refused'; answer: string; correctedColour: Colour | null; by: string; at: Date }, trx: Knex.Transaction): Promise<boolean> {
    const n = await trx('appeals')
      .where({ id, status: 'open' })
      .update({ status: a.status, answer: a.answer, corrected_colour: a.correctedColour, answered_by: a.by, answered_at: a.at, open_resident_id: null });
    return Number(n) === 1;
  }
}
