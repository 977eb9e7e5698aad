import type { Message } from './i18n/types';

/**
 * The colour rule function (R4, R7, R31, R36): pure, no clock and no I/O, so the server, a
 * test and a reader of docs/colour-rules.md all get the same answer from the same records.
 */

export const COLOURS = ['green', 'yellow', 'red'] as const;
export type Colour = (typeof COLOURS)[number];
const RANK: Record<Colour, number> = { green: 0, yellow: 1, red: 2 };

/** Records older than this do not count (R4: the last 14 days). */
export const WINDOW_DAYS = 14;
/** A record dated this far ahead of now is a clock error, not evidence. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
/** A body temperature at or above this counts as fever (°C). */
export const FEVER_CELSIUS = 37.3;

const DAY = 24 * 3600 * 1000;
/** Declared trips are dated by local calendar day (China Standard Time, UTC+8). */
const LOCAL_OFFSET_MS = 8 * 3600 * 1000;

export const REASON_CODES = [
  'OFFICIAL_OVERRIDE',
  'CONFIRMED_CASE',
  'POSITIVE_TEST',
  'CLOSE_CONTACT',
  'RISK_AREA_VISIT',
  'DECLARED_RISK_TRIP',
  'DECLARED_SYMPTOMS',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const MEASURE_CODES = [
  'ISOLATION_TREATMENT',
  'CONTACT_HOTLINE',
  'HOME_MONITORING',
  'NUCLEIC_ACID_TEST',
  'REPORT_TO_COMMUNITY',
  'FOLLOW_OFFICIAL_INSTRUCTIONS',
] as const;
export type MeasureCode = (typeof MEASURE_CODES)[number];

export interface ColourReason {
  code: ReasonCode;
  /** When the evidence happened (ISO time). */
  at?: string;
  /** The region it concerns (6-digit division code). */
  region?: string;
  /** Free text: the official's reason for an override, the venue of a contact, a risk level. */
  detail?: string;
  /** Declared symptoms (codes of symptomField) and temperature, for DECLARED_SYMPTOMS. */
  symptoms?: string[];
  temperature?: number;
}

export interface ColourResult {
  colour: Colour;
  /** R7: the vaccination badge ("shield"). */
  vaccinated: boolean;
  /** Worst first, then newest first; empty when green. */
  reasons: ColourReason[];
  /** What to do, in a stable order; empty when green. */
  measures: MeasureCode[];
}

export interface ColourInput {
  now: Date;
  tests: Array<{ sampledAt: Date; result: 'negative' | 'positive'; institutionName?: string; reportedAt?: Date }>;
  vaccinations: Array<{ doseNumber: number; vaccine?: string; vaccinatedAt: Date; institutionName?: string }>;
  declarations: Array<{ declaredAt: Date; symptoms: string[]; temperature: number | null; trips: Array<{ region: string; from: string; to: string }> }>;
  riskAreas: Array<{ region: string; level: 'medium' | 'high'; startsAt: Date; endsAt: Date | null }>;
  /** Venue scans: where the resident was, and when. */
  visits: Array<{ region: string; at: Date; venueName?: string }>;
  /** A confirmed case recorded by an official, open until closed (recovered). */
  confirmedCase: { confirmedAt: Date; closedAt?: Date | null } | null;
  /**
   * Contact flags from tracing (R32): `at` is when the contact happened; `flaggedAt` is when
   * tracing recorded it (later: the case is found afterwards), which is what an override yields to.
   */
  contacts: Array<{ at: Date; venueName?: string; flaggedAt?: Date }>;
  /** An official's correction (R31). */
  override: { colour: Colour; reason: string; createdAt: Date; expiresAt: Date | null } | null;
  settings: { dosesRequired: number };
}

const REASON_COLOUR: Record<Exclude<ReasonCode, 'OFFICIAL_OVERRIDE'>, Colour> = {
  CONFIRMED_CASE: 'red',
  POSITIVE_TEST: 'red',
  CLOSE_CONTACT: 'yellow',
  RISK_AREA_VISIT: 'yellow',
  DECLARED_RISK_TRIP: 'yellow',
  DECLARED_SYMPTOMS: 'yellow',
};

const REASON_MEASURES: Record<ReasonCode, MeasureCode[]> = {
  OFFICIAL_OVERRIDE: ['FOLLOW_OFFICIAL_INSTRUCTIONS'],
  CONFIRMED_CASE: ['ISOLATION_TREATMENT', 'CONTACT_HOTLINE'],
  POSITIVE_TEST: ['ISOLATION_TREATMENT', 'CONTACT_HOTLINE'],
  CLOSE_CONTACT: ['HOME_MONITORING', 'NUCLEIC_ACID_TEST', 'REPORT_TO_COMMUNITY'],
  RISK_AREA_VISIT: ['HOME_MONITORING', 'NUCLEIC_ACID_TEST', 'REPORT_TO_COMMUNITY'],
  DECLARED_RISK_TRIP: ['HOME_MONITORING', 'NUCLEIC_ACID_TEST', 'REPORT_TO_COMMUNITY'],
  DECLARED_SYMPTOMS: ['NUCLEIC_ACID_TEST', 'HOME_MONITORING'],
};

/** What an override colour asks of the person, beyond following the official's instructions. */
const OVERRIDE_MEASURES: Record<Colour, MeasureCode[]> = {
  green: [],
  yellow: ['HOME_MONITORING', 'NUCLEIC_ACID_TEST'],
  red: ['ISOLATION_TREATMENT', 'CONTACT_HOTLINE'],
};

interface Evidence {
  reason: ColourReason;
  colour: Colour;
  /** When the evidence became known to the system: an override only yields to later evidence. */
  knownAt: number;
  /** When it happened, for ordering. */
  at: number;
}

function localDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`) - LOCAL_OFFSET_MS;
}

type RiskArea = ColourInput['riskAreas'][number];

/** Whether [from, to) overlaps a risk area's active period [startsAt, endsAt). */
function overlaps(from: number, to: number, area: RiskArea): boolean {
  const start = area.startsAt.getTime();
  const end = area.endsAt ? area.endsAt.getTime() : Number.POSITIVE_INFINITY;
  return from < end && to > start;
}

/** The risk area of `region` active at some time in [from, to), the high one when both apply. */
function riskAreaFor(areas: RiskArea[], region: string, from: number, to: number): RiskArea | undefined {
  if (from >= to) return undefined;
  const active = areas.filter((a) => a.region === region && overlaps(from, to, a));
  return active.find((a) => a.level === 'high') ?? active[0];
}

/**
 * Whether a visit to `region` at `at` can change a colour computed with `areas`: only a visit
 * inside a risk area's period counts (R4), so a cached colour survives every other scan.
 */
export function visitInRiskArea(areas: RiskArea[], region: string, at: Date): boolean {
  return riskAreaFor(areas, region, at.getTime(), at.getTime() + 1) !== undefined;
}

/** Every piece of evidence in the window that makes the code other than green. */
function gatherEvidence(input: ColourInput): Evidence[] {
  const now = input.now.getTime();
  const windowStart = now - WINDOW_DAYS * DAY;
  const latest = now + FUTURE_TOLERANCE_MS;
  const inWindow = (t: number) => t >= windowStart && t <= latest;
  const found: Evidence[] = [];
  const add = (code: Exclude<ReasonCode, 'OFFICIAL_OVERRIDE'>, at: number, knownAt: number, extra: Omit<ColourReason, 'code' | 'at'> = {}) =>
    found.push({ reason: { code, at: new Date(at).toISOString(), ...extra }, colour: REASON_COLOUR[code], at, knownAt });

  // A confirmed case stays red until an official closes it, however long ago it was confirmed.
  const c = input.confirmedCase;
  if (c && c.confirmedAt.getTime() <= latest && !(c.closedAt && c.closedAt.getTime() <= now)) {
    add('CONFIRMED_CASE', c.confirmedAt.getTime(), c.confirmedAt.getTime());
  }

  for (const test of input.tests) {
    const at = test.sampledAt.getTime();
    if (test.result === 'positive' && inWindow(at)) {
      add('POSITIVE_TEST', at, Math.max(at, test.reportedAt?.getTime() ?? at), test.institutionName ? { detail: test.institutionName } : {});
    }
  }

  for (const contact of input.contacts) {
    const at = contact.at.getTime();
    if (inWindow(at)) add('CLOSE_CONTACT', at, Math.max(at, contact.flaggedAt?.getTime() ?? at), contact.venueName ? { detail: contact.venueName } : {});
  }

  for (const visit of input.visits) {
    const at = visit.at.getTime();
    if (!inWindow(at)) continue;
    const area = riskAreaFor(input.riskAreas, visit.region, at, at + 1);
    if (area) add('RISK_AREA_VISIT', at, at, { region: visit.region, detail: area.level });
  }

  // Negative tests sampled after a symptom declaration lift it (the "test needed" path).
  const negatives = input.tests.filter((t) => t.result === 'negative').map((t) => t.sampledAt.getTime());
  for (const d of input.declarations) {
    const at = d.declaredAt.getTime();
    if (!inWindow(at)) continue;
    const fever = d.temperature !== null && d.temperature >= FEVER_CELSIUS;
    if ((d.symptoms.length > 0 || fever) && !negatives.some((n) => n > at && n <= latest)) {
      add('DECLARED_SYMPTOMS', at, at, { symptoms: d.symptoms, ...(fever ? { temperature: d.temperature as number } : {}) });
    }
    for (const trip of d.trips) {
      const from = localDayStart(trip.from);
      const to = localDayStart(trip.to) + DAY;
      // Only the part of the trip inside the window counts, like every other record.
      const area = riskAreaFor(input.riskAreas, trip.region, Math.max(from, windowStart), Math.min(to, latest));
      if (area) add('DECLARED_RISK_TRIP', Math.min(to, now), at, { region: trip.region, detail: area.level });
    }
  }
  return found;
}

function worst(colours: Colour[]): Colour {
  return colours.reduce<Colour>((w, c) => (RANK[c] > RANK[w] ? c : w), 'green');
}

function measuresFor(reasons: ColourReason[], overrideColour: Colour | null): MeasureCode[] {
  const wanted = new Set<MeasureCode>();
  for (const r of reasons) for (const m of REASON_MEASURES[r.code]) wanted.add(m);
  if (overrideColour) for (const m of OVERRIDE_MEASURES[overrideColour]) wanted.add(m);
  return MEASURE_CODES.filter((m) => wanted.has(m));
}

/** R7: the course is complete when doses 1..dosesRequired are all recorded, wherever given. */
export function isVaccinated(vaccinations: ColourInput['vaccinations'], dosesRequired: number, now: Date): boolean {
  const doses = new Set(vaccinations.filter((v) => v.vaccinatedAt.getTime() <= now.getTime() + FUTURE_TOLERANCE_MS).map((v) => v.doseNumber));
  for (let n = 1; n <= dosesRequired; n += 1) if (!doses.has(n)) return false;
  return true;
}

/**
 * The colour of one person now (R4). The worst evidence wins; a declaration can only add
 * evidence, never remove any (R36). An official's override in force sets the colour, raising
 * or lowering it (R31); evidence that became known after the override and is worse than it
 * still wins, since the official could not have judged it.
 */
export function computeColour(input: ColourInput): ColourResult {
  const now = input.now.getTime();
  const evidence = gatherEvidence(input).sort((a, b) => RANK[b.colour] - RANK[a.colour] || b.at - a.at);
  const vaccinated = isVaccinated(input.vaccinations, input.settings.dosesRequired, input.now);
  const o = input.override;
  const override = o && o.createdAt.getTime() <= now && !(o.expiresAt && o.expiresAt.getTime() <= now) ? o : null;

  if (!override) {
    const colour = worst(evidence.map((e) => e.colour));
    const reasons = colour === 'green' ? [] : evidence.map((e) => e.reason);
    return { colour, vaccinated, reasons, measures: measuresFor(reasons, null) };
  }

  const created = override.createdAt.getTime();
  const newer = evidence.filter((e) => e.knownAt > created && RANK[e.colour] > RANK[override.colour]);
  const colour = worst([override.colour, ...newer.map((e) => e.colour)]);
  const overrideReason: ColourReason = { code: 'OFFICIAL_OVERRIDE', at: override.createdAt.toISOString(), detail: override.reason };
  // Green by an official's word carries no reasons: nothing is asked of the person.
  const reasons = colour === 'green' ? [] : newer.length > 0 ? [...newer.map((e) => e.reason), overrideReason] : [overrideReason];
  return { colour, vaccinated, reasons, measures: measuresFor(reasons, colour === override.colour ? override.colour : null) };
}

/** Reason texts; `{region}`, `{at}` and `{detail}` are filled from the reason. */
export const reasonMessages: Record<ReasonCode, Message> = {
  OFFICIAL_OVERRIDE: { zh: '卫健部门人工赋码：{detail}', en: 'Set by the health authority: {detail}' },
  CONFIRMED_CASE: { zh: '确诊病例', en: 'Confirmed case' },
  POSITIVE_TEST: { zh: '核酸检测结果为阳性（采样时间 {at}）', en: 'Positive nucleic acid test (sampled {at})' },
  CLOSE_CONTACT: { zh: '经流调判定为密切接触者（{at}）', en: 'Identified as a close contact by tracing ({at})' },
  RISK_AREA_VISIT: { zh: '14 天内到访中高风险地区 {region}（{at}）', en: 'Visited the medium/high risk area {region} within 14 days ({at})' },
  DECLARED_RISK_TRIP: { zh: '申报的行程经过中高风险地区 {region}', en: 'A declared trip passed through the medium/high risk area {region}' },
  DECLARED_SYMPTOMS: { zh: '申报了发热或其他症状：{symptoms}', en: 'Declared fever or other symptoms: {symptoms}' },
};

export const measureMessages: Record<MeasureCode, Message> = {
  ISOLATION_TREATMENT: { zh: '请立即就地隔离，等待工作人员安排转运和治疗，不要自行前往医院', en: 'Isolate where you are and wait for staff to arrange transfer and treatment; do not go to a hospital on your own' },
  CONTACT_HOTLINE: { zh: '如有疑问或身体不适，请拨打热线电话 {hotline}', en: 'If you have questions or feel unwell, call the hotline {hotline}' },
  HOME_MONITORING: { zh: '请居家健康监测，每天测量体温，非必要不外出', en: 'Stay at home and monitor your health: take your temperature daily and go out only when necessary' },
  NUCLEIC_ACID_TEST: { zh: '请尽快到就近采样点进行核酸检测，阴性结果出来后将自动更新', en: 'Take a nucleic acid test at the nearest sampling site soon; a negative result updates your code automatically' },
  REPORT_TO_COMMUNITY: { zh: '请主动向所在社区（村）报备', en: 'Report to your residential community (village) committee' },
  FOLLOW_OFFICIAL_INSTRUCTIONS: { zh: '请按卫健部门的要求执行；如认为有误，可通过帮助页面申诉', en: 'Follow the instructions of the health authority; if you think this is wrong, appeal through the help page' },
};

/** Names of the declarable symptoms (schemas/records.ts symptomField), for reason texts. */
export const symptomMessages: Record<string, Message> = {
  fever: { zh: '发热', en: 'fever' },
  cough: { zh: '咳嗽', en: 'cough' },
  sore_throat: { zh: '咽痛', en: 'sore throat' },
  fatigue: { zh: '乏力', en: 'fatigue' },
  loss_of_taste_smell: { zh: '嗅觉味觉减退', en: 'loss of taste or smell' },
  shortness_of_breath: { zh: '呼吸困难', en: 'shortness of breath' },
  diarrhoea: { zh: '腹泻', en: 'diarrhoea' },
  muscle_ache: { zh: '肌肉酸痛', en: 'muscle ache' },
};
