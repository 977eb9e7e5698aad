import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Knex } from 'knex';
import { isMysql, toDate } from '../db/dialect';

/**
 * Backups that restore on the same or the other engine: every table but Knex's own, as gzip
 * JSON lines, times written as ISO text, with a row count and a SHA-256 per table so a
 * restore can prove it holds what was saved. Personal columns stay sealed as they are at
 * rest: a backup is exactly as sensitive as the database, and no more.
 */
export const BACKUP_FORMAT = 'health-code-backup/1';
const SKIP = new Set(['knex_migrations', 'knex_migrations_lock']);
/** Tables that only use fills: rows there mean a database in use. */
const LIVE_TABLES = ['accounts', 'residents', 'audit_log'];
const BATCH = 1000;

export interface TableSummary {
  rows: number;
  sha256: string;
}
export type BackupSummary = Record<string, TableSummary>;

type Row = Record<string, unknown>;

export async function tablesOf(db: Knex | Knex.Transaction): Promise<string[]> {
  const names = isMysql(db)
    ? ((await db('information_schema.tables').where({ table_schema: db.raw('database()'), table_type: 'BASE TABLE' }).pluck('table_name')) as string[])
    : ((await db('sqlite_master').where({ type: 'table' }).whereNot('name', 'like', 'sqlite_%').pluck('name')) as string[]);
  return names.filter((n) => !SKIP.has(n)).sort();
}

interface ColumnKinds {
  times: Set<string>;
  /** mysql2 reads DECIMAL as text, SQLite as a number: one form keeps cross-engine checksums equal. */
  decimals: Set<string>;
}

async function columnKinds(db: Knex | Knex.Transaction, table: string): Promise<ColumnKinds> {
  const info = Object.entries(await db(table).columnInfo());
  const named = (re: RegExp) => new Set(info.filter(([, c]) => re.test(c.type)).map(([name]) => name));
  return { times: named(/date|time/i), decimals: named(/decimal|numeric/i) };
}

async function primaryKey(db: Knex, table: string): Promise<string[]> {
  if (isMysql(db)) {
    const rows = await db('information_schema.key_column_usage')
      .where({ table_schema: db.raw('database()'), table_name: table, constraint_name: 'PRIMARY' })
      .orderBy('ordinal_position')
      .pluck('column_name');
    return rows as string[];
  }
  const cols = (await db.raw(`PRAGMA table_info(\`${table}\`)`)) as Array<{ name: string; pk: number }>;
  return cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
}

/** One engine-neutral form of a row: times as ISO text, booleans and numbers as JSON has them. */
function normalise(row: Row, { times, decimals }: ColumnKinds): Row {
  const out: Row = {};
  for (const key of Object.keys(row).sort()) {
    const v = row[key];
    if (v === null || v === undefined) out[key] = null;
    else if (times.has(key)) out[key] = toDate(v).toISOString();
    else if (typeof v === 'bigint' || (decimals.has(key) && typeof v === 'string')) out[key] = Number(v);
    else if (Buffer.isBuffer(v)) out[key] = { $base64: v.toString('base64') };
    else out[key] = v;
  }
  return out;
}

/** Reads a table in primary-key order, a batch at a time. */
async function* rowsOf(db: Knex, table: string): AsyncGenerator<Row> {
  const kinds = await columnKinds(db, table);
  const pk = await primaryKey(db, table);
  const order = pk.length > 0 ? pk : Object.keys(await db(table).columnInfo()).sort();
  // Keyset paging on a one-column key stays fast on a table of millions, where OFFSET would
  // re-read every earlier row for each batch.
  const key = pk.length === 1 ? pk[0] : null;
  let after: unknown = null;
  for (let offset = 0; ; offset += BATCH) {
    let query = db(table).orderBy(order.map((column) => ({ column }))).limit(BATCH);
    if (key === null) query = query.offset(offset);
    else if (after !== null) query = query.where(key, '>', after as string);
    const batch = (await query) as Row[];
    for (const row of batch) yield normalise(row, kinds);
    if (batch.length < BATCH) return;
    if (key !== null) after = batch[batch.length - 1][key];
  }
}

/** Counts and checksums of what a database holds now, table by table. */
export async function summarise(db: Knex): Promise<BackupSummary> {
  const summary: BackupSummary = {};
  for (const table of await tablesOf(db)) {
    const hash = createHash('sha256');
    let rows = 0;
    for await (const row of rowsOf(db, table)) {
      hash.update(JSON.stringify(row)).update('\n');
      rows += 1;
    }
    summary[table] = { rows, sha256: hash.digest('hex') };
  }
  return summary;
}

/** Writes a backup file; answers its summary. */
export async function backup(db: Knex, file: string): Promise<BackupSummary> {
  const summary: BackupSummary = {};
  const migrations = (await db('knex_migrations').orderBy('id').pluck('name')) as string[];
  async function* lines(): AsyncGenerator<string> {
    yield `${JSON.stringify({ format: BACKUP_FORMAT, createdAt: new Date().toISOString(), migrations })}\n`;
    for (const table of await tablesOf(db)) {
      const hash = createHash('sha256');
      let rows = 0;
      for await (const row of rowsOf(db, table)) {
        const text = JSON.stringify(row);
        hash.update(text).update('\n');
        rows += 1;
        yield `${JSON.stringify({ t: table, r: row })}\n`;
      }
      summary[table] = { rows, sha256: hash.digest('hex') };
    }
    yield `${JSON.stringify({ summary })}\n`;
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file, { mode: 0o600 }));
  return summary;
}

function revive(row: Row, times: Set<string>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (v !== null && times.has(k)) out[k] = new Date(v as string);
    else if (v && typeof v === 'object' && '$base64' in (v as Row)) out[k] = Buffer.from((v as { $base64: string }).$base64, 'base64');
    else out[k] = v;
  }
  return out;
}

/**
 * Restores a backup into a migrated database that nobody uses yet (same migrations). Foreign keys are
 * checked only after the load, as the rows arrive table by table in name order.
 */
export async function restore(db: Knex, file: string): Promise<BackupSummary> {
  let header: { format?: string; migrations?: string[] } | null = null;
  let saved: BackupSummary | null = null;
  const pending = new Map<string, Row[]>();
  const times = new Map<string, Set<string>>();
  await db.transaction(async (trx) => {
    await trx.raw(isMysql(db) ? 'SET FOREIGN_KEY_CHECKS = 0' : 'PRAGMA defer_foreign_keys = ON');
    const flush = async (table: string) => {
      const rows = pending.get(table);
      if (!rows || rows.length === 0) return;
      await trx(table).insert(rows);
      pending.set(table, []);
    };
    // Opened here, right before the loop reads it: readline drops the lines it emits before its
    // iterator exists, and the awaits above (a network round trip on MariaDB) gave it time to.
    const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of input) {
      if (!line) continue;
      const item = JSON.parse(line) as { format?: string; migrations?: string[]; t?: string; r?: Row; summary?: BackupSummary };
      if (!header) {
        if (item.format !== BACKUP_FORMAT) throw new Error(`not a ${BACKUP_FORMAT} file`);
        header = item;
        const here = (await trx('knex_migrations').orderBy('id').pluck('name')) as string[];
        if (JSON.stringify(here) !== JSON.stringify(item.migrations)) throw new Error('the target database is at another migration: migrate both to the same version first');
        // A live database is never overwritten: one with people or an audit trail is refused.
        for (const table of LIVE_TABLES) {
          if (Number((await trx(table).count({ n: '*' }).first())?.n ?? 0) !== 0) throw new Error(`the target database is not empty: ${table} has rows`);
        }
        // What the migrations themselves wrote (the default venue categories) gives way to the backup's.
        for (const table of await tablesOf(trx)) await trx(table).del();
        continue;
      }
      if (item.summary) {
        saved = item.summary;
        continue;
      }
      const table = item.t!;
      if (!times.has(table)) times.set(table, (await columnKinds(trx, table)).times);
      const list = pending.get(table) ?? [];
      list.push(revive(item.r!, times.get(table)!));
      pending.set(table, list);
      if (list.length >= 200) await flush(table);
    }
    // Inside the transaction: a file cut short leaves nothing of itself behind.
    if (!saved) throw new Error('the backup file is cut short: it has no summary');
    for (const table of pending.keys()) await flush(table);
    if (isMysql(db)) await trx.raw('SET FOREIGN_KEY_CHECKS = 1');
  });
  return saved!;
}
