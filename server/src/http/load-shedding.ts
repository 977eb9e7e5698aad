import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Context, Next } from 'koa';
import { ServiceUnavailableError } from './errors';
import type { Logger } from '../lib/logger';

/**
 * Overload protection (issue 7: a surge past the plan must not take the service down). A
 * process past what it can answer in time refuses the rest at once, 503 SERVER_BUSY with
 * Retry-After, before reading a body or a session: the app keeps a refused scan and sends it
 * later with its own time (R17), shows its cached code, and the balancer's next requests go to
 * a process with room. Without this, every request waits behind all the others, each answer
 * comes after the phone gave up (15 s), and the phones' retries join the queue.
 *
 * Two signals, each off at 0:
 * - requests in flight in this process (Little's law: in flight / rate = time to answer);
 * - the event loop's mean delay over the last half second: a loop that late answers nothing in
 *   time, also when the backlog still waits in the kernel, unread.
 * Liveness and readiness are always answered: a busy process is alive, and ready.
 */
export interface LoadSheddingOptions {
  maxInFlight: number;
  maxLoopDelayMs: number;
  /** Paths never refused. */
  exempt: readonly string[];
  logger: Logger;
}

/** How often the loop delay is read, and the window it is averaged over. */
const SAMPLE_MS = 500;
/** The delay histogram's own timer; its resolution is taken off the reading, as under-pressure does. */
const RESOLUTION_MS = 10;

export function loadShedding(options: LoadSheddingOptions) {
  let inFlight = 0;
  let late = false;
  let refused = 0;
  const histogram = options.maxLoopDelayMs > 0 ? monitorEventLoopDelay({ resolution: RESOLUTION_MS }) : null;
  histogram?.enable();
  if (histogram || options.maxInFlight > 0) {
    setInterval(() => {
      let loopDelayMs: number | null = null;
      if (histogram) {
        const delayMs = Math.max(0, histogram.mean / 1e6 - RESOLUTION_MS);
        histogram.reset();
        late = delayMs > options.maxLoopDelayMs;
        loopDelayMs = Math.round(delayMs);
      }
      // One line per half second while refusing, for the operator: not one per refused request.
      if (refused > 0) {
        options.logger.warn({ refused, inFlight, loopDelayMs, windowMs: SAMPLE_MS }, 'overloaded: requests refused with 503 SERVER_BUSY');
        refused = 0;
      }
    }, SAMPLE_MS).unref();
  }

  return async function loadSheddingMiddleware(ctx: Context, next: Next): Promise<void> {
    if (options.exempt.includes(ctx.path)) return next();
    if (late || (options.maxInFlight > 0 && inFlight >= options.maxInFlight)) {
      refused += 1;
      // 1-4 s, spread so that the refused phones do not all come back in the same second.
      const seconds = 1 + Math.floor(Math.random() * 4);
      throw new ServiceUnavailableError('SERVER_BUSY', { params: { seconds }, headers: { 'Retry-After': String(seconds) } });
    }
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
    }
  };
}
