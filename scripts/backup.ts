/**
 * Backs up the configured database (SQLite or MySQL) into one gzip file:
 *   npm run backup -- backups/health-code-2026-11-23.jsonl.gz
 * Personal columns stay sealed with DATA_KEY: keep that key, apart from the backups.
 */
import { loadConfig, ConfigError } from '../server/src/config';
import { openDatabase } from '../server/src/db/knex';
import { backup } from '../server/src/backup/backup';

async function main(file: string | undefined): Promise<number> {
  if (!file) {
    process.stderr.write('usage: npm run backup -- <file.jsonl.gz>\n');
    return 2;
  }
  const config = loadConfig();
  const db = openDatabase(config.DATABASE_URL, 2);
  try {
    const summary = await backup(db, file);
    const rows = Object.values(summary).reduce((n, t) => n + t.rows, 0);
    process.stdout.write(`backed up ${Object.keys(summary).length} tables, ${rows} rows, to ${file}\n`);
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
