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

/** One identity verification (alipay.user.certify.open.*) as the fake gateway keeps it. */
export interface AlipayFakeCertification {
  certifyId: string;
  outerOrderNo: string;
  bizCode: string;
  identity: { identity_type: string; cert_type: string; cert_name: string; cert_no: string };
  returnUrl: string;
  /** The signed certify page was opened (by the guardian's Alipay, in real life). */
  opened: boolean;
  /** The person's face scan: 'T' passed, 'F' failed; unset while not done (query answers 'F'). */
  passed?: 'T' | 'F';
  /** Alipay no longer knows it (query answers 40004 CERTIFY_ID_EXPIRED). */
  expired?: boolean;
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
 * A local Alipay gateway: POST form-encoded calls of alipay.system.oauth.token,
 * alipay.user.info.share, alipay.user.certify.open.initialize and alipay.user.certify.open.query,
 * and the GET page of alipay.user.certify.open.certify (what the person's Alipay opens). It checks each call's RSA2 signature with the app's public key (as
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
  /** Identity verifications by certify_id. */
  readonly certifications = new Map<string, AlipayFakeCertification>();
  /** ID numbers initialize refuses (40004), as Alipay does for an identity it cannot verify. */
  readonly refusedCertNos = new Set<string>();
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

  /**
   * The person in front of the phone does the face scan of a certify page that was opened:
   * passes ('T') or not ('F'). Throws when the page was never opened, so a test must really
   * open the URL the app was given.
   */
  faceScan(certifyId: string, passed: boolean): void {
    const c = this.certifications.get(certifyId);
    if (!c) throw new Error(`no certification ${certifyId}`);
    if (!c.opened) throw new Error(`the certify page of ${certifyId} was never opened`);
    c.passed = passed ? 'T' : 'F';
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
    if (req.method === 'GET' && req.url?.startsWith('/gateway.do?')) return this.certifyPage(req.url.slice('/gateway.do?'.length), res);
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
    if (method === 'alipay.user.certify.open.initialize') return this.initialize(p, node, res);
    if (method === 'alipay.user.certify.open.query') {
      const biz = this.bizContent(p);
      const c = this.certifications.get(String(biz?.certify_id ?? ''));
      if (!c || c.expired) return this.answer(res, node, { code: '40004', msg: 'Business Failed', sub_code: 'CERTIFY_ID_EXPIRED', sub_msg: '认证已失效' });
      return this.answer(res, node, { code: '10000', msg: 'Success', passed: c.passed ?? 'F', identity_info: '{}', material_info: '{}' });
    }
    return invalid('isv.invalid-method', '不存在的方法名');
  }

  /** biz_content as JSON, or null when it is missing or not a JSON object. */
  private bizContent(p: Record<string, string>): Record<string, unknown> | null {
    try {
      const v = JSON.parse(p.biz_content ?? '') as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  /** alipay.user.certify.open.initialize, with the checks its documentation lists. */
  private initialize(p: Record<string, string>, node: string, res: ServerResponse): void {
    const invalid = (sub_msg: string) => this.answer(res, node, { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-parameter', sub_msg });
    const biz = this.bizContent(p);
    if (!biz) return invalid('biz_content 不是合法的 JSON');
    const identity = biz.identity_param as AlipayFakeCertification['identity'] | undefined;
    const config = biz.merchant_config as { return_url?: string } | undefined;
    if (typeof biz.outer_order_no !== 'string' || !/^[A-Za-z0-9]{1,32}$/.test(biz.outer_order_no)) return invalid('outer_order_no 无效');
    if (!['FACE', 'CERT_PHOTO', 'CERT_PHOTO_FACE', 'SMART_FACE'].includes(String(biz.biz_code))) return invalid('biz_code 无效');
    if (!identity || identity.identity_type !== 'CERT_INFO' || identity.cert_type !== 'IDENTITY_CARD' || !identity.cert_name || !identity.cert_no) return invalid('identity_param 无效');
    if (!config?.return_url) return invalid('merchant_config.return_url 必填');
    if ([...this.certifications.values()].some((c) => c.outerOrderNo === biz.outer_order_no)) {
      return this.answer(res, node, { code: '40004', msg: 'Business Failed', sub_code: 'OUTER_ORDER_NO_DUPLICATE', sub_msg: '商户请求号重复' });
    }
    if (this.refusedCertNos.has(identity.cert_no)) return this.answer(res, node, { code: '40004', msg: 'Business Failed', sub_code: 'CERT_INFO_INVALID', sub_msg: '身份信息无效' });
    const certifyId = randomBytes(16).toString('hex');
    this.certifications.set(certifyId, { certifyId, outerOrderNo: biz.outer_order_no, bizCode: String(biz.biz_code), identity, returnUrl: config.return_url, opened: false });
    return this.answer(res, node, { code: '10000', msg: 'Success', certify_id: certifyId });
  }

  /**
   * GET gateway.do?...method=alipay.user.certify.open.certify...: the page the person's Alipay
   * opens (page-execute). Its query is signed like any call; a page with a bad signature or an
   * unknown certify_id is an error page.
   */
  private certifyPage(query: string, res: ServerResponse): void {
    const p = Object.fromEntries(new URLSearchParams(query)) as Record<string, string>;
    this.requests.push(p);
    const page = (status: number, text: string): void => {
      res.writeHead(status, { 'content-type': 'text/html;charset=utf-8' }).end(`<html><body>${text}</body></html>`);
    };
    if (p.method !== 'alipay.user.certify.open.certify' || p.app_id !== this.appId || p.sign_type !== 'RSA2') return page(400, 'isv.invalid-parameter');
    if (!this.requestSignatureOk(p)) return page(400, 'isv.invalid-signature');
    const c = this.certifications.get(String(this.bizContent(p)?.certify_id ?? ''));
    if (!c || c.expired) return page(400, 'CERTIFY_ID_EXPIRED');
    c.opened = true;
    return page(200, '请本人面对手机，完成刷脸认证');
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
