import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Context } from 'koa';
import type Redis from 'ioredis';
import { TooManyRequestsError } from './errors';
import type { AuthState, InstitutionState } from './route';

/**
 * Abuse limits (issue 8): how many of an action one caller may do in a window. Well above
 * what a person or a gate does by hand, well below what a script does. The SMS rules of R1
 * (one send a minute per phone, five tries per code) are the SMS service's own; these are
 * the outer fence around every costly or guessable action.
 */
export const LIMITS = {
  /** Login attempts per client address. */
  login: { points: 30, duration: 60 },
  /** SMS sends per account (R1's per-phone rule stands besides). */
  sms: { points: 10, duration: 3600 },
  /** Registration attempts per account (each needs an SMS code). */
  register: { points: 10, duration: 3600 },
  /** Relative bindings per guardian. */
  bind: { points: 20, duration: 3600 },
  /** Scans per account: a person enters a few places an hour; resends are idempotent anyway. */
  scan: { points: 30, duration: 60 },
  /** Verifications per checkpoint account: a busy gate scans about one person a second. */
  verify: { points: 120, duration: 60 },
  /** Batch uploads per institution. */
  upload: { points: 60, duration: 60 },
} as const;

export type LimitName = keyof typeof LIMITS;

export interface RateLimits {
  consume(name: LimitName, ctx: Context): Promise<void>;
}

/** Who is counted: the institution, the account, or for anonymous calls the client address. */
function keyOf(ctx: Context): string {
  const institution = ctx.state.institution as InstitutionState | undefined;
  if (institution) return `i:${institution.id}`;
  const auth = ctx.state.auth as AuthState | undefined;
  if (auth) return `a:${auth.accountId}`;
  return `ip:${ctx.ip}`;
}

/**
 * Limits kept in memory (one process), or in Redis when a client is given, so that they hold
 * across every server process behind a balancer.
 */
export function createRateLimits(options: { redis?: Redis; prefix?: string; enabled: boolean }): RateLimits {
  if (!options.enabled) return { consume: async () => undefined };
  const limiters = new Map<LimitName, RateLimiterAbstract>();
  for (const [name, limit] of Object.entries(LIMITS) as Array<[LimitName, { points: number; duration: number }]>) {
    const keyPrefix = `${options.prefix ?? 'hc'}:rl:${name}`;
    limiters.set(
      name,
      options.redis
        ? new RateLimiterRedis({ storeClient: options.redis, keyPrefix, points: limit.points, duration: limit.duration, insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: limit.points, duration: limit.duration }) })
        : new RateLimiterMemory({ keyPrefix, points: limit.points, duration: limit.duration }),
    );
  }
  return {
    async consume(name, ctx) {
      try {
        await limiters.get(name)!.consume(keyOf(ctx));
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
        throw new TooManyRequestsError('RATE_LIMITED', { params: { seconds }, headers: { 'Retry-After': String(seconds) } });
      }
    },
  };
}
