import type { Knex } from 'knex';
import { migrationSource } from './migrations';

export async function migrateLatest(db: Knex): Promise<void> {
  await db.migrate.latest({ migrationSource, tableName: 'knex_migrations' });
}

export async function migrateRollbackAll(db: Knex): Promise<void> {
  await db.migrate.rollback({ migrationSource, tableName: 'knex_migrations' }, true);
}
