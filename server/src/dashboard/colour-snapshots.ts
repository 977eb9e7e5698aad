import type { Colour } from '@health-code/shared';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { ColourService } from '../colour/colour.service';
import type { DashboardRepository } from './dashboard.repository';
import { localDay } from './local-day';
import { ServiceUnavailableError } from '../http/errors';

export interface ColourSnapshot {
  day: string;
  counts: Record<Colour, number>;
  computedAt: Date;
}

/**
 * Colours are computed, never stored (R4), so the dashboard's distribution comes from a job:
 * it walks every resident in key order, a page at a time, asks the colour service for each
 * (a colour still in its cache is not computed again, and the sweep adds nothing to the cache),
 * and replaces today's row per colour. Run on a schedule, on an official's request, and once by
 * the demo seed. One run at a time per process: a second request joins the run in flight.
 * stop() (at shutdown) ends a run after the colours in hand, writing nothing: a run over
 * millions of residents takes hours, and a shutdown must not wait for it.
 */
export class ColourSnapshotJob {
  private timer: NodeJS.Timeout | null = null;
  private first: NodeJS.Timeout | null = null;
  private running: Promise<ColourSnapshot> | null = null;
  private stopped = false;

  constructor(
    private readonly repo: DashboardRepository,
    private readonly colour: ColourService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly opts: { pageSize?: number; concurrency?: number; pauseMs?: number } = {},
  ) {}

  run(): Promise<ColourSnapshot> {
    if (this.running) return this.running;
    if (this.stopped) return Promise.reject(new ServiceUnavailableError('SERVICE_UNAVAILABLE'));
    this.running = this.sweep().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sweep(): Promise<ColourSnapshot> {
    const pageSize = this.opts.pageSize ?? 500;
    const concurrency = this.opts.concurrency ?? 4;
    const pauseMs = this.opts.pauseMs ?? 20;
    const startedAt = this.clock.now();
    const counts: Record<Colour, number> = { green: 0, yellow: 0, red: 0 };
    let after: string | null = null;
    for (;;) {
      const ids = await this.repo.residentIdsAfter(after, pageSize);
      if (ids.length === 0) break;
      // A few colours at a time: the sweep shares the connection pool with people using the app.
      let next = 0;
      const worker = async () => {
        while (next < ids.length && !this.stopped) {
          const id = ids[next++];
          const { colour } = await this.colour.current(id, { keep: false });
          counts[colour] += 1;
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
      // Stopped part-way: the counts are partial, and a partial distribution is never written.
      if (this.stopped) throw new ServiceUnavailableError('SERVICE_UNAVAILABLE');
      after = ids[ids.length - 1];
      if (ids.length < pageSize) break;
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    }
    const computedAt = this.clock.now();
    // The day the sweep began: a run that crosses midnight still describes the day it counted.
    const day = localDay(startedAt);
    await this.repo.upsertSnapshot(day, counts, computedAt);
    this.logger.info({ day, ...counts, ms: computedAt.getTime() - startedAt.getTime() }, 'colour snapshot taken');
    return { day, counts, computedAt };
  }

  /** The in-process schedule: every `intervalMinutes`, the first run shortly after start. */
  start(intervalMinutes: number): void {
    const run = () => {
      if (this.stopped) return;
      this.run().catch((err) => {
        if (!this.stopped) this.logger.warn({ err }, 'colour snapshot failed; will retry at the next run');
      });
    };
    this.first = setTimeout(run, 10_000);
    this.first.unref();
    this.timer = setInterval(run, intervalMinutes * 60_000);
    this.timer.unref();
  }

  /** Ends the schedule and any run in progress (after the colours in hand); starts no other. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.first) clearTimeout(this.first);
    if (this.timer) clearInterval(this.timer);
    this.first = null;
    this.timer = null;
    if (this.running) await this.running.catch(() => undefined);
  }
}
