import type { Knex } from 'knex';
import { openDatabase } from '../../../server/src/db/knex';

/** Databases a bench never fills or drops, whatever it is told. */
const PROTECTED = ['test', 'mysql', 'sys', 'information_schema', 'performance_schema'];

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url.replace(/^mariadb:/, 'mysql:')).pathname.replace(/^\//, ''));
}

/** The server part of a URL (no database), for CREATE and DROP DATABASE. */
function serverUrl(url: string): string {
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  u.pathname = '/';
  return u.toString();
}

/**
 * Refuses a database the bench must not own: the tests' database, the application's, the
 * server's own. The bench drops and rebuilds its database when its data does not match.
 */
export function checkBenchDatabase(url: string): void {
  if (!/^(mysql|mariadb):\/\//.test(url)) throw new Error(`BENCH_DATABASE_URL must be mysql://... (MariaDB), got ${url.split(':')[0]}:`);
  const name = databaseName(url);
  const others = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].filter((u): u is string => Boolean(u && /^(mysql|mariadb):/.test(u))).map(databaseName);
  if (!name || PROTECTED.includes(name) || others.includes(name)) throw new Error(`refusing to use database "${name}" for bench data: name a database of its own in BENCH_DATABASE_URL`);
}

async function onServer<T>(url: string, fn: (admin: Knex) => Promise<T>): Promise<T> {
  const admin = openDatabase(serverUrl(url), 1);
  try {
    return await fn(admin);
  } finally {
    await admin.destroy();
  }
}

export async function createDatabaseIfMissing(url: string): Promise<void> {
  checkBenchDatabase(url);
  await onServer(url, (admin) => admin.raw(`CREATE DATABASE IF NOT EXISTS \`${databaseName(url)}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`));
}

export async function recreateDatabase(url: string): Promise<void> {
  checkBenchDatabase(url);
  const name = databaseName(url);
  await onServer(url, async (admin) => {
    await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  });
}

export async function tableNames(db: Knex): Promise<string[]> {
  const [rows] = (await db.raw('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')) as [Array<{ name: string }>];
  return rows.map((r) => r.name);
}

/**
 * A source of consecutive integers `seq` from `from` to `to`, made inside the database: MariaDB's
 * Sequence engine (seq_1_to_N) when present, else a numbers table built by doubling (MySQL).
 */
export async function numberSource(db: Knex, chunk: number): Promise<(from: number, to: number) => string> {
  const [engines] = (await db.raw("SELECT COUNT(*) AS n FROM information_schema.engines WHERE engine = 'SEQUENCE' AND support IN ('YES', 'DEFAULT')")) as [Array<{ n: number }>];
  if (Number(engines[0].n) > 0) return (from, to) => `seq_${from}_to_${to}`;
  await db.raw('CREATE TABLE IF NOT EXISTS bench_numbers (n INT PRIMARY KEY)');
  const [have] = (await db.raw('SELECT COUNT(*) AS n FROM bench_numbers')) as [Array<{ n: number }>];
  if (Number(have[0].n) < chunk) {
    await db.raw('TRUNCATE bench_numbers');
    await db.raw('INSERT INTO bench_numbers VALUES (1)');
    for (let size = 1; size < chunk; size *= 2) await db.raw('INSERT INTO bench_numbers SELECT n + ? FROM bench_numbers WHERE n + ? <= ?', [size, size, chunk]);
  }
  return (from, to) => `(SELECT n + ${from - 1} AS seq FROM bench_numbers WHERE n <= ${to - from + 1})`;
}

interface IndexDef {
  name: string;
  unique: boolean;
  columns: string[];
}

async function secondaryIndexes(db: Knex, table: string): Promise<IndexDef[]> {
  const [rows] = (await db.raw(
    `SELECT index_name AS name, non_unique AS nonUnique, column_name AS col, sub_part AS subPart
       FROM information_schema.statistics
      WHERE table_schema = DATABASE() AND table_name = ? AND index_name <> 'PRIMARY'
      ORDER BY index_name, seq_in_index`,
    [table],
  )) as [Array<{ name: string; nonUnique: number; col: string; subPart: number | null }>];
  const byName = new Map<string, IndexDef>();
  for (const r of rows) {
    const def = byName.get(r.name) ?? { name: r.name, unique: Number(r.nonUnique) === 0, columns: [] };
    def.columns.push(r.subPart ? `\`${r.col}\`(${r.subPart})` : `\`${r.col}\``);
    byName.set(r.name, def);
  }
  return [...byName.values()];
}

/**
 * Runs a bulk fill of `table` with its secondary indexes dropped, then builds them again exactly
 * as the migrations made them (same names, columns, uniqueness): one sorted build per index is
 * far faster than millions of random inserts into them. Only for tables without foreign keys
 * of their own, whose indexes no constraint needs.
 */
export async function withoutSecondaryIndexes(db: Knex, table: string, fill: () => Promise<void>, log: (line: string) => void): Promise<{ indexSeconds: number }> {
  const [fks] = (await db.raw('SELECT COUNT(*) AS n FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE() AND table_name = ?', [table])) as [Array<{ n: number }>];
  if (Number(fks[0].n) > 0) throw new Error(`${table} has foreign keys: fill it with its indexes in place`);
  const indexes = await secondaryIndexes(db, table);
  if (indexes.length > 0) await db.raw(`ALTER TABLE \`${table}\` ${indexes.map((i) => `DROP INDEX \`${i.name}\``).join(', ')}`);
  await fill();
  const start = Date.now();
  if (indexes.length > 0) {
    await db.raw(`ALTER TABLE \`${table}\` ${indexes.map((i) => `ADD ${i.unique ? 'UNIQUE ' : ''}INDEX \`${i.name}\` (${i.columns.join(', ')})`).join(', ')}`);
    log(`  ${table}: built ${indexes.length} indexes (${indexes.map((i) => i.name).join(', ')}) in ${((Date.now() - start) / 1000).toFixed(0)} s`);
  }
  return { indexSeconds: (Date.now() - start) / 1000 };
}

/** Version and the settings that decide how much of the data stays in memory. */
export async function serverInfo(db: Knex): Promise<{ version: string; bufferPoolMiB: number; flushAtCommit: number; flushMethod: string }> {
  const [rows] = (await db.raw('SELECT VERSION() AS version, @@innodb_buffer_pool_size AS pool, @@innodb_flush_log_at_trx_commit AS flush, @@innodb_flush_method AS method')) as [
    Array<{ version: string; pool: number | string; flush: number | string; method: string }>,
  ];
  return { version: rows[0].version, bufferPoolMiB: Math.round(Number(rows[0].pool) / 1024 ** 2), flushAtCommit: Number(rows[0].flush), flushMethod: rows[0].method };
}

/** Data and index size of a table, in MiB (InnoDB's estimate). */
export async function tableSizeMiB(db: Knex, table: string): Promise<{ data: number; index: number }> {
  const [rows] = (await db.raw('SELECT data_length AS d, index_length AS i FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?', [table])) as [
    Array<{ d: number | string; i: number | string }>,
  ];
  return { data: Math.round(Number(rows[0]?.d ?? 0) / 1024 ** 2), index: Math.round(Number(rows[0]?.i ?? 0) / 1024 ** 2) };
}
