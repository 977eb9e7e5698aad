import {
  bindRelativeRequest,
  colourView as colourViewSchema,
  credentialRequest,
  credentialResponse,
  declarationListResponse,
  declarationRequest,
  declarationView,
  faceCheckStarted,
  maskIdNumber,
  maskName,
  MAX_RELATIVES_PER_GUARDIAN,
  relativeIdParam,
  relativeListResponse,
  relativeView,
  startFaceCheckRequest,
  testResultListResponse,
  vaccinationListResponse,
  type Lang,
} from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import type { Services } from '../services';
import { credentialAnswer } from '../credentials/credentials.routes';
import { colourView } from '../colour/colour-view';
import { declarationOut, testResultOut, vaccinationOut } from '../records/record-views';
import type { BoundRelative } from './relatives.service';

const NOT_FOUND = ['RELATIVE_NOT_FOUND'];

const BIND_ERRORS = [
  'RELATIVE_ID_NUMBER_INVALID',
  'RELATIVE_AGE_NOT_ALLOWED',
  'RELATIVE_IS_SELF',
  'RELATIVE_NAME_MISMATCH',
  'RELATIVE_REGISTERED_INDEPENDENTLY',
  'RELATIVE_ALREADY_BOUND',
  'RELATIVE_LIMIT_REACHED',
  'RELATIVE_GUARDIAN_LIMIT_REACHED',
  'RELATIVE_FACE_CHECK_REQUIRED',
  'RELATIVE_FACE_CHECK_FAILED',
  'RELATIVE_FACE_CHECK_UNSUPPORTED',
  'RELATIVE_FACE_CHECK_UNAVAILABLE',
  'VALIDATION_FAILED',
];

const START_FACE_CHECK_ERRORS = [
  'RELATIVE_ID_NUMBER_INVALID',
  'RELATIVE_AGE_NOT_ALLOWED',
  'RELATIVE_FACE_CHECK_NOT_NEEDED',
  'RELATIVE_IS_SELF',
  'RELATIVE_NAME_MISMATCH',
  'RELATIVE_REGISTERED_INDEPENDENTLY',
  'RELATIVE_ALREADY_BOUND',
  'RELATIVE_LIMIT_REACHED',
  'RELATIVE_GUARDIAN_LIMIT_REACHED',
  'RELATIVE_FACE_CHECK_IN_APP',
  'RELATIVE_FACE_CHECK_FAILED',
  'RELATIVE_FACE_CHECK_UNSUPPORTED',
  'RELATIVE_FACE_CHECK_UNAVAILABLE',
  'VALIDATION_FAILED',
];

/**
 * Family codes (R21-R26): a guardian binds relatives and then acts for each of them under
 * /me/relatives/{id}/..., as he does for himself under /me/... Every route for one relative
 * first asks the service whether the caller is a bound guardian; anyone else gets
 * RELATIVE_NOT_FOUND, the same answer as for an id that does not exist.
 */
export function relativesRoutes(s: Services): RouteDef[] {
  const out = async (r: BoundRelative) => {
    const colour = await s.colour.current(r.person.id);
    return {
      id: r.person.id,
      name: maskName(r.person.name),
      idNumber: maskIdNumber(r.person.idNumber),
      age: r.age,
      sex: r.person.sex,
      relationship: r.binding.relationship,
      identityConfirmedBy: r.binding.confirmedBy,
      boundAt: r.binding.createdAt.toISOString(),
      unbindableAt: r.unbindableAt.toISOString(),
      colour: colour.colour,
      vaccinated: colour.vaccinated,
    };
  };
  return [
    route({
      method: 'post',
      path: '/me/relatives',
      summary: 'Bind a relative aged 0-16 or 60+ by name and ID number; from age 7 with a face check (R21-R24)',
      tag: 'relatives',
      access: 'resident',
      limit: 'bind',
      body: bindRelativeRequest,
      response: relativeView,
      status: 201,
      errors: BIND_ERRORS,
      async handler(_ctx, { auth, body }) {
        return out(await s.relatives.bind(auth.residentId!, auth.accountId, body));
      },
    }),
    route({
      method: 'post',
      path: '/me/relatives/face-checks',
      summary: "Start a face check of a relative aged 7+ on Alipay; bind with its faceCheckId once passed (R24)",
      tag: 'relatives',
      access: 'resident',
      // Each start is a paid check at the platform: it counts against the binding limit.
      limit: 'bind',
      body: startFaceCheckRequest,
      response: faceCheckStarted,
      status: 201,
      errors: START_FACE_CHECK_ERRORS,
      async handler(_ctx, { auth, body }) {
        const started = await s.relatives.startFaceCheck(auth.residentId!, auth.accountId, body);
        return { ...started, expiresAt: started.expiresAt.toISOString() };
      },
    }),
    route({
      method: 'get',
      path: '/me/relatives',
      summary: 'My relatives, with their current colour, to switch codes from (R26)',
      tag: 'relatives',
      access: 'resident',
      response: relativeListResponse,
      async handler(_ctx, { auth }) {
        const list = await s.relatives.list(auth.residentId!);
        return { relatives: await Promise.all(list.map(out)), maxRelatives: MAX_RELATIVES_PER_GUARDIAN };
      },
    }),
    route({
      method: 'get',
      path: '/me/relatives/:id',
      summary: 'One of my relatives',
      tag: 'relatives',
      access: 'resident',
      params: relativeIdParam,
      response: relativeView,
      errors: NOT_FOUND,
      async handler(_ctx, { auth, params }) {
        return out(await s.relatives.get(auth.residentId!, params.id));
      },
    }),
    route({
      method: 'delete',
      path: '/me/relatives/:id',
      summary: 'Remove a binding, 24 hours after it was made at the earliest (R25)',
      tag: 'relatives',
      access: 'resident',
      params: relativeIdParam,
      status: 204,
      errors: [...NOT_FOUND, 'RELATIVE_UNBIND_TOO_SOON'],
      async handler(_ctx, { auth, params }) {
        await s.relatives.unbind(auth.residentId!, params.id);
      },
    }),
    route({
      method: 'get',
      path: '/me/relatives/:id/colour',
      summary: "A relative's current colour, with reasons, measures and the vaccination badge (R4, R26)",
      tag: 'relatives',
      access: 'resident',
      params: relativeIdParam,
      response: colourViewSchema,
      errors: NOT_FOUND,
      async handler(_ctx, { auth, params, lang }) {
        const id = await s.relatives.requireBound(auth.residentId!, params.id);
        return colourView(await s.colour.current(id), lang as Lang, s.colour.hotline);
      },
    }),
    route({
      method: 'post',
      path: '/me/relatives/:id/credential',
      summary: "A signed credential for a relative's live code, as POST /me/credential (R5, R26)",
      tag: 'relatives',
      access: 'resident',
      params: relativeIdParam,
      body: credentialRequest,
      response: credentialResponse,
      status: 201,
      errors: NOT_FOUND,
      async handler(ctx, { auth, params, body, lang }) {
        const id = await s.relatives.requireBound(auth.residentId!, params.id);
        return credentialAnswer(ctx, s, await s.credentials.issue(id, body.devicePublicKey), lang);
      },
    }),
    route({
      method: 'get',
      path: '/me/relatives/:id/test-results',
      summary: "A relative's test results, newest first, as GET /me/test-results (R28)",
      tag: 'relatives',
      access: 'resident',
      params: relativeIdParam,
      response: testResultListResponse,
      errors: NOT_FOUND,
      async handler(_ctx, { auth, params }) {
        const id = await s.relatives.requireBound(auth.residentId!, params.id);
        return { testResults: (await s.testResults.listForResident(id)).map(testResultOut) };
      },
    }),
    route({
      method: 'get',
      path: '/me/relatives/:id/vaccinations',
      summary: "A relative's vaccinations, newest first, as GET /me/vaccinations (R7, R29)",
      tag: 'relatives',
      access: 'resident',
      params: relativeIdParam,
      response: vaccinationListResponse,
      errors: NOT_FOUND,
      async handler(_ctx, { auth, params }) {
        const id = await s.relatives.requireBound(auth.residentId!, params.id);
        return { vaccinations: (await s.vaccinations.listForResident(id)).map(vaccinationOut) };
      },
    }),
    route({
      method: 'post',
      path: '/me/relatives/:id/declarations',
      summary: 'Declare symptoms, temperature and trips for a relative; the record notes who declared (R36)',
      tag: 'relatives',
      access: 'resident',
      params: relativeIdParam,
      body: declarationRequest,
      response: declarationView,
      status: 201,
      errors: [...NOT_FOUND, 'VALIDATION_FAILED'],
      async handler(_ctx, { auth, params, body }) {
        const id = await s.relatives.requireBound(auth.residentId!, params.id);
        return declarationOut(await s.declarationService.declare(id, auth.accountId, body));
      },
    }),
    route({
      method: 'get',
      path: '/me/relatives/:id/declarations',
      summary: "A relative's declarations of the last 14 days, whoever made them (R36)",
      tag: 'relatives',
      access: 'resident',
      params: relativeIdParam,
      response: declarationListResponse,
      errors: NOT_FOUND,
      async handler(_ctx, { auth, params }) {
        const id = await s.relatives.requireBound(auth.residentId!, params.id);
        return { declarations: (await s.declarationService.recent(id)).map(declarationOut) };
      },
    }),
  ];
}
