import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FakeMode } from './wechat-fake';

export interface AlipayFakeUser {
  /** Classic apps get user_id (2088...), apps in open_id mode get open_id. */
  userId?: string;
  openId?: string;
  /** What alipay.user.info.share shares: certified name and document (cert_type 0 = ID card). */
  cert?: { name: string; certNo: string; certType: string };
}

/** A fresh RSA key pair as Alipay hands them out (PEM; the app keeps the private half). */
export function rsaKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * A local Alipay gateway: POST form-encoded calls of alipay.system.oauth.token and
 * alipay.user.info.share. It checks each call's RSA2 signature with the app's public key (as
 * the real gateway does) and signs each answer's response node with its own key pair, whose
 * public half (`publicKey`) the app verifies with. It implements its own signing, so a test
 * against it checks the client's signing rather than agreeing with itself.
 */
export class AlipayFake {
  mode: FakeMode | 'bad-signature' | 'user-info-denied' = 'ok';
  /** Send '/' as '\/' in the text while signing the unescaped text, as some gateways do. */
  escapeSlashes = false;
  readonly requests: Array<Record<string, string>> = [];
  readonly accessTokens: string[] = [];
  readonly publicKey: string;
  private readonly privateKey: KeyObject;
  private readonly otherKey: KeyObject = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  private readonly codes = new Map<string, AlipayFakeUser>();
  private readonly tokens = new Map<string, AlipayFakeUser>();
  private server!: Server;
  url = '';

  constructor(
    private readonly appPublicKey: string,
    readonly appId = '2021000000000001',
  ) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** A fresh one-use auth code for this user (what my.getAuthCode() gives the mini-program). */
  issueCode(user: AlipayFakeUser): string {
    const code = `ali-${randomBytes(8).toString('hex')}`;
    this.codes.set(code, user);
    return code;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/gateway.do`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    if (req.method !== 'POST' || !req.url?.startsWith('/gateway.do')) {
      res.writeHead(404).end();
      return;
    }
    const p = Object.fromEntries(new URLSearchParams(body)) as Record<string, string>;
    this.requests.push(p);
    const method = p.method ?? '';
    const node = `${method.replace(/\./g, '_')}_response`;
    switch (this.mode) {
      case 'slow':
        return;
      case 'http-500':
        res.writeHead(502, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>');
        return;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' }).end(`{"${node}":{"user_id":"2088`);
        return;
      case 'busy':
        return this.answer(res, 'error_response', { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' });
      default:
        break;
    }
    const invalid = (sub_code: string, sub_msg: string) => this.answer(res, 'error_response', { code: '40002', msg: 'Invalid Arguments', sub_code, sub_msg });
    if (p.app_id !== this.appId) return invalid('isv.invalid-app-id', '无效的AppID参数');
    if (p.sign_type !== 'RSA2' || p.charset !== 'utf-8' || p.format !== 'JSON' || p.version !== '1.0') return invalid('isv.invalid-parameter', '参数无效');
    if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(p.timestamp ?? '')) return invalid('isv.invalid-timestamp', '非法的时间戳参数');
    if (!this.requestSignatureOk(p)) return invalid('isv.invalid-signature', '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配');

    if (method === 'alipay.system.oauth.token') {
      if (p.grant_type !== 'authorization_code') return invalid('isv.grant-type-invalid', 'grant_type参数不正确');
      const user = this.codes.get(p.code ?? '');
      if (!user) return invalid('isv.code-invalid', '授权码code无效');
      this.codes.delete(p.code!);
      const accessToken = `authusrB${randomBytes(16).toString('hex')}/x+${randomBytes(4).toString('hex')}`;
      this.accessTokens.push(accessToken);
      this.tokens.set(accessToken, user);
      return this.answer(res, node, {
        access_token: accessToken,
        auth_start: p.timestamp,
        expires_in: 1296000,
        re_expires_in: 2592000,
        refresh_token: `authusrB${randomBytes(16).toString('hex')}`,
        ...(user.userId ? { user_id: user.userId } : {}),
        ...(user.openId ? { open_id: user.openId } : {}),
      });
    }
    if (method === 'alipay.user.info.share') {
      if (this.mode === 'user-info-denied') {
        return this.answer(res, node, { code: '40006', msg: 'Insufficient Permissions', sub_code: 'isv.insufficient-isv-permissions', sub_msg: 'ISV权限不足，建议在开发者中心检查对应功能是否已经添加' });
      }
      const user = this.tokens.get(p.auth_token ?? '');
      if (!user) return this.answer(res, node, { code: '20001', msg: 'Insufficient Token Permissions', sub_code: 'aop.invalid-auth-token', sub_msg: '无效的访问令牌' });
      return this.answer(res, node, {
        code: '10000',
        msg: 'Success',
        ...(user.userId ? { user_id: user.userId } : {}),
        ...(user.openId ? { open_id: user.openId } : {}),
        avatar: 'https://tfs.alipayobjects.com/images/partner/fake.png',
        nick_name: 'fake',
        ...(user.cert ? { user_name: user.cert.name, cert_no: user.cert.certNo, cert_type: user.cert.certType, is_certified: 'T' } : { is_certified: 'F' }),
      });
    }
    return invalid('isv.invalid-method', '不存在的方法名');
  }

  /** The gateway's own check: SHA256withRSA over the sorted non-empty parameters but sign. */
  private requestSignatureOk(p: Record<string, string>): boolean {
    if (!p.sign) return false;
    const content = Object.keys(p)
      .filter((k) => k !== 'sign' && p[k] !== '')
      .sort()
      .map((k) => `${k}=${p[k]}`)
      .join('&');
    return createVerify('sha256').update(content).verify(this.appPublicKey, p.sign, 'base64');
  }

  private answer(res: ServerResponse, node: string, value: object): void {
    const signed = JSON.stringify(value);
    const sent = this.escapeSlashes ? signed.replace(/\//g, '\\/') : signed;
    const key = this.mode === 'bad-signature' ? this.otherKey : this.privateKey;
    const sign = createSign('sha256').update(signed).sign(key, 'base64');
    // Alipay puts the node first and the signature after it, with text/html as its content type.
    res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' }).end(`{"${node}":${sent},"sign":"${sign}"}`);
  }
}

export const startAlipayFake = (appPublicKey: string, appId?: string) => new AlipayFake(appPublicKey, appId).start();
