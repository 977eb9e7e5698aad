import { keySetFromJwks, type CodeJwks, type CodeKeySet } from '@health-code/shared';
import { storage } from '../state/storage';
import { api } from './api';

const KEY = 'hc.jwks';
/** How long the cached key list counts as current: a revoked key is refused offline after this. */
export const KEYS_REFRESH_MS = 6 * 3600 * 1000;

interface CachedKeys {
  jwks: CodeJwks;
  fetchedAt: string;
}

export function cachedKeys(): CachedKeys | null {
  return storage.get<CachedKeys>(KEY) ?? null;
}

/**
 * The published verification keys (/.well-known/jwks.json), for checking codes offline:
 * refreshed when older than KEYS_REFRESH_MS and the network answers, else the cached list.
 */
export async function keySet(now = new Date(), force = false): Promise<{ keys: CodeKeySet; fetchedAt: string } | null> {
  const cached = cachedKeys();
  if (!force && cached && now.getTime() - Date.parse(cached.fetchedAt) < KEYS_REFRESH_MS) return { keys: keySetFromJwks(cached.jwks), fetchedAt: cached.fetchedAt };
  try {
    const jwks = await api.get<CodeJwks>('/.well-known/jwks.json', undefined, true);
    const fresh = { jwks, fetchedAt: now.toISOString() };
    storage.set(KEY, fresh);
    return { keys: keySetFromJwks(jwks), fetchedAt: fresh.fetchedAt };
  } catch {
    return cached ? { keys: keySetFromJwks(cached.jwks), fetchedAt: cached.fetchedAt } : null;
  }
}
