import { z } from 'zod';
import { idNumberField, isoDate } from './common';
import { riskLevelField } from './records';

// ---- Confirmed cases and contact tracing (R31, R32, R33) ----

/** POST /officials/cases: the person (by resident id or ID number, one of the two), onset day and a note. */
export const recordCaseRequest = z
  .strictObject({
    residentId: z.string().min(1).max(64).optional(),
    idNumber: idNumberField.optional(),
    /** Local calendar day (China Standard Time) the symptoms began; for a case without symptoms, the sampling day. */
    onsetDate: isoDate,
    note: z.string().trim().max(1000).optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.residentId === undefined) === (body.idNumber === undefined)) ctx.addIssue({ code: 'custom', message: 'PERSON_ONE_OF', path: ['residentId'] });
  });

export const closeCaseRequest = z.strictObject({
  /** Why the case is closed (recovered, discharged, ...), kept with the case and in the audit log. */
  reason: z.string().trim().min(4).max(500),
});

/** A person as officials see him in tracing: masked name, ID and phone (R8, R34). */
export const maskedPerson = z.object({
  residentId: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
});

export const caseView = z.object({
  id: z.string(),
  person: maskedPerson,
  onsetDate: z.string(),
  note: z.string().nullable(),
  confirmedAt: z.string(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
});

export const traceReport = z.object({
  caseId: z.string(),
  /** When tracing last ran (null: never). */
  tracedAt: z.string().nullable(),
  /** The case's visits read: from onset minus the lead days (at most 14 days back) to the run. */
  period: z.object({ from: z.string(), to: z.string() }).nullable(),
  window: z.object({ beforeMinutes: z.number().int(), afterMinutes: z.number().int() }).nullable(),
  /** Per venue the case visited: how often, when, and how many distinct people were found there. */
  venues: z.array(
    z.object({
      venueId: z.string(),
      venueName: z.string(),
      region: z.string(),
      regionName: z.string(),
      caseVisits: z.number().int(),
      visitTimes: z.array(z.string()),
      contacts: z.number().int(),
    }),
  ),
  /** Each contact once, masked, with every encounter (venue and the time of his scan). */
  contacts: z.array(
    maskedPerson.extend({
      encounters: z.array(z.object({ venueId: z.string(), venueName: z.string(), at: z.string(), caseVisitAt: z.string() })),
    }),
  ),
  /** Distinct people flagged as contacts of this case. */
  total: z.number().int(),
});

export const recordCaseResponse = z.object({ case: caseView, report: traceReport });

/** GET /officials/cases: open cases by default, newest first, paged (the tracers' worklist). */
export const caseListQuery = z.strictObject({
  status: z.enum(['open', 'closed']).default('open'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** A case in the worklist: the case, when it was last traced and how many people it found. */
export const caseSummaryView = caseView.extend({
  tracedAt: z.string().nullable(),
  /** Distinct people flagged as contacts of this case. */
  contacts: z.number().int(),
});

export const caseListResponse = z.object({
  cases: z.array(caseSummaryView),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

// ---- Travel card (R30, R36) ----

export const travelCardRegion = z.object({
  /** The city (prefecture level, 6 digits): scans and trips are grouped by it. */
  region: z.string(),
  name: z.string(),
  province: z.string().nullable(),
  /** First and last local day (China Standard Time) seen there, YYYY-MM-DD. */
  from: z.string(),
  to: z.string(),
  /** True: from a declared trip (R36); false: from venue scans. */
  declared: z.boolean(),
  /** Whether the city holds a medium or high risk area now or held one during the stay. */
  atRisk: z.boolean(),
  risk: z
    .object({
      level: riskLevelField,
      now: z.boolean(),
      duringStay: z.boolean(),
      areas: z.array(z.object({ region: z.string(), name: z.string(), level: riskLevelField })),
    })
    .nullable(),
});

export const travelCardView = z.object({
  /** The local days covered, oldest first: the last 14 days up to today. */
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  regions: z.array(travelCardRegion),
});
