import { appConfigResponse } from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import type { Config } from '../config';

/**
 * The app's public settings (R35: the hotline is a setting, not text in the app). Public: the
 * help page must show it to someone whose login or registration is the problem.
 */
export function appConfigRoutes(config: Pick<Config, 'HOTLINE'>): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/app-config',
      summary: 'The settings the app shows to anyone: the help hotline (R35)',
      tag: 'app',
      access: 'public',
      response: appConfigResponse,
      handler(ctx) {
        // Settings change only with a restart: phones may keep the answer for a while.
        ctx.set('Cache-Control', 'public, max-age=300');
        return { hotline: config.HOTLINE };
      },
    }),
  ];
}
