/**
 * The stack's floor for a scan, beside the bare baseline: Koa, @koa/router and koa-body (as the
 * server configures it) in front of the project's group commit writing through knex and mysql2
 * into a copy of the `scans` table, each request answered once its batch committed. No session,
 * no venue check, no colour, no middleware of ours: what a POST /scans costs with the fixed
 * stack before any of the application's rules. Started by scripts/bench/http.ts in its own
 * process with PORT and DATABASE_URL (the bench's database) in the environment.
 */
import Koa from 'koa';
import Router from '@koa/router';
import { koaBody } from 'koa-body';
import { openDatabase } from '../../server/src/db/knex';
import { GroupCommit } from '../../server/src/lib/group-commit';
import { isDeadlock, isUnavailable } from '../../server/src/db/dialect';
import { newId } from '../../server/src/lib/ids';

const TABLE = 'bench_floor_scans';

/** A row of `scans`, filled from the request without any look-up. */
interface Row {
  id: string;
  resident_id: string;
  venue_id: string;
  region: string;
  scanned_at: Date;
  account_id: string;
  by_guardian: boolean;
  client_request_id: string;
  request_hash: string;
}

async function main(): Promise<void> {
  const db = openDatabase(process.env.DATABASE_URL!, Number(process.env.DATABASE_POOL_MAX ?? 20));
  // The columns and indexes of `scans` (its foreign keys are not copied), so that MariaDB does the
  // same work per row: the server has migrated the bench's database before this starts.
  await db.schema.dropTableIfExists(TABLE);
  await db.raw('CREATE TABLE ?? LIKE scans', [TABLE]);
  // The server's batch settings (scans.service.ts).
  const writes = new GroupCommit<Row>(
    async (rows) => void (await db(TABLE).insert(rows)),
    async (row) => void (await db(TABLE).insert(row)),
    { maxConcurrent: 4, maxRows: 500, unavailable: isUnavailable, retry: isDeadlock },
  );

  const app = new Koa();
  const router = new Router();
  router.post('/scans', koaBody({ json: true, urlencoded: false, multipart: false, text: false, jsonLimit: '64kb', jsonStrict: true }), async (ctx) => {
    const body = ctx.request.body as { venueCode: string; clientRequestId: string };
    const now = new Date();
    // Who and where, cut from the token and the code as they come: the floor checks nothing.
    const who = ctx.get('authorization').slice(-36);
    const row: Row = {
      id: newId(now.getTime()),
      resident_id: who,
      venue_id: body.venueCode.slice(-36),
      region: '440305',
      scanned_at: now,
      account_id: who,
      by_guardian: false,
      client_request_id: body.clientRequestId,
      request_hash: body.venueCode.slice(-64),
    };
    await writes.add(row);
    ctx.status = 201;
    ctx.body = { scanId: row.id, enteredAt: now.toISOString() };
  });
  app.use(router.routes());
  const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
  process.on('SIGTERM', () => server.close(() => void db.destroy().then(() => process.exit(0))));
}

void main();
