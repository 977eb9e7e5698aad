import { createHash } from 'node:crypto';
import { normaliseIdNumber } from '@health-code/shared';
import { FaceCheckUnavailable, type FaceCheckOutcome, type FaceCheckRequest } from './types';

export interface WechatFaceCheckOptions {
  /** https://api.weixin.qq.com (WECHAT_API_BASE); a local fake in tests. */
  apiBase: string;
  appId: string;
  appSecret: string;
  /** How old a verification may be when the bind arrives. */
  maxAgeSeconds?: number;
  timeoutMs?: number;
}

interface GetInfoAnswer {
  errcode?: number;
  errmsg?: string;
  /** 0: the face matched the identity the mini program asked for. */
  identify_ret?: number;
  /** Unix seconds. */
  identify_time?: number;
  openid?: string;
  id_card_number_md5?: string;
  name_utf8_md5?: string;
}

/** Access-token errors: fetch a new token and ask once more. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * WeChat face verification (人脸核身). The mini program calls wx.startFacialRecognitionVerify
 * with the relative's name and ID number and gets a verifyResult; the server asks WeChat what
 * it was: POST {apiBase}/cityservice/face/identify/getinfo?access_token=... with
 * {"verify_result"}, which answers identify_ret (0: passed), identify_time, the openid of the
 * phone's user, and the MD5 of the ID number and of the name that were verified.
 */
export class WechatFaceCheck {
  private accessToken: { value: string; expiresAt: number } | null = null;

  constructor(private readonly opts: WechatFaceCheckOptions) {}

  async confirm(request: FaceCheckRequest): Promise<FaceCheckOutcome> {
    let info = await this.getInfo(request.token, request.now);
    if (info.errcode && TOKEN_ERRORS.has(info.errcode)) {
      this.accessToken = null;
      info = await this.getInfo(request.token, request.now);
    }
    if (info.errcode === -1) throw new FaceCheckUnavailable(`WeChat busy: ${info.errmsg ?? ''}`);
    if (info.errcode) return { status: 'refused', reason: 'unknown-token' };
    if (info.identify_ret !== 0) return { status: 'refused', reason: 'not-passed' };
    if (info.openid !== request.platformUid) return { status: 'refused', reason: 'other-account' };
    const idMatches = info.id_card_number_md5?.toLowerCase() === md5(normaliseIdNumber(request.idNumber));
    const nameMatches = info.name_utf8_md5?.toLowerCase() === md5(request.name);
    if (!idMatches || !nameMatches) return { status: 'refused', reason: 'identity-mismatch' };
    const ageSeconds = request.now.getTime() / 1000 - Number(info.identify_time);
    if (!Number.isFinite(ageSeconds) || ageSeconds > (this.opts.maxAgeSeconds ?? 1800) || ageSeconds < -300) return { status: 'refused', reason: 'expired' };
    return { status: 'confirmed', provider: 'wechat', reference: sha256(request.token).slice(0, 40) };
  }

  private async getInfo(verifyResult: string, now: Date): Promise<GetInfoAnswer> {
    const token = await this.token(now);
    return this.call(`/cityservice/face/identify/getinfo?access_token=${encodeURIComponent(token)}`, { method: 'POST', body: JSON.stringify({ verify_result: verifyResult }) });
  }

  /** The app's access token (GET /cgi-bin/token), kept until five minutes before it expires. */
  private async token(now: Date): Promise<string> {
    if (this.accessToken && this.accessToken.expiresAt > now.getTime()) return this.accessToken.value;
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: this.opts.appId, secret: this.opts.appSecret });
    const answer = await this.call<{ access_token?: string; expires_in?: number; errcode?: number }>(`/cgi-bin/token?${query}`, { method: 'GET' });
    if (!answer.access_token) throw new FaceCheckUnavailable(`WeChat refused the access token request (errcode ${answer.errcode ?? '?'})`);
    this.accessToken = { value: answer.access_token, expiresAt: now.getTime() + Math.max(60, (answer.expires_in ?? 7200) - 300) * 1000 };
    return answer.access_token;
  }

  private async call<T = GetInfoAnswer>(path: string, init: { method: string; body?: string }): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.opts.apiBase.replace(/\/$/, '')}${path}`, {
        ...init,
        headers: init.body ? { 'Content-Type': 'application/json' } : undefined,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
      });
    } catch (err) {
      throw new FaceCheckUnavailable(`WeChat unreachable: ${(err as Error).name}`);
    }
    if (!res.ok) throw new FaceCheckUnavailable(`WeChat answered HTTP ${res.status}`);
    try {
      return (await res.json()) as T;
    } catch {
      throw new FaceCheckUnavailable('WeChat answered something that is not JSON');
    }
  }
}
