import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

export interface FakeVerification {
  openid: string;
  name: string;
  idNumber: string;
  /** 0: passed. */
  identifyRet?: number;
  /** Unix seconds. */
  identifyTime: number;
}

/**
 * A local WeChat for face verification: GET /cgi-bin/token (client_credential) and POST
 * /cityservice/face/identify/getinfo?access_token=... with {"verify_result"}, answering as the
 * documentation says (MD5 of the ID number and of the name, never the numbers themselves).
 */
export class WechatFaceFake {
  mode: 'ok' | 'http-500' | 'busy' = 'ok';
  readonly appId = 'wx-face-app';
  readonly appSecret = 'wx-face-secret';
  url = '';
  tokenRequests = 0;
  getInfoRequests = 0;
  private readonly verifications = new Map<string, FakeVerification>();
  private readonly tokens = new Set<string>();
  private server!: Server;

  /** What wx.startFacialRecognitionVerify hands the mini program after a check. */
  verify(v: FakeVerification): string {
    const verifyResult = `vr-${randomBytes(12).toString('hex')}`;
    this.verifications.set(verifyResult, v);
    return verifyResult;
  }

  /** WeChat expired every access token (errcode 42001 on the next call). */
  expireTokens(): void {
    this.tokens.clear();
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // WeChat labels its JSON text/plain.
    const json = (body: object) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(JSON.stringify(body));
    };
    if (this.mode === 'http-500') {
      res.writeHead(500).end('<html>500</html>');
      return;
    }
    if (this.mode === 'busy') return json({ errcode: -1, errmsg: 'system error' });
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      this.tokenRequests += 1;
      const q = url.searchParams;
      if (q.get('grant_type') !== 'client_credential' || q.get('appid') !== this.appId || q.get('secret') !== this.appSecret) return json({ errcode: 40125, errmsg: 'invalid appsecret' });
      const token = `at-${randomBytes(8).toString('hex')}`;
      this.tokens.add(token);
      return json({ access_token: token, expires_in: 7200 });
    }
    if (req.method === 'POST' && url.pathname === '/cityservice/face/identify/getinfo') {
      this.getInfoRequests += 1;
      if (!this.tokens.has(url.searchParams.get('access_token') ?? '')) return json({ errcode: 42001, errmsg: 'access_token expired' });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { verify_result?: string };
      const v = this.verifications.get(body.verify_result ?? '');
      if (!v) return json({ errcode: 84001, errmsg: 'invalid identify id' });
      return json({
        errcode: 0,
        errmsg: 'ok',
        identify_ret: v.identifyRet ?? 0,
        identify_time: v.identifyTime,
        validate_data: '3,2,1',
        openid: v.openid,
        user_id_key: 'uik',
        finish_time: v.identifyTime,
        id_card_number_md5: md5(v.idNumber),
        name_utf8_md5: md5(v.name),
      });
    }
    res.writeHead(404).end();
  }
}
