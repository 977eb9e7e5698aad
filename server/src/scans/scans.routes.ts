import { relativeIdParam, scanHistoryResponse, scanRequest, scanResponse, type Lang } from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import type { Services } from '../services';
import { colourView } from '../colour/colour-view';

export function scansRoutes(s: Services): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/scans',
      summary: 'Scan in at a venue, for oneself or a bound relative; a resent request is recorded once (R15-R18)',
      tag: 'scans',
      access: 'resident',
      limit: 'scan',
      body: scanRequest,
      response: scanResponse,
      status: 201,
      errors: ['VENUE_CODE_INVALID', 'VENUE_CODE_FORGED', 'VENUE_REVOKED', 'VENUE_RETIRED', 'SCAN_REQUEST_ID_REUSED', 'SCAN_TIME_OUT_OF_RANGE', 'RELATIVE_NOT_FOUND'],
      async handler(ctx, { auth, body, lang }) {
        const answer = await s.scans.scan(auth, body);
        if (answer.repeated) ctx.state.status = 200;
        return { ...answer, colour: colourView(answer.colour, lang as Lang, s.colour.hotline) };
      },
    }),
    route({
      method: 'get',
      path: '/me/scans',
      summary: 'My venue entries of the last 14 days (R19)',
      tag: 'scans',
      access: 'resident',
      response: scanHistoryResponse,
      async handler(_ctx, { auth }) {
        return { scans: await s.scans.history(auth.residentId!) };
      },
    }),
    route({
      method: 'get',
      path: '/me/relatives/:id/scans',
      summary: "A bound relative's venue entries of the last 14 days (R19)",
      tag: 'scans',
      access: 'resident',
      params: relativeIdParam,
      response: scanHistoryResponse,
      errors: ['RELATIVE_NOT_FOUND'],
      async handler(_ctx, { auth, params }) {
        const relativeId = await s.relatives.requireBound(auth.residentId!, params.id);
        return { scans: await s.scans.history(relativeId) };
      },
    }),
  ];
}
