import type { Middleware } from 'koa';
import type { Deps } from './deps';
import { Sessions } from './auth/sessions';
import { AccountsRepository } from './auth/accounts.repository';
import { AuditLog } from './audit/audit';
import { LoginService } from './auth/login.service';
import { ResidentsRepository } from './residents/residents.repository';
import { RegistrationService } from './residents/registration.service';
import { SmsCodesRepository } from './sms/sms-codes.repository';
import { SmsService } from './sms/sms.service';

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
  const residents = new ResidentsRepository(db, deps.crypto);
  const login = new LoginService(deps.loginProviders, accounts, sessions, deps.crypto, clock, deps.logger);
  const sms = new SmsService(new SmsCodesRepository(db), deps.sms, clock, Buffer.from(config.HASH_KEY, 'base64'), (p) => residents.phoneHash(p));
  const registration = new RegistrationService(db, residents, accounts, sms, deps.crypto, clock, config.HOTLINE);
  return { accounts, sessions, audit, institutionAuth, residents, login, sms, registration };
}

export type Services = ReturnType<typeof createServices>;
