// What each dashboard chart shows, as plain data: the chart draws it, the legend and the data
// table read it too, so the numbers on the canvas and in the text are the same numbers.
import type { z } from 'zod';
import type { caseContactsView, colourDistributionView, colourDay, scansPerHourView, venueStatesView } from '@health-code/shared';

export type ScansPerHour = z.infer<typeof scansPerHourView>;
export type ColourDistribution = z.infer<typeof colourDistributionView>;
export type ColourDay = z.infer<typeof colourDay>;
export type VenueStates = z.infer<typeof venueStatesView>;
export type CaseContacts = z.infer<typeof caseContactsView>;

export interface Series {
  key: string;
  label: string;
  /** #rrggbb */
  colour: string;
  values: number[];
}

export interface ChartSpec {
  /** bars: one bar per category (per series side by side); stacked: series on top of each other; donut: one ring of the series' shares. */
  kind: 'bars' | 'stacked' | 'donut';
  /** Along the x axis, in order (a donut has one). */
  categories: string[];
  series: Series[];
  /** Label only every n-th category on the axis (48 hours do not fit); the table lists them all. */
  labelEvery: number;
  /** Categories without data (a day with no snapshot): drawn as nothing, said in the table. */
  missing: boolean[];
  /** The chart in one sentence: the canvas's accessible name and the line under the title. */
  summary: string;
}

type T = (key: string, params?: Record<string, string | number>) => string;

const pad = (n: number) => String(n).padStart(2, '0');
/** 11-21 14:00, in the phone's own time zone. */
export const hourLabel = (iso: string): string => {
  const d = new Date(iso);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:00`;
};
/** 2026-11-21 -> 11-21 (a local calendar day as the server counts it). */
const dayLabel = (day: string): string => day.slice(5);

/** The colours of the code itself (app.css). */
export const COLOUR_HEX = { green: '#1a7f37', yellow: '#d4a72c', red: '#cf222e' } as const;
const COLOURS = ['green', 'yellow', 'red'] as const;
const BLUE = '#0969da';

export function scansSpec(view: ScansPerHour, t: T): ChartSpec {
  const values = view.hours.map((h) => h.count);
  const peak = Math.max(0, ...values);
  const peakAt = peak > 0 ? hourLabel(view.hours[values.indexOf(peak)].hourStart) : '—';
  return {
    kind: 'bars',
    categories: view.hours.map((h) => hourLabel(h.hourStart)),
    series: [{ key: 'scans', label: t('dash.scans.series'), colour: BLUE, values }],
    labelEvery: 12,
    missing: values.map(() => false),
    summary: t('dash.scans.summary', { total: view.total, peak, peakAt }),
  };
}

const countsOf = (day: ColourDay) => day.counts ?? { green: 0, yellow: 0, red: 0 };
export const totalOf = (day: ColourDay): number => (day.counts ? day.counts.green + day.counts.yellow + day.counts.red : 0);

export function todaySpec(view: ColourDistribution, t: T): ChartSpec {
  const counts = countsOf(view.today);
  return {
    kind: 'donut',
    categories: [dayLabel(view.today.day)],
    series: COLOURS.map((c) => ({ key: c, label: t(`dash.colour.${c}`), colour: COLOUR_HEX[c], values: [counts[c]] })),
    labelEvery: 1,
    missing: [view.today.counts === null],
    summary: t('dash.today.summary', { day: view.today.day, total: totalOf(view.today), ...counts }),
  };
}

export function trendSpec(view: ColourDistribution, t: T): ChartSpec {
  return {
    kind: 'stacked',
    categories: view.days.map((d) => dayLabel(d.day)),
    series: COLOURS.map((c) => ({ key: c, label: t(`dash.colour.${c}`), colour: COLOUR_HEX[c], values: view.days.map((d) => countsOf(d)[c]) })),
    labelEvery: 2,
    missing: view.days.map((d) => d.counts === null),
    summary: t('dash.trend.summary', { days: view.days.filter((d) => d.counts !== null).length }),
  };
}

export function venuesSpec(view: VenueStates, t: T): ChartSpec {
  const pending = view.states.find((s) => s.state === 'under_review')?.count ?? 0;
  return {
    kind: 'bars',
    categories: view.states.map((s) => t(`console.venue.status.${s.state}`)),
    series: [{ key: 'venues', label: t('dash.venues.series'), colour: BLUE, values: view.states.map((s) => s.count) }],
    labelEvery: 1,
    missing: view.states.map(() => false),
    summary: t('dash.venues.summary', { total: view.total, pending }),
  };
}

/** Oldest case on the left, as time runs along an axis. */
export function casesSpec(view: CaseContacts, t: T): ChartSpec {
  const cases = [...view.cases].reverse();
  return {
    kind: 'bars',
    categories: cases.map((c) => c.ref),
    series: [{ key: 'contacts', label: t('dash.cases.series'), colour: '#8250df', values: cases.map((c) => c.contacts) }],
    labelEvery: cases.length > 8 ? 2 : 1,
    missing: cases.map(() => false),
    summary: t('dash.cases.summary', { cases: cases.length, contacts: cases.reduce((a, c) => a + c.contacts, 0) }),
  };
}

/** The rows F2 draws: one per category and series (a missing category keeps its place on the axis, at zero). */
export function chartRows(spec: ChartSpec): Array<{ x: string; series: string; y: number }> {
  return spec.categories.flatMap((x, i) => spec.series.map((s) => ({ x, series: s.key, y: spec.missing[i] ? 0 : s.values[i] })));
}
