/** The login platforms, behind one interface: WeChat (code2Session), Alipay (oauth.token), dev. */
export type Platform = 'wechat' | 'alipay' | 'dev';
export const PLATFORMS: readonly Platform[] = ['wechat', 'alipay', 'dev'];

export interface PlatformIdentity {
  platform: Platform;
  /** The platform's stable user id for this app (WeChat openid, Alipay user_id/open_id). */
  uid: string;
  /**
   * The real-name record the platform holds and shares with this app, when it does (Alipay's
   * certified user info; the dev platform's own records). WeChat's code2Session shares none.
   */
  realName?: { name: string; idNumber: string };
}

export interface LoginProvider {
  readonly platform: Platform;
  /** Exchanges the code from wx.login / my.getAuthCode for the platform identity. */
  exchange(code: string): Promise<PlatformIdentity>;
}

/** Errors a provider throws: the platform refused the code, or could not be reached. */
export class LoginCodeRefused extends Error {
  constructor(readonly platformMessage: string) {
    super('login code refused');
  }
}
export class PlatformUnavailable extends Error {}

export interface SmsProvider {
  /** Sends the one-time code; throws PlatformUnavailable when the gateway cannot be reached. */
  sendCode(phone: string, code: string, ttlMinutes: number): Promise<void>;
}
