import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';

/** How the fake answers every request: as documented, or one of the failures a client must survive. */
export type FakeMode = 'ok' | 'busy' | 'rate-limited' | 'slow' | 'malformed' | 'http-500';

/**
 * A local WeChat: GET /sns/jscode2session as auth.code2Session documents it. Codes are one-use
 * and given out by `issueCode`; anything else is 40029. Every session_key it hands out is kept
 * in `sessionKeys`, so tests can check none of them leaves the app.
 */
export class WechatFake {
  mode: FakeMode = 'ok';
  readonly requests: URLSearchParams[] = [];
  readonly sessionKeys: string[] = [];
  private readonly codes = new Map<string, { openid: string; unionid?: string }>();
  private readonly used = new Set<string>();
  private readonly blocked = new Set<string>();
  private server!: Server;
  url = '';

  constructor(
    readonly appId = 'wx-fake-app',
    readonly appSecret = 'wx-fake-secret',
  ) {}

  /** A fresh one-use code for the WeChat user `openid` (what wx.login() gives the mini-program). */
  issueCode(openid: string, unionid?: string): string {
    const code = `wx-${randomBytes(8).toString('hex')}`;
    this.codes.set(code, { openid, ...(unionid ? { unionid } : {}) });
    return code;
  }

  /** A code of a user WeChat considers high-risk (errcode 40226). */
  blockedCode(): string {
    const code = `wx-blocked-${randomBytes(4).toString('hex')}`;
    this.blocked.add(code);
    return code;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections(); // the slow mode's requests are still open
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    if (req.method !== 'GET' || url.pathname !== '/sns/jscode2session') {
      res.writeHead(404).end();
      return;
    }
    const q = url.searchParams;
    this.requests.push(q);
    // WeChat labels its JSON text/plain: the client must not depend on the content type.
    const json = (body: object): void => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(JSON.stringify(body));
    };
    const rid = `rid: ${randomBytes(4).toString('hex')}`;
    switch (this.mode) {
      case 'slow':
        return; // never answers; the client's timeout must fire
      case 'http-500':
        res.writeHead(500, { 'content-type': 'text/html' }).end('<html>500 Internal Server Error</html>');
        return;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'text/plain' }).end('{"openid": "broken');
        return;
      case 'busy':
        return json({ errcode: -1, errmsg: `system error, ${rid}` });
      case 'rate-limited':
        return json({ errcode: 45011, errmsg: `api minute-quota reach limit  mustslower  retry next minute, ${rid}` });
      case 'ok':
        break;
    }
    if (q.get('appid') !== this.appId) return json({ errcode: 40013, errmsg: `invalid appid, ${rid}` });
    if (q.get('secret') !== this.appSecret) return json({ errcode: 40125, errmsg: `invalid appsecret, ${rid}` });
    if (q.get('grant_type') !== 'authorization_code') return json({ errcode: 40002, errmsg: `invalid grant_type, ${rid}` });
    const code = q.get('js_code') ?? '';
    if (this.blocked.has(code)) return json({ errcode: 40226, errmsg: `code blocked, ${rid}` });
    if (this.used.has(code)) return json({ errcode: 40163, errmsg: `code been used, ${rid}` });
    const user = this.codes.get(code);
    if (!user) return json({ errcode: 40029, errmsg: `invalid code, ${rid}` });
    this.codes.delete(code);
    this.used.add(code);
    const sessionKey = randomBytes(16).toString('base64');
    this.sessionKeys.push(sessionKey);
    json({ session_key: sessionKey, openid: user.openid, ...(user.unionid ? { unionid: user.unionid } : {}) });
  }
}

export const startWechatFake = (appId?: string, appSecret?: string) => new WechatFake(appId, appSecret).start();

/** A loopback port with nothing listening on it (an unreachable platform). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
