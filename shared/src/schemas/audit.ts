import { z } from 'zod';
import { isoDateTime } from './common';

export const auditQuery = z.object({
  actorId: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  /** An action or its prefix: `colour.` finds overrides and their clearing. */
  action: z.string().max(64).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditResponse = z.object({
  total: z.number().int(),
  records: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      actorId: z.string().nullable(),
      actorRole: z.string(),
      action: z.string(),
      targetType: z.string().nullable(),
      targetId: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});
