import { LRUCache } from 'lru-cache';

/**
 * An LRU cache of at most `entries` entries whose storage grows as it fills. lru-cache sets
 * aside every slot of `max` when it is made: the server's caches at their limits held about
 * 40 MB of empty slots from the first second (issue 7's memory target). Counting entries through
 * `maxSize` (each one of size 1) bounds them the same way without setting the slots aside.
 *
 * The bounds are chosen so that every cache at its bound fits in a server process's heap
 * together (docs/scaling.md, "Memory of one process"): about 110 MB in all, measured per entry.
 */
export function boundedCache<K extends {}, V extends {}>(entries: number, options: { ttl?: number } = {}): LRUCache<K, V> {
  return new LRUCache<K, V>({ maxSize: entries, sizeCalculation: () => 1, ...(options.ttl ? { ttl: options.ttl } : {}), ttlAutopurge: false });
}
