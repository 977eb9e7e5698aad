/**
 * Group commit: rows that arrive while earlier writes are in flight are gathered and written
 * as one multi-row INSERT when a slot frees. Each caller's promise settles only after the
 * statement holding its row committed, so an acknowledgement still means "stored". Nothing
 * waits on a timer: at low load every row is written at once, alone.
 *
 * A batch that fails (a duplicate key of one row, say) is written again row by row, so each
 * caller gets its own row's outcome. A batch is one statement, so a failed one stored nothing;
 * when it failed because the database is away (`options.unavailable`), writing row by row
 * cannot help, and every caller gets the error at once (the route answers 503).
 *
 * A statement the database chose as a deadlock victim (`options.retry`) was rolled back whole and
 * is run again, a few times: concurrent multi-row INSERTs whose rows meet on a unique key (a
 * phone's resend in another batch) can deadlock on MariaDB, and that is no reason to refuse.
 */
/** How many times a deadlocked write is tried in all. */
const RETRIES = 4;

export class GroupCommit<T> {
  private queue: Array<{ row: T; resolve: () => void; reject: (err: unknown) => void }> = [];
  private inFlight = 0;
  private idle: Array<() => void> = [];

  constructor(
    private readonly writeMany: (rows: T[]) => Promise<void>,
    private readonly writeOne: (row: T) => Promise<void>,
    private readonly options: { maxConcurrent: number; maxRows: number; unavailable?: (err: unknown) => boolean; retry?: (err: unknown) => boolean },
  ) {}

  add(row: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.pump();
    });
  }

  /** Resolves when every row handed in so far has been written (or refused): for shutdown. */
  drain(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.inFlight < this.options.maxConcurrent && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxRows);
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
        if (this.inFlight === 0 && this.queue.length === 0) this.idle.splice(0).forEach((r) => r());
      });
    }
  }

  private async write(batch: Array<{ row: T; resolve: () => void; reject: (err: unknown) => void }>): Promise<void> {
    try {
      if (batch.length === 1) await this.again(() => this.writeOne(batch[0].row));
      else await this.again(() => this.writeMany(batch.map((b) => b.row)));
      batch.forEach((b) => b.resolve());
    } catch (err) {
      if (batch.length === 1 || this.options.unavailable?.(err)) return batch.forEach((b) => b.reject(err));
      await Promise.all(batch.map((b) => this.again(() => this.writeOne(b.row)).then(b.resolve, b.reject)));
    }
  }

  /** Runs a write, and again (after a short random pause) while it is a deadlock victim. */
  private async again(write: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await write();
      } catch (err) {
        if (attempt >= RETRIES || !this.options.retry?.(err)) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      }
    }
  }
}
