import type { Knex } from 'knex';
import { toDate, toDateOrNull } from '../db/dialect';

export type FaceCheckState = 'started' | 'passed' | 'failed' | 'expired';

/** A face check the server started for a guardian (R24, Alipay). */
export interface FaceCheck {
  id: string;
  /** The guardian's resident id. */
  residentId: string;
  /** Keyed hashes of the relative's ID number and name the check was started for. */
  idNumberHash: string;
  nameHash: string;
  provider: string;
  /** The provider's id of the check (Alipay's certify_id). */
  certifyId: string;
  state: FaceCheckState;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

function fromRow(row: Record<string, unknown>): FaceCheck {
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    idNumberHash: row.id_number_hash as string,
    nameHash: row.name_hash as string,
    provider: row.provider as string,
    certifyId: row.certify_id as string,
    state: row.state as FaceCheckState,
    createdAt: toDate(row.created_at),
    expiresAt: toDate(row.expires_at),
    usedAt: toDateOrNull(row.used_at),
  };
}

export class FaceChecksRepository {
  constructor(private readonly db: Knex) {}

  async insert(c: FaceCheck): Promise<void> {
    await this.db('face_checks').insert({
      id: c.id,
      resident_id: c.residentId,
      id_number_hash: c.idNumberHash,
      name_hash: c.nameHash,
      provider: c.provider,
      certify_id: c.certifyId,
      state: c.state,
      created_at: c.createdAt,
      expires_at: c.expiresAt,
      used_at: c.usedAt,
    });
  }

  async findById(id: string): Promise<FaceCheck | null> {
    const row = await this.db('face_checks').where({ id }).first();
    return row ? fromRow(row) : null;
  }

  /** Records what the provider last said; a used check keeps its state. */
  async setState(id: string, state: FaceCheckState): Promise<void> {
    await this.db('face_checks').where({ id }).whereNull('used_at').update({ state });
  }

  /**
   * Marks the check used, in the binding's transaction. The conditional update takes the row's
   * lock, so of two bindings with one check only the first changes a row: false for the other.
   */
  async markUsed(id: string, residentId: string, now: Date, trx: Knex.Transaction): Promise<boolean> {
    const changed = await trx('face_checks').where({ id, resident_id: residentId, state: 'passed' }).whereNull('used_at').update({ used_at: now });
    return Number(changed) === 1;
  }
}
