import { z } from 'zod';
import { colourField, isoDateTime } from './common';

export const appealRequest = z.strictObject({
  /** Why the colour is wrong, in the person's own words. */
  reason: z.string().trim().min(4).max(1000),
  /** Optional: a photo of a test report. */
  evidence: z.strictObject({ type: z.enum(['image/png', 'image/jpeg']), data: z.string().min(1).max(1_500_000) }).optional(),
});

export const appealView = z.object({
  id: z.string(),
  status: z.enum(['open', 'accepted', 'refused']),
  reason: z.string(),
  colourAtFiling: colourField,
  byGuardian: z.boolean(),
  hasEvidence: z.boolean(),
  answer: z.string().nullable(),
  correctedColour: colourField.nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
});
export const appealListResponse = z.object({ appeals: z.array(appealView) });

export const officialAppealView = appealView.extend({
  person: z.object({ residentId: z.string(), name: z.string(), idNumber: z.string() }).nullable(),
});
export const appealQueueQuery = z.object({
  status: z.enum(['open', 'accepted', 'refused']).default('open'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const appealQueueResponse = z.object({ total: z.number().int(), appeals: z.array(officialAppealView) });

export const acceptAppealRequest = z.strictObject({
  /** The corrected colour, applied through the audited override (R31). */
  colour: colourField,
  answer: z.string().trim().min(4).max(500),
  expiresAt: isoDateTime.optional(),
});
export const refuseAppealRequest = z.strictObject({ answer: z.string().trim().min(4).max(500) });
