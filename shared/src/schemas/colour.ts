import { z } from 'zod';
import { colourField, idNumberField, isoDateTime } from './common';

export const colourView = z.object({
  colour: colourField,
  /** R7: the vaccination badge ("shield"). */
  vaccinated: z.boolean(),
  reasons: z.array(z.object({ code: z.string(), message: z.string(), at: z.string().optional(), region: z.string().optional(), detail: z.string().optional() })),
  measures: z.array(z.object({ code: z.string(), message: z.string() })),
  computedAt: z.string(),
});

export const residentLookupRequest = z.strictObject({ idNumber: idNumberField });

export const colourOverrideRequest = z.strictObject({
  colour: colourField,
  /** Mandatory (R31): what the correction rests on. */
  reason: z.string().trim().min(4).max(500),
  expiresAt: isoDateTime.optional(),
});

export const clearOverrideRequest = z.strictObject({ reason: z.string().trim().min(4).max(500) });

export const officialResidentView = z.object({
  resident: z.object({ id: z.string(), name: z.string(), idNumber: z.string(), birthDate: z.string(), region: z.string() }),
  colour: colourView,
  override: z
    .object({ colour: colourField, reason: z.string(), createdAt: z.string(), expiresAt: z.string().nullable() })
    .nullable(),
});
