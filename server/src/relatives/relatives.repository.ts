import type { Knex } from 'knex';
import type { Relationship } from '@health-code/shared';
import { toDate } from '../db/dialect';

export type IdentityConfirmation = 'face' | 'child-under-7';

/** A guardian's resident record bound to a relative's (R21-R25). */
export interface Binding {
  id: string;
  guardianId: string;
  relativeId: string;
  relationship: Relationship | null;
  /** How the relative's identity was confirmed when bound (R24). */
  confirmedBy: IdentityConfirmation;
  faceCheckProvider: string | null;
  faceCheckRef: string | null;
  /** The login that made the binding (either of the guardian's accounts). */
  boundBy: string;
  createdAt: Date;
}

function fromRow(row: Record<string, unknown>): Binding {
  return {
    id: row.id as string,
    guardianId: row.guardian_id as string,
    relativeId: row.relative_id as string,
    relationship: (row.relationship as Relationship | null) ?? null,
    confirmedBy: row.confirmed_by as IdentityConfirmation,
    faceCheckProvider: (row.face_check_provider as string | null) ?? null,
    faceCheckRef: (row.face_check_ref as string | null) ?? null,
    boundBy: row.bound_by as string,
    createdAt: toDate(row.created_at),
  };
}

/** Bindings of relatives to guardians. Callers lock the residents' rows before counting. */
export class RelativesRepository {
  constructor(private readonly db: Knex) {}

  async insert(b: Binding, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('relative_bindings').insert({
      id: b.id,
      guardian_id: b.guardianId,
      relative_id: b.relativeId,
      relationship: b.relationship,
      confirmed_by: b.confirmedBy,
      face_check_provider: b.faceCheckProvider,
      face_check_ref: b.faceCheckRef,
      bound_by: b.boundBy,
      created_at: b.createdAt,
    });
  }

  async find(guardianId: string, relativeId: string, trx: Knex | Knex.Transaction = this.db): Promise<Binding | null> {
    const row = await trx('relative_bindings').where({ guardian_id: guardianId, relative_id: relativeId }).first();
    return row ? fromRow(row) : null;
  }

  /** A guardian's bindings, oldest first (the order of his list). */
  async listForGuardian(guardianId: string): Promise<Binding[]> {
    const rows = await this.db('relative_bindings').where({ guardian_id: guardianId }).orderBy('created_at', 'asc').orderBy('id', 'asc');
    return rows.map(fromRow);
  }

  async countForGuardian(guardianId: string, trx: Knex | Knex.Transaction = this.db): Promise<number> {
    const [row] = await trx('relative_bindings').where({ guardian_id: guardianId }).count({ n: '*' });
    return Number(row.n);
  }

  async countForRelative(relativeId: string, trx: Knex | Knex.Transaction = this.db): Promise<number> {
    const [row] = await trx('relative_bindings').where({ relative_id: relativeId }).count({ n: '*' });
    return Number(row.n);
  }

  async delete(id: string, trx: Knex | Knex.Transaction = this.db): Promise<number> {
    return trx('relative_bindings').where({ id }).delete();
  }
}
