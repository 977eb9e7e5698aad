import { LoginCodeRefused, PlatformUnavailable, type LoginProvider, type PlatformIdentity } from './types';

export interface WechatOptions {
  appId: string;
  appSecret: string;
  /** https://api.weixin.qq.com, or a local fake in tests. */
  apiBase: string;
  timeoutMs: number;
}

/**
 * errcodes that say nothing about the person's code: WeChat is busy or rate-limiting, or our own
 * app id / secret are wrong. The person can only wait (503); anything else refuses the code.
 */
const NOT_THE_CODE: Record<number, string> = {
  [-1]: 'WeChat is busy (errcode -1)',
  45011: 'WeChat rate limit reached (errcode 45011)',
  40013: 'WeChat refused the app id (errcode 40013): check WECHAT_APP_ID',
  40125: 'WeChat refused the app secret (errcode 40125): check WECHAT_APP_SECRET',
  41002: 'WeChat says the app id is missing (errcode 41002)',
  41004: 'WeChat says the app secret is missing (errcode 41004)',
};

/**
 * WeChat mini-program login: auth.code2Session exchanges the code of wx.login() for the openid.
 * The session_key it also answers is never kept, logged or returned: this app needs no
 * decryption of WeChat user data, and the key must not leave the server anyway.
 */
export class WechatLoginProvider implements LoginProvider {
  readonly platform = 'wechat' as const;

  constructor(private readonly options: WechatOptions) {}

  async exchange(code: string): Promise<PlatformIdentity> {
    const { appId, appSecret, apiBase, timeoutMs } = this.options;
    const query = new URLSearchParams({ appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' });
    const url = `${apiBase.replace(/\/+$/, '')}/sns/jscode2session?${query}`;
    let status: number;
    let text: string;
    try {
      // The signal covers the body too: a server that stalls mid-answer also times out.
      const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
      status = res.status;
      text = await res.text();
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      // The cause is the fetch error (host and reason), never the URL with the secret.
      throw new PlatformUnavailable(timedOut ? `WeChat did not answer within ${timeoutMs} ms` : `WeChat could not be reached: ${causeOf(err)}`);
    }
    if (status !== 200) throw new PlatformUnavailable(`WeChat answered HTTP ${status}`);
    let body: { openid?: unknown; errcode?: unknown; errmsg?: unknown };
    try {
      // WeChat may label the JSON text/plain: read the text, whatever the content type says.
      body = JSON.parse(text);
    } catch {
      throw new PlatformUnavailable('WeChat answered something that is not JSON');
    }
    if (!body || typeof body !== 'object') throw new PlatformUnavailable('WeChat answered something that is not a JSON object');
    // Since late 2022 a success carries no errcode at all; older answers carry errcode 0.
    const errcode = body.errcode === undefined || body.errcode === null ? 0 : Number(body.errcode);
    if (errcode !== 0) {
      const message = typeof body.errmsg === 'string' ? body.errmsg : `errcode ${errcode}`;
      if (Number.isNaN(errcode)) throw new PlatformUnavailable('WeChat answered an errcode that is not a number');
      const notTheCode = NOT_THE_CODE[errcode];
      if (notTheCode) throw new PlatformUnavailable(`${notTheCode}: ${message}`);
      // 40029 invalid code, 40163 code already used, 40226 high-risk user blocked, and the like.
      throw new LoginCodeRefused(`WeChat errcode ${errcode}: ${message}`);
    }
    if (typeof body.openid !== 'string' || body.openid === '') throw new PlatformUnavailable('WeChat answered no openid');
    return { platform: 'wechat', uid: body.openid };
  }
}

/** The network reason of a failed fetch (undici puts it in `cause`), without request details. */
export function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message ?? 'unknown error';
}
