import { newId, randomToken } from '../../src/lib/ids';

/** Ids and tokens drawn from the pooled CSPRNG bytes (issue 7): well-formed, never repeated. */
describe('ids and random tokens', () => {
  it('UUIDv7 ids carry the time first and never repeat across pool refills', () => {
    const at = Date.UTC(2026, 10, 22, 8);
    const ids = Array.from({ length: 5000 }, (_, i) => newId(at + i));
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Their order is their time's order (index inserts stay local).
    expect([...ids].sort()).toEqual(ids);
    expect(parseInt(ids[0].replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('tokens have the asked length, differ, and larger ones than the pool still come whole', () => {
    const tokens = Array.from({ length: 3000 }, () => randomToken(9));
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.every((t) => /^[A-Za-z0-9_-]{12}$/.test(t))).toBe(true);
    const big = randomToken(6000);
    expect(Buffer.from(big, 'base64url')).toHaveLength(6000);
    // Not a run of zeros: the wiped pool is never handed out.
    expect(Buffer.from(big, 'base64url').filter((b) => b === 0).length).toBeLessThan(100);
    expect(Buffer.from(randomToken(32), 'base64url').every((b) => b === 0)).toBe(false);
  });
});
