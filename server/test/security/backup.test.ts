import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestContext, type TestContext } from '../helpers/context';
import { createTestDatabase } from '../helpers/database';
import { seedDemoData } from '../../src/demo/seed';
import { backup, restore, summarise } from '../../src/backup/backup';
import { findPersonalNumbers } from '../helpers/privacy';
import { newId } from '../../src/lib/ids';

let t: TestContext;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hc-backup-'));
  t = await createTestContext({ env: { SECRETS_FILE: join(dir, 'secrets.json') } });
  await t.services.keys.ensureActiveKey();
  await seedDemoData(t.deps, t.services);
  // More scans than one read batch, so the backup pages through a table.
  const resident = await t.db('residents').first('id');
  const account = await t.db('accounts').first('id');
  const rows = Array.from({ length: 2345 }, (_, i) => ({
    id: newId(), resident_id: resident.id, venue_id: newId(), region: '110101',
    scanned_at: new Date(t.deps.clock.now().getTime() - i * 60_000), account_id: account.id,
    by_guardian: false, client_request_id: `backup-${i}`, request_hash: 'x'.repeat(64),
  }));
  await t.db.batchInsert('scans', rows, 500);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backups restore into a clean database, row for row (issue 8)', () => {
  it('R33/R34: a restored database has every table’s rows and checksums, audit log included; no number is in clear', async () => {
    const file = join(dir, 'backup.jsonl.gz');
    const saved = await backup(t.db, file);
    expect(saved.residents.rows).toBeGreaterThanOrEqual(5);
    expect(saved.audit_log.rows).toBeGreaterThan(0);
    expect(saved.scans.rows).toBeGreaterThanOrEqual(2345);
    expect(findPersonalNumbers(gunzipSync(readFileSync(file)).toString('utf8'))).toEqual([]);
    const target = await createTestDatabase();
    try {
      expect(await restore(target.db, file)).toEqual(saved);
      expect(await summarise(target.db)).toEqual(saved);
      expect(await summarise(t.db)).toEqual(saved);
    } finally {
      await target.drop();
    }
  });

  it('refuses a database that is not empty, and a file that is cut short', async () => {
    const file = join(dir, 'second.jsonl.gz');
    await backup(t.db, file);
    await expect(restore(t.db, file)).rejects.toThrow(/not empty/);
    const text = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, gzipSync(text.slice(0, Math.floor(text.length / 2)).join('\n')));
    const target = await createTestDatabase();
    try {
      await expect(restore(target.db, cut)).rejects.toThrow(/cut short/);
      // Nothing of the half file stayed: the load is one transaction.
      expect(await target.db('residents').count({ n: '*' }).first()).toMatchObject({ n: 0 });
    } finally {
      await target.drop();
    }
  });
});
