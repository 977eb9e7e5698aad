import type { TestContext } from './context';
import { makeVenue, type VenueStatus } from './places';

let seq = 0;

/** A venue in a given state with its signed poster text, for the scanning suites. */
export async function insertVenue(
  t: TestContext,
  opts: { ownerResidentId: string; ownerAccountId: string; name?: string; region?: string; status?: VenueStatus },
): Promise<{ id: string; codeId: string; name: string; region: string; codeText: string }> {
  seq += 1;
  const venue = await makeVenue(t, { residentId: opts.ownerResidentId, accountId: opts.ownerAccountId }, opts.name ?? `测试超市${seq}号店`, opts.region, opts.status);
  const { text } = await t.services.keys.signVenueCode(venue.codeId);
  return { ...venue, codeText: text };
}
