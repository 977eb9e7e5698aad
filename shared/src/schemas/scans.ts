import { z } from 'zod';
import { colourView } from './colour';
import { isoDateTime } from './common';

/** POST /scans: what the app's scanner read, and the id that makes a resend harmless (R17). */
export const scanRequest = z.strictObject({
  venueCode: z.string().min(1).max(1024),
  clientRequestId: z.string().refine((s) => /^[A-Za-z0-9_-]{8,64}$/.test(s), { message: 'CLIENT_REQUEST_ID_FORMAT' }),
  /** Scanning for a bound relative (R18). */
  relativeId: z.string().min(1).max(64).optional(),
  /**
   * When the phone read the code, for a scan kept while offline and sent later (at most 24 h
   * ago); the server's time is used when it is left out.
   */
  scannedAt: isoDateTime.optional(),
});

export const scanResponse = z.object({
  scanId: z.string(),
  venue: z.object({ name: z.string(), category: z.string(), address: z.string(), region: z.string() }),
  enteredAt: z.string(),
  /** Masked (R16): whose entry this is, and whether a guardian scanned for a relative. */
  person: z.object({ name: z.string(), relative: z.boolean() }),
  colour: colourView,
  latestTest: z.object({ sampledAt: z.string(), result: z.enum(['negative', 'positive']), institutionName: z.string() }).nullable(),
  /** True when this answers a resent request that was already recorded. */
  repeated: z.boolean(),
});

export const scanHistoryResponse = z.object({
  scans: z.array(z.object({ id: z.string(), venueName: z.string(), venueAddress: z.string(), region: z.string(), enteredAt: z.string(), byGuardian: z.boolean() })),
});
