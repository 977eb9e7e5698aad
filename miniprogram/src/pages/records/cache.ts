import { readSession } from '../../state/session';
import { storage } from '../../state/storage';

const KEY = 'hc.records';

interface Saved {
  accountId: string;
  entries: Record<string, { data: unknown; savedAt: string }>;
}

/**
 * The last answer of each list, for when the network is away. Kept under the account that
 * fetched it, so that another login on the same phone never sees it; cleared at logout.
 */
export function readSaved<T>(key: string): { data: T; savedAt: string } | null {
  const saved = storage.get<Saved>(KEY);
  const accountId = readSession()?.accountId;
  if (!saved || !accountId || saved.accountId !== accountId) return null;
  return (saved.entries[key] as { data: T; savedAt: string } | undefined) ?? null;
}

export function save(key: string, data: unknown, now = new Date()): void {
  const accountId = readSession()?.accountId;
  if (!accountId) return;
  const saved = storage.get<Saved>(KEY);
  const entries = saved && saved.accountId === accountId ? saved.entries : {};
  storage.set(KEY, { accountId, entries: { ...entries, [key]: { data, savedAt: now.toISOString() } } });
}

export function forgetRecords(): void {
  storage.remove(KEY);
}
