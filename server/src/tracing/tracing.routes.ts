import {
  relativeIdParam,
  caseListQuery,
  caseListResponse,
  caseSummaryView,
  caseView,
  closeCaseRequest,
  idParam,
  recordCaseRequest,
  recordCaseResponse,
  traceReport,
  travelCardView,
} from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import type { Services } from '../services';

const TRACERS = ['official', 'tracer'] as const;

/** Confirmed cases and tracing for officials (R31, R32, R33); the travel card for residents (R30). */
export function tracingRoutes(s: Services): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/officials/cases',
      summary: 'Record a confirmed case (by resident id or ID number) and trace its contacts; answers the tracing report (R31, R32, audited)',
      tag: 'officials',
      access: TRACERS,
      body: recordCaseRequest,
      response: recordCaseResponse,
      status: 201,
      errors: ['RESIDENT_NOT_FOUND', 'CASE_ALREADY_OPEN', 'VALIDATION_FAILED'],
      async handler(_ctx, { auth, body }) {
        return s.tracing.record(auth, body);
      },
    }),
    route({
      method: 'get',
      path: '/officials/cases',
      summary: 'Confirmed cases, open ones newest first by default, paged, each person masked: the tracers’ worklist (R31, audited)',
      tag: 'officials',
      access: TRACERS,
      query: caseListQuery,
      response: caseListResponse,
      errors: ['VALIDATION_FAILED'],
      async handler(_ctx, { auth, query }) {
        return s.tracing.list(auth, query);
      },
    }),
    route({
      method: 'get',
      path: '/officials/cases/:id',
      summary: 'One confirmed case with its masked person, when it was last traced and how many contacts it found (audited, R33)',
      tag: 'officials',
      access: TRACERS,
      params: idParam,
      response: caseSummaryView,
      errors: ['CASE_NOT_FOUND'],
      async handler(_ctx, { auth, params }) {
        return s.tracing.get(auth, params.id);
      },
    }),
    route({
      method: 'get',
      path: '/officials/cases/:id/report',
      summary: "A case's tracing report: visits and contacts by venue, contacts masked (R32, audited)",
      tag: 'officials',
      access: TRACERS,
      params: idParam,
      response: traceReport,
      errors: ['CASE_NOT_FOUND'],
      async handler(_ctx, { auth, params }) {
        return s.tracing.report(auth, params.id);
      },
    }),
    route({
      method: 'post',
      path: '/officials/cases/:id/trace',
      summary: 'Trace an open case again (scans that arrived later); adds only new contacts (R32, audited)',
      tag: 'officials',
      access: TRACERS,
      params: idParam,
      response: traceReport,
      errors: ['CASE_NOT_FOUND', 'CASE_ALREADY_CLOSED'],
      async handler(_ctx, { auth, params }) {
        return s.tracing.retrace(auth, params.id);
      },
    }),
    route({
      method: 'post',
      path: '/officials/cases/:id/close',
      summary: 'Close a case (recovered), with a reason: the person is no longer red for it (R31, audited)',
      tag: 'officials',
      access: TRACERS,
      params: idParam,
      body: closeCaseRequest,
      response: caseView,
      errors: ['CASE_NOT_FOUND', 'CASE_ALREADY_CLOSED'],
      async handler(_ctx, { auth, params, body }) {
        return s.tracing.close(auth, params.id, body.reason);
      },
    }),
    route({
      method: 'get',
      path: '/me/travel-card',
      summary: 'My travel card: cities of my scans and declared trips in the last 14 days, risk areas marked (R30, R36)',
      tag: 'records',
      access: 'resident',
      response: travelCardView,
      async handler(_ctx, { auth }) {
        return s.travel.travelCard(auth.residentId!);
      },
    }),
    route({
      method: 'get',
      path: '/me/relatives/:id/travel-card',
      summary: "A bound relative's travel card (R26, R30)",
      tag: 'relatives',
      access: 'resident',
      params: relativeIdParam,
      response: travelCardView,
      errors: ['RELATIVE_NOT_FOUND'],
      async handler(_ctx, { auth, params }) {
        return s.travel.travelCard(await s.relatives.requireBound(auth.residentId!, params.id));
      },
    }),
  ];
}
