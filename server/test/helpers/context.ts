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
import { createTestDatabase } from './database';
import { devProviders } from '../../src/auth/providers/dev';
import { DevSms } from '../../src/sms/dev';

export interface TestContext {
  app: Koa;
  deps: Deps;
  services: Services;
  db: Knex;
  clock: ManualClock;
  sms: DevSms;
  /** Every log line the app wrote, as JSON text (checked for personal data). */
  logs: string[];
  request(): supertest.Agent;
  close(): Promise<void>;
}

/**
 * The app over a real database (SQLite, or MariaDB with TEST_DATABASE_URL), with a manual
 * clock, the development login and SMS providers (unless replaced), and captured logs.
 */
export async function createTestContext(overrides: Partial<Deps> & { env?: Record<string, string> } = {}): Promise<TestContext> {
  const { db, drop } = await createTestDatabase();
  const config: Config = loadConfig({ ...process.env, ...overrides.env });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const clock = (overrides.clock as ManualClock) ?? new ManualClock('2026-11-22T08:00:00.000Z');
  const sms = (overrides.sms as DevSms) ?? new DevSms();
  const deps: Deps = {
    config,
    db,
    logger: createLogger('info', sink),
    clock,
    crypto: new DataCrypto(config.DATA_KEY, config.HASH_KEY),
    loginProviders: devProviders(),
    sms,
    ...overrides,
  };
  const services = createServices(deps);
  const app = createApp(deps, services);
  const server = app.callback();
  return {
    app,
    deps,
    services,
    db,
    clock,
    sms,
    logs,
    request: () => supertest.agent(server),
    close: drop,
  };
}
