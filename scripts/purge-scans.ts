/**
 * R20 by hand: deletes scans older than SCAN_RETENTION_DAYS (28 by default) from the configured
 * database, in batches, and says how many went. The server runs the same job every
 * RETENTION_INTERVAL_MINUTES; this is for cron or an operator.
 *   npm run purge-scans
 */
import { loadConfig, ConfigError } from '../server/src/config';
import { openDatabase } from '../server/src/db/knex';
import { migrateLatest } from '../server/src/db/migrate';
import { systemClock } from '../server/src/lib/clock';
import { createLogger } from '../server/src/lib/logger';
import { ScansRepository } from '../server/src/scans/scans.repository';
import { ScanRetention } from '../server/src/scans/retention';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = openDatabase(config.DATABASE_URL, 2);
  try {
    await migrateLatest(db);
    const retention = new ScanRetention(new ScansRepository(db), systemClock, createLogger(config.LOG_LEVEL), config.SCAN_RETENTION_DAYS);
    const deleted = await retention.purge();
    process.stdout.write(`deleted ${deleted} scans older than ${config.SCAN_RETENTION_DAYS} days\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${(err as Error).stack}\n`);
  process.exit(1);
});
