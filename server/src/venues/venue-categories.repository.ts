import type { Knex } from 'knex';
import { toBool, toDate } from '../db/dialect';

export interface VenueCategory {
  id: string;
  nameZh: string;
  nameEn: string;
  /** Taxi, bus, boat: the venue's name is a plate or vessel number (R10). */
  mobile: boolean;
  /** A retired category is not offered for new applications; venues keep it. */
  active: boolean;
  position: number;
  createdAt: Date;
}

function fromRow(row: Record<string, unknown>): VenueCategory {
  return {
    id: row.id as string,
    nameZh: row.name_zh as string,
    nameEn: row.name_en as string,
    mobile: toBool(row.mobile),
    active: toBool(row.active),
    position: Number(row.position),
    createdAt: toDate(row.created_at),
  };
}

/** The venue categories officials maintain (R10, R31). */
export class VenueCategoriesRepository {
  constructor(private readonly db: Knex) {}

  async insert(c: VenueCategory, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('venue_categories').insert({
      id: c.id,
      name_zh: c.nameZh,
      name_en: c.nameEn,
      mobile: c.mobile,
      active: c.active,
      position: c.position,
      created_at: c.createdAt,
    });
  }

  async findById(id: string, trx: Knex | Knex.Transaction = this.db): Promise<VenueCategory | null> {
    const row = await trx('venue_categories').where({ id }).first();
    return row ? fromRow(row) : null;
  }

  async findByNameZh(nameZh: string, trx: Knex | Knex.Transaction = this.db): Promise<VenueCategory | null> {
    const row = await trx('venue_categories').where({ name_zh: nameZh }).first();
    return row ? fromRow(row) : null;
  }

  /** In display order; `activeOnly` for the public list. */
  async list(opts: { activeOnly: boolean }): Promise<VenueCategory[]> {
    const query = this.db('venue_categories').orderBy('position', 'asc').orderBy('created_at', 'asc').orderBy('id', 'asc');
    if (opts.activeOnly) query.where({ active: true });
    return (await query).map(fromRow);
  }

  /** Where a new category goes: after the last one. */
  async nextPosition(trx: Knex | Knex.Transaction = this.db): Promise<number> {
    const row = await trx('venue_categories').max('position as p').first();
    return Number(row?.p ?? 0) + 10;
  }

  async update(id: string, patch: Partial<Pick<VenueCategory, 'nameZh' | 'nameEn' | 'mobile' | 'active'>>, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    const row: Record<string, unknown> = {};
    if (patch.nameZh !== undefined) row.name_zh = patch.nameZh;
    if (patch.nameEn !== undefined) row.name_en = patch.nameEn;
    if (patch.mobile !== undefined) row.mobile = patch.mobile;
    if (patch.active !== undefined) row.active = patch.active;
    if (Object.keys(row).length > 0) await trx('venue_categories').where({ id }).update(row);
  }
}
