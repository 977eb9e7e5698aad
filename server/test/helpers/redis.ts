import Redis from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A connected client for the tests that need Redis (limits and caches shared by two processes),
 * or null when none answers: a newcomer's machine has none. `.ci/run` starts one, so under
 * CI=true a missing Redis fails instead.
 */
export async function connectTestRedis(): Promise<Redis | null> {
  const probe = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 1000 });
  try {
    await probe.connect();
    await probe.ping();
    return probe;
  } catch {
    probe.disconnect();
    if (process.env.CI) throw new Error(`Redis not reachable at ${TEST_REDIS_URL}: .ci/run starts one`);
    return null;
  }
}
