import { createPrivateKey, createPublicKey, createSign, createVerify, type KeyObject } from 'node:crypto';
import { LoginCodeRefused, PlatformUnavailable, type LoginProvider, type PlatformIdentity } from './types';
import { causeOf } from './wechat';

/** What every signed gateway call needs. */
export interface AlipayGatewayOptions {
  appId: string;
  /** The app's RSA private key: signs every gateway call (RSA2). */
  privateKey: KeyObject;
  /** Alipay's public key: when given, every answer's signature is checked. */
  alipayPublicKey?: KeyObject;
  /** https://openapi.alipay.com/gateway.do, or a local fake in tests. */
  gateway: string;
  timeoutMs: number;
  /**
   * The wall clock of the `timestamp` parameter. Alipay refuses calls whose timestamp is far from
   * its own time, so this is real time, not the app's (possibly manual) clock.
   */
  now?: () => Date;
}

export interface AlipayOptions extends AlipayGatewayOptions {
  /** Also call alipay.user.info.share for the certified real name (needs Alipay's permission). */
  fetchRealName: boolean;
}

/** Reads a key as Alipay hands it out: PEM, or bare base64 (PKCS#8 / PKCS#1 private, SPKI public). */
export function alipayPrivateKey(text: string): KeyObject {
  const pem = text.replace(/\\n/g, '\n').trim();
  if (pem.includes('-----BEGIN')) return createPrivateKey(pem);
  const der = Buffer.from(pem.replace(/\s+/g, ''), 'base64');
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
  }
}

export function alipayPublicKey(text: string): KeyObject {
  const pem = text.replace(/\\n/g, '\n').trim();
  if (pem.includes('-----BEGIN')) return createPublicKey(pem);
  return createPublicKey({ key: Buffer.from(pem.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
}

/** Alipay's string to sign: non-empty parameters but `sign`, sorted by name, `k=v` joined by `&`, unencoded. */
export function alipaySignContent(params: Record<string, string | undefined>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

export function alipaySign(params: Record<string, string | undefined>, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(alipaySignContent(params), 'utf8').sign(privateKey, 'base64');
}

/** 'yyyy-MM-dd HH:mm:ss' in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function shanghaiTimestamp(at: Date): string {
  const iso = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/**
 * The exact text of each top-level member's value of a JSON object text. Alipay signs the
 * response node as the bytes it sent, so it must be cut out of the text, not re-serialised.
 * The text has already been through JSON.parse, so only well-formed input reaches this.
 */
export function rawJsonMembers(text: string): Map<string, string> {
  const members = new Map<string, string>();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const skipString = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const skipValue = () => {
    if (text[i] === '"') return skipString();
    if (text[i] === '{' || text[i] === '[') {
      let depth = 0;
      do {
        const c = text[i];
        if (c === '"') {
          skipString();
          continue;
        }
        if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') depth--;
        i++;
      } while (depth > 0 && i < text.length);
      return;
    }
    while (i < text.length && !',}] \t\r\n'.includes(text[i]!)) i++;
  };
  ws();
  if (text[i] !== '{') return members;
  i++;
  for (;;) {
    ws();
    if (text[i] !== '"') break;
    const keyStart = i;
    skipString();
    const key = JSON.parse(text.slice(keyStart, i)) as string;
    ws();
    i++; // colon
    ws();
    const valueStart = i;
    skipValue();
    members.set(key, text.slice(valueStart, i));
    ws();
    if (text[i] !== ',') break;
    i++;
  }
  return members;
}

type Node = Record<string, unknown>;

/** Alipay's gateway failure, as answered (code, sub_code and their messages). */
export class AlipayGatewayError extends Error {
  constructor(
    readonly code: string,
    readonly subCode: string,
    readonly detail: string,
  ) {
    super(`Alipay ${code}/${subCode}: ${detail}`);
  }
}

/**
 * Alipay mini-program login: alipay.system.oauth.token exchanges the code of my.getAuthCode()
 * for the user id; optionally alipay.user.info.share then reads the certified real name. The
 * access token lives only inside exchange(): it is never kept, logged or returned.
 */
export class AlipayLoginProvider implements LoginProvider {
  readonly platform = 'alipay' as const;

  private readonly gateway: AlipayGateway;

  constructor(private readonly options: AlipayOptions) {
    this.gateway = new AlipayGateway(options);
  }

  async exchange(code: string): Promise<PlatformIdentity> {
    let token: Node;
    try {
      token = await this.gateway.call('alipay.system.oauth.token', { grant_type: 'authorization_code', code });
    } catch (err) {
      if (err instanceof AlipayGatewayError) {
        // isv.code-invalid and its kin (expired, used): the person's code. 40004: a business refusal
        // about this user. Everything else (20000, aop.*, isp.*, our own signature, app id or
        // permissions) is not the person's fault: they can only wait.
        if (/^isv\.code-/i.test(err.subCode) || err.code === '40004') throw new LoginCodeRefused(err.message);
        throw new PlatformUnavailable(err.message);
      }
      throw err;
    }
    // Apps in Alipay's open_id mode get open_id instead of user_id; either is stable for this app.
    const uid = str(token.user_id) || str(token.open_id);
    if (!uid) throw new PlatformUnavailable('Alipay answered no user_id or open_id');
    if (!this.options.fetchRealName) return { platform: 'alipay', uid };
    const accessToken = str(token.access_token);
    if (!accessToken) throw new PlatformUnavailable('Alipay answered no access_token');
    let info: Node;
    try {
      info = await this.gateway.call('alipay.user.info.share', { auth_token: accessToken });
    } catch (err) {
      // The operator asked for the real-name check: logging in without it would skip R3's check.
      if (err instanceof AlipayGatewayError) throw new PlatformUnavailable(`alipay.user.info.share: ${err.message}`);
      throw err;
    }
    const [name, certNo] = [str(info.user_name), str(info.cert_no)];
    // cert_type 0 is the resident ID card; other documents cannot be checked against GB 11643.
    if (str(info.cert_type) === '0' && name && certNo) return { platform: 'alipay', uid, realName: { name, idNumber: certNo } };
    return { platform: 'alipay', uid };
  }
}

/**
 * Alipay's OpenAPI gateway: signed calls (RSA2 over the sorted parameters) whose answers are
 * checked against Alipay's public key, and signed page URLs (page-execute style, GET) that the
 * person's Alipay app opens itself.
 */
export class AlipayGateway {
  constructor(private readonly options: AlipayGatewayOptions) {}

  /**
   * A signed GET URL of the gateway for a page method (alipay.user.certify.open.certify): our
   * server never calls it; the person's Alipay app opens it. Everything in it is visible to
   * whoever sees the URL, so callers put no personal data in `params`.
   */
  pageUrl(method: string, params: Record<string, string>): string {
    return `${this.options.gateway}?${new URLSearchParams(this.signed(method, params)).toString()}`;
  }

  private signed(method: string, params: Record<string, string>): Record<string, string> {
    const all: Record<string, string> = {
      app_id: this.options.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: shanghaiTimestamp((this.options.now ?? (() => new Date()))()),
      version: '1.0',
      ...params,
    };
    all.sign = alipaySign(all, this.options.privateKey);
    return all;
  }

  /** One signed gateway call; answers the response node, throws AlipayGatewayError or PlatformUnavailable. */
  async call(method: string, params: Record<string, string>): Promise<Node> {
    const { gateway, timeoutMs } = this.options;
    const all = this.signed(method, params);
    let status: number;
    let text: string;
    try {
      const res = await fetch(gateway, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', accept: 'application/json' },
        body: new URLSearchParams(all).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      throw new PlatformUnavailable(timedOut ? `Alipay did not answer ${method} within ${timeoutMs} ms` : `Alipay could not be reached: ${causeOf(err)}`);
    }
    if (status !== 200) throw new PlatformUnavailable(`Alipay answered HTTP ${status} to ${method}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new PlatformUnavailable(`Alipay answered ${method} with something that is not JSON`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new PlatformUnavailable(`Alipay answered ${method} with something that is not a JSON object`);
    const nodeName = `${method.replace(/\./g, '_')}_response`;
    const raw = rawJsonMembers(text);
    const name = raw.has(nodeName) ? nodeName : raw.has('error_response') ? 'error_response' : null;
    const node = name ? (parsed as Record<string, unknown>)[name] : undefined;
    if (!name || !node || typeof node !== 'object') throw new PlatformUnavailable(`Alipay answered ${method} without its response node`);
    const n = node as Node;
    const failed = name === 'error_response' || (n.code !== undefined && str(n.code) !== '10000');
    this.verify(method, raw.get(name)!, (parsed as Record<string, unknown>).sign, failed);
    if (failed) throw new AlipayGatewayError(str(n.code) || '?', str(n.sub_code) || '-', str(n.sub_msg) || str(n.msg) || 'no message');
    return n;
  }

  /** RSA2 over the exact text of the response node. A failure may come unsigned (as Alipay's SDKs accept). */
  private verify(method: string, nodeText: string, sign: unknown, failed: boolean): void {
    const key = this.options.alipayPublicKey;
    if (!key) return;
    if (typeof sign !== 'string' || sign === '') {
      if (failed) return;
      throw new PlatformUnavailable(`Alipay answered ${method} without a signature`);
    }
    const check = (content: string) => createVerify('RSA-SHA256').update(content, 'utf8').verify(key, sign, 'base64');
    // Some gateways escape '/' as '\/' in the text they send but sign the unescaped text.
    if (check(nodeText) || (nodeText.includes('\\/') && check(nodeText.replace(/\\\//g, '/')))) return;
    throw new PlatformUnavailable(`Alipay's signature on ${method} does not verify: check ALIPAY_PUBLIC_KEY`);
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
