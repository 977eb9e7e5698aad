import type { z } from 'zod';
import type { regionChoiceView } from '@health-code/shared';
import { api } from './api';

export type RegionChoice = z.infer<typeof regionChoiceView>;

const lists = new Map<string, Promise<RegionChoice[]>>();

/** The divisions one level below `parent` (the provinces without it), from GET /regions; asked once per parent. */
export function regionsUnder(parent?: string): Promise<RegionChoice[]> {
  const key = parent ?? '';
  let list = lists.get(key);
  if (!list) {
    list = api.get<{ regions: RegionChoice[] }>('/regions', parent ? { parent } : undefined, true).then((r) => r.regions);
    // A failure is not kept: the next try asks again.
    list.catch(() => lists.delete(key));
    lists.set(key, list);
  }
  return list;
}

/** Forgets the lists (tests start afresh). */
export function forgetRegionLists(): void {
  lists.clear();
}
