import { performance } from 'node:perf_hooks';

/** Milliseconds of a set of timed runs. */
export interface Timing {
  runs: number;
  min: number;
  median: number;
  p95: number;
  max: number;
  /** Every run in order, for a reader who distrusts summaries. */
  all: number[];
}

/** Nearest-rank percentile of sorted values (p95 of 20 runs is the 19th). */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarise(all: number[]): Timing {
  const sorted = [...all].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { runs: all.length, min: sorted[0], median, p95: percentile(sorted, 95), max: sorted[sorted.length - 1], all };
}

/** Milliseconds one call of `fn` takes. */
export async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Runs `fn` `warmup` times untimed, then `runs` times timed. `between` runs after each call,
 * outside the timing (undoing what the call did, so the next one does the same work).
 */
export async function timeRuns(
  runs: number,
  fn: (i: number) => Promise<unknown>,
  opts: { warmup?: number; between?: (i: number) => Promise<unknown> } = {},
): Promise<Timing> {
  for (let i = 0; i < (opts.warmup ?? 0); i++) {
    await fn(-1 - i);
    await opts.between?.(-1 - i);
  }
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    all.push(await timeOnce(() => fn(i)));
    await opts.between?.(i);
  }
  return summarise(all);
}

export const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

export const timingLine = (t: Timing) => `min ${ms(t.min)} ms, median ${ms(t.median)} ms, p95 ${ms(t.p95)} ms (${t.runs} runs)`;
