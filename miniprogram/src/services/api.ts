import Taro from '@tarojs/taro';
import { platform, type BinaryRequest } from '../platform';
import { readSession, saveSession, clearSession, type Session } from '../state/session';
import { readSettings } from '../state/settings';
import { storage } from '../state/storage';

/** One field the server refused, with its message in the person's language. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** Every failure the app shows: the server's envelope, or the network's absence. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** No answer at all: the app keeps what it cached and says since when. */
  get offline(): boolean {
    return this.status === 0;
  }
  fieldMessage(path: string): string | undefined {
    return this.fields.find((f) => f.path === path || f.path.startsWith(`${path}.`))?.message;
  }
}

export const API_PREFIX = '/api/v1';
const H5_USER_KEY = 'hc.h5User';

function base(): string {
  return typeof HC_API_BASE === 'string' ? HC_API_BASE : '';
}

export function apiUrl(path: string): string {
  return `${base()}${path.startsWith('/.well-known') ? '' : API_PREFIX}${path}`;
}

function headers(session: Session | null): Record<string, string> {
  const lang = readSettings().lang === 'en' ? 'en-US' : 'zh-CN';
  return {
    // Alipay sends form data unless told otherwise.
    'content-type': 'application/json',
    'accept-language': lang,
    ...(session ? { authorization: `Bearer ${session.token}` } : {}),
  };
}

interface Options {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Public routes need no login. */
  anonymous?: boolean;
}

function withQuery(path: string, query?: Options['query']): string {
  const pairs = Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== '');
  if (pairs.length === 0) return path;
  return `${path}?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`;
}

function toError(status: number, data: unknown): ApiError {
  const error = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })?.error;
  if (error?.code) {
    const fields = Array.isArray(error.details?.fields) ? (error.details!.fields as FieldError[]) : [];
    return new ApiError(status, error.code, error.message ?? error.code, fields, error.details ?? {});
  }
  return new ApiError(status, 'UNEXPECTED_ANSWER', `HTTP ${status}`);
}

async function send<T>(path: string, options: Options, session: Session | null): Promise<{ status: number; data: T }> {
  try {
    const answer = await Taro.request<T>({
      url: apiUrl(withQuery(path, options.query)),
      method: options.method ?? 'GET',
      data: options.body as never,
      header: headers(session),
      dataType: 'json',
      timeout: 15_000,
    });
    return { status: answer.statusCode, data: answer.data };
  } catch {
    throw new ApiError(0, 'NETWORK', readSettings().lang === 'en' ? 'The network is not available' : '网络不可用，请检查网络后重试');
  }
}

let loggingIn: Promise<Session> | null = null;

/**
 * Logs in through the platform (wx.login / my.getAuthCode; on H5 the browser's user id).
 * Silent: sessions are short (30 min), so the wrapper does this again whenever one runs out.
 */
export function login(h5UserId?: string): Promise<Session> {
  if (h5UserId) storage.set(H5_USER_KEY, h5UserId);
  loggingIn ??= (async () => {
    const code = await platform.loginCode(storage.get<string>(H5_USER_KEY));
    const { status, data } = await send<{ token: string; expiresAt: string; account: { id: string; role: Session['role']; registered: boolean } }>(
      '/auth/login',
      { method: 'POST', body: { platform: platform.loginPlatform, code } },
      null,
    );
    if (status >= 400) throw toError(status, data);
    const session: Session = { token: data.token, expiresAt: data.expiresAt, accountId: data.account.id, role: data.account.role, registered: data.account.registered };
    saveSession(session);
    return session;
  })().finally(() => {
    loggingIn = null;
  });
  return loggingIn;
}

export function logout(): void {
  clearSession();
  storage.remove(H5_USER_KEY);
}

/** The one request wrapper: session, language, error envelope, and one silent re-login on 401. */
export async function request<T>(path: string, options: Options = {}): Promise<T> {
  let session = options.anonymous ? null : readSession() ?? (await login());
  let answer = await send<T>(path, options, session);
  if (answer.status === 401 && !options.anonymous) {
    clearSession();
    session = await login();
    answer = await send<T>(path, options, session);
  }
  if (answer.status >= 400) throw toError(answer.status, answer.data);
  return answer.data;
}

export const api = {
  get: <T>(path: string, query?: Options['query'], anonymous = false) => request<T>(path, { query, anonymous }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  delete: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
};

/** A binary download (poster, offline code) with the session, for platform.saveImage. */
export async function binaryRequest(path: string, fileName: string): Promise<BinaryRequest> {
  const session = readSession() ?? (await login());
  const { authorization, 'accept-language': lang } = headers(session);
  return { url: apiUrl(path), headers: { authorization, 'accept-language': lang }, fileName };
}

/** Keeps the session fresh after a registration answered with a new token. */
export function adoptToken(token: string, expiresAt: string): void {
  const session = readSession();
  if (session) saveSession({ ...session, token, expiresAt, registered: true });
}
