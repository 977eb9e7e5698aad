/**
 * Restores a backup into the configured database, which must be empty: it is migrated to the
 * backup's version first, then loaded, then every table's row count and checksum is compared
 * with what the backup recorded.
 *   DATABASE_URL=mysql://.../fresh npm run restore -- backups/health-code-2026-11-23.jsonl.gz
 */
import { loadConfig, ConfigError } from '../server/src/config';
import { openDatabase } from '../server/src/db/knex';
import { migrateLatest } from '../server/src/db/migrate';
import { restore, summarise } from '../server/src/backup/backup';

async function main(file: string | undefined): Promise<number> {
  if (!file) {
    process.stderr.write('usage: npm run restore -- <file.jsonl.gz>\n');
    return 2;
  }
  const config = loadConfig();
  const db = openDatabase(config.DATABASE_URL, 2);
  try {
    await migrateLatest(db);
    const saved = await restore(db, file);
    const now = await summarise(db);
    const wrong = Object.keys({ ...saved, ...now }).filter((t) => JSON.stringify(saved[t]) !== JSON.stringify(now[t]));
    if (wrong.length > 0) {
      process.stderr.write(`restored, but these tables differ from the backup: ${wrong.join(', ')}\n`);
      return 1;
    }
    process.stdout.write(`restored ${Object.keys(saved).length} tables; every row count and checksum matches the backup\n`);
    return 0;
  } finally {
    await db.destroy();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${(err as Error).message}\n`);
    process.exit(1);
  },
);
