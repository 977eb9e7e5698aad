import {
  batchReport,
  createInstitutionRequest,
  createInstitutionResponse,
  createRiskAreaRequest,
  declarationListResponse,
  declarationRequest,
  declarationView,
  endRiskAreaRequest,
  fieldMessage,
  idParam,
  institutionListResponse,
  institutionView,
  riskAreaListResponse,
  riskAreaView,
  testResultListResponse,
  testResultsBatchRequest,
  vaccinationListResponse,
  vaccinationsBatchRequest,
  type Lang,
} from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import type { Services } from '../services';
import type { Institution } from './institutions.repository';
import { declarationOut, testResultOut, vaccinationOut } from './record-views';
import type { RiskArea } from './risk-areas.repository';
import { regionLabel } from '../venues/venue-views';
import type { BatchReport } from './uploads.service';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function institutionOut(i: Institution) {
  return { id: i.id, name: i.name, kind: i.kind, keyId: i.keyId, status: i.status, createdAt: i.createdAt.toISOString(), revokedAt: iso(i.revokedAt) };
}

function riskAreaOut(a: RiskArea, now: Date) {
  const active = a.startsAt.getTime() <= now.getTime() && (a.endsAt === null || a.endsAt.getTime() > now.getTime());
  return { id: a.id, region: a.region, regionName: regionLabel(a.region), level: a.level, startsAt: a.startsAt.toISOString(), endsAt: iso(a.endsAt), active };
}

/** The per-row report, each refusal explained in the caller's language. */
function reportOut(r: BatchReport, lang: string) {
  return {
    accepted: r.accepted,
    duplicates: r.duplicates,
    refused: r.refused,
    rows: r.rows.map((row) =>
      row.code
        ? { index: row.index, recordId: row.recordId, status: row.status, code: row.code, message: fieldMessage(row.code, lang as Lang, row.params), ...(row.field ? { field: row.field } : {}) }
        : { index: row.index, recordId: row.recordId, status: row.status },
    ),
  };
}

const BATCH_ERRORS = ['INSTITUTION_AUTH_REQUIRED', 'INSTITUTION_AUTH_INVALID', 'INSTITUTION_KIND_FORBIDDEN', 'VALIDATION_FAILED', 'BODY_TOO_LARGE'];

/** Institutions and their uploads, a resident's records and declarations, risk areas (R28-R31, R36). */
export function recordsRoutes(s: Services): RouteDef[] {
  return [
    // ---- Institutions (officials) ----
    route({
      method: 'post',
      path: '/officials/institutions',
      summary: 'Register a testing institution or vaccination unit; its API key is shown once (R28, R29, audited)',
      tag: 'officials',
      access: ['official'],
      body: createInstitutionRequest,
      response: createInstitutionResponse,
      status: 201,
      async handler(_ctx, { auth, body }) {
        const { institution, secret, apiKey } = await s.institutions.create(auth, body);
        return { ...institutionOut(institution), secret, apiKey };
      },
    }),
    route({
      method: 'get',
      path: '/officials/institutions',
      summary: 'Institutions and their key ids (never their secrets)',
      tag: 'officials',
      access: ['official'],
      response: institutionListResponse,
      async handler() {
        return { institutions: (await s.institutions.list()).map(institutionOut) };
      },
    }),
    route({
      method: 'post',
      path: '/officials/institutions/:id/revoke',
      summary: "Revoke an institution's API credentials (audited)",
      tag: 'officials',
      access: ['official'],
      params: idParam,
      response: institutionView,
      errors: ['INSTITUTION_NOT_FOUND', 'INSTITUTION_ALREADY_REVOKED'],
      async handler(_ctx, { auth, params }) {
        return institutionOut(await s.institutions.revoke(auth, params.id));
      },
    }),

    // ---- Batch uploads (institution API credentials) ----
    route({
      method: 'post',
      path: '/institutions/test-results',
      summary: 'Upload nucleic acid test results, up to 5000 rows; answers a per-row report (R28)',
      tag: 'institutions',
      access: 'institution',
      limit: 'upload',
      body: testResultsBatchRequest,
      response: batchReport,
      largeBody: true,
      errors: BATCH_ERRORS,
      async handler(_ctx, { institution, body, lang }) {
        return reportOut(await s.uploads.uploadTestResults(institution, body.records), lang);
      },
    }),
    route({
      method: 'post',
      path: '/institutions/vaccinations',
      summary: 'Upload vaccination records, up to 5000 rows; answers a per-row report (R29)',
      tag: 'institutions',
      access: 'institution',
      limit: 'upload',
      body: vaccinationsBatchRequest,
      response: batchReport,
      largeBody: true,
      errors: BATCH_ERRORS,
      async handler(_ctx, { institution, body, lang }) {
        return reportOut(await s.uploads.uploadVaccinations(institution, body.records), lang);
      },
    }),

    // ---- A resident's own records ----
    route({
      method: 'get',
      path: '/me/test-results',
      summary: 'My test results, newest first: sampling time, result, institution (R28)',
      tag: 'records',
      access: 'resident',
      response: testResultListResponse,
      async handler(_ctx, { auth }) {
        const list = await s.testResults.listForResident(auth.residentId!);
        return { testResults: list.map(testResultOut) };
      },
    }),
    route({
      method: 'get',
      path: '/me/vaccinations',
      summary: 'My vaccinations, newest first (R7, R29)',
      tag: 'records',
      access: 'resident',
      response: vaccinationListResponse,
      async handler(_ctx, { auth }) {
        const list = await s.vaccinations.listForResident(auth.residentId!);
        return { vaccinations: list.map(vaccinationOut) };
      },
    }),

    // ---- Declarations (R36) ----
    route({
      method: 'post',
      path: '/me/declarations',
      summary: 'Declare symptoms, temperature and trips of the last 30 days (R36)',
      tag: 'records',
      access: 'resident',
      body: declarationRequest,
      response: declarationView,
      status: 201,
      errors: ['VALIDATION_FAILED'],
      async handler(_ctx, { auth, body }) {
        return declarationOut(await s.declarationService.declare(auth.residentId!, auth.accountId, body));
      },
    }),
    route({
      method: 'get',
      path: '/me/declarations',
      summary: 'My declarations of the last 14 days, newest first (R36)',
      tag: 'records',
      access: 'resident',
      response: declarationListResponse,
      async handler(_ctx, { auth }) {
        return { declarations: (await s.declarationService.recent(auth.residentId!)).map(declarationOut) };
      },
    }),

    // ---- Risk areas (R31) ----
    route({
      method: 'get',
      path: '/risk-areas',
      summary: 'Medium and high risk areas in force now or announced (R30, R31)',
      tag: 'risk-areas',
      access: 'public',
      response: riskAreaListResponse,
      async handler() {
        const { areas, now } = await s.riskAreaService.currentAndUpcoming();
        return { riskAreas: areas.map((a) => riskAreaOut(a, now)), asOf: now.toISOString() };
      },
    }),
    route({
      method: 'post',
      path: '/officials/risk-areas',
      summary: 'Declare a medium or high risk area (R31, audited)',
      tag: 'officials',
      access: ['official'],
      body: createRiskAreaRequest,
      response: riskAreaView,
      status: 201,
      async handler(_ctx, { auth, body }) {
        const area = await s.riskAreaService.create(auth, body);
        return riskAreaOut(area, area.createdAt);
      },
    }),
    route({
      method: 'post',
      path: '/officials/risk-areas/:id/end',
      summary: 'End a risk area now or at a given time (R31, audited)',
      tag: 'officials',
      access: ['official'],
      params: idParam,
      body: endRiskAreaRequest,
      response: riskAreaView,
      errors: ['RISK_AREA_NOT_FOUND', 'RISK_AREA_ALREADY_ENDED', 'VALIDATION_FAILED'],
      async handler(_ctx, { auth, params, body }) {
        const { area, now } = await s.riskAreaService.end(auth, params.id, body.endsAt);
        return riskAreaOut(area, now);
      },
    }),
  ];
}
