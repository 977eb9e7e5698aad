import type { Context } from 'koa';
import type Router from '@koa/router';
import type { z } from 'zod';
import { validate } from './validate';
import { ForbiddenError, UnauthorizedError } from './errors';
import type { LimitName, RateLimits } from './rate-limits';
import { jsonDepthLimit } from './json-depth';

export type Role = 'resident' | 'official' | 'reviewer' | 'tracer' | 'checkpoint';
export const STAFF_ROLES: readonly Role[] = ['official', 'reviewer', 'tracer', 'checkpoint'];

/**
 * Who may call a route:
 * - 'public': anyone;
 * - 'account': any logged-in account (registered or not);
 * - 'resident': an account linked to a registered resident;
 * - 'institution': a testing institution or vaccination unit by API credentials;
 * - a list of roles: an account holding one of them.
 */
export type Access = 'public' | 'account' | 'resident' | 'institution' | readonly Role[];

export interface AuthState {
  accountId: string;
  role: Role;
  residentId: string | null;
  platform: string;
}

export interface InstitutionState {
  id: string;
  kind: 'testing' | 'vaccination';
  name: string;
}

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** Set for every access but 'public' and 'institution'. */
  auth: AuthState;
  institution: InstitutionState;
  lang: string;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * One route, declared once: Koa wiring, validation, access checks, the OpenAPI document and
 * the access-control test all read this table.
 */
export interface RouteDef<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Koa path under /api/v1 (or absolute when `absolute`), e.g. /residents/:id */
  path: string;
  absolute?: boolean;
  summary: string;
  tag: string;
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  /** Response body schema for the documented success status. */
  response?: z.ZodType;
  /** Content type of a non-JSON success answer (image/png, application/pdf). */
  produces?: string;
  status?: number;
  /** Larger body limit (institution batches). */
  largeBody?: boolean;
  /** The abuse limit this route counts against (http/rate-limits.ts). */
  limit?: LimitName;
  /** The errors this route may answer with, for the documentation. */
  errors?: string[];
  handler(ctx: Context, input: RouteInput<Infer<B>, Infer<Q>, Infer<P>>): Promise<unknown> | unknown;
}

/** Where the API's routes live; a route marked `absolute` (health, JWKS, docs) lives at its own path. */
export const API_PREFIX = '/api/v1';

/** A route's path as a request names it: `/residents/:id` -> `/api/v1/residents/:id`. */
export function fullPath(def: Pick<RouteDef, 'path' | 'absolute'>): string {
  return def.absolute ? def.path : `${API_PREFIX}${def.path}`;
}

/** Identity helper that keeps each route's schema types for its handler. */
export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  def: RouteDef<B, Q, P>,
): RouteDef {
  return def as unknown as RouteDef;
}

export function checkAccess(ctx: Context, access: Access): void {
  if (access === 'public') return;
  if (access === 'institution') {
    if (!ctx.state.institution) throw new UnauthorizedError(ctx.state.institutionAuthError ?? 'INSTITUTION_AUTH_REQUIRED');
    return;
  }
  const auth = ctx.state.auth as AuthState | undefined;
  if (!auth) throw new UnauthorizedError(ctx.state.authError ?? 'AUTH_REQUIRED');
  if (access === 'account') return;
  if (access === 'resident') {
    if (!auth.residentId) throw new ForbiddenError('REGISTRATION_REQUIRED');
    return;
  }
  if (!access.includes(auth.role)) throw new ForbiddenError('ROLE_FORBIDDEN');
}

type Middleware = (ctx: Context, next: () => Promise<unknown>) => Promise<unknown>;

export function mountRoutes(router: Router, routes: RouteDef[], bodies: { small: Middleware; large: Middleware }, limits: RateLimits): void {
  for (const def of routes) {
    const body = def.largeBody ? bodies.large : bodies.small;
    // Access and abuse limits are checked before the body is read: a stranger's or a flood's
    // large upload is not parsed.
    const access = async (ctx: Context, next: () => Promise<unknown>) => {
      checkAccess(ctx, def.access);
      if (def.limit) await limits.consume(def.limit, ctx);
      await next();
    };
    router[def.method](def.path, access as never, body as never, jsonDepthLimit as never, async (ctx: Context) => {
      const input = {
        body: def.body ? validate(def.body, ctx.request.body) : undefined,
        query: def.query ? validate(def.query, ctx.query) : undefined,
        params: def.params ? validate(def.params, ctx.params) : undefined,
        auth: ctx.state.auth,
        institution: ctx.state.institution,
        lang: ctx.state.lang,
      };
      const result = await def.handler(ctx, input as never);
      if (result !== undefined) {
        // A handler may answer another success status than the documented one (a replayed request: 200).
        ctx.status = (ctx.state.status as number | undefined) ?? def.status ?? 200;
        ctx.body = result;
      } else if (ctx.body === undefined) {
        ctx.status = 204;
      }
    });
  }
}
