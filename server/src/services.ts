import type { Middleware } from 'koa';
import type { Deps } from './deps';
import { Sessions } from './auth/sessions';
import { AccountsRepository } from './auth/accounts.repository';
import { AuditLog, AuditReader } from './audit/audit';
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
import { RelativesRepository } from './relatives/relatives.repository';
import { RelativesService } from './relatives/relatives.service';
import { createFaceCheckProvider } from './relatives/face-check';
import { FaceChecksRepository } from './relatives/face-checks.repository';
import { ScanVisitsRepository } from './tracing/scan-visits.repository';
import { CasesRepository } from './tracing/cases.repository';
import { TracingService } from './tracing/tracing.service';
import { TravelCardService } from './tracing/travel-card.service';
import { VenuesRepository } from './venues/venues.repository';
import { VenueCategoriesRepository } from './venues/venue-categories.repository';
import { VenueCategoryRequestsRepository } from './venues/venue-category-requests.repository';
import { VenueCategoriesService } from './venues/venue-categories.service';
import { VenuesService } from './venues/venues.service';
import { VenuePostersService } from './venues/venue-posters.service';
import { ScansRepository } from './scans/scans.repository';
import { ScansService } from './scans/scans.service';
import { ScanRetention } from './scans/retention';
import { AppealsRepository } from './appeals/appeals.repository';
import { AppealsService } from './appeals/appeals.service';
import { StaffRepository } from './staff/staff.repository';
import { StaffService } from './staff/staff.service';
import { createRateLimits } from './http/rate-limits';
import { Invalidations } from './lib/invalidations';
import { AccountCache } from './auth/account-cache';
import { DashboardRepository } from './dashboard/dashboard.repository';
import { DashboardService } from './dashboard/dashboard.service';
import { ColourSnapshotJob } from './dashboard/colour-snapshots';

/**
 * The composition root: every service and repository, built once from the deps. Routers get
 * services from here; services get repositories; nothing reaches back up.
 */
export function createServices(deps: Deps) {
  const { db, clock, config } = deps;
  const accounts = new AccountsRepository(db);
  const sessions = new Sessions(config.SESSION_SECRET, config.SESSION_TTL_SECONDS, () => clock.now());
  const audit = new AuditLog(db, clock);
  const invalidations = new Invalidations(deps.redis, `${config.REDIS_PREFIX}:invalidations`, deps.logger);
  const accountCache = new AccountCache(accounts, invalidations, config.ACCOUNT_CACHE_SECONDS * 1000);
  const accountChanged = (accountId: string) => accountCache.changed(accountId);
  const auditReader = new AuditReader(db);
  const institutions = new InstitutionsService(db, new InstitutionsRepository(db), audit, deps.crypto, clock);
  const institutionAuth: Middleware = institutionAuthMiddleware(institutions);
  const residents = new ResidentsRepository(db, deps.crypto);
  const login = new LoginService(deps.loginProviders, accounts, sessions, deps.crypto, clock, deps.logger);
  const sms = new SmsService(new SmsCodesRepository(db), deps.sms, clock, Buffer.from(config.HASH_KEY, 'base64'), (p) => residents.phoneHash(p));
  const registration = new RegistrationService(db, residents, accounts, sms, deps.crypto, clock, config.HOTLINE, accountChanged);
  const people = new PeopleService(residents, clock);
  const testResults = new TestResultsRepository(db);
  const vaccinations = new VaccinationsRepository(db);
  const declarations = new DeclarationsRepository(db);
  const riskAreas = new RiskAreasRepository(db);
  const colourChanged = (residentId: string) => invalidations.publish({ kind: 'colour', residentId });
  const colourChangedForEveryone = () => invalidations.publish({ kind: 'colour-all' });
  const uploads = new UploadsService(db, people, testResults, vaccinations, clock, colourChanged);
  const declarationService = new DeclarationsService(declarations, clock, colourChanged);
  const riskAreaService = new RiskAreasService(db, riskAreas, audit, clock, colourChangedForEveryone);
  const overrides = new OverridesRepository(db);
  const scanVisits = new ScanVisitsRepository(db);
  const cases = new CasesRepository(db);
  const colour = new ColourService({ overrides, testResults, vaccinations, declarations, riskAreas, scanVisits, cases }, clock, config.VACCINATION_DOSES_REQUIRED, config.HOTLINE, invalidations, config.COLOUR_CACHE_SECONDS * 1000);
  const colourAdmin = new ColourAdminService(db, residents, overrides, colour, audit, clock);
  const keys = new KeysService(new SigningKeysRepository(db), deps.crypto, clock, audit, config.ISSUER_REGION);
  const credentials = new CredentialsService(residents, colour, keys, config);
  const offlineCodes = new OfflineCodesService(residents, colour, keys, config.OFFLINE_CODE_TTL_DAYS);
  const checkpoint = new CheckpointService(keys, residents, colour, new ReplayGuard(), audit, clock, config.CODE_TTL_SECONDS);
  const relatives = new RelativesService(db, new RelativesRepository(db), residents, accounts, deps.faceCheck ?? createFaceCheckProvider(config, new FaceChecksRepository(db), deps.crypto), clock, config.HOTLINE);
  const tracing = new TracingService(db, cases, scanVisits, residents, audit, clock, { beforeMinutes: config.TRACE_WINDOW_BEFORE_MINUTES, afterMinutes: config.TRACE_WINDOW_AFTER_MINUTES, onsetLeadDays: config.TRACE_ONSET_LEAD_DAYS }, colourChangedForEveryone);
  const travel = new TravelCardService(scanVisits, declarations, riskAreas, clock);
  const venues = new VenuesRepository(db, deps.crypto);
  const venueCategories = new VenueCategoriesRepository(db);
  const venueCategoryService = new VenueCategoriesService(db, venueCategories, new VenueCategoryRequestsRepository(db), audit, clock);
  const venueService = new VenuesService(db, venues, venueCategoryService, residents, audit, clock, (codeId) => invalidations.publish({ kind: 'venue', codeId }));
  const venuePosters = new VenuePostersService(venues, keys, clock);
  const scanRecords = new ScansRepository(db);
  const scans = new ScansService(scanRecords, venues, (g, r) => relatives.requireBound(g, r), residents, colour, keys, clock, {
    venueCacheMs: config.VENUE_CACHE_SECONDS * 1000,
    invalidations,
    batch: { maxConcurrent: config.SCAN_WRITE_CONCURRENCY, maxRows: 500 },
  });
  const appeals = new AppealsService(db, new AppealsRepository(db), residents, colour, colourAdmin, audit, clock);
  const rateLimits = createRateLimits({ redis: deps.redis, prefix: config.REDIS_PREFIX, enabled: config.RATE_LIMITS });
  const staff = new StaffService(db, new StaffRepository(db), deps.crypto, audit, clock, accountChanged);
  const scanRetention = new ScanRetention(scanRecords, clock, deps.logger, config.SCAN_RETENTION_DAYS);
  const dashboardRepo = new DashboardRepository(db);
  const colourSnapshots = new ColourSnapshotJob(dashboardRepo, colour, clock, deps.logger);
  const dashboard = new DashboardService(dashboardRepo, colourSnapshots, audit, clock);
  return {
    accounts, accountCache, sessions, audit, institutionAuth, residents, login, sms, registration,
    institutions, people, testResults, vaccinations, declarations, riskAreas, uploads, declarationService, riskAreaService,
    colour, colourAdmin, keys, credentials, checkpoint, offlineCodes,
    relatives,
    scanVisits, cases, tracing, travel,
    venues, venueCategories, venueService, venueCategoryService, venuePosters,
    scanRecords, scans, scanRetention, appeals, auditReader, staff, rateLimits, invalidations,
    dashboard, colourSnapshots,
    /** Stops the scheduled jobs and lets a purge in flight finish. */
    async shutdown(): Promise<void> {
      await scanRetention.stop();
      await colourSnapshots.stop();
      await scans.drain();
      await audit.drain();
      await invalidations.stop();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
