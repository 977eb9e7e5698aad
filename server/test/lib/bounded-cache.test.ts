import { boundedCache } from '../../src/lib/bounded-cache';

/** The caches' bound (issue 7): storage that grows as it fills, never past its entries. */
describe('bounded caches', () => {
  it('keeps at most its entries, dropping the least recently used', () => {
    const cache = boundedCache<string, number>(3);
    for (const [k, v] of [['a', 1], ['b', 2], ['c', 3]] as const) cache.set(k, v);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('d', 4);
    expect([...cache.keys()].sort()).toEqual(['a', 'c', 'd']);
    for (let i = 0; i < 1000; i += 1) cache.set(`k${i}`, i);
    expect(cache.size).toBe(3);
    expect(cache.get('k999')).toBe(999);
  });

  it('drops an entry once its time is up, by the cache life or its own', async () => {
    const cache = boundedCache<string, string>(10, { ttl: 30 });
    cache.set('venue', 'passed');
    cache.set('proof', 'checkpoint-1', { ttl: 10_000 });
    expect(cache.get('venue')).toBe('passed');
    await new Promise((r) => setTimeout(r, 100));
    expect(cache.get('venue')).toBeUndefined();
    expect(cache.get('proof')).toBe('checkpoint-1');
  });
});
