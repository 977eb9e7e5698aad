import { z } from 'zod';
import { isoDate, isoDateTime, nameField, regionField } from './common';

// ---- Institutions (R28, R29) ----

export const institutionKindField = z.enum(['testing', 'vaccination']);

export const createInstitutionRequest = z.strictObject({
  name: z.string().trim().min(2).max(128),
  kind: institutionKindField,
});

export const institutionView = z.object({
  id: z.string(),
  name: z.string(),
  kind: institutionKindField,
  keyId: z.string(),
  status: z.enum(['active', 'revoked']),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

/** The only answer that carries the secret: it is stored as a keyed hash and never shown again. */
export const createInstitutionResponse = institutionView.extend({
  secret: z.string(),
  /** What the institution sends: `Authorization: Bearer inst_<keyId>.<secret>`. */
  apiKey: z.string(),
});

export const institutionListResponse = z.object({ institutions: z.array(institutionView) });

// ---- Batch uploads ----

export const MAX_BATCH_ROWS = 5000;

/** The institution's own record number: the key that makes a resent batch harmless. */
export const recordIdField = z.string().regex(/^[\x21-\x7e]{1,64}$/, { message: 'RECORD_ID_FORMAT' });

/**
 * Only the envelope is checked for the whole request; each row is judged on its own (with
 * the row schemas below) so one bad row does not sink thousands of good ones.
 */
export const testResultsBatchRequest = z.strictObject({ records: z.array(z.unknown()).max(MAX_BATCH_ROWS) });
export const vaccinationsBatchRequest = testResultsBatchRequest;

/** The ID number is checked by the server (checkIdNumber) so each problem keeps its own code. */
const rowIdNumber = z.string().max(32);

export const testResultRow = z.strictObject({
  recordId: recordIdField,
  name: nameField,
  idNumber: rowIdNumber,
  sampledAt: isoDateTime,
  result: z.enum(['negative', 'positive']),
  reportedAt: isoDateTime.optional(),
});

export const vaccinationRow = z.strictObject({
  recordId: recordIdField,
  name: nameField,
  idNumber: rowIdNumber,
  doseNumber: z.number().int().min(1).max(10),
  vaccine: z.string().trim().min(1).max(64),
  vaccinatedAt: isoDateTime,
});

export const batchRowStatus = z.enum(['accepted', 'duplicate', 'refused']);

export const batchReport = z.object({
  accepted: z.number(),
  duplicates: z.number(),
  refused: z.number(),
  rows: z.array(
    z.object({
      index: z.number(),
      recordId: z.string().nullable(),
      status: batchRowStatus,
      /** A field code (i18n/fields.ts) saying why a row was refused. */
      code: z.string().optional(),
      message: z.string().optional(),
      field: z.string().optional(),
    }),
  ),
});

// ---- A resident's own records ----

export const testResultView = z.object({
  id: z.string(),
  result: z.enum(['negative', 'positive']),
  sampledAt: z.string(),
  reportedAt: z.string(),
  institution: z.string(),
});
export const testResultListResponse = z.object({ testResults: z.array(testResultView) });

export const vaccinationView = z.object({
  id: z.string(),
  doseNumber: z.number(),
  vaccine: z.string(),
  vaccinatedAt: z.string(),
  institution: z.string(),
});
export const vaccinationListResponse = z.object({ vaccinations: z.array(vaccinationView) });

// ---- Declarations (R36) ----

export const symptomField = z.enum(['fever', 'cough', 'sore_throat', 'fatigue', 'loss_of_taste_smell', 'shortness_of_breath', 'diarrhoea', 'muscle_ache']);

export const MAX_DECLARED_TRIPS = 20;
/** How far back a declared trip may reach, in days. */
export const TRIP_LOOKBACK_DAYS = 30;

export const declaredTrip = z
  .strictObject({ region: regionField, from: isoDate, to: isoDate })
  .superRefine((trip, ctx) => {
    if (trip.to < trip.from) ctx.addIssue({ code: 'custom', message: 'DATE_ORDER', path: ['to'] });
  });

export const declarationRequest = z.strictObject({
  symptoms: z.array(symptomField).max(symptomField.options.length).refine((list) => new Set(list).size === list.length, { message: 'DUPLICATE_VALUE' }),
  temperature: z
    .number()
    .refine((t) => t >= 34 && t <= 43, { message: 'TEMPERATURE_RANGE' })
    .optional(),
  trips: z.array(declaredTrip).max(MAX_DECLARED_TRIPS),
});

export const declarationView = z.object({
  id: z.string(),
  declaredAt: z.string(),
  symptoms: z.array(symptomField),
  temperature: z.number().nullable(),
  trips: z.array(z.object({ region: z.string(), from: z.string(), to: z.string() })),
});
export const declarationListResponse = z.object({ declarations: z.array(declarationView) });

// ---- Risk areas (R31) ----

export const riskLevelField = z.enum(['medium', 'high']);

export const createRiskAreaRequest = z
  .strictObject({ region: regionField, level: riskLevelField, startsAt: isoDateTime, endsAt: isoDateTime.optional() })
  .superRefine((area, ctx) => {
    if (area.endsAt && Date.parse(area.endsAt) <= Date.parse(area.startsAt)) ctx.addIssue({ code: 'custom', message: 'DATE_ORDER', path: ['endsAt'] });
  });

export const endRiskAreaRequest = z.strictObject({ endsAt: isoDateTime.optional() });

export const riskAreaView = z.object({
  id: z.string(),
  region: z.string(),
  /** 湖北省 武汉市 武昌区, or null for a code missing from the division table. */
  regionName: z.string().nullable(),
  level: riskLevelField,
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  /** Whether the area is in force now (false: announced, starts later). */
  active: z.boolean(),
});
export const riskAreaListResponse = z.object({ riskAreas: z.array(riskAreaView), asOf: z.string() });
