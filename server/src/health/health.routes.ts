import { z } from 'zod';
import { route, type RouteDef } from '../http/route';
import type { Deps } from '../deps';

export function healthRoutes(deps: Deps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/healthz',
      absolute: true,
      summary: 'Liveness and database reachability',
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
