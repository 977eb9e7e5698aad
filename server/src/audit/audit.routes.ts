import { auditQuery, auditResponse } from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import type { Services } from '../services';

/** The audit log, read-only and filterable (R33); reading it is itself recorded. */
export function auditRoutes(s: Services): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/officials/audit',
      summary: 'The audit log, newest first, filtered by actor, target, action prefix and time (R33)',
      tag: 'officials',
      access: ['official'],
      query: auditQuery,
      response: auditResponse,
      async handler(_ctx, { auth, query }) {
        const found = await s.auditReader.search({ ...query, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined });
        await s.audit.write({ actorId: auth.accountId, actorRole: auth.role, action: 'audit.read', details: { filter: { ...query }, count: found.records.length } });
        return { total: found.total, records: found.records.map((r) => ({ ...r, at: r.at.toISOString() })) };
      },
    }),
  ];
}
