import type { LRUCache } from 'lru-cache';
import { boundedCache } from '../lib/bounded-cache';
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
  /**
   * Computations in flight, by resident: callers that ask while one runs share it (a scan's answer
   * asks for the colour and the latest test at once), and an invalidation of that resident marks it
   * stale, so its result is answered to those already waiting but neither kept nor shared again.
   * Per resident: one person's new record does not stop everyone else's colour from being cached (a
   * global counter did, under load: issue 7).
   */
  private readonly computing = new Map<string, { entry: Promise<Entry>; stale: boolean }>();
  /** The risk areas every computation and every scan reads: the same for everyone, changed rarely. */
  private riskAreas: { list: Promise<Entry['riskAreas']>; at: number } | null = null;

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
    this.cache = boundedCache(60_000);
    invalidations?.on((m) => {
      if (m.kind === 'colour') {
        this.cache.delete(m.residentId);
        const running = this.computing.get(m.residentId);
        if (running) running.stale = true;
      } else if (m.kind === 'colour-all') {
        this.riskAreas = null;
        this.computing.forEach((running) => (running.stale = true));
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

  /**
   * A new scan: it changes the colour only inside a risk area (R4), else every cached colour
   * stands, in this process and the others. Decided from the risk areas alone, so a scan by
   * someone whose colour no process holds yet sends nothing.
   */
  async visited(residentId: string, region: string, at: Date): Promise<void> {
    if (visitInRiskArea(await this.activeRiskAreas(this.clock.now()), region, at)) this.changed(residentId);
  }

  private async entry(residentId: string, keep = true): Promise<Entry> {
    const now = this.clock.now();
    const hit = this.cache.get(residentId);
    // A manual clock that moved back, or an entry older than the cache's life, is not used.
    if (hit && now.getTime() >= hit.at && now.getTime() - hit.at < this.cacheMs) return hit;
    const running = this.computing.get(residentId);
    if (running && !running.stale) return running.entry;
    const flight = { entry: this.compute(residentId, now), stale: false };
    this.computing.set(residentId, flight);
    try {
      const entry = await flight.entry;
      if (keep && this.cacheMs > 0 && !flight.stale) this.cache.set(residentId, entry);
      return entry;
    } finally {
      if (this.computing.get(residentId) === flight) this.computing.delete(residentId);
    }
  }

  /**
   * Areas active in the look-back window. Kept for the colour cache's life (and dropped by any
   * change to them, which invalidates everyone): as time moves on, a kept list can only hold an
   * area that has since left the window, which the rules ignore by its dates.
   */
  private activeRiskAreas(now: Date): Promise<Entry['riskAreas']> {
    const held = this.riskAreas;
    if (held && now.getTime() >= held.at && now.getTime() - held.at < this.cacheMs) return held.list;
    const since = new Date(now.getTime() - LOOKBACK_DAYS * DAY);
    const list = this.repos.riskAreas.activeSince(since);
    const entry = { list, at: now.getTime() };
    this.riskAreas = entry;
    // A failed read is not kept.
    list.catch(() => {
      if (this.riskAreas === entry) this.riskAreas = null;
    });
    return list;
  }

  private async compute(residentId: string, now: Date): Promise<Entry> {
    const since = new Date(now.getTime() - LOOKBACK_DAYS * DAY);
    // Visits count only in a risk area's region (R4): read the areas first, then only those visits.
    const riskAreas = await this.activeRiskAreas(now);
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
