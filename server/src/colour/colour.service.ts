import { LRUCache } from 'lru-cache';
import { computeColour, visitInRiskArea, type ColourInput, type ColourResult } from '@health-code/shared';
import type { Clock } from '../lib/clock';
import type { Invalidations } from '../lib/invalidations';
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

export type CurrentColour = ColourResult & { computedAt: Date };
export type LatestTest = { sampledAt: Date; result: 'negative' | 'positive'; institutionName: string; reportedAt: Date } | null;

interface Entry {
  colour: CurrentColour;
  latestTest: LatestTest;
  riskAreas: ColourInput['riskAreas'];
  at: number;
}

/**
 * A resident's current colour (R4, R7): gathers the records the pure rule function reads and
 * runs it. The result is kept for a short while (COLOUR_CACHE_SECONDS), so the busy paths (a
 * scan, a credential, a checkpoint) do not read eight tables each time; every write that can
 * change a colour invalidates it, in this process and, through Redis, in the others.
 */
export class ColourService {
  private readonly cache: LRUCache<string, Entry>;
  /** Bumped by every invalidation: a computation that raced one is not kept. */
  private version = 0;

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
    private readonly invalidations?: Invalidations,
    private readonly cacheMs = 0,
  ) {
    this.cache = new LRUCache({ max: 200_000 });
    invalidations?.on((m) => {
      if (m.kind === 'colour') {
        this.version += 1;
        this.cache.delete(m.residentId);
      } else if (m.kind === 'colour-all') {
        this.version += 1;
        this.cache.clear();
      }
    });
  }

  /**
   * `keep: false` uses a cached colour but does not cache a new one: a sweep over everyone (the
   * dashboard's daily snapshot) would otherwise push out the colours of the people using the app.
   */
  async current(residentId: string, opts: { keep?: boolean } = {}): Promise<CurrentColour> {
    return (await this.entry(residentId, opts.keep ?? true)).colour;
  }

  /** The latest test of the last 14 days, as read for the colour (R16's answer shows it). */
  async latestTest(residentId: string): Promise<LatestTest> {
    return (await this.entry(residentId)).latestTest;
  }

  /** A resident's records changed: his colour is computed afresh, here and elsewhere. */
  changed(residentId: string): void {
    this.invalidations?.publish({ kind: 'colour', residentId });
  }

  /** Something everyone's colour reads changed (a risk area, a case and its contacts). */
  changedForEveryone(): void {
    this.invalidations?.publish({ kind: 'colour-all' });
  }

  /** A new scan: it changes the colour only inside a risk area (R4), else the cache stands. */
  visited(residentId: string, region: string, at: Date): void {
    const entry = this.cache.get(residentId);
    if (entry && !visitInRiskArea(entry.riskAreas, region, at)) return;
    this.changed(residentId);
  }

  private async entry(residentId: string, keep = true): Promise<Entry> {
    const now = this.clock.now();
    const hit = this.cache.get(residentId);
    // A manual clock that moved back, or an entry older than the cache's life, is not used.
    if (hit && now.getTime() >= hit.at && now.getTime() - hit.at < this.cacheMs) return hit;
    const version = this.version;
    const entry = await this.compute(residentId, now);
    if (keep && this.cacheMs > 0 && version === this.version) this.cache.set(residentId, entry);
    return entry;
  }

  private async compute(residentId: string, now: Date): Promise<Entry> {
    const since = new Date(now.getTime() - LOOKBACK_DAYS * DAY);
    // Visits count only in a risk area's region (R4): read the areas first, then only those visits.
    const riskAreas = await this.repos.riskAreas.activeSince(since);
    const regions = [...new Set(riskAreas.map((a) => a.region))];
    const [tests, vaccinations, declarations, override, visits, openCase, contacts] = await Promise.all([
      this.repos.testResults.forResident(residentId, since),
      this.repos.vaccinations.forResident(residentId),
      this.repos.declarations.forResident(residentId, since),
      this.repos.overrides.current(residentId, now),
      this.repos.scanVisits.visitsForColour(residentId, since, regions),
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
    const recent = tests.find((t) => t.sampledAt.getTime() >= now.getTime() - 14 * DAY) ?? null;
    return { colour: { ...result, computedAt: now }, latestTest: recent, riskAreas, at: now.getTime() };
  }
}
