/**
 * Draws the example images in docs/ with the real renderers and a throwaway signing key in an
 * in-memory database, for a synthetic person: `npm run docs:images`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CODE_PREFIX } from '@health-code/shared';
import { openDatabase } from '../server/src/db/knex';
import { migrateLatest } from '../server/src/db/migrate';
import { DataCrypto } from '../server/src/lib/data-crypto';
import { systemClock } from '../server/src/lib/clock';
import { AuditLog } from '../server/src/audit/audit';
import { SigningKeysRepository } from '../server/src/keys/signing-keys.repository';
import { KeysService } from '../server/src/keys/keys.service';
import { renderOfflineCardPng } from '../server/src/render/offline-card';

async function main(): Promise<void> {
  const db = openDatabase('sqlite::memory:');
  try {
    await migrateLatest(db);
    const key = () => randomBytes(32).toString('base64');
    const keys = new KeysService(new SigningKeysRepository(db), new DataCrypto(key(), key()), systemClock, new AuditLog(db, systemClock), '440300');
    await keys.ensureActiveKey();
    const signed = await keys.signOfflineCode({ codeId: 'example-code-id-0001', colour: 'green', vaccinated: true, ttlSeconds: 7 * 24 * 3600 });
    const png = renderOfflineCardPng({ qrText: `${CODE_PREFIX}${signed.token}`, name: '王*奶', colour: 'green', vaccinated: true, issuedAt: signed.issuedAt, expiresAt: signed.expiresAt });
    const out = join(__dirname, '..', 'docs', 'images', 'offline-code-example.png');
    writeFileSync(out, png);
    process.stdout.write(`wrote ${out}\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
