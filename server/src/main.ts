import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { loadConfig, ConfigError } from './config';
import { createLogger, stdoutDestination } from './lib/logger';
import { systemClock } from './lib/clock';
import { DataCrypto } from './lib/data-crypto';
import { openDatabase } from './db/knex';
import { migrateLatest } from './db/migrate';
import { createLoginProviders } from './auth/providers';
import { createSmsProvider } from './sms';
import { createServices } from './services';
import { createApp } from './app';
import { resolveAppDir } from './http/app-static';
import { seedDemoData } from './demo/seed';
import type { Deps } from './deps';

/** How long, at shutdown, a kept-alive connection with nothing in progress may still deliver a request. */
const SHUTDOWN_LINGER_MS = 1000;

/** config -> database -> migrations -> keys -> demo data -> listen; SIGTERM drains and exits. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, stdoutDestination());
  const db = openDatabase(config.DATABASE_URL, config.DATABASE_POOL_MAX, { acquireTimeoutMs: config.DATABASE_ACQUIRE_TIMEOUT_MS, logger });
  await migrateLatest(db);
  const deps: Deps = {
    config,
    db,
    logger,
    clock: systemClock,
    crypto: new DataCrypto(config.DATA_KEY, config.HASH_KEY),
    loginProviders: createLoginProviders(config),
    sms: createSmsProvider(config),
    // Without it, limits are per process; with it, every process shares them.
    redis: config.REDIS_URL ? new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false }) : undefined,
  };
  const services = createServices(deps);
  await services.keys.ensureActiveKey();
  const demo = config.DEMO_DATA ? await seedDemoData(deps, services) : null;
  services.scanRetention.start(config.RETENTION_INTERVAL_MINUTES);
  services.colourSnapshots.start(config.COLOUR_SNAPSHOT_INTERVAL_MINUTES);
  // Other processes' invalidations (colours, venues) arrive through Redis when it is configured.
  await services.invalidations.start();
  const app = createApp(deps, services);
  const server: Server = app.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  logger.info({ url, database: config.DATABASE_URL.split(':')[0] }, 'listening');
  printWelcome(url, demo, existsSync(join(resolveAppDir(config.APP_DIR), 'index.html')));

  // Once stopping, every answer (those in flight included) says Connection: close: a client or
  // balancer that keeps connections alive opens a new one for its next request, which is refused,
  // instead of reusing one that closes under it, and the server is not kept open by reuse.
  let stopping = false;
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping) {
      res.setHeader('Connection', 'close');
      return;
    }
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const force = setTimeout(() => {
      logger.warn('grace period over: closing remaining connections');
      server.closeAllConnections();
    }, config.SHUTDOWN_GRACE_MS);
    force.unref();
    // Stop listening at once (new connections are refused), but not through http's close(),
    // which also resets every kept-alive connection that has no request in progress: a request
    // already sent on one but not yet read would be lost with it. Such connections get a short
    // linger to deliver it (it is answered, with Connection: close); then the idle ones close.
    const linger = setTimeout(() => server.closeIdleConnections(), Math.min(SHUTDOWN_LINGER_MS, config.SHUTDOWN_GRACE_MS));
    linger.unref();
    NetServer.prototype.close.call(server, async () => {
      try {
        // The jobs stop, scans still queued for the group commit are written, then the pool closes.
        await services.shutdown();
        await db.destroy();
        deps.redis?.disconnect();
        logger.info('stopped');
        process.exit(0);
      } catch (err) {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      }
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function printWelcome(url: string, demo: Awaited<ReturnType<typeof seedDemoData>> | null, appBuilt: boolean): void {
  const lines = [
    '',
    `  Health Code server: ${url}`,
    `  The app (H5):       ${appBuilt ? `${url}/` : 'not built: npm run build:h5 -w miniprogram (npm start builds it)'}`,
    `  API document:       ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
    `  Health check:       ${url}/healthz   (ready: ${url}/readyz)`,
  ];
  if (demo) {
    lines.push(
      '',
      '  Demo logins (development platform): POST /api/v1/auth/login {"platform":"dev","code":"<code>"}',
      ...demo.logins.map((l) => `    ${l.code.padEnd(22)} ${l.description}`),
      `    ${'any other code'.padEnd(22)} a new account: register it with any synthetic name and valid ID number`,
    );
    if (demo.institutionKey) lines.push('', `  Demo testing institution API key (also in data/demo.json): ${demo.institutionKey}`);
    lines.push('', '  README.md walks through login, registration, a code and its verification with curl.');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${(err as Error).stack ?? err}\n`);
  }
  process.exit(1);
});
