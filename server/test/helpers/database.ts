import type { Knex } from 'knex';
import { openDatabase } from '../../src/db/knex';
import { migrateLatest } from '../../src/db/migrate';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestDatabase {
  db: Knex;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: SQLite in memory by default (in a temp file
 * with `sqliteFile`, for a test where another process opens it too), or a new database on the
 * server named by TEST_DATABASE_URL (mysql://...), dropped afterwards.
 */
export async function createTestDatabase(opts: { sqliteFile?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl && opts.sqliteFile) {
    const dir = mkdtempSync(join(tmpdir(), 'hc-test-'));
    const url = `sqlite:${join(dir, 'test.sqlite')}`;
    const db = openDatabase(url);
    await migrateLatest(db);
    return {
      db,
      url,
      async drop() {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!serverUrl) {
    const db = openDatabase('sqlite::memory:');
    await migrateLatest(db);
    return { db, url: 'sqlite::memory:', drop: () => db.destroy() };
  }
  const name = `hc_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = openDatabase(serverUrl, 2);
  try {
    await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.destroy();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const db = openDatabase(u.toString(), 10);
  await migrateLatest(db);
  return {
    db,
    url: u.toString(),
    async drop() {
      await db.destroy();
      const cleanup = openDatabase(serverUrl, 1);
      try {
        await cleanup.raw(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await cleanup.destroy();
      }
    },
  };
}
