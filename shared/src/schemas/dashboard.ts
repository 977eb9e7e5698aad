import { z } from 'zod';
import { VENUE_STATUSES } from './venues';

// ---- The officials' dashboard (issue 6): aggregates only, no person in any answer ----

/** GET /officials/dashboard/scans-per-hour: the last 48 hours, oldest first, the current hour last (so far). */
export const scansPerHourView = z.object({
  /** Start of the first hour shown and end of the current one (UTC instants). */
  from: z.string(),
  to: z.string(),
  hours: z.array(z.object({ hourStart: z.string(), count: z.number().int() })),
  total: z.number().int(),
});

export const colourCounts = z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() });

/** One local day (China Standard Time) of the colour trend; `counts` is null for a day no snapshot was taken. */
export const colourDay = z.object({
  day: z.string(),
  computedAt: z.string().nullable(),
  counts: colourCounts.nullable(),
});

/** GET /officials/dashboard/colours: today's distribution (the latest snapshot) and the 14 days up to today, oldest first. */
export const colourDistributionView = z.object({
  today: colourDay,
  days: z.array(colourDay),
});

/** GET /officials/dashboard/venue-states: venue code applications by review state (R11, R12), every state listed. */
export const venueStatesView = z.object({
  states: z.array(z.object({ state: z.enum(VENUE_STATUSES), count: z.number().int() })),
  total: z.number().int(),
});

/** GET /officials/dashboard/case-contacts: the recent cases, newest first, and the people each traced as contacts (R32). */
export const caseContactsView = z.object({
  /** Cases confirmed since this instant are shown (at most `limit`). */
  since: z.string(),
  limit: z.number().int(),
  cases: z.array(
    z.object({
      /** An opaque label for the chart: not the case's id, nothing about the person. */
      ref: z.string(),
      /** Local day (China Standard Time) the case was confirmed. */
      confirmedOn: z.string(),
      status: z.enum(['open', 'closed']),
      contacts: z.number().int(),
    }),
  ),
});
