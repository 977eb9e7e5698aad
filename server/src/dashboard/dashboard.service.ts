import { COLOURS, VENUE_STATUSES, type Colour } from '@health-code/shared';
import type { AuditLog } from '../audit/audit';
import type { AuthState } from '../http/route';
import type { Clock } from '../lib/clock';
import { OFFLINE_SCAN_MAX_AGE_MS } from '../scans/scans.service';
import type { ColourSnapshotJob } from './colour-snapshots';
import type { DashboardRepository } from './dashboard.repository';
import { dayBefore, localDay } from './local-day';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
/** The scans chart: the current hour and the 47 before it. */
export const SCAN_HOURS = 48;
/** A scan may arrive this late (R17, kept offline) plus a margin for one in flight. */
const SETTLE_MS = OFFLINE_SCAN_MAX_AGE_MS + 5 * 60 * 1000;
/** The colour trend: today and the 13 days before. */
export const TREND_DAYS = 14;
/** Contacts per case: the cases confirmed in the last 30 days, at most this many. */
export const CASE_DAYS = 30;
export const CASE_LIMIT = 20;

/**
 * The officials' dashboard (issue 6): aggregates that name nobody, each read from an index.
 * Reading them is not audited (no person's data); recomputing the colour snapshot is.
 */
export class DashboardService {
  constructor(
    private readonly repo: DashboardRepository,
    private readonly snapshots: ColourSnapshotJob,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * Scans per hour for the last 48 hours. An hour that ended more than 24 h ago can no longer
   * change (an offline scan arrives at most 24 h late, R17): it is counted once and kept in
   * scan_hour_counts; the younger hours are counted each time, from the (scanned_at) index.
   */
  async scansPerHour() {
    const now = this.clock.now().getTime();
    const current = Math.floor(now / HOUR) * HOUR;
    const from = current - (SCAN_HOURS - 1) * HOUR;
    // The first `settledHours` hours ended before now - SETTLE_MS.
    const settledHours = Math.max(0, Math.min(SCAN_HOURS, Math.floor((now - SETTLE_MS - from) / HOUR)));
    const stored = await this.repo.storedHourCounts(new Date(from), new Date(from + settledHours * HOUR));
    const counts: number[] = new Array(SCAN_HOURS).fill(0);
    // The settled hours not stored yet (a first look, or a gap) and every unsettled hour, counted
    // in one statement from the first hour missing: usually only the last day.
    const firstMissing = Array.from({ length: SCAN_HOURS }, (_, i) => i).find((i) => i >= settledHours || !stored.has(from + i * HOUR)) ?? SCAN_HOURS;
    for (let i = 0; i < firstMissing; i += 1) counts[i] = stored.get(from + i * HOUR)!;
    const live = await this.repo.countScansByHour(new Date(from + firstMissing * HOUR), SCAN_HOURS - firstMissing);
    live.forEach((n, k) => (counts[firstMissing + k] = n));
    const newlySettled = [];
    for (let i = firstMissing; i < settledHours; i += 1) if (!stored.has(from + i * HOUR)) newlySettled.push({ hourStart: new Date(from + i * HOUR), count: counts[i] });
    if (newlySettled.length > 0) {
      await this.repo.storeHourCounts(newlySettled, new Date(now));
      await this.repo.dropHourCountsBefore(new Date(from - 7 * DAY));
    }
    return {
      from: new Date(from).toISOString(),
      to: new Date(current + HOUR).toISOString(),
      hours: counts.map((count, i) => ({ hourStart: new Date(from + i * HOUR).toISOString(), count })),
      total: counts.reduce((a, b) => a + b, 0),
    };
  }

  /** Today's colour distribution and the 14-day trend, from the daily snapshots. */
  async colours() {
    const today = localDay(this.clock.now());
    const first = dayBefore(today, TREND_DAYS - 1);
    const rows = await this.repo.snapshotsSince(first);
    const byDay = new Map<string, { computedAt: Date; counts: Record<Colour, number> }>();
    for (const row of rows) {
      const entry = byDay.get(row.day) ?? { computedAt: row.computedAt, counts: { green: 0, yellow: 0, red: 0 } };
      entry.counts[row.colour] = row.count;
      if (row.computedAt > entry.computedAt) entry.computedAt = row.computedAt;
      byDay.set(row.day, entry);
    }
    const days = Array.from({ length: TREND_DAYS }, (_, i) => {
      const day = dayBefore(today, TREND_DAYS - 1 - i);
      const found = byDay.get(day);
      return { day, computedAt: found ? found.computedAt.toISOString() : null, counts: found ? pick(found.counts) : null };
    });
    return { today: days[days.length - 1], days };
  }

  /** An official takes today's snapshot now (audited, R33); answers the refreshed view. */
  async recomputeColours(auth: AuthState) {
    const snapshot = await this.snapshots.run();
    await this.audit.write({
      actorId: auth.accountId,
      actorRole: auth.role,
      action: 'dashboard.colour-snapshot',
      targetType: 'colour_snapshot',
      targetId: snapshot.day,
      details: { ...snapshot.counts },
    });
    return this.colours();
  }

  /** Venue code applications per review state, every state listed (zero when none). */
  async venueStates() {
    const found = await this.repo.venueStates();
    const states = VENUE_STATUSES.map((state) => ({ state, count: found.get(state) ?? 0 }));
    return { states, total: states.reduce((a, s) => a + s.count, 0) };
  }

  /** The recent cases, newest first, each with the people traced as its contacts (R32), no person named. */
  async caseContacts() {
    const since = new Date(this.clock.now().getTime() - CASE_DAYS * DAY);
    const cases = await this.repo.recentCases(since, CASE_LIMIT);
    const counts = await this.repo.contactCounts(cases.map((c) => c.id));
    return {
      since: since.toISOString(),
      limit: CASE_LIMIT,
      cases: cases.map((c) => ({ ref: caseRef(c.id), confirmedOn: localDay(c.confirmedAt), status: c.closed ? ('closed' as const) : ('open' as const), contacts: counts.get(c.id) ?? 0 })),
    };
  }
}

const pick = (counts: Record<Colour, number>) => Object.fromEntries(COLOURS.map((c) => [c, counts[c]])) as Record<Colour, number>;

/**
 * A short label for a case on the chart: the id's last six hex digits (its random part), so it
 * tells the bars apart without being the id that opens the case.
 */
export const caseRef = (id: string): string => `#${id.replace(/-/g, '').slice(-6).toUpperCase()}`;
