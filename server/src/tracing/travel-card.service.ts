import type { z } from 'zod';
import { TRIP_LOOKBACK_DAYS, type travelCardView } from '@health-code/shared';
import type { Clock } from '../lib/clock';
import type { DeclarationsRepository } from '../records/declarations.repository';
import type { RiskAreasRepository, RiskLevel } from '../records/risk-areas.repository';
import { cityCodeOf, cityName, lookup, regionTouchesCity } from '../regions/regions';
import type { ScanVisitsRepository } from './scan-visits.repository';

export type TravelCard = z.infer<typeof travelCardView>;

const DAY = 24 * 3600 * 1000;
/** R30: the last 14 days. */
const CARD_DAYS = 14;
/** Trip dates and the card's days are local calendar days (China Standard Time, UTC+8). */
const LOCAL_OFFSET_MS = 8 * 3600 * 1000;

const localDate = (at: number) => new Date(at + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
const localDayStart = (day: string) => Date.parse(`${day}T00:00:00.000Z`) - LOCAL_OFFSET_MS;

interface Stay {
  city: string;
  declared: boolean;
  /** [start, end) in epoch ms, for the risk check. */
  start: number;
  end: number;
  from: string;
  to: string;
}

type Area = Awaited<ReturnType<RiskAreasRepository['activeSince']>>[number];

/**
 * The travel card (R30, R36): the cities of the venues a person scanned into in the last 14
 * days, and the cities of his declared trips in those days (marked declared), each marked when
 * it holds a medium or high risk area now or held one while he was there. A city is the
 * prefecture-level unit of the region code (regions.ts: cityCodeOf).
 */
export class TravelCardService {
  constructor(
    private readonly scans: ScanVisitsRepository,
    private readonly declarations: DeclarationsRepository,
    private readonly riskAreas: RiskAreasRepository,
    private readonly clock: Clock,
  ) {}

  /** The card of one resident (his own, or a relative's for a guardian: callers check who may see it). */
  async travelCard(residentId: string): Promise<TravelCard> {
    const now = this.clock.now().getTime();
    const since = now - CARD_DAYS * DAY;
    const firstDay = localDate(since);
    const today = localDate(now);
    const [scanned, declarations, areas] = await Promise.all([
      this.scans.regionsSince(residentId, new Date(since)),
      // A trip declared up to 30 days ago may still reach into the last 14 days.
      this.declarations.forResident(residentId, new Date(now - TRIP_LOOKBACK_DAYS * DAY)),
      this.riskAreas.activeSince(new Date(since)),
    ]);

    const stays = new Map<string, Stay>();
    const add = (city: string, declared: boolean, start: number, end: number, from: string, to: string) => {
      const key = `${city}|${declared}`;
      const s = stays.get(key);
      if (!s) stays.set(key, { city, declared, start, end, from, to });
      else Object.assign(s, { start: Math.min(s.start, start), end: Math.max(s.end, end), from: from < s.from ? from : s.from, to: to > s.to ? to : s.to });
    };
    for (const r of scanned) {
      // A stay seen through scans runs from the first entry to the last (one instant for a single scan).
      add(cityCodeOf(r.region), false, r.first.getTime(), r.last.getTime() + 1, localDate(r.first.getTime()), localDate(r.last.getTime()));
    }
    for (const d of declarations) {
      for (const trip of d.trips) {
        // Only the days of the trip inside the card's 14 days.
        const from = trip.from < firstDay ? firstDay : trip.from;
        const to = trip.to > today ? today : trip.to;
        if (from > to) continue;
        add(cityCodeOf(trip.region), true, localDayStart(from), localDayStart(to) + DAY, from, to);
      }
    }

    const regions = [...stays.values()].map((s) => {
      const { name, province } = cityName(s.city);
      const risk = riskOf(s, areas, now);
      return { region: s.city, name, province, from: s.from, to: s.to, declared: s.declared, atRisk: risk !== null, risk };
    });
    // Most recent first; scans before declarations of the same days.
    regions.sort((a, b) => b.to.localeCompare(a.to) || b.from.localeCompare(a.from) || Number(a.declared) - Number(b.declared) || a.region.localeCompare(b.region));
    return { from: firstDay, to: today, asOf: new Date(now).toISOString(), regions };
  }
}

function activeBetween(a: Area, start: number, end: number): boolean {
  const aEnd = a.endsAt ? a.endsAt.getTime() : Number.POSITIVE_INFINITY;
  return start < aEnd && end > a.startsAt.getTime();
}

/** The risk areas in the stay's city that are in force now or were during the stay, highest level first. */
function riskOf(s: Stay, areas: Area[], now: number): TravelCard['regions'][number]['risk'] {
  let current = false;
  let during = false;
  const matched = new Map<string, RiskLevel>();
  for (const a of areas) {
    if (!regionTouchesCity(a.region, s.city)) continue;
    const isNow = activeBetween(a, now, now + 1);
    const inStay = activeBetween(a, s.start, s.end);
    if (!isNow && !inStay) continue;
    current ||= isNow;
    during ||= inStay;
    if (matched.get(a.region) !== 'high') matched.set(a.region, a.level);
  }
  if (matched.size === 0) return null;
  const list = [...matched].map(([region, level]) => ({ region, name: lookup(region)?.name ?? region, level }));
  list.sort((a, b) => Number(b.level === 'high') - Number(a.level === 'high') || a.region.localeCompare(b.region));
  return { level: list[0].level, now: current, duringStay: during, areas: list };
}
