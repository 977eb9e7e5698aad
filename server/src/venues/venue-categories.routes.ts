import {
  answerVenueCategoryRequest,
  createVenueCategoryRequest,
  updateVenueCategoryRequest,
  venueCategoryIdParam,
  venueCategoryListResponse,
  venueCategoryRequestBody,
  venueCategoryRequestListResponse,
  venueCategoryRequestsQuery,
  venueCategoryRequestView,
  venueCategoryView,
} from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import type { Services } from '../services';
import { categoryOut, categoryRequestOut } from './venue-views';
import { VENUE_REVIEWERS } from './venues.routes';

/** The venue category list (R10, R31): public to read, maintained by officials, requested by residents. */
export function venueCategoriesRoutes(s: Services): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/venue-categories',
      summary: 'Venue categories offered for applications, in display order; mobile ones take a plate or vessel number (R10)',
      tag: 'venues',
      access: 'public',
      response: venueCategoryListResponse,
      async handler() {
        return { categories: (await s.venueCategoryService.list({ activeOnly: true })).map(categoryOut) };
      },
    }),
    route({
      method: 'post',
      path: '/venue-categories/requests',
      summary: 'Ask officials for a venue category the list lacks (R10)',
      tag: 'venues',
      access: 'resident',
      body: venueCategoryRequestBody,
      response: venueCategoryRequestView,
      status: 201,
      errors: ['VENUE_CATEGORY_EXISTS', 'VENUE_CATEGORY_REQUEST_PENDING', 'VALIDATION_FAILED'],
      async handler(_ctx, { auth, body }) {
        return categoryRequestOut(await s.venueCategoryService.request(auth, body));
      },
    }),
    route({
      method: 'get',
      path: '/me/venue-categories/requests',
      summary: 'My category requests and their answers, newest first',
      tag: 'venues',
      access: 'resident',
      response: venueCategoryRequestListResponse,
      async handler(_ctx, { auth }) {
        return { requests: (await s.venueCategoryService.myRequests(auth.residentId!)).map(categoryRequestOut) };
      },
    }),

    // ---- Officials (R31; audited, R33) ----
    route({
      method: 'get',
      path: '/officials/venue-categories',
      summary: 'Every venue category, retired ones included',
      tag: 'officials',
      access: VENUE_REVIEWERS,
      response: venueCategoryListResponse,
      async handler() {
        return { categories: (await s.venueCategoryService.list({ activeOnly: false })).map(categoryOut) };
      },
    }),
    route({
      method: 'post',
      path: '/officials/venue-categories',
      summary: 'Add a venue category (R31, audited)',
      tag: 'officials',
      access: VENUE_REVIEWERS,
      body: createVenueCategoryRequest,
      response: venueCategoryView,
      status: 201,
      errors: ['VENUE_CATEGORY_EXISTS', 'VALIDATION_FAILED'],
      async handler(_ctx, { auth, body }) {
        return categoryOut(await s.venueCategoryService.create(auth, body));
      },
    }),
    route({
      method: 'patch',
      path: '/officials/venue-categories/:id',
      summary: 'Rename a venue category, mark it mobile, or retire it (active: false); venues keep theirs (R31, audited)',
      tag: 'officials',
      access: VENUE_REVIEWERS,
      params: venueCategoryIdParam,
      body: updateVenueCategoryRequest,
      response: venueCategoryView,
      errors: ['VENUE_CATEGORY_NOT_FOUND', 'VENUE_CATEGORY_EXISTS', 'VALIDATION_FAILED'],
      async handler(_ctx, { auth, params, body }) {
        return categoryOut(await s.venueCategoryService.update(auth, params.id, body));
      },
    }),
    route({
      method: 'get',
      path: '/officials/venue-categories/requests',
      summary: "Residents' category requests by state (pending by default), oldest first",
      tag: 'officials',
      access: VENUE_REVIEWERS,
      query: venueCategoryRequestsQuery,
      response: venueCategoryRequestListResponse,
      errors: ['VALIDATION_FAILED'],
      async handler(_ctx, { query }) {
        return { requests: (await s.venueCategoryService.listRequests(query.status)).map(categoryRequestOut) };
      },
    }),
    route({
      method: 'post',
      path: '/officials/venue-categories/requests/:id/answer',
      summary: 'Accept a category request (the category is added) or decline it with a reply (R31, audited)',
      tag: 'officials',
      access: VENUE_REVIEWERS,
      params: venueCategoryIdParam,
      body: answerVenueCategoryRequest,
      response: venueCategoryRequestView,
      errors: ['VENUE_CATEGORY_REQUEST_NOT_FOUND', 'VENUE_CATEGORY_REQUEST_ANSWERED', 'VENUE_CATEGORY_EXISTS', 'VALIDATION_FAILED'],
      async handler(_ctx, { auth, params, body }) {
        return categoryRequestOut(await s.venueCategoryService.answer(auth, params.id, body));
      },
    }),
  ];
}
