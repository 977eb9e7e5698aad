import { Writable } from 'node:stream';
import supertest from 'supertest';
import type { Knex } from 'knex';
import type Koa from 'koa';
import { loadConfig, type Config } from '../../src/config';
import { createApp } from '../../src/app';
import { createServices, type Services } from '../../src/services';
import { createLogger } from '../../src/lib/logger';
import { ManualClock } from '../../src/lib/clock';
import { DataCrypto } from '../../src/lib/data-crypto';
import type { Deps } from '../../src/deps';
import { createTestDatabase, type TestDatabase } from './database';
import { devProviders } from '../../src/auth/providers/dev';
import { DevSms } from '../../src/sms/dev';
import { findPersonalNumbers, findSecrets } from './privacy';

export interface TestContext {
  app: Koa;
  deps: Deps;
  services: Services;
  db: Knex;
  /** The URL of `db` (sqlite::memory: for the default in-memory database). */
  databaseUrl: string;
  clock: ManualClock;
  sms: DevSms;
  /** Every log line the app wrote, as JSON text (checked for personal data). */
  logs: string[];
  /** Every JSON or text body the app answered (checked for personal data). */
  responses: string[];
  request(): supertest.Agent;
  close(): Promise<void>;
}

/**
 * The app over a real database (SQLite, or MariaDB with TEST_DATABASE_URL), with a manual
 * clock, the development login and SMS providers (unless replaced), and captured logs.
 */
export async function createTestContext(overrides: Partial<Deps> & { env?: Record<string, string>; database?: TestDatabase } = {}): Promise<TestContext> {
  const { env, database, ...depsOverrides } = overrides;
  // A database the test prepared itself (behind a fault proxy, a file another process opens), or a fresh one.
  const { db, url: databaseUrl, drop } = database ?? (await createTestDatabase());
  const config: Config = loadConfig({ ...process.env, ...env });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const clock = (overrides.clock as ManualClock) ?? new ManualClock('2026-11-22T08:00:00.000Z');
  const sms = (overrides.sms as DevSms) ?? new DevSms();
  // Every one-time code the run sends, for the log check in close().
  const smsCodes = new Set<string>();
  const send = sms.sendCode.bind(sms);
  sms.sendCode = async (phone: string, code: string) => {
    smsCodes.add(code);
    return send(phone, code);
  };
  const deps: Deps = {
    config,
    db,
    logger: createLogger('info', sink),
    clock,
    crypto: new DataCrypto(config.DATA_KEY, config.HASH_KEY),
    loginProviders: devProviders(),
    sms,
    ...depsOverrides,
  };
  const services = createServices(deps);
  const app = createApp(deps, services);
  // Outermost: sees every body as it leaves, errors included, for the privacy check below.
  const responses: string[] = [];
  app.middleware.unshift(async (ctx, next) => {
    await next();
    const body: unknown = ctx.body;
    if (typeof body === 'string') responses.push(body);
    else if (body && typeof body === 'object' && !Buffer.isBuffer(body) && typeof (body as { pipe?: unknown }).pipe !== 'function') responses.push(JSON.stringify(body));
    responses.push(JSON.stringify(ctx.response.headers));
  });
  const server = app.callback();
  return {
    app,
    deps,
    services,
    db,
    databaseUrl,
    clock,
    sms,
    logs,
    responses,
    request: () => supertest.agent(server),
    async close() {
      await drop();
      // R34, for every suite: no whole ID or phone number left the app in a body, a header or a log line.
      const leaks = [...responses, ...logs].flatMap((text) => findPersonalNumbers(text).map((n) => `${n.slice(0, 3)}… in ${text.split(n).join('<number>').slice(0, 160)}`));
      if (leaks.length > 0) throw new Error(`R34: personal numbers left the app whole:\n${leaks.join('\n')}`);
      // R1, R34: no token, API key or one-time code in a log line.
      const secrets = logs.flatMap((line) => findSecrets(line, smsCodes).map((s) => `${s.slice(0, 6)}… in ${line.split(s).join('<secret>').slice(0, 160)}`));
      if (secrets.length > 0) throw new Error(`R34: secrets written to the log:\n${secrets.join('\n')}`);
    },
  };
}
