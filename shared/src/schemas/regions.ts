import { z } from 'zod';
import { regionField } from './common';

// ---- Administrative divisions (GB/T 2260) for pickers: venue applications (R10) ----

/** GET /regions?parent=440300: the level below a division; without parent, the provinces. */
export const regionChildrenQuery = z.strictObject({ parent: regionField.optional() });

export const regionChoiceView = z.object({
  /** 6-digit division code. */
  code: z.string(),
  name: z.string(),
  /** False for a division with no finer level (a district, 东莞市): it is itself a venue's region. */
  hasChildren: z.boolean(),
});

export const regionChildrenResponse = z.object({
  parent: z.string().nullable(),
  regions: z.array(regionChoiceView),
});
