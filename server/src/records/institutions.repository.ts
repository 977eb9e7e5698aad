import type { Knex } from 'knex';
import { toDate, toDateOrNull } from '../db/dialect';

export type InstitutionKind = 'testing' | 'vaccination';

export interface Institution {
  id: string;
  name: string;
  kind: InstitutionKind;
  keyId: string;
  /** Keyed hash of the API secret; the secret itself is never stored. */
  secretHash: string;
  status: 'active' | 'revoked';
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

function fromRow(row: Record<string, unknown>): Institution {
  return {
    id: row.id as string,
    name: row.name as string,
    kind: row.kind as InstitutionKind,
    keyId: row.key_id as string,
    secretHash: row.secret_hash as string,
    status: row.status as 'active' | 'revoked',
    createdBy: row.created_by as string,
    createdAt: toDate(row.created_at),
    revokedAt: toDateOrNull(row.revoked_at),
  };
}

/** Testing institutions and vaccination units with their API credentials (R28, R29). */
export class InstitutionsRepository {
  constructor(private readonly db: Knex) {}

  async insert(i: Institution, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('institutions').insert({
      id: i.id,
      name: i.name,
      kind: i.kind,
      key_id: i.keyId,
      secret_hash: i.secretHash,
      status: i.status,
      created_by: i.createdBy,
      created_at: i.createdAt,
      revoked_at: i.revokedAt,
    });
  }

  async findById(id: string, trx: Knex | Knex.Transaction = this.db): Promise<Institution | null> {
    const row = await trx('institutions').where({ id }).first();
    return row ? fromRow(row) : null;
  }

  async findByKeyId(keyId: string): Promise<Institution | null> {
    const row = await this.db('institutions').where({ key_id: keyId }).first();
    return row ? fromRow(row) : null;
  }

  async list(): Promise<Institution[]> {
    const rows = await this.db('institutions').orderBy('created_at', 'desc').orderBy('id', 'desc');
    return rows.map(fromRow);
  }

  /** Answers whether this call revoked it (false: already revoked). */
  async revoke(id: string, at: Date, trx: Knex | Knex.Transaction = this.db): Promise<boolean> {
    const n = await trx('institutions').where({ id, status: 'active' }).update({ status: 'revoked', revoked_at: at });
    return Number(n) > 0;
  }
}
