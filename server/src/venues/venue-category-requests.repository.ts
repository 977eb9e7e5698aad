import type { Knex } from 'knex';
import { toBool, toDate, toDateOrNull } from '../db/dialect';

export type VenueCategoryRequestStatus = 'pending' | 'accepted' | 'declined';

export interface VenueCategoryRequest {
  id: string;
  residentId: string;
  accountId: string;
  nameZh: string;
  nameEn: string | null;
  mobile: boolean;
  note: string | null;
  status: VenueCategoryRequestStatus;
  reply: string | null;
  categoryId: string | null;
  answeredBy: string | null;
  answeredAt: Date | null;
  createdAt: Date;
}

function fromRow(row: Record<string, unknown>): VenueCategoryRequest {
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    accountId: row.account_id as string,
    nameZh: row.name_zh as string,
    nameEn: (row.name_en as string | null) ?? null,
    mobile: toBool(row.mobile),
    note: (row.note as string | null) ?? null,
    status: row.status as VenueCategoryRequestStatus,
    reply: (row.reply as string | null) ?? null,
    categoryId: (row.category_id as string | null) ?? null,
    answeredBy: (row.answered_by as string | null) ?? null,
    answeredAt: toDateOrNull(row.answered_at),
    createdAt: toDate(row.created_at),
  };
}

/** Residents' requests for a missing venue category, and officials' answers (R10, R31). */
export class VenueCategoryRequestsRepository {
  constructor(private readonly db: Knex) {}

  async insert(r: VenueCategoryRequest, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('venue_category_requests').insert({
      id: r.id,
      resident_id: r.residentId,
      account_id: r.accountId,
      name_zh: r.nameZh,
      name_en: r.nameEn,
      mobile: r.mobile,
      note: r.note,
      status: r.status,
      reply: r.reply,
      category_id: r.categoryId,
      answered_by: r.answeredBy,
      answered_at: r.answeredAt,
      created_at: r.createdAt,
    });
  }

  async findById(id: string, trx: Knex | Knex.Transaction = this.db): Promise<VenueCategoryRequest | null> {
    const row = await trx('venue_category_requests').where({ id }).first();
    return row ? fromRow(row) : null;
  }

  async findPending(residentId: string, nameZh: string): Promise<VenueCategoryRequest | null> {
    const row = await this.db('venue_category_requests').where({ resident_id: residentId, name_zh: nameZh, status: 'pending' }).first();
    return row ? fromRow(row) : null;
  }

  /** Officials' queue: oldest first. */
  async listByStatus(status: VenueCategoryRequestStatus, limit = 200): Promise<VenueCategoryRequest[]> {
    const rows = await this.db('venue_category_requests').where({ status }).orderBy('created_at', 'asc').orderBy('id', 'asc').limit(limit);
    return rows.map(fromRow);
  }

  /** A resident's own requests, newest first. */
  async listByResident(residentId: string, limit = 200): Promise<VenueCategoryRequest[]> {
    const rows = await this.db('venue_category_requests').where({ resident_id: residentId }).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
    return rows.map(fromRow);
  }

  /** Answers whether this call answered it (false: someone answered first). */
  async answer(
    id: string,
    answer: { status: 'accepted' | 'declined'; reply: string | null; categoryId: string | null; answeredBy: string; answeredAt: Date },
    trx: Knex | Knex.Transaction = this.db,
  ): Promise<boolean> {
    const n = await trx('venue_category_requests').where({ id, status: 'pending' }).update({
      status: answer.status,
      reply: answer.reply,
      category_id: answer.categoryId,
      answered_by: answer.answeredBy,
      answered_at: answer.answeredAt,
    });
    return Number(n) > 0;
  }
}
