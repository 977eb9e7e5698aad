import { regionsUnder, forgetRegionLists as forgetRegions, type RegionChoice } from '../services/regions';

export { regionsUnder, forgetRegions };

/** Whether `code` lies under the division `above` (a province xx0000 or a city xxyy00). */
function contains(above: string, code: string): boolean {
  if (above.endsWith('0000')) return code.startsWith(above.slice(0, 2));
  if (above.endsWith('00')) return code.startsWith(above.slice(0, 4));
  return false;
}

/**
 * The picker's path to a code (province, city, district), for a form filled in from an earlier
 * application; shorter when the table no longer has it.
 */
export async function pathTo(code: string): Promise<RegionChoice[]> {
  const path: RegionChoice[] = [];
  let list = await regionsUnder();
  while (path.length < 3) {
    const next = list.find((r) => r.code === code) ?? list.find((r) => contains(r.code, code));
    if (!next) break;
    path.push(next);
    if (next.code === code || !next.hasChildren) break;
    list = await regionsUnder(next.code);
  }
  return path;
}

/** The region a path chooses: only a division with no finer level is a venue's region (R10). */
export function chosenRegion(path: RegionChoice[]): string | undefined {
  const last = path[path.length - 1];
  return last && !last.hasChildren ? last.code : undefined;
}
