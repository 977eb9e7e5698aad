import Koa from 'koa';
import Router from '@koa/router';
import { koaBody } from 'koa-body';
import { pickLang } from '@health-code/shared';
import type { Deps } from './deps';
import { errorEnvelope } from './http/envelope';
import { requestContext } from './http/request-context';
import { authenticate } from './http/authenticate';
import { API_PREFIX, fullPath, mountRoutes } from './http/route';
import { appStatic, resolveAppDir } from './http/app-static';
import { corsPolicy } from './http/cors';
import { loadShedding } from './http/load-shedding';
import { createServices, type Services } from './services';
import { buildRoutes } from './routes';

/**
 * Builds the Koa application without listening, so tests mount it with supertest and main.ts
 * decides the port. Middleware order: request id and log, error envelope, language, security
 * headers, overload protection (http/load-shedding.ts), CORS (http/cors.ts), caller identity,
 * then the routes (access, abuse limit, body with its size and depth limits, validation), then
 * the built H5 app's files.
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
  const routes = buildRoutes(services, deps);
  app.use(
    loadShedding({
      maxInFlight: deps.config.MAX_REQUESTS_IN_FLIGHT,
      maxLoopDelayMs: deps.config.MAX_EVENT_LOOP_DELAY_MS,
      // The health routes, as the OpenAPI document knows them (never SERVER_BUSY).
      exempt: routes.filter((r) => r.tag === 'health').map(fullPath),
      logger: deps.logger,
    }),
  );
  app.use(corsPolicy(deps.config.CORS_ORIGINS));
  app.use(authenticate(services.sessions, services.accountCache));
  app.use(services.institutionAuth);

  const bodies = {
    small: koaBody({ json: true, urlencoded: false, multipart: false, text: false, jsonLimit: `${deps.config.BODY_LIMIT_KB}kb`, jsonStrict: true }),
    large: koaBody({ json: true, urlencoded: false, multipart: false, text: false, jsonLimit: `${deps.config.BATCH_BODY_LIMIT_KB}kb`, jsonStrict: true }),
  };
  const api = new Router({ prefix: API_PREFIX });
  mountRoutes(api, routes.filter((r) => !r.absolute), bodies, services.rateLimits);
  const root = new Router();
  mountRoutes(root, routes.filter((r) => r.absolute), bodies, services.rateLimits);
  app.use(api.routes()).use(api.allowedMethods({ throw: true }));
  app.use(root.routes()).use(root.allowedMethods({ throw: true }));
  // Last: the built H5 app, for what no route answered.
  app.use(appStatic(resolveAppDir(deps.config.APP_DIR)));
  return app;
}

async function securityHeaders(ctx: Koa.Context, next: Koa.Next): Promise<void> {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('Cache-Control', 'no-store');
  // Answers are data, not pages: nothing in one may run or be framed. The app and /docs set their own policy.
  ctx.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
  ctx.set('Cross-Origin-Resource-Policy', 'same-origin');
  await next();
}
