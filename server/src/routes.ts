import type { Deps } from './deps';
import type { RouteDef } from './http/route';
import type { Services } from './services';
import { healthRoutes } from './health/health.routes';
import { authRoutes } from './auth/auth.routes';
import { recordsRoutes } from './records/records.routes';
import { colourRoutes } from './colour/colour.routes';
import { credentialsRoutes } from './credentials/credentials.routes';
import { checkpointRoutes } from './checkpoint/checkpoint.routes';

/** Every route of the API, in one table (read by the app, the OpenAPI document and tests). */
export function buildRoutes(services: Services, deps: Deps): RouteDef[] {
  return [...healthRoutes(deps), ...authRoutes(services, deps), ...recordsRoutes(services), ...colourRoutes(services), ...credentialsRoutes(services), ...checkpointRoutes(services)];
}
