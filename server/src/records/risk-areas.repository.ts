import type { Knex } from 'knex';
import { toDate, toDateOrNull } from '../db/dialect';

export type RiskLevel = 'medium' | 'high';

export interface RiskArea {
  id: string;
  /** 6-digit administrative division code. */
  region: string;
  level: RiskLevel;
  startsAt: Date;
  /** null: until an official ends it. */
  endsAt: Date | null;
  createdBy: string;
  createdAt: Date;
}

function fromRow(row: Record<string, unknown>): RiskArea {
  return {
    id: row.id as string,
    region: row.region as string,
    level: row.level as RiskLevel,
    startsAt: toDate(row.starts_at),
    endsAt: toDateOrNull(row.ends_at),
    createdBy: row.created_by as string,
    createdAt: toDate(row.created_at),
  };
}

/** Medium and high risk areas with their periods (R4, R30, R31). */
export class RiskAreasRepository {
  constructor(private readonly db: Knex) {}

  async insert(a: RiskArea, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('risk_areas').insert({
      id: a.id,
      region: a.region,
      level: a.level,
      starts_at: a.startsAt,
      ends_at: a.endsAt,
      created_by: a.createdBy,
      created_at: a.createdAt,
    });
  }

  async findById(id: string, trx: Knex | Knex.Transaction = this.db): Promise<RiskArea | null> {
    const row = await trx('risk_areas').where({ id }).first();
    return row ? fromRow(row) : null;
  }

  async setEnd(id: string, endsAt: Date, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('risk_areas').where({ id }).update({ ends_at: endsAt });
  }

  /** Areas in force at `now` or announced for later, by start (an area called off before it began is none). */
  async currentAndUpcoming(now: Date): Promise<RiskArea[]> {
    const rows = await this.db('risk_areas')
      .where((q) => q.whereNull('ends_at').orWhere((o) => o.where('ends_at', '>', now).andWhere('ends_at', '>', this.db.ref('starts_at'))))
      .orderBy('starts_at', 'asc')
      .orderBy('region', 'asc');
    return rows.map(fromRow);
  }

  /** Every area in force at some time since `since` (including announced ones): the colour rules' input (R4). */
  async activeSince(since: Date): Promise<Array<{ region: string; level: RiskLevel; startsAt: Date; endsAt: Date | null }>> {
    const rows = await this.db('risk_areas')
      .where((q) => q.whereNull('ends_at').orWhere((o) => o.where('ends_at', '>=', since).andWhere('ends_at', '>', this.db.ref('starts_at'))))
      .orderBy('starts_at', 'asc')
      .select('region', 'level', 'starts_at', 'ends_at');
    return rows.map((row) => ({ region: row.region as string, level: row.level as RiskLevel, startsAt: toDate(row.starts_at), endsAt: toDateOrNull(row.ends_at) }));
  }
}
