import type { z } from 'zod';
import { CODE_REFUSALS, errorMessage, verifyCode, type ErrorCode, type VerifiedCode, type verifyCodeResponse } from '@health-code/shared';
import { currentLang, translate } from '../i18n';
import { api, ApiError } from '../services/api';
import { keySet } from '../services/keys';
import './i18n';

export type OnlineAnswer = z.infer<typeof verifyCodeResponse>;

/** Why a code was judged offline: no network, the service did not answer, or the person asked. */
export type OfflineWhy = { kind: 'network' } | { kind: 'busy'; message: string } | { kind: 'chosen' };

export type Verdict =
  | { kind: 'passed'; mode: 'online'; answer: OnlineAnswer }
  | { kind: 'passed'; mode: 'offline'; code: VerifiedCode; keysFetchedAt: string; why: OfflineWhy }
  | { kind: 'refused'; mode: 'online'; code: string; message: string }
  | { kind: 'refused'; mode: 'offline'; code: string; message: string; keysFetchedAt: string; why: OfflineWhy }
  /** Not a judgement of the code: the account may not verify, or there is nothing to verify with. */
  | { kind: 'failed'; error: ApiError };

/** The server's refusals of a code: the shared verifier's, and what only the server knows. */
const SERVER_REFUSALS: readonly string[] = [...CODE_REFUSALS, 'CODE_REPLAYED', 'CODE_HOLDER_UNKNOWN'];

/** How long one live QR stays valid (R5); the server's setting has the same default. */
const CODE_TTL_SECONDS = 60;

const serverLang = () => (currentLang() === 'en' ? 'en-US' : 'zh-CN');

/**
 * Judges a code with the cached published keys (R8, R27): the same shared verifier the server
 * runs. A key the cache does not know may be newer than the cache: the list is fetched again
 * once (which answers the cache when the network is away).
 */
export async function verifyOffline(text: string, why: OfflineWhy, now = new Date()): Promise<Verdict> {
  let keys = await keySet(now);
  if (!keys) return { kind: 'failed', error: new ApiError(0, 'NO_KEYS', translate(currentLang(), 'cp.noKeys')) };
  let result = verifyCode(text, { keys: keys.keys, now, codeTtlSeconds: CODE_TTL_SECONDS });
  if (!result.ok && result.refusal === 'CODE_UNKNOWN_KEY') {
    const fresh = await keySet(now, true);
    if (fresh && fresh.fetchedAt !== keys.fetchedAt) {
      keys = fresh;
      result = verifyCode(text, { keys: keys.keys, now, codeTtlSeconds: CODE_TTL_SECONDS });
    }
  }
  if (!result.ok) return { kind: 'refused', mode: 'offline', code: result.refusal, message: errorMessage(result.refusal, serverLang()), keysFetchedAt: keys.fetchedAt, why };
  return { kind: 'passed', mode: 'offline', code: result.code, keysFetchedAt: keys.fetchedAt, why };
}

/**
 * Online first (the server knows the current colour, which wins, R8, and refuses a QR already
 * shown elsewhere); offline with the cached keys when the network or the service is away.
 */
export async function verifyScanned(text: string, offlineOnly: boolean, now = new Date()): Promise<Verdict> {
  if (offlineOnly) return verifyOffline(text, { kind: 'chosen' }, now);
  try {
    const answer = await api.post<OnlineAnswer>('/checkpoint/verify', { code: text });
    return { kind: 'passed', mode: 'online', answer };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (SERVER_REFUSALS.includes(err.code)) return { kind: 'refused', mode: 'online', code: err.code, message: err.message };
    // Text the schema refuses (empty, or longer than any code) is not a code at all.
    if (err.code === 'VALIDATION_FAILED') return { kind: 'refused', mode: 'online', code: 'CODE_MALFORMED', message: errorMessage('CODE_MALFORMED' as ErrorCode, serverLang()) };
    if (err.offline) return verifyOffline(text, { kind: 'network' }, now);
    if (err.status === 429 || err.status >= 500) return verifyOffline(text, { kind: 'busy', message: err.message }, now);
    return { kind: 'failed', error: err };
  }
}
