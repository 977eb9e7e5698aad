import { z } from 'zod';
import { route, type RouteDef } from '../http/route';
import type { Deps } from '../deps';

/**
 * Liveness (/healthz: the process answers; a balancer restarts it when not) and readiness
 * (/readyz: the database answers; a balancer sends no traffic until it does). A database that
 * is away answers 503 with Retry-After through the error envelope.
 */
export function healthRoutes(deps: Deps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/healthz',
      absolute: true,
      summary: 'Liveness: the process answers',
      tag: 'health',
      access: 'public',
      response: z.object({ status: z.literal('ok') }),
      handler() {
        return { status: 'ok' };
      },
    }),
    route({
      method: 'get',
      path: '/readyz',
      absolute: true,
      summary: 'Readiness: the database answers (503 when it does not)',
      tag: 'health',
      access: 'public',
      response: z.object({ status: z.literal('ok'), database: z.literal('ok') }),
      async handler() {
        await deps.db.raw('select 1');
        return { status: 'ok', database: 'ok' };
      },
    }),
  ];
}
