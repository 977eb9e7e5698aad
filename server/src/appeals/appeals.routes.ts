import { z } from 'zod';
import {
  acceptAppealRequest,
  appealListResponse,
  appealQueueQuery,
  appealQueueResponse,
  appealRequest,
  appealView as appealViewSchema,
  officialAppealView as officialAppealViewSchema,
  refuseAppealRequest,
  relativeIdParam,
} from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import type { Services } from '../services';
import { appealView, officialAppealView } from './appeals.service';

const idParam = z.object({ id: z.string().min(1).max(64) });
const OFFICIALS = ['official'] as const;

export function appealsRoutes(s: Services): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/me/appeals',
      summary: 'Appeal my colour, with a reason and optionally a photo of a test report',
      tag: 'appeals',
      access: 'resident',
      body: appealRequest,
      response: appealViewSchema,
      status: 201,
      largeBody: true,
      errors: ['APPEAL_NOTHING_TO_APPEAL', 'APPEAL_ALREADY_OPEN'],
      async handler(_ctx, { auth, body }) {
        return appealView(await s.appeals.file(auth, auth.residentId!, body));
      },
    }),
    route({
      method: 'get',
      path: '/me/appeals',
      summary: 'My appeals and their answers, newest first',
      tag: 'appeals',
      access: 'resident',
      response: appealListResponse,
      async handler(_ctx, { auth }) {
        return { appeals: (await s.appeals.mine(auth.residentId!)).map(appealView) };
      },
    }),
    route({
      method: 'post',
      path: '/me/relatives/:id/appeals',
      summary: "Appeal a bound relative's colour (as a guardian)",
      tag: 'appeals',
      access: 'resident',
      params: relativeIdParam,
      body: appealRequest,
      response: appealViewSchema,
      status: 201,
      largeBody: true,
      errors: ['RELATIVE_NOT_FOUND', 'APPEAL_NOTHING_TO_APPEAL', 'APPEAL_ALREADY_OPEN'],
      async handler(_ctx, { auth, params, body }) {
        const relativeId = await s.relatives.requireBound(auth.residentId!, params.id);
        return appealView(await s.appeals.file(auth, relativeId, body));
      },
    }),
    route({
      method: 'get',
      path: '/me/relatives/:id/appeals',
      summary: "A bound relative's appeals and their answers",
      tag: 'appeals',
      access: 'resident',
      params: relativeIdParam,
      response: appealListResponse,
      errors: ['RELATIVE_NOT_FOUND'],
      async handler(_ctx, { auth, params }) {
        const relativeId = await s.relatives.requireBound(auth.residentId!, params.id);
        return { appeals: (await s.appeals.mine(relativeId)).map(appealView) };
      },
    }),
    route({
      method: 'get',
      path: '/officials/appeals',
      summary: 'The appeals queue: open ones oldest first (audited)',
      tag: 'appeals',
      access: OFFICIALS,
      query: appealQueueQuery,
      response: appealQueueResponse,
      async handler(_ctx, { auth, query }) {
        const { total, appeals } = await s.appeals.queue(auth, query.status, query.page, query.pageSize);
        return { total, appeals: appeals.map((x) => officialAppealView(x.appeal, x.person)) };
      },
    }),
    route({
      method: 'get',
      path: '/officials/appeals/:id',
      summary: 'One appeal with the person, masked (audited, R33)',
      tag: 'appeals',
      access: OFFICIALS,
      params: idParam,
      response: officialAppealViewSchema,
      errors: ['APPEAL_NOT_FOUND'],
      async handler(_ctx, { auth, params }) {
        const { appeal, person } = await s.appeals.get(auth, params.id);
        return officialAppealView(appeal, person);
      },
    }),
    route({
      method: 'get',
      path: '/officials/appeals/:id/evidence',
      summary: "The appeal's evidence image (audited, R33)",
      tag: 'appeals',
      access: OFFICIALS,
      params: idParam,
      produces: 'image/*',
      errors: ['APPEAL_NOT_FOUND', 'APPEAL_EVIDENCE_NOT_FOUND'],
      async handler(ctx, { auth, params }) {
        const { type, bytes } = await s.appeals.evidence(auth, params.id);
        ctx.set('Cache-Control', 'no-store');
        ctx.type = type;
        ctx.body = bytes;
      },
    }),
    route({
      method: 'post',
      path: '/officials/appeals/:id/accept',
      summary: 'Accept an appeal: the colour is corrected through the audited override (R31)',
      tag: 'appeals',
      access: OFFICIALS,
      params: idParam,
      body: acceptAppealRequest,
      response: officialAppealViewSchema,
      errors: ['APPEAL_NOT_FOUND', 'APPEAL_ALREADY_ANSWERED'],
      async handler(_ctx, { auth, params, body }) {
        const appeal = await s.appeals.accept(auth, params.id, body);
        return officialAppealView(appeal, await s.residents.findById(appeal.residentId));
      },
    }),
    route({
      method: 'post',
      path: '/officials/appeals/:id/refuse',
      summary: 'Refuse an appeal with a reason the person will read',
      tag: 'appeals',
      access: OFFICIALS,
      params: idParam,
      body: refuseAppealRequest,
      response: officialAppealViewSchema,
      errors: ['APPEAL_NOT_FOUND', 'APPEAL_ALREADY_ANSWERED'],
      async handler(_ctx, { auth, params, body }) {
        const appeal = await s.appeals.refuse(auth, params.id, body.answer);
        return officialAppealView(appeal, await s.residents.findById(appeal.residentId));
      },
    }),
  ];
}
