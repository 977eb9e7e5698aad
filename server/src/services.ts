import type { Middleware } from 'koa';
import type { Deps } from './deps';
import { Sessions } from './auth/sessions';
import { AccountsRepository } from './auth/accounts.repository';
import { AuditLog } from './audit/audit';

/**
 * The composition root: every service and repository, built once from the deps. Routers get
 * services from here; services get repositories; nothing reaches back up.
 */
export function createServices(deps: Deps) {
  const { db, clock, config } = deps;
  const accounts = new AccountsRepository(db);
  const sessions = new Sessions(config.SESSION_SECRET, config.SESSION_TTL_SECONDS, () => clock.now());
  const audit = new AuditLog(db, clock);
  const institutionAuth: Middleware = async (_ctx, next) => next();
  return { accounts, sessions, audit, institutionAuth };
}

export type Services = ReturnType<typeof createServices>;
