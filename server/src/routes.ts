import type { Deps } from './deps';
import type { RouteDef } from './http/route';
import type { Services } from './services';
import { healthRoutes } from './health/health.routes';
import { authRoutes } from './auth/auth.routes';
import { recordsRoutes } from './records/records.routes';
import { colourRoutes } from './colour/colour.routes';
import { credentialsRoutes } from './credentials/credentials.routes';
import { checkpointRoutes } from './checkpoint/checkpoint.routes';
import { openapiRoutes } from './openapi/openapi.routes';
import { relativesRoutes } from './relatives/relatives.routes';
import { offlineCodesRoutes } from './offline/offline-codes.routes';
import { scansRoutes } from './scans/scans.routes';
import { appealsRoutes } from './appeals/appeals.routes';
import { auditRoutes } from './audit/audit.routes';
import { staffRoutes } from './staff/staff.routes';
import { tracingRoutes } from './tracing/tracing.routes';
import { venuesRoutes } from './venues/venues.routes';
import { venueCategoriesRoutes } from './venues/venue-categories.routes';
import { regionsRoutes } from './regions/regions.routes';
import { appConfigRoutes } from './app-config/app-config.routes';
import { dashboardRoutes } from './dashboard/dashboard.routes';

/** Every route of the API, in one table (read by the app, the OpenAPI document and tests). */
export function buildRoutes(services: Services, deps: Deps): RouteDef[] {
  // openapiRoutes documents the final table, itself included.
  const routes: RouteDef[] = [...healthRoutes(deps), ...authRoutes(services, deps), ...recordsRoutes(services), ...colourRoutes(services), ...credentialsRoutes(services), ...checkpointRoutes(services), ...openapiRoutes(() => routes)];
  routes.push(...relativesRoutes(services));
  routes.push(...offlineCodesRoutes(services));
  routes.push(...scansRoutes(services));
  routes.push(...appealsRoutes(services));
  routes.push(...auditRoutes(services));
  routes.push(...staffRoutes(services));
  routes.push(...tracingRoutes(services));
  routes.push(...venuesRoutes(services), ...venueCategoriesRoutes(services));
  routes.push(...regionsRoutes());
  routes.push(...appConfigRoutes(deps.config));
  routes.push(...dashboardRoutes(services));
  return routes;
}
