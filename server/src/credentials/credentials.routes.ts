import type { Context } from 'koa';
import { credentialRequest, credentialResponse, jwksResponse, type Lang } from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import type { Services } from '../services';
import { colourView } from '../colour/colour-view';

/** The credential as answered to the app, for oneself or a relative. */
export function credentialAnswer(ctx: Context, s: Services, issued: Awaited<ReturnType<Services['credentials']['issue']>>, lang: string) {
  // The answer may hold a device private key: no cache anywhere may keep it.
  ctx.set('Cache-Control', 'no-store');
  return {
    ...issued,
    issuedAt: issued.issuedAt.toISOString(),
    expiresAt: issued.expiresAt.toISOString(),
    colour: colourView(issued.colour, lang as Lang, s.colour.hotline),
  };
}

export function credentialsRoutes(s: Services): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/me/credential',
      summary: 'A signed health credential for the app to cache and make live QR codes from (R5)',
      tag: 'codes',
      access: 'resident',
      body: credentialRequest,
      response: credentialResponse,
      status: 201,
      async handler(ctx, { auth, body, lang }) {
        return credentialAnswer(ctx, s, await s.credentials.issue(auth.residentId!, body.devicePublicKey), lang);
      },
    }),
    route({
      method: 'get',
      path: '/.well-known/jwks.json',
      absolute: true,
      summary: 'Public keys that verify personal codes offline, and the revoked key ids',
      tag: 'codes',
      access: 'public',
      response: jwksResponse,
      async handler(ctx) {
        // Checkpoints cache it; a short max-age lets a revocation reach them soon.
        ctx.set('Cache-Control', 'public, max-age=300');
        return s.keys.jwks();
      },
    }),
  ];
}
