import type { Knex } from 'knex';
import { toDate, toDateOrNull } from '../db/dialect';

export type KeyStatus = 'active' | 'retired' | 'revoked';

export interface SigningKeyRow {
  kid: string;
  alg: string;
  /** The public JWK, as JSON text. */
  publicJwk: string;
  /** The private JWK, sealed with the data key. */
  privateSealed: string;
  status: KeyStatus;
  createdAt: Date;
  retiredAt: Date | null;
  revokedAt: Date | null;
}

function fromRow(row: Record<string, unknown>): SigningKeyRow {
  return {
    kid: row.kid as string,
    alg: row.alg as string,
    publicJwk: row.public_jwk as string,
    privateSealed: row.private_enc as string,
    status: row.status as KeyStatus,
    createdAt: toDate(row.created_at),
    retiredAt: toDateOrNull(row.retired_at),
    revokedAt: toDateOrNull(row.revoked_at),
  };
}

/** The code-signing keys: one active, older ones retired (still verify) or revoked (refused). */
export class SigningKeysRepository {
  constructor(private readonly db: Knex) {}

  async all(): Promise<SigningKeyRow[]> {
    const rows = await this.db('signing_keys').orderBy('created_at', 'desc');
    return rows.map(fromRow);
  }

  async find(kid: string): Promise<SigningKeyRow | null> {
    const row = await this.db('signing_keys').where({ kid }).first();
    return row ? fromRow(row) : null;
  }

  async active(): Promise<SigningKeyRow | null> {
    const row = await this.db('signing_keys').where({ status: 'active' }).orderBy('created_at', 'desc').first();
    return row ? fromRow(row) : null;
  }

  /** Makes `key` the one active key, retiring whichever was active, in one transaction. */
  async insertActive(key: Omit<SigningKeyRow, 'status' | 'retiredAt' | 'revokedAt'>, at: Date): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx('signing_keys').where({ status: 'active' }).update({ status: 'retired', retired_at: at });
      await trx('signing_keys').insert({
        kid: key.kid,
        alg: key.alg,
        public_jwk: key.publicJwk,
        private_enc: key.privateSealed,
        status: 'active',
        created_at: key.createdAt,
      });
    });
  }

  async revoke(kid: string, at: Date): Promise<void> {
    await this.db('signing_keys').where({ kid }).update({ status: 'revoked', revoked_at: at });
  }
}
