import { makeSocialCreditCode } from '@health-code/shared';
import type { TestContext } from './context';
import { newId, randomToken } from '../../src/lib/ids';

let seq = 0;

/**
 * A venue in a given state, written straight to the tables, for suites that test what happens
 * after review (scanning, tracing) without going through the review endpoints.
 */
export async function insertVenue(
  t: TestContext,
  opts: { ownerResidentId: string; ownerAccountId: string; name?: string; region?: string; status?: 'under_review' | 'passed' | 'failed' | 'revoked' | 'retired' },
): Promise<{ id: string; codeId: string; name: string; region: string; codeText: string }> {
  seq += 1;
  const now = t.clock.now();
  let category = await t.db('venue_categories').first();
  if (!category) {
    category = { id: newId(), name_zh: '超市', name_en: 'Supermarket', mobile: false, active: true, created_at: now };
    await t.db('venue_categories').insert(category);
  }
  const venue = {
    id: newId(now.getTime()),
    owner_resident_id: opts.ownerResidentId,
    applicant_account_id: opts.ownerAccountId,
    name: opts.name ?? `测试超市${seq}号店`,
    category_id: category.id,
    address: `测试路${seq}号`,
    region: opts.region ?? '440305',
    uscc: makeSocialCreditCode(seq),
    unit_name: '测试商贸有限公司',
    contact_phone_enc: t.deps.crypto.encrypt('13900000000'),
    mobile: false,
    status: opts.status ?? 'passed',
    code_id: randomToken(16),
    created_at: now,
    updated_at: now,
  };
  await t.db('venues').insert(venue);
  const { text } = await t.services.keys.signVenueCode(venue.code_id);
  return { id: venue.id, codeId: venue.code_id, name: venue.name, region: venue.region, codeText: text };
}
