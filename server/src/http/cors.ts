import cors from '@koa/cors';
import type { Middleware } from 'koa';

/**
 * The CORS policy: only the origins named in CORS_ORIGINS (the H5 app's origin when it is
 * served from another host) may call the API from a browser; by default none, as the app is
 * served by this server and the mini programs are not browsers. No cookies are used (the
 * session is a bearer token), so credentials are never allowed and `*` is refused.
 */

/** `https://h5.example.cn` or `http://127.0.0.1:10086`: scheme, host and port, nothing else. */
function isOrigin(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === text;
  } catch {
    return false;
  }
}

/** The allowed origins of the setting, or the entries that are not origins. */
export function parseOrigins(setting: string): { origins: string[]; invalid: string[] } {
  const entries = setting
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { origins: entries.filter(isOrigin), invalid: entries.filter((e) => !isOrigin(e)) };
}

export function corsPolicy(setting: string): Middleware {
  const allowed = new Set(parseOrigins(setting).origins);
  return cors({
    // An origin not on the list gets no CORS headers at all, so the browser keeps the answer from it.
    origin: (ctx) => (allowed.has(ctx.get('Origin')) ? ctx.get('Origin') : ''),
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Accept-Language', 'X-Request-Id'],
    exposeHeaders: ['Retry-After', 'X-Request-Id', 'Content-Disposition'],
    credentials: false,
    maxAge: 600,
  }) as Middleware;
}
