import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Context, Next } from 'koa';
import { send } from '@koa/send';

/**
 * The built H5 app (miniprogram/dist/h5) at `/`, after every API route: a path the routers
 * answered never reaches here, and /api/..., /docs, /openapi.json and /.well-known/... are
 * never looked up on disk, so an unknown API path keeps its JSON 404. The app uses the hash
 * router, so there is no fallback to index.html for other paths.
 */

/** Paths that belong to the API, never to the app's files. */
const API_PREFIXES = ['/api/', '/docs', '/openapi.json', '/.well-known/', '/healthz', '/readyz'];

/** webpack's content hash in the name (js/app.2bd604f0.js, css/app.70cb8b4e.css, static/images/x.1a2b3c4d.png). */
const HASHED = /\.[0-9a-f]{8,}\.(js|css|png|jpe?g|gif|svg|webp|woff2?|ttf|eot)$/;

const YEAR_SECONDS = 365 * 24 * 3600;

/** The repository root: the nearest folder up from here whose package.json lists workspaces. */
export function repoRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        if (JSON.parse(readFileSync(file, 'utf8')).workspaces) return dir;
      } catch {
        // not ours: keep walking
      }
    }
    if (dirname(dir) === dir) return process.cwd();
  }
}

export function resolveAppDir(setting: string): string {
  return isAbsolute(setting) ? setting : resolve(repoRoot(), setting);
}

/** sha256 sources of the inline <script> and <style> elements of a page. */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]).filter((s) => s.length > 0);
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);
  return { scripts: scripts.map(hash), styles: styles.map(hash) };
}

/**
 * The app page's policy. Scripts: this origin, plus the inline rem-size script of Taro's
 * index.html by its hash. Styles: Taro's H5 components (Stencil) and router add <style>
 * elements at run time, which no hash known in advance covers, hence 'unsafe-inline' for
 * styles only (a style cannot run code). Images: the QR is a data: URL, a chosen picture is
 * read through a blob: URL. Media: the scanner's camera stream (blob:). Requests: the API on
 * this origin only.
 */
export function appCsp(html: string): string {
  const { scripts, styles } = inlineHashes(html);
  return [
    "default-src 'none'",
    ["script-src 'self'", ...scripts].join(' '),
    ["style-src 'self' 'unsafe-inline'", ...styles].join(' '),
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Shown at / when the app has not been built: the API runs all the same. */
const NOT_BUILT_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Health Code: the app is not built</title></head>
<body>
<h1>健康码 Health Code</h1>
<p>The API is running (<a href="/docs">/docs</a>), but the H5 app has not been built.</p>
<p>Build it with <code>npm run build:h5 -w miniprogram</code> (about a minute), then reload this page;
or stop the server and run <code>npm start</code>, which builds it when it is missing.</p>
<p>应用尚未构建：运行 <code>npm run build:h5 -w miniprogram</code> 后刷新本页。</p>
</body></html>
`;
const NOT_BUILT_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

interface IndexPage {
  mtimeMs: number;
  size: number;
  body: string;
  csp: string;
  etag: string;
}

export function appStatic(appDir: string) {
  const root = resolve(appDir);
  const indexFile = join(root, 'index.html');
  let index: IndexPage | null = null;

  /** Read at the first request and again whenever the build rewrites it (dev:h5 --watch). */
  function readIndex(): IndexPage | null {
    let stats;
    try {
      stats = statSync(indexFile);
    } catch {
      index = null;
      return null;
    }
    if (!index || index.mtimeMs !== stats.mtimeMs || index.size !== stats.size) {
      const body = readFileSync(indexFile, 'utf8');
      index = { mtimeMs: stats.mtimeMs, size: stats.size, body, csp: appCsp(body), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    }
    return index;
  }

  /** Mounted last: it sees only what no route answered. */
  return async function serveApp(ctx: Context, next: Next): Promise<void> {
    if (ctx.body !== undefined || ctx.status !== 404) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (API_PREFIXES.some((p) => ctx.path === p.replace(/\/$/, '') || ctx.path.startsWith(p))) return next();

    if (ctx.path === '/' || ctx.path === '/index.html') {
      const page = readIndex();
      ctx.set('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
      if (!page) {
        ctx.set('Content-Security-Policy', NOT_BUILT_CSP);
        ctx.set('Cache-Control', 'no-store');
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = NOT_BUILT_HTML;
        return;
      }
      ctx.set('Content-Security-Policy', page.csp);
      // Always asked again, so a new build's asset names are picked up at once.
      ctx.set('Cache-Control', 'no-cache');
      ctx.set('ETag', page.etag);
      ctx.status = 200;
      if (ctx.fresh) {
        ctx.status = 304;
        return;
      }
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = page.body;
      return;
    }

    // Named by their content: the same name is the same bytes forever.
    ctx.set('Cache-Control', HASHED.test(ctx.path) ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache');
    try {
      // resolve-path (inside send) refuses a path that leaves the root; dotfiles are never served.
      await send(ctx, ctx.path, { root, index: false, hidden: false, gzip: false, brotli: false });
    } catch (err) {
      const status = (err as { status?: number }).status;
      // Outside the root (403), undecodable (400) or missing (404): the envelope's plain 404.
      if (status === 400 || status === 403 || status === 404) {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = undefined;
        ctx.status = 404;
        return;
      }
      throw err;
    }
    if (ctx.body === undefined) {
      ctx.set('Cache-Control', 'no-store');
      return;
    }
    if (ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
    }
  };
}
