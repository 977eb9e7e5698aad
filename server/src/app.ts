import Koa from 'koa';
import Router from '@koa/router';
import { koaBody } from 'koa-body';
import { pickLang } from '@health-code/shared';
import type { Deps } from './deps';
import { errorEnvelope } from './http/envelope';
import { requestContext } from './http/request-context';
import { authenticate } from './http/authenticate';
import { mountRoutes } from './http/route';
import { createServices, type Services } from './services';
import { buildRoutes } from './routes';

/**
 * Builds the Koa application without listening, so tests mount it with supertest and main.ts
 * decides the port. Middleware order: request id and log, error envelope, language, body,
 * caller identity, then the routes.
 */
export function createApp(deps: Deps, services: Services = createServices(deps)): Koa {
  const app = new Koa({ proxy: false });
  app.context.services = services;
  app.use(requestContext(deps.logger));
  app.use(errorEnvelope(deps.logger));
  app.use(async (ctx, next) => {
    ctx.state.lang = pickLang(ctx.get('accept-language'));
    await next();
  });
  app.use(securityHeaders);
  app.use(authenticate(services.sessions, services.accounts));
  app.use(services.institutionAuth);

  const bodies = {
    small: koaBody({ json: true, urlencoded: false, multipart: false, text: false, jsonLimit: `${deps.config.BODY_LIMIT_KB}kb`, jsonStrict: true }),
    large: koaBody({ json: true, urlencoded: false, multipart: false, text: false, jsonLimit: `${deps.config.BATCH_BODY_LIMIT_KB}kb`, jsonStrict: true }),
  };
  const routes = buildRoutes(services, deps);
  const api = new Router({ prefix: '/api/v1' });
  mountRoutes(api, routes.filter((r) => !r.absolute), bodies, services.rateLimits);
  const root = new Router();
  mountRoutes(root, routes.filter((r) => r.absolute), bodies, services.rateLimits);
  app.use(api.routes()).use(api.allowedMethods({ throw: true }));
  app.use(root.routes()).use(root.allowedMethods({ throw: true }));
  return app;
}

async function securityHeaders(ctx: Koa.Context, next: Koa.Next): Promise<void> {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('Cache-Control', 'no-store');
  await next();
}
