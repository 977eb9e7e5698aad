import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestContext, type TestContext } from './helpers/context';

/**
 * The built H5 app beside the API: a small stand-in build in a temporary folder (the real
 * one is checked by the browser tests), with a secret file just outside it.
 */
const Rem = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
const INDEX = `<!doctype html><html><head><meta charset="utf-8"><script>${Rem}</script><script defer="defer" src="/js/app.2bd604f0.js"></script><link href="/css/app.70cb8b4e.css" rel="stylesheet"></head><body><div id="app"></div></body></html>`;

let base: string;
let appDir: string;
let t: TestContext;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'hc-app-'));
  appDir = join(base, 'h5');
  mkdirSync(join(appDir, 'js'), { recursive: true });
  mkdirSync(join(appDir, 'css'));
  writeFileSync(join(appDir, 'index.html'), INDEX);
  writeFileSync(join(appDir, 'js', 'app.2bd604f0.js'), 'console.log("app")');
  writeFileSync(join(appDir, 'js', 'app.2bd604f0.js.LICENSE.txt'), 'MIT');
  writeFileSync(join(appDir, 'css', 'app.70cb8b4e.css'), 'body{margin:0}');
  writeFileSync(join(appDir, '.env'), 'SECRET=in-the-app-folder');
  writeFileSync(join(base, 'secret.txt'), 'SECRET=outside-the-app-folder');
  t = await createTestContext({ env: { APP_DIR: appDir } });
});
afterAll(async () => {
  await t.close();
  rmSync(base, { recursive: true, force: true });
});

function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe('the H5 app is served at / beside the API', () => {
  it('serves index.html with a strict CSP that allows its inline script by hash only', async () => {
    const res = await t.request().get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toBe(INDEX);
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = directives(res.headers['content-security-policy']);
    const hash = `'sha256-${createHash('sha256').update(Rem).digest('base64')}'`;
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'", hash]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-eval/);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // /index.html is the same page, and an unchanged page answers 304 to its ETag.
    const again = await t.request().get('/index.html').set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
  });

  it('serves hashed scripts and styles as immutable for a year, other files revalidated', async () => {
    const js = await t.request().get('/js/app.2bd604f0.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.text).toBe('console.log("app")');
    const css = await t.request().get('/css/app.70cb8b4e.css');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const licence = await t.request().get('/js/app.2bd604f0.js.LICENSE.txt');
    expect(licence.status).toBe(200);
    expect(licence.headers['cache-control']).toBe('no-cache');
  });

  it('leaves the API routes as they were', async () => {
    const health = await t.request().get('/healthz');
    expect(health.body).toEqual({ status: 'ok' });
    // The API keeps its own headers: the app page's policy is for the page alone.
    expect(health.headers['content-security-policy'] ?? '').not.toMatch(/script-src/);
    expect(health.headers['cache-control']).toBe('no-store');
    const jwks = await t.request().get('/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(Array.isArray(jwks.body.keys)).toBe(true);
    expect((await t.request().get('/openapi.json')).body.openapi).toMatch(/^3\./);
    const docs = await t.request().get('/docs');
    expect(docs.text).toContain('swagger-ui');
    // An unknown API path keeps its JSON 404: no file is looked up for it.
    const unknown = await t.request().get('/api/v1/nowhere');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ROUTE_NOT_FOUND');
    const wrongMethod = await t.request().post('/healthz');
    expect(wrongMethod.status).toBe(405);
    const api = await t.request().get('/api/v1/me');
    expect(api.status).toBe(401);
  });

  it('answers a missing file with the plain 404 and no fallback to index.html (hash router)', async () => {
    const missing = await t.request().get('/pages/index/index');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(missing.headers['cache-control']).toBe('no-store');
    expect((await t.request().get('/js/')).status).toBe(404);
  });

  it('refuses paths that leave the app folder, and dotfiles', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/js/..%2f..%2fsecret.txt', '/js/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt', '/%00index.html', '/.env', '/js/%2e%2e/.env']) {
      const res = await t.request().get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.text).not.toContain('SECRET=');
    }
    // The same paths sent as written (a URL parser would tidy the dot segments away first).
    const server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      for (const path of ['/../secret.txt', '/js/../../secret.txt', '/%2e%2e/secret.txt', '/js/%2e%2e/%2e%2e/secret.txt']) {
        const answer = await rawGet(port, path);
        expect({ path, status: answer.status }).toEqual({ path, status: 404 });
        expect(answer.body).not.toContain('SECRET=');
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('runs the API without a built app and says at / how to build it', async () => {
    const bare = await createTestContext({ env: { APP_DIR: join(base, 'not-built') } });
    try {
      const res = await bare.request().get('/');
      expect(res.status).toBe(200);
      expect(res.text).toContain('npm run build:h5 -w miniprogram');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect((await bare.request().get('/healthz')).body).toEqual({ status: 'ok' });
      expect((await bare.request().get('/js/app.2bd604f0.js')).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
