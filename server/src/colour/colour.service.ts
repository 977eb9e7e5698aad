import { computeColour, type ColourResult } from '@health-code/shared';
import type { Clock } from '../lib/clock';
import type { OverridesRepository } from './overrides.repository';
import type { TestResultsRepository } from '../records/test-results.repository';
import type { VaccinationsRepository } from '../records/vaccinations.repository';
import type { DeclarationsRepository } from '../records/declarations.repository';
import type { RiskAreasRepository } from '../records/risk-areas.repository';
import type { ScanVisitsRepository } from '../tracing/scan-visits.repository';
import type { CasesRepository } from '../tracing/cases.repository';

const DAY = 24 * 3600 * 1000;
/** The rules look back 14 days; reading 30 lets a record just outside the window be judged so. */
const LOOKBACK_DAYS = 30;

/**
 * A resident's current colour (R4, R7): gathers the records the pure rule function reads and
 * runs it. Scan visits, confirmed cases and contact flags join the inputs with the venue and
 * tracing features; until then those lists are empty because no such records exist.
 */
export class ColourService {
  constructor(
    private readonly repos: {
      overrides: OverridesRepository;
      testResults: TestResultsRepository;
      vaccinations: VaccinationsRepository;
      declarations: DeclarationsRepository;
      riskAreas: RiskAreasRepository;
      /** Venue scans (R16) and tracing's cases and contact flags (R31, R32). */
      scanVisits: ScanVisitsRepository;
      cases: CasesRepository;
    },
    private readonly clock: Clock,
    private readonly dosesRequired: number,
    /** The help hotline named in the measures (R35). */
    readonly hotline: string,
  ) {}

  async current(residentId: string): Promise<ColourResult & { computedAt: Date }> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - LOOKBACK_DAYS * DAY);
    const [tests, vaccinations, declarations, riskAreas, override, visits, openCase, contacts] = await Promise.all([
      this.repos.testResults.forResident(residentId, since),
      this.repos.vaccinations.forResident(residentId),
      this.repos.declarations.forResident(residentId, since),
      this.repos.riskAreas.activeSince(since),
      this.repos.overrides.current(residentId, now),
      this.repos.scanVisits.visitsForColour(residentId, since),
      this.repos.cases.openCaseOf(residentId),
      this.repos.cases.flagsOf(residentId, since),
    ]);
    const result = computeColour({
      now,
      tests,
      vaccinations,
      declarations,
      riskAreas,
      visits,
      confirmedCase: openCase ? { confirmedAt: openCase.confirmedAt, closedAt: openCase.closedAt } : null,
      contacts,
      override: override ? { colour: override.colour, reason: override.reason, createdAt: override.createdAt, expiresAt: override.expiresAt } : null,
      settings: { dosesRequired: this.dosesRequired },
    });
    return { ...result, computedAt: now };
  }
}
