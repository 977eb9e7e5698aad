import { makeCode, makeDeviceKeyPair } from '@health-code/shared';
import { platform } from '../platform';
import { storage } from '../state/storage';
import { api, ApiError } from './api';
import type { CredentialAnswer } from './types';

/** Whose code: the resident himself, or a bound relative (R26). */
export type Subject = { kind: 'self' } | { kind: 'relative'; id: string; name: string };

export interface CachedCredential {
  answer: CredentialAnswer;
  /** When it was fetched: the offline banner says "since" this time. */
  fetchedAt: string;
  devicePrivateKey: string;
}

interface DeviceKey {
  publicKey: string;
  privateKey: string;
}

const DEVICE_KEY = 'hc.deviceKey';
const cacheKey = (subject: Subject) => `hc.credential.${subject.kind === 'self' ? 'self' : subject.id}`;

/** The device key pair, made on the phone where it has secure random bytes (R5). */
function deviceKey(): DeviceKey | null {
  const saved = storage.get<DeviceKey>(DEVICE_KEY);
  if (saved) return saved;
  try {
    const made = makeDeviceKeyPair((n) => platform.randomBytes(n));
    storage.set(DEVICE_KEY, made);
    return made;
  } catch {
    return null; // no secure random source: the server makes the pair and hands it over TLS
  }
}

export function cachedCredential(subject: Subject): CachedCredential | null {
  return storage.get<CachedCredential>(cacheKey(subject)) ?? null;
}

/**
 * How long a fetched credential is shown again without asking: opening the code page at every
 * door of a busy morning costs one request per ten minutes, not one per opening (issue 7). The
 * colour a checkpoint and a scan answer show is always the server's current one.
 */
export const CREDENTIAL_REUSE_MS = 10 * 60_000;

/**
 * Fetches a fresh credential (at most one request per CREDENTIAL_REUSE_MS, never one a minute);
 * when the network is away, answers the cached one, which still makes valid codes until it expires.
 */
export async function loadCredential(
  subject: Subject,
  now = new Date(),
  reuseMs = CREDENTIAL_REUSE_MS,
): Promise<{ cached: CachedCredential; fresh: boolean; reused: boolean }> {
  const recent = cachedCredential(subject);
  if (recent && now.getTime() - Date.parse(recent.fetchedAt) < reuseMs && Date.parse(recent.answer.expiresAt) - now.getTime() > reuseMs) {
    return { cached: recent, fresh: true, reused: true };
  }
  const key = deviceKey();
  const path = subject.kind === 'self' ? '/me/credential' : `/me/relatives/${encodeURIComponent(subject.id)}/credential`;
  try {
    const answer = await api.post<CredentialAnswer>(path, key ? { devicePublicKey: key.publicKey } : {});
    const privateKey = answer.deviceKey?.privateKey ?? key?.privateKey;
    if (!privateKey) throw new ApiError(0, 'NO_DEVICE_KEY', 'no device key');
    if (answer.deviceKey) storage.set(DEVICE_KEY, answer.deviceKey);
    const cached: CachedCredential = { answer, fetchedAt: now.toISOString(), devicePrivateKey: privateKey };
    storage.set(cacheKey(subject), cached);
    return { cached, fresh: true, reused: false };
  } catch (err) {
    const cached = cachedCredential(subject);
    // No network, or a server shedding load (429, 5xx): the cached credential still makes valid
    // codes until it expires, so a surge never leaves a person without a code.
    const unreachable = err instanceof ApiError && (err.offline || err.status === 429 || err.status >= 500);
    if (unreachable && cached && Date.parse(cached.answer.expiresAt) > now.getTime()) return { cached, fresh: false, reused: true };
    throw err;
  }
}

/** The QR text for now: the credential plus a proof signed on the device (R5). */
export function liveCode(cached: CachedCredential, now: Date): string {
  return makeCode(cached.answer.credential, cached.devicePrivateKey, now);
}

export function forgetCredentials(subjects: Subject[]): void {
  for (const s of subjects) {
    storage.remove(cacheKey(s));
    storage.remove(summaryKey(s));
  }
}

/** The records shown under the code, kept with the credential and reused with it. */
export const summaryKey = (subject: Subject) => `hc.summary.${subject.kind === 'self' ? 'self' : subject.id}`;
