import type { Knex } from 'knex';
import { newId } from '../../lib/ids';

/** When the default list was written: a fixed time, so every database seeds the same rows. */
const SEEDED_AT = new Date('2026-11-23T00:00:00.000Z');

/**
 * The default venue categories (R10, R31): what most places are. Officials add, rename or
 * retire categories through the API afterwards; residents ask for a missing one. The mobile
 * ones (taxi, bus, boat) take a plate or vessel number as the venue's name.
 */
export const DEFAULT_VENUE_CATEGORIES: ReadonlyArray<{ zh: string; en: string; mobile?: true }> = [
  { zh: '超市', en: 'Supermarket' },
  { zh: '商场', en: 'Shopping mall' },
  { zh: '农贸市场', en: 'Farmers market' },
  { zh: '餐饮', en: 'Restaurant' },
  { zh: '医院', en: 'Hospital' },
  { zh: '诊所', en: 'Clinic' },
  { zh: '药店', en: 'Pharmacy' },
  { zh: '学校', en: 'School' },
  { zh: '幼儿园', en: 'Kindergarten' },
  { zh: '写字楼', en: 'Office building' },
  { zh: '工厂', en: 'Factory' },
  { zh: '酒店', en: 'Hotel' },
  { zh: '住宅小区', en: 'Residential compound' },
  { zh: '政府机关', en: 'Government office' },
  { zh: '银行', en: 'Bank' },
  { zh: '景区', en: 'Scenic area' },
  { zh: '体育场馆', en: 'Sports venue' },
  { zh: '影剧院', en: 'Cinema or theatre' },
  { zh: '交通站点', en: 'Transport hub' },
  { zh: '出租车', en: 'Taxi', mobile: true },
  { zh: '网约车', en: 'Ride-hailing car', mobile: true },
  { zh: '公交车', en: 'Bus', mobile: true },
  { zh: '长途客车', en: 'Coach', mobile: true },
  { zh: '客船', en: 'Passenger boat', mobile: true },
];

export async function up(knex: Knex): Promise<void> {
  await knex('venue_categories').insert(
    DEFAULT_VENUE_CATEGORIES.map((c, i) => ({
      id: newId(SEEDED_AT.getTime()),
      name_zh: c.zh,
      name_en: c.en,
      mobile: Boolean(c.mobile),
      active: true,
      position: (i + 1) * 10,
      created_at: SEEDED_AT,
    })),
  );
}

export async function down(knex: Knex): Promise<void> {
  // Only the rows this migration wrote, and only when no venue or request points at them.
  const names = DEFAULT_VENUE_CATEGORIES.map((c) => c.zh);
  const used = knex('venues').select('category_id');
  const asked = knex('venue_category_requests').whereNotNull('category_id').select('category_id');
  await knex('venue_categories').whereIn('name_zh', names).whereNotIn('id', used).whereNotIn('id', asked).delete();
}
