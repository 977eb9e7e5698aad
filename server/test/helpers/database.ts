import type { Knex } from 'knex';
import { openDatabase } from '../../src/db/knex';
import { migrateLatest } from '../../src/db/migrate';
import { randomBytes } from 'node:crypto';

/**
 * A fresh, migrated database for one test file: SQLite in memory by default, or a new
 * database on the server named by TEST_DATABASE_URL (mysql://...), dropped afterwards.
 */
export async function createTestDatabase(): Promise<{ db: Knex; url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
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
