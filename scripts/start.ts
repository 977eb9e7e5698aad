/**
 * `npm start`: builds the H5 app once when it has not been built (about a minute, on the first
 * start only), then starts the server, which serves it at / beside the API. A failed build is
 * reported and the API starts all the same (its / page says how to build the app).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const DEFAULT_APP_DIR = 'miniprogram/dist/h5';

function ensureAppBuilt(): void {
  const setting = process.env.APP_DIR || DEFAULT_APP_DIR;
  const appDir = resolve(root, setting);
  if (existsSync(join(appDir, 'index.html'))) return;
  // Another folder was chosen: it is someone else's build, not ours to make.
  if (appDir !== resolve(root, DEFAULT_APP_DIR) || !existsSync(join(root, 'miniprogram', 'package.json'))) {
    process.stdout.write(`The H5 app is not in ${appDir}: the server starts with the API only.\n`);
    return;
  }
  process.stdout.write('The H5 app has not been built yet: building it now (about a minute, first start only)...\n');
  const started = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build:h5', '-w', 'miniprogram'], { cwd: root, stdio: 'inherit' });
  if (build.status === 0) {
    process.stdout.write(`H5 app built in ${Math.round((Date.now() - started) / 1000)} s.\n`);
  } else {
    process.stderr.write('The H5 build failed (see above): the server starts with the API only. Retry with `npm run build:h5 -w miniprogram`.\n');
  }
}

ensureAppBuilt();
// The server's own entry point: config, database, demo data, listen.
require('../server/src/main');
