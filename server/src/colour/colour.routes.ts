import { z } from 'zod';
import { clearOverrideRequest, colourOverrideRequest, colourView as colourViewSchema, officialResidentView, residentLookupRequest, type Lang } from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import type { Services } from '../services';
import { colourView } from './colour-view';

const residentParam = z.object({ id: z.string().min(1).max(64) });

export function colourRoutes(s: Services): RouteDef[] {
  const official = (view: Awaited<ReturnType<Services['colourAdmin']['colourOf']>>, lang: string) => ({ ...view, colour: colourView(view.colour, lang as Lang, s.colour.hotline) });
  return [
    route({
      method: 'get',
      path: '/me/colour',
      summary: 'My current colour, with reasons, measures and the vaccination badge (R4, R7)',
      tag: 'colour',
      access: 'resident',
      response: colourViewSchema,
      async handler(_ctx, { auth, lang }) {
        return colourView(await s.colour.current(auth.residentId!), lang as Lang, s.colour.hotline);
      },
    }),
    route({
      method: 'post',
      path: '/officials/residents/lookup',
      summary: 'Find a person by ID number (audited, R33)',
      tag: 'officials',
      access: ['official', 'tracer'],
      body: residentLookupRequest,
      response: officialResidentView,
      errors: ['RESIDENT_NOT_FOUND'],
      async handler(_ctx, { auth, body, lang }) {
        return official(await s.colourAdmin.lookup(auth, body.idNumber), lang);
      },
    }),
    route({
      method: 'get',
      path: '/officials/residents/:id/colour',
      summary: "A person's colour with its reasons (audited, R33)",
      tag: 'officials',
      access: ['official', 'tracer'],
      params: residentParam,
      response: officialResidentView,
      errors: ['RESIDENT_NOT_FOUND'],
      async handler(_ctx, { auth, params, lang }) {
        return official(await s.colourAdmin.colourOf(auth, params.id), lang);
      },
    }),
    route({
      method: 'post',
      path: '/officials/residents/:id/colour-override',
      summary: "Correct a person's colour, with a mandatory reason (R31, audited)",
      tag: 'officials',
      access: ['official'],
      params: residentParam,
      body: colourOverrideRequest,
      response: officialResidentView,
      status: 201,
      errors: ['RESIDENT_NOT_FOUND'],
      async handler(_ctx, { auth, params, body, lang }) {
        return official(await s.colourAdmin.override(auth, params.id, body), lang);
      },
    }),
    route({
      method: 'post',
      path: '/officials/residents/:id/colour-override/clear',
      summary: 'End the override in force: the records decide again (audited)',
      tag: 'officials',
      access: ['official'],
      params: residentParam,
      body: clearOverrideRequest,
      response: officialResidentView,
      errors: ['RESIDENT_NOT_FOUND'],
      async handler(_ctx, { auth, params, body, lang }) {
        return official(await s.colourAdmin.clear(auth, params.id, body.reason), lang);
      },
    }),
  ];
}
