/**
 * Code-signing key operations (architecture choice 1), run against the configured database:
 *   npm run keys -- list             the keys and their states
 *   npm run keys -- rotate           a new key signs from now on; the old one still verifies
 *   npm run keys -- revoke <kid> "<reason>"
 *                                    every code the key signed is refused (a leaked key);
 *                                    revoking the active key rotates first
 * Running servers see the change within 10 s; offline checkpoints with their next JWKS fetch.
 */
import { loadConfig, ConfigError } from '../server/src/config';
import { openDatabase } from '../server/src/db/knex';
import { migrateLatest } from '../server/src/db/migrate';
import { DataCrypto } from '../server/src/lib/data-crypto';
import { systemClock } from '../server/src/lib/clock';
import { AuditLog } from '../server/src/audit/audit';
import { SigningKeysRepository } from '../server/src/keys/signing-keys.repository';
import { KeysService } from '../server/src/keys/keys.service';
import { AppError } from '../server/src/http/errors';

const USAGE = 'usage: npm run keys -- list | rotate | revoke <kid> "<reason>"';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!['list', 'rotate', 'revoke'].includes(command ?? '')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const db = openDatabase(config.DATABASE_URL, 2);
  try {
    await migrateLatest(db);
    const keys = new KeysService(new SigningKeysRepository(db), new DataCrypto(config.DATA_KEY, config.HASH_KEY), systemClock, new AuditLog(db, systemClock), config.ISSUER_REGION);
    // The operator at the console: audited under the OS user, as no account is logged in.
    const actor = { id: null, role: `operator:${process.env.USER ?? 'unknown'}`.slice(0, 16) };
    if (command === 'list') {
      for (const k of await keys.list()) process.stdout.write(`${k.kid}  ${k.status.padEnd(8)}  created ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}\n`);
    } else if (command === 'rotate') {
      process.stdout.write(`active key is now ${await keys.rotate(actor)}\n`);
    } else {
      const [kid, reason] = rest;
      if (!kid || !reason) {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      const done = await keys.revoke(kid, actor, reason);
      process.stdout.write(`revoked ${done.revoked}; active key is ${done.active}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`${err.code}\n`);
      return 1;
    }
    throw err;
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${(err as Error).stack}\n`);
    process.exit(1);
  },
);
