import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { ScansRepository } from './scans.repository';

const DAY = 24 * 3600 * 1000;

/**
 * R20: scans older than the retention period are deleted in small batches, with a pause
 * between batches, so the purge never holds the table for long. stop() (at shutdown) ends a
 * purge after the batch in hand; the next run deletes the rest.
 */
export class ScanRetention {
  private timer: NodeJS.Timeout | null = null;
  private first: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly scans: ScansRepository,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly retentionDays: number,
    private readonly batchSize = 1000,
    private readonly pauseMs = 50,
  ) {}

  /** Deletes everything past retention; answers how many scans went. */
  async purge(): Promise<number> {
    if (this.running) return this.running;
    this.running = (async () => {
      const cutoff = new Date(this.clock.now().getTime() - this.retentionDays * DAY);
      let total = 0;
      for (;;) {
        const n = await this.scans.deleteBatchBefore(cutoff, this.batchSize);
        total += n;
        if (n < this.batchSize || this.stopped) break;
        if (this.pauseMs > 0) await new Promise((r) => setTimeout(r, this.pauseMs));
      }
      if (total > 0) this.logger.info({ deleted: total, cutoff: cutoff.toISOString() }, 'scan retention: old scans deleted');
      return total;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The in-process schedule: every `intervalMinutes`, first run shortly after start. */
  start(intervalMinutes: number): void {
    const run = () => {
      if (!this.stopped) this.purge().catch((err) => this.logger.warn({ err }, 'scan retention failed; will retry at the next run'));
    };
    this.first = setTimeout(run, 5_000);
    this.first.unref();
    this.timer = setInterval(run, intervalMinutes * 60_000);
    this.timer.unref();
  }

  /** Ends the schedule and any purge in progress (after the batch in hand). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.first) clearTimeout(this.first);
    if (this.timer) clearInterval(this.timer);
    this.first = null;
    this.timer = null;
    if (this.running) await this.running.catch(() => undefined);
  }
}
