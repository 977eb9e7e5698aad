import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { Logger } from '../lib/logger';

export interface DatabaseOptions {
  /**
   * MySQL/MariaDB: how long a query waits for a pooled connection, and how long opening one may
   * take. While the database is away a request fails within it (503 with Retry-After, see
   * http/envelope.ts) instead of hanging (DATABASE_ACQUIRE_TIMEOUT_MS).
   */
  acquireTimeoutMs?: number;
  /** Where knex's own warnings go (a failed connection, ...): JSON log lines, not console text. */
  logger?: Logger;
}

/** Opens the database named by a URL: sqlite:<file>, sqlite::memory:, or mysql://... */
export function openDatabase(url: string, poolMax = 20, options: DatabaseOptions = {}): Knex {
  const log = options.logger ? knexLog(options.logger) : undefined;
  const acquireTimeoutMs = options.acquireTimeoutMs ?? 5000;
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length) || ':memory:';
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: file === ':memory:' ? ':memory:' : resolve(file) },
      useNullAsDefault: true,
      log,
      // One connection: better-sqlite3 is synchronous, and an in-memory database lives in its connection.
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: { pragma(s: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
          conn.pragma('journal_mode = WAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          done(null, conn);
        },
      },
    });
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
    return knexFactory({
      client: 'mysql2',
      connection: {
        host: u.hostname,
        port: Number(u.port || 3306),
        user: decodeURIComponent(u.username),
        password: decodeURIComponent(u.password),
        database: u.pathname.replace(/^\//, ''),
        timezone: 'Z',
        charset: 'utf8mb4',
        dateStrings: false,
        supportBigNumbers: true,
        connectTimeout: acquireTimeoutMs,
      },
      pool: { min: 0, max: poolMax },
      acquireConnectionTimeout: acquireTimeoutMs,
      log,
    });
  }
  throw new Error(`DATABASE_URL must start with sqlite: or mysql:// (got ${url.split(':')[0]}:)`);
}

/** knex's warnings as log lines: the first line of the message (no stack), at knex's level. */
function knexLog(logger: Logger) {
  const line = (message: unknown) => ({ knex: (typeof message === 'string' ? message : String((message as Error)?.message ?? message)).split('\n')[0] });
  return {
    warn: (message: unknown) => logger.warn(line(message), 'database'),
    error: (message: unknown) => logger.error(line(message), 'database'),
    deprecate: (message: unknown) => logger.warn(line(message), 'database'),
    debug: (message: unknown) => logger.debug(line(message), 'database'),
  };
}
