import type Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident } from '../helpers/actors';
import { connectTestRedis, TEST_REDIS_URL as url } from '../helpers/redis';

/**
 * Two server processes' worth of apps over one database and one Redis (issue 7): each keeps the
 * account behind a session and computed colours in memory, and a change made through one must
 * be seen by the other at once, through the invalidation channel, not after the caches' life.
 */
let redis: Redis | null = null;
let a: TestContext;
let b: TestContext;

beforeAll(async () => {
  redis = await connectTestRedis();
  if (!redis) return;
  // Long lifetimes, so that only the invalidation channel can explain a fresh answer.
  const env = { REDIS_PREFIX: `hctest-${randomBytes(4).toString('hex')}`, ACCOUNT_CACHE_SECONDS: '3600', COLOUR_CACHE_SECONDS: '3600' };
  a = await createTestContext({ env, redis });
  b = await createTestContext({ env, redis, db: a.db, clock: a.clock });
  await a.services.invalidations.start();
  await b.services.invalidations.start();
});
afterAll(async () => {
  if (!redis) return;
  await a.services.invalidations.stop();
  await b.services.invalidations.stop();
  await b.close();
  await a.close();
  redis.disconnect();
});

/** Asks until the answer changes or two seconds pass: a Redis message takes a round trip. */
async function eventually(read: () => Promise<unknown>, want: unknown): Promise<unknown> {
  const until = Date.now() + 2000;
  let last = await read();
  while (JSON.stringify(last) !== JSON.stringify(want) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    last = await read();
  }
  return last;
}

describe('caches shared by two processes through Redis (issue 7)', () => {
  it('R31: a role taken back through one process is refused by the other at once', async () => {
    if (!redis) return console.warn(`Redis not reachable at ${url}: not run`);
    const official = await loginAs(a, 'shared-official', 'official');
    const reviewer = await loginAs(a, 'shared-reviewer', 'reviewer');
    const queue = () => b.request().get('/api/v1/officials/venues').set(bearer(reviewer)).then((r) => r.status);
    // Process b now holds the reviewer's account, role included, for an hour.
    expect(await queue()).toBe(200);
    expect((await a.request().post(`/api/v1/officials/staff/${reviewer.accountId}/revoke`).set(bearer(official)).send({ reason: '调岗，不再负责审核' })).status).toBe(204);
    expect(await eventually(queue, 403)).toBe(403);
  });

  it('R32: a colour corrected through one process is what the other answers', async () => {
    if (!redis) return console.warn(`Redis not reachable at ${url}: not run`);
    const official = await loginAs(a, 'shared-official-2', 'official');
    const person = await registerResident(a, { code: 'shared-person', seq: 611 });
    const colour = () => b.request().get('/api/v1/me/colour').set(bearer(person)).then((r) => r.body.colour);
    expect(await colour()).toBe('green');
    const set = await a.request().post(`/api/v1/officials/residents/${person.residentId}/colour-override`).set(bearer(official)).send({ colour: 'red', reason: '密接者，居家隔离观察' });
    expect(set.status).toBeLessThan(300);
    expect(await eventually(colour, 'red')).toBe('red');
  });
});
