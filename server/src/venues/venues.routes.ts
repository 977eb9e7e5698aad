import {
  applyVenueRequest,
  myVenuesQuery,
  officialVenueListResponse,
  officialVenuesQuery,
  officialVenueView,
  venueIdParam,
  venueListResponse,
  venueReasonRequest,
  venueView,
} from '@health-code/shared';
import type { Context } from 'koa';
import { route, type RouteDef, type Role } from '../http/route';
import type { Services } from '../services';
import { officialVenueOut, venueOut } from './venue-views';

/** Who reviews applications and revokes codes (R11, R12, R31). */
export const VENUE_REVIEWERS: readonly Role[] = ['official', 'reviewer'];

const MINE = ['VENUE_NOT_FOUND'];
const POSTER_ERRORS = ['VENUE_NOT_FOUND', 'VENUE_POSTER_UNAVAILABLE'];

function download(ctx: Context, type: string, filename: string, body: Buffer): Buffer {
  ctx.type = type;
  ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
  return body;
}

/**
 * Venue codes (R9-R14): a resident applies and follows his applications under /me/venues;
 * officials review, list and revoke under /officials/venues; a passed code downloads as a
 * poster. There is no route that edits or deletes an application (R12). Another person's
 * venue id answers VENUE_NOT_FOUND, the same as one that does not exist.
 */
export function venuesRoutes(s: Services): RouteDef[] {
  return [
    // ---- The person in charge (R9-R13) ----
    route({
      method: 'post',
      path: '/me/venues',
      summary: 'Apply for a venue code as the person in charge; it waits for review (R9, R10)',
      tag: 'venues',
      access: 'resident',
      body: applyVenueRequest,
      response: venueView,
      status: 201,
      errors: ['VALIDATION_FAILED', 'VENUE_APPLICATION_DUPLICATE'],
      async handler(_ctx, { auth, body }) {
        return venueOut(await s.venueService.apply(auth, body));
      },
    }),
    route({
      method: 'get',
      path: '/me/venues',
      summary: 'My venue code applications, newest first, optionally by state (R11)',
      tag: 'venues',
      access: 'resident',
      query: myVenuesQuery,
      response: venueListResponse,
      errors: ['VALIDATION_FAILED'],
      async handler(_ctx, { auth, query }) {
        const { venues, total } = await s.venueService.listMine(auth.residentId!, query.status, query);
        return { venues: venues.map(venueOut), page: query.page, pageSize: query.pageSize, total };
      },
    }),
    route({
      method: 'get',
      path: '/me/venues/:id',
      summary: "One of my applications with its details, state and the reviewer's reason (R11)",
      tag: 'venues',
      access: 'resident',
      params: venueIdParam,
      response: venueView,
      errors: MINE,
      async handler(_ctx, { auth, params }) {
        return venueOut(await s.venueService.getMine(auth.residentId!, params.id));
      },
    }),
    route({
      method: 'post',
      path: '/me/venues/:id/retire',
      summary: 'Retire my passed venue code: it refuses scans from now on; the record stays (R12)',
      tag: 'venues',
      access: 'resident',
      params: venueIdParam,
      response: venueView,
      errors: [...MINE, 'VENUE_CODE_NOT_ACTIVE'],
      async handler(_ctx, { auth, params }) {
        return venueOut(await s.venueService.retire(auth, params.id));
      },
    }),
    route({
      method: 'get',
      path: '/me/venues/:id/poster.png',
      summary: "My passed venue code's poster as a PNG for the phone's album, 1240 × 1754 (R13, R14)",
      tag: 'venues',
      access: 'resident',
      params: venueIdParam,
      produces: 'image/png',
      errors: POSTER_ERRORS,
      async handler(ctx, { auth, params }) {
        const { image } = await s.venuePosters.png(auth.residentId!, params.id);
        return download(ctx, 'image/png', `venue-code-${params.id}.png`, image);
      },
    }),
    route({
      method: 'get',
      path: '/me/venues/:id/poster.pdf',
      summary: "My passed venue code's poster as an A4 PDF for printing, the QR in vector squares (R13, R14)",
      tag: 'venues',
      access: 'resident',
      params: venueIdParam,
      produces: 'application/pdf',
      errors: POSTER_ERRORS,
      async handler(ctx, { auth, params }) {
        const { document } = await s.venuePosters.pdf(auth.residentId!, params.id);
        return download(ctx, 'application/pdf', `venue-code-${params.id}.pdf`, document);
      },
    }),

    // ---- Officials (R11, R12, R31; audited, R33) ----
    route({
      method: 'get',
      path: '/officials/venues',
      summary: 'Venue code applications by state, paged: the review queue (under_review, oldest first) by default (audited)',
      tag: 'officials',
      access: VENUE_REVIEWERS,
      query: officialVenuesQuery,
      response: officialVenueListResponse,
      errors: ['VALIDATION_FAILED'],
      async handler(_ctx, { auth, query }) {
        const { venues, total } = await s.venueService.listForOfficials(auth, query.status, query);
        return { venues: venues.map(officialVenueOut), page: query.page, pageSize: query.pageSize, total };
      },
    }),
    route({
      method: 'get',
      path: '/officials/venues/:id',
      summary: 'One venue code application with who applied (audited)',
      tag: 'officials',
      access: VENUE_REVIEWERS,
      params: venueIdParam,
      response: officialVenueView,
      errors: ['VENUE_NOT_FOUND'],
      async handler(_ctx, { auth, params }) {
        return officialVenueOut(await s.venueService.getForOfficials(auth, params.id));
      },
    }),
    route({
      method: 'post',
      path: '/officials/venues/:id/approve',
      summary: 'Pass an application under review: its code is assigned and the poster can be downloaded (R11, audited)',
      tag: 'officials',
      access: VENUE_REVIEWERS,
      params: venueIdParam,
      response: officialVenueView,
      errors: ['VENUE_NOT_FOUND', 'VENUE_ALREADY_REVIEWED'],
      async handler(_ctx, { auth, params }) {
        return officialVenueOut(await s.venueService.approve(auth, params.id));
      },
    }),
    route({
      method: 'post',
      path: '/officials/venues/:id/reject',
      summary: 'Fail an application under review, with the reason its owner will read (R11, audited)',
      tag: 'officials',
      access: VENUE_REVIEWERS,
      params: venueIdParam,
      body: venueReasonRequest,
      response: officialVenueView,
      errors: ['VENUE_NOT_FOUND', 'VENUE_ALREADY_REVIEWED', 'VALIDATION_FAILED'],
      async handler(_ctx, { auth, params, body }) {
        return officialVenueOut(await s.venueService.reject(auth, params.id, body.reason));
      },
    }),
    route({
      method: 'post',
      path: '/officials/venues/:id/revoke',
      summary: 'Revoke a passed venue code with a reason: it refuses scans from now on; the record stays (R12, audited)',
      tag: 'officials',
      access: VENUE_REVIEWERS,
      params: venueIdParam,
      body: venueReasonRequest,
      response: officialVenueView,
      errors: ['VENUE_NOT_FOUND', 'VENUE_CODE_NOT_ACTIVE', 'VALIDATION_FAILED'],
      async handler(_ctx, { auth, params, body }) {
        return officialVenueOut(await s.venueService.revoke(auth, params.id, body.reason));
      },
    }),
  ];
}
