import { errorMessage, verifyVenueCode } from '@health-code/shared';
import { currentLang } from '../i18n';
import { storage } from '../state/storage';
import { api, ApiError } from './api';
import { keySet } from './keys';
import type { ScanAnswer } from './types';

/** A scan made while the network was away: sent later with its own time and request id (R17). */
export interface QueuedScan {
  venueCode: string;
  clientRequestId: string;
  relativeId?: string;
  scannedAt: string;
}

export type ScanOutcome =
  | { kind: 'recorded'; answer: ScanAnswer }
  | { kind: 'queued'; scan: QueuedScan }
  | { kind: 'refused'; error: ApiError };

const QUEUE_KEY = 'hc.scanQueue';

export function newRequestId(now = Date.now()): string {
  const random = Array.from({ length: 12 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('');
  return `s${now.toString(36)}-${random}`;
}

export function queuedScans(): QueuedScan[] {
  return storage.get<QueuedScan[]>(QUEUE_KEY) ?? [];
}

function saveQueue(queue: QueuedScan[]): void {
  if (queue.length === 0) storage.remove(QUEUE_KEY);
  else storage.set(QUEUE_KEY, queue);
}

/** Retried later: no answer, or the service is busy. Anything else is the server's judgement. */
const retryable = (err: unknown) => err instanceof ApiError && (err.offline || err.status === 503 || err.status === 429 || err.status >= 500);

/**
 * Scans in at a venue (R15-R18). Offline, a code that verifies with the cached keys is kept and
 * the veil lifts; a code that does not is refused at once, as the server would refuse it.
 */
export async function scanIn(venueCode: string, relativeId: string | undefined, now = new Date()): Promise<ScanOutcome> {
  const scan: QueuedScan = { venueCode, clientRequestId: newRequestId(now.getTime()), scannedAt: now.toISOString(), ...(relativeId ? { relativeId } : {}) };
  try {
    const answer = await api.post<ScanAnswer>('/scans', { venueCode, clientRequestId: scan.clientRequestId, ...(relativeId ? { relativeId } : {}) });
    return { kind: 'recorded', answer };
  } catch (err) {
    if (!retryable(err)) return { kind: 'refused', error: err as ApiError };
    const keys = await keySet(now);
    const verdict = keys ? verifyVenueCode(venueCode, keys.keys) : null;
    if (verdict && !verdict.ok) {
      const message = errorMessage(verdict.refusal, currentLang() === 'en' ? 'en-US' : 'zh-CN');
      return { kind: 'refused', error: new ApiError(422, verdict.refusal, message, [{ path: 'venueCode', code: 'INVALID_VALUE', message }]) };
    }
    saveQueue([...queuedScans(), scan]);
    return { kind: 'queued', scan };
  }
}

let flushing: Promise<{ sent: number; refused: number }> | null = null;

/** Sends the kept scans, oldest first; keeps them when the network is still away. */
export function flushQueue(): Promise<{ sent: number; refused: number }> {
  flushing ??= (async () => {
    let sent = 0;
    let refused = 0;
    for (const scan of queuedScans()) {
      try {
        await api.post<ScanAnswer>('/scans', scan);
        sent += 1;
      } catch (err) {
        if (retryable(err)) break;
        refused += 1; // the server refused it (a revoked venue, a code forged): nothing to resend
      }
      saveQueue(queuedScans().filter((s) => s.clientRequestId !== scan.clientRequestId));
    }
    return { sent, refused };
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}
