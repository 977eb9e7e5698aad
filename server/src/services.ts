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
import { InstitutionsRepository } from './records/institutions.repository';
import { InstitutionsService } from './records/institutions.service';
import { institutionAuth as institutionAuthMiddleware } from './records/institution-auth';
import { PeopleService } from './residents/people.service';
import { TestResultsRepository } from './records/test-results.repository';
import { VaccinationsRepository } from './records/vaccinations.repository';
import { DeclarationsRepository } from './records/declarations.repository';
import { RiskAreasRepository } from './records/risk-areas.repository';
import { UploadsService } from './records/uploads.service';
import { DeclarationsService } from './records/declarations.service';
import { RiskAreasService } from './records/risk-areas.service';
import { OverridesRepository } from './colour/overrides.repository';
import { ColourService } from './colour/colour.service';
import { ColourAdminService } from './colour/colour-admin.service';
import { SigningKeysRepository } from './keys/signing-keys.repository';
import { KeysService } from './keys/keys.service';
import { CredentialsService } from './credentials/credentials.service';
import { ReplayGuard } from './checkpoint/replay-guard';
import { CheckpointService } from './checkpoint/checkpoint.service';
import { OfflineCodesService } from './offline/offline-codes.service';

/**
 * The composition root: every service and repository, built once from the deps. Routers get
 * services from here; services get repositories; nothing reaches back up.
 */
export function createServices(deps: Deps) {
  const { db, clock, config } = deps;
  const accounts = new AccountsRepository(db);
  const sessions = new Sessions(config.SESSION_SECRET, config.SESSION_TTL_SECONDS, () => clock.now());
  const audit = new AuditLog(db, clock);
  const institutions = new InstitutionsService(db, new InstitutionsRepository(db), audit, deps.crypto, clock);
  const institutionAuth: Middleware = institutionAuthMiddleware(institutions);
  const residents = new ResidentsRepository(db, deps.crypto);
  const login = new LoginService(deps.loginProviders, accounts, sessions, deps.crypto, clock, deps.logger);
  const sms = new SmsService(new SmsCodesRepository(db), deps.sms, clock, Buffer.from(config.HASH_KEY, 'base64'), (p) => residents.phoneHash(p));
  const registration = new RegistrationService(db, residents, accounts, sms, deps.crypto, clock, config.HOTLINE);
  const people = new PeopleService(residents, clock);
  const testResults = new TestResultsRepository(db);
  const vaccinations = new VaccinationsRepository(db);
  const declarations = new DeclarationsRepository(db);
  const riskAreas = new RiskAreasRepository(db);
  const uploads = new UploadsService(db, people, testResults, vaccinations, clock);
  const declarationService = new DeclarationsService(declarations, clock);
  const riskAreaService = new RiskAreasService(db, riskAreas, audit, clock);
  const overrides = new OverridesRepository(db);
  const colour = new ColourService({ overrides, testResults, vaccinations, declarations, riskAreas }, clock, config.VACCINATION_DOSES_REQUIRED, config.HOTLINE);
  const colourAdmin = new ColourAdminService(db, residents, overrides, colour, audit, clock);
  const keys = new KeysService(new SigningKeysRepository(db), deps.crypto, clock, audit, config.ISSUER_REGION);
  const credentials = new CredentialsService(residents, colour, keys, config);
  const offlineCodes = new OfflineCodesService(residents, colour, keys, config.OFFLINE_CODE_TTL_DAYS);
  const checkpoint = new CheckpointService(keys, residents, colour, new ReplayGuard(), audit, clock, config.CODE_TTL_SECONDS);
  return {
    accounts, sessions, audit, institutionAuth, residents, login, sms, registration,
    institutions, people, testResults, vaccinations, declarations, riskAreas, uploads, declarationService, riskAreaService,
    colour, colourAdmin, keys, credentials, checkpoint, offlineCodes,
    /** Lets work in flight finish at shutdown (nothing is queued in memory yet). */
    async shutdown(): Promise<void> {},
  };
}

export type Services = ReturnType<typeof createServices>;
