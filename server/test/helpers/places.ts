import { randomBytes } from 'node:crypto';
import { makeSocialCreditCode } from '@health-code/shared';
import { newId } from '../../src/lib/ids';
import type { TestContext } from './context';
import type { ResidentActor } from './actors';

/**
 * Venues and scans written straight into their tables (columns of migration 0005), so that
 * suites about tracing and the travel card need neither the venue review nor the scanner.
 */
const categories = new WeakMap<TestContext, string>();
let seq = 0;

async function categoryOf(t: TestContext): Promise<string> {
  let id = categories.get(t);
  if (!id) {
    id = newId();
    await t.db('venue_categories').insert({ id, name_zh: `测试类别${id.slice(-6)}`, name_en: 'Test category', mobile: false, active: true, created_at: t.clock.now() });
    categories.set(t, id);
  }
  return id;
}

export type VenueStatus = 'under_review' | 'passed' | 'failed' | 'revoked' | 'retired';

/** A venue in `region`, owned by `owner`, passed unless told otherwise. */
export async function makeVenue(
  t: TestContext,
  owner: Pick<ResidentActor, 'residentId' | 'accountId'>,
  name: string,
  region = '440305',
  status: VenueStatus = 'passed',
): Promise<{ id: string; name: string; region: string; codeId: string }> {
  seq += 1;
  const id = newId();
  const now = t.clock.now();
  const codeId = randomBytes(12).toString('base64url');
  await t.db('venues').insert({
    id,
    owner_resident_id: owner.residentId,
    applicant_account_id: owner.accountId,
    name,
    category_id: await categoryOf(t),
    address: `测试路 ${seq} 号`,
    region,
    uscc: makeSocialCreditCode(seq, region),
    unit_name: '测试单位',
    contact_phone_enc: t.deps.crypto.encrypt('13900000000'),
    mobile: false,
    status,
    reviewed_at: now,
    code_id: codeId,
    created_at: now,
    updated_at: now,
  });
  return { id, name, region, codeId };
}

/** One entry of `who` into `venue` at `at` (a Date or an ISO time). */
export async function addScan(t: TestContext, who: { residentId: string; accountId: string }, venue: { id: string; region: string }, at: Date | string): Promise<string> {
  const id = newId();
  await t.db('scans').insert({
    id,
    resident_id: who.residentId,
    venue_id: venue.id,
    region: venue.region,
    scanned_at: new Date(at),
    account_id: who.accountId,
    by_guardian: false,
    client_request_id: `test-${id}`,
    request_hash: randomBytes(32).toString('hex'),
  });
  return id;
}
