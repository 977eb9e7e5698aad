import type { Knex } from 'knex';
import type { Colour } from '@health-code/shared';
import { toDate, toDateOrNull } from '../db/dialect';

export interface Override {
  id: string;
  residentId: string;
  colour: Colour;
  reason: string;
  officialId: string;
  createdAt: Date;
  expiresAt: Date | null;
  clearedAt: Date | null;
}

function fromRow(row: Record<string, unknown>): Override {
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    colour: row.colour as Colour,
    reason: row.reason as string,
    officialId: row.official_id as string,
    createdAt: toDate(row.created_at),
    expiresAt: toDateOrNull(row.expires_at),
    clearedAt: toDateOrNull(row.cleared_at),
  };
}

export class OverridesRepository {
  constructor(private readonly db: Knex) {}

  /** The newest override still in force at `now` (not cleared, not expired). */
  async current(residentId: string, now: Date): Promise<Override | null> {
    const row = await this.db('colour_overrides')
      .where({ resident_id: residentId })
      .whereNull('cleared_at')
      .andWhere((q) => q.whereNull('expires_at').orWhere('expires_at', '>', now))
      .orderBy('created_at', 'desc')
      .first();
    return row ? fromRow(row) : null;
  }

  async insert(o: Override, trx: Knex.Transaction): Promise<void> {
    await trx('colour_overrides').insert({
      id: o.id,
      resident_id: o.residentId,
      colour: o.colour,
      reason: o.reason,
      official_id: o.officialId,
      created_at: o.createdAt,
      expires_at: o.expiresAt,
      cleared_at: null,
    });
  }

  /** Ends every override in force; answers how many. */
  async clear(residentId: string, by: string, at: Date, trx: Knex.Transaction): Promise<number> {
    return Number(await trx('colour_overrides').where({ resident_id: residentId }).whereNull('cleared_at').update({ cleared_at: at, cleared_by: by }));
  }
}
