import type { Knex } from 'knex';

/**
 * The few places where SQLite and MySQL/MariaDB differ, in one module, so repositories stay
 * dialect-free (after Directus's database helpers).
 */
export function isMysql(db: Knex): boolean {
  return db.client.config.client === 'mysql2';
}

/** Times are UTC with milliseconds: a Date from MySQL, epoch ms from SQLite. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'bigint') return new Date(Number(value));
  if (typeof value === 'string') return new Date(/^\d+$/.test(value) ? Number(value) : value.includes('T') ? value : `${value.replace(' ', 'T')}Z`);
  throw new TypeError(`not a time: ${String(value)}`);
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/** MySQL answers TINYINT(1), SQLite 0/1: both mean a boolean. */
export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === BigInt(1);
}

/** Parses a JSON text column (JSON is stored as text on both databases). */
export function fromJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined || value === '') return fallback;
  if (typeof value !== 'string') return value as T;
  return JSON.parse(value) as T;
}

/**
 * Inserts rows, skipping those that collide with a unique key: the basis of idempotent batch
 * uploads. Answers nothing about which rows were skipped; callers read back by key.
 */
export async function insertIgnore(db: Knex | Knex.Transaction, table: string, rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  await db(table).insert(rows).onConflict().ignore();
}

/** Whether an error is a unique-key violation on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number };
  return e?.code === 'ER_DUP_ENTRY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const UNAVAILABLE_CODES = new Set([
  // The host: refused, reset, silent, unknown, unreachable.
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  // mysql2: the connection died under a query.
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT',
  // The server: full, shutting down, killed our connection, read-only during a failover.
  'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN', 'ER_CONNECTION_KILLED', 'ER_OPTION_PREVENTS_STATEMENT',
  // Busy: a lock not granted in time (the caller may retry).
  'SQLITE_BUSY', 'ER_LOCK_WAIT_TIMEOUT', 'ER_LOCK_DEADLOCK',
]);

/**
 * Whether an error means the database cannot serve us right now (answer 503 with Retry-After,
 * not 500): the codes above, knex's "Timeout acquiring a connection" (the pool waited
 * DATABASE_ACQUIRE_TIMEOUT_MS), and mysql2's fatal errors without a code ("Can't add new command
 * when connection is in closed state": a connection that died between two queries).
 */
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; name?: string; fatal?: boolean };
  if (e?.code && UNAVAILABLE_CODES.has(e.code)) return true;
  if (e?.fatal === true && !e.code) return true;
  return e?.name === 'KnexTimeoutError';
}

/**
 * A locking read that holds the rows until the transaction ends: SELECT ... FOR UPDATE on
 * MySQL/MariaDB. SQLite serialises writing transactions (one connection here), so the plain
 * read is already exclusive there (and knex would only warn that it cannot lock).
 */
export function forUpdate<Q extends Knex.QueryBuilder>(db: Knex | Knex.Transaction, query: Q): Q {
  return isMysql(db) ? (query.forUpdate() as Q) : query;
}

/** Whether the database chose this transaction as a deadlock victim: it was rolled back and may be run again. */
export function isDeadlock(err: unknown): boolean {
  return (err as { code?: string })?.code === 'ER_LOCK_DEADLOCK';
}
