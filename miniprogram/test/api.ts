// Page tests answer the app's requests from a table of routes, the way the server would:
// each route returns [status, body]; `offline()` makes every request fail as with no network.
import { network, recorded, resetTaro, type RequestOptions } from './mocks/taro';
import { saveSession } from '../src/state/session';
import { saveSettings } from '../src/state/settings';

export type Route = (body: any, request: RequestOptions) => [number, unknown] | Promise<[number, unknown]>;
export type Routes = Record<string, Route | readonly [number, unknown]>;

export function mockApi(routes: Routes): void {
  network.handle = async (request) => {
    const path = request.url.replace(/^https?:\/\/[^/]+/, '').replace(/^\/api\/v1/, '').split('?')[0];
    const key = `${(request.method ?? 'GET').toUpperCase()} ${path}`;
    const route = routes[key];
    if (!route) return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: `no route ${key} in this test` } } };
    const [statusCode, data] = typeof route === 'function' ? await route(request.data, request) : route;
    return { statusCode, data };
  };
}

/** No network: Taro.request fails the way it does on a phone without signal. */
export function offline(): void {
  network.handle = async () => {
    throw { errMsg: 'request:fail' };
  };
}

export const apiError = (code: string, message: string, fields: Array<{ path: string; code?: string; message: string }> = []) => ({
  error: { code, message, ...(fields.length ? { details: { fields: fields.map((f) => ({ code: 'INVALID_VALUE', ...f })) } } : {}) },
});

/** A fresh app state: logged in as a resident (or another role), Chinese, normal type. */
export function startApp(options: { role?: 'resident' | 'official' | 'reviewer' | 'tracer' | 'checkpoint'; registered?: boolean; lang?: 'zh' | 'en'; elder?: boolean } = {}): void {
  resetTaro();
  saveSession({ token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), accountId: 'acc-1', role: options.role ?? 'resident', registered: options.registered ?? true });
  saveSettings({ lang: options.lang ?? 'zh', elder: options.elder ?? false });
}

export const requests = (method: string, path: string) =>
  recorded.requests.filter((r) => (r.method ?? 'GET').toUpperCase() === method && r.url.replace(/^\/api\/v1/, '').split('?')[0] === path);

export { recorded };
