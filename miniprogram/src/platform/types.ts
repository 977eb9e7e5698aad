/**
 * What differs between WeChat, Alipay and a plain browser, behind one interface. Pages and
 * services import `platform` from './index' and never call wx / my / window directly.
 */
export type PlatformName = 'weapp' | 'alipay' | 'h5';

/** The platform value the server's login expects for this build. */
export type LoginPlatform = 'wechat' | 'alipay' | 'dev';

export interface BinaryRequest {
  url: string;
  headers: Record<string, string>;
  /** The file name offered when the platform saves through a download (H5). */
  fileName: string;
}

export interface Platform {
  readonly name: PlatformName;
  readonly loginPlatform: LoginPlatform;
  /** A one-time login code from the platform (wx.login / my.getAuthCode); H5 passes its user id. */
  loginCode(h5UserId?: string): Promise<string>;
  /** Opens the scanner; resolves with the text read, or null when the person cancelled. */
  scan(): Promise<string | null>;
  /** Downloads an image with the session's headers and saves it to the album (or a file on H5). */
  saveImage(request: BinaryRequest): Promise<void>;
  /** A short spoken prompt where the platform can speak; silent otherwise. */
  speak(text: string, lang: 'zh' | 'en'): void;
  /** Secure random bytes for the device key (R5). */
  randomBytes(n: number): Uint8Array;
}

/** The person cancelled a platform dialog (scanner, album permission): not an error to show. */
export class PlatformCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'PlatformCancelled';
  }
}
