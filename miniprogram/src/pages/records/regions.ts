import { regionsUnder, forgetRegionLists, type RegionChoice } from '../../services/regions';

export { regionsUnder, forgetRegionLists, type RegionChoice };

/** "广东省 深圳市 南山区" for a 6-digit code, from the lists above; the code itself when unknown. */
export async function describeRegion(code: string): Promise<string> {
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  const names: string[] = [];
  try {
    const provinces = await regionsUnder();
    const p = provinces.find((r) => r.code === province);
    if (p) names.push(p.name);
    if (code === province) return names.join(' ') || code;
    const second = await regionsUnder(province);
    const c = second.find((r) => r.code === city || r.code === code);
    if (c) names.push(c.name);
    if (!c || c.code === code) return names.join(' ') || code;
    const third = await regionsUnder(city);
    const d = third.find((r) => r.code === code);
    if (d) names.push(d.name);
    return names.join(' ') || code;
  } catch {
    return names.join(' ') || code;
  }
}
