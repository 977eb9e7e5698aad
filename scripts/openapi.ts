/**
 * Writes the OpenAPI document of the production route table (no development routes):
 *   npm run openapi                   -> docs/openapi.json
 *   npm run -s openapi -- out.json    (or - for stdout)
 * The same document is served live at /openapi.json (with the development routes outside
 * production) and browsable at /docs.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../server/src/config';
import { openDatabase } from '../server/src/db/knex';
import { createLogger } from '../server/src/lib/logger';
import { systemClock } from '../server/src/lib/clock';
import { DataCrypto } from '../server/src/lib/data-crypto';
import { createServices } from '../server/src/services';
import { buildRoutes } from '../server/src/routes';
import { buildOpenApiDocument } from '../server/src/openapi/document';
import type { Deps } from '../server/src/deps';
import serverPackage from '../server/package.json';

async function main(argv: string[]): Promise<number> {
  const out = argv[0] ?? 'docs/openapi.json';
  // Throwaway secrets and a database never queried: only the route table is wanted. Settings
  // are read as in development (production ones would need real gateways), then marked
  // production so that development-only routes are left out, as a production server would.
  const key = () => randomBytes(32).toString('base64');
  const settings = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: randomBytes(48).toString('base64'), DATA_KEY: key(), HASH_KEY: key(), DATABASE_URL: 'sqlite::memory:' });
  const config = { ...settings, NODE_ENV: 'production' as const, DEMO_DATA: false };
  const db = openDatabase(config.DATABASE_URL, 1);
  try {
    const deps: Deps = {
      config,
      db,
      logger: createLogger('silent'),
      clock: systemClock,
      crypto: new DataCrypto(config.DATA_KEY, config.HASH_KEY),
      loginProviders: {},
      sms: { sendCode: async () => {} },
    };
    const routes = buildRoutes(createServices(deps), deps);
    const text = `${JSON.stringify(buildOpenApiDocument(routes, { version: serverPackage.version }), null, 2)}\n`;
    if (out === '-') {
      // Wait for the pipe to take it all: process.exit() would cut a long write short.
      await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
    } else {
      mkdirSync(dirname(resolve(out)), { recursive: true });
      writeFileSync(out, text);
      process.stderr.write(`OpenAPI document of ${routes.length} routes written to ${out}\n`);
    }
    return 0;
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
