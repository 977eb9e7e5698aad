import { regionChildrenQuery, regionChildrenResponse } from '@health-code/shared';
import { ValidationError } from '../http/errors';
import { route, type RouteDef } from '../http/route';
import { children } from './regions';

/**
 * The division table for pickers (R10): public like the category list, so that the form can
 * be filled before anything is sent. Nothing personal, and the same answer for everyone.
 */
export function regionsRoutes(): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/regions',
      summary: 'The administrative divisions one level below `parent` (GB/T 2260), or the provinces: a province -> city -> district picker (R10)',
      tag: 'regions',
      access: 'public',
      query: regionChildrenQuery,
      response: regionChildrenResponse,
      errors: ['VALIDATION_FAILED'],
      handler(ctx, { query }) {
        const regions = children(query.parent);
        if (!regions) throw new ValidationError('VALIDATION_FAILED', { fields: [{ path: 'parent', code: 'REGION_UNKNOWN' }] });
        // The table changes only with a release: let phones and proxies keep it for a day.
        ctx.set('Cache-Control', 'public, max-age=86400');
        return { parent: query.parent ?? null, regions };
      },
    }),
  ];
}
