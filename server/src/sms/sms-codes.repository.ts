import type { Knex } from 'knex';
import { toDate, toDateOrNull } from '../db/dialect';

export interface SmsCodeRow {
  id: string;
  phoneHash: string;
  codeHash: string;
  tries: number;
  expiresAt: Date;
  consumedAt: Date | null;
  createdAt: Date;
}

function fromRow(row: Record<string, unknown>): SmsCodeRow {
  return {
    id: row.id as string,
    phoneHash: row.phone_hash as string,
    codeHash: row.code_hash as string,
    tries: Number(row.tries),
    expiresAt: toDate(row.expires_at),
    consumedAt: toDateOrNull(row.consumed_at),
    createdAt: toDate(row.created_at),
  };
}

export class SmsCodesRepository {
  constructor(private readonly db: Knex) {}

  async latest(phoneHash: string): Promise<SmsCodeRow | null> {
    const row = await this.db('sms_codes').where({ phone_hash: phoneHash }).orderBy('created_at', 'desc').first();
    return row ? fromRow(row) : null;
  }

  async insert(row: SmsCodeRow): Promise<void> {
    await this.db('sms_codes').insert({
      id: row.id,
      phone_hash: row.phoneHash,
      code_hash: row.codeHash,
      tries: row.tries,
      expires_at: row.expiresAt,
      consumed_at: null,
      created_at: row.createdAt,
    });
  }

  async delete(id: string): Promise<void> {
    await this.db('sms_codes').where({ id }).delete();
  }

  /** Counts a try atomically; false when the tries were already used up (a concurrent guess). */
  async countTry(id: string, maxTries: number): Promise<boolean> {
    const updated = await this.db('sms_codes').where({ id }).andWhere('tries', '<', maxTries).increment('tries', 1);
    return Number(updated) === 1;
  }

  /** Consumes a code once: false when another request consumed it first. */
  async consume(id: string, at: Date, trx: Knex | Knex.Transaction = this.db): Promise<boolean> {
    const updated = await trx('sms_codes').where({ id }).whereNull('consumed_at').update({ consumed_at: at });
    return Number(updated) === 1;
  }
}
