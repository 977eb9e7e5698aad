import type { LRUCache } from 'lru-cache';
import { boundedCache } from '../lib/bounded-cache';

/**
 * Remembers which checkpoint account accepted each live QR while that QR is valid. The same
 * checkpoint scanning again is fine (staff scan twice); another checkpoint seeing the same QR
 * is a forwarded screenshot. In memory: one process's view (see docs/scaling.md for more).
 */
export class ReplayGuard {
  private readonly seen: LRUCache<string, string>;

  constructor(max = 500_000) {
    this.seen = boundedCache(max);
  }

  /** True when this QR was first seen by this checkpoint (or never); false when replayed. */
  admit(proofId: string, checkpointId: string, ttlMs: number): boolean {
    const first = this.seen.get(proofId);
    if (first === undefined) {
      this.seen.set(proofId, checkpointId, { ttl: Math.max(1, ttlMs) });
      return true;
    }
    return first === checkpointId;
  }
}
