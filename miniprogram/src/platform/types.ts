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
  /**
   * The platform's face verification of a relative, on the guardian's phone (R24). Resolves
   * with what to send as `faceCheckToken` when binding; the server alone decides whether it
   * passed. Throws PlatformCancelled when the person stopped it.
   */
  faceCheck(input: FaceCheckInput): Promise<string>;
}

/** Whom to check, and how to start a check the server must begin itself (Alipay). */
export interface FaceCheckInput {
  name: string;
  idNumber: string;
  /** POST /me/relatives/face-checks: only the platforms whose check the server starts call it. */
  startOnServer(): Promise<{ faceCheckId: string; certifyId: string; certifyUrl: string }>;
}

/** The platform's face verification stopped without an answer to send (no camera, no permission, ...). */
export class FaceCheckIncomplete extends Error {
  constructor(readonly detail: string) {
    super(`face check incomplete: ${detail}`);
    this.name = 'FaceCheckIncomplete';
  }
}

/** The person cancelled a platform dialog (scanner, album permission): not an error to show. */
export class PlatformCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'PlatformCancelled';
  }
}
