import type { Config } from '../../config';
import { AlipayGateway, alipayPrivateKey, alipayPublicKey } from '../../auth/providers/alipay';
import type { DataCrypto } from '../../lib/data-crypto';
import type { FaceChecksRepository } from '../face-checks.repository';
import { AlipayFaceCheck } from './alipay';
import { DevFaceCheckProvider } from './dev';
import { WechatFaceCheck } from './wechat';
import type { FaceCheckOutcome, FaceCheckProvider, FaceCheckRequest, FaceCheckStartOutcome, FaceCheckStartRequest } from './types';

export * from './types';
export { DevFaceCheckProvider } from './dev';
export { WechatFaceCheck } from './wechat';
export { AlipayFaceCheck } from './alipay';

/**
 * The platforms' own face verification, by the guardian's login platform. WeChat's result can be
 * read back by the server with the identity it was run for, so it has no start step here;
 * Alipay's (alipay.user.certify.open.*) is started by the server with that identity first. A
 * platform without a configured check (Alipay without ALIPAY_APP_ID, the dev platform) is told
 * so rather than treated as checked.
 */
export class PlatformFaceCheckProvider implements FaceCheckProvider {
  constructor(
    private readonly wechat: WechatFaceCheck,
    private readonly alipay: AlipayFaceCheck | null,
  ) {}

  async confirm(request: FaceCheckRequest): Promise<FaceCheckOutcome> {
    if (request.platform === 'wechat') return this.wechat.confirm(request);
    if (request.platform === 'alipay' && this.alipay) return this.alipay.confirm(request);
    return { status: 'unsupported' };
  }

  async start(request: FaceCheckStartRequest): Promise<FaceCheckStartOutcome> {
    if (request.platform === 'wechat') return { status: 'in-app', platform: 'wechat' };
    if (request.platform === 'alipay' && this.alipay) return this.alipay.start(request);
    return { status: 'unsupported' };
  }
}

/** Where Alipay sends the guardian back after the check when ALIPAY_FACE_RETURN_URL is unset: our mini program. */
export function defaultAlipayReturnUrl(appId: string): string {
  return `alipays://platformapi/startapp?appId=${encodeURIComponent(appId)}`;
}

type FaceCheckConfig = Pick<
  Config,
  | 'FACE_CHECK_PROVIDER'
  | 'WECHAT_API_BASE'
  | 'WECHAT_APP_ID'
  | 'WECHAT_APP_SECRET'
  | 'ALIPAY_APP_ID'
  | 'ALIPAY_PRIVATE_KEY'
  | 'ALIPAY_PUBLIC_KEY'
  | 'ALIPAY_GATEWAY'
  | 'ALIPAY_FACE_RETURN_URL'
  | 'PLATFORM_TIMEOUT_MS'
>;

/**
 * FACE_CHECK_PROVIDER: 'dev' (refused in production by config.ts) or 'platform': WeChat, and
 * Alipay when ALIPAY_APP_ID and ALIPAY_PRIVATE_KEY are set (config.ts checks them).
 */
export function createFaceCheckProvider(config: FaceCheckConfig, faceChecks: FaceChecksRepository, crypto: DataCrypto): FaceCheckProvider {
  if (config.FACE_CHECK_PROVIDER === 'dev') return new DevFaceCheckProvider();
  const wechat = new WechatFaceCheck({ apiBase: config.WECHAT_API_BASE, appId: config.WECHAT_APP_ID, appSecret: config.WECHAT_APP_SECRET, timeoutMs: config.PLATFORM_TIMEOUT_MS });
  let alipay: AlipayFaceCheck | null = null;
  if (config.ALIPAY_APP_ID && config.ALIPAY_PRIVATE_KEY) {
    const gateway = new AlipayGateway({
      appId: config.ALIPAY_APP_ID,
      privateKey: alipayPrivateKey(config.ALIPAY_PRIVATE_KEY),
      ...(config.ALIPAY_PUBLIC_KEY ? { alipayPublicKey: alipayPublicKey(config.ALIPAY_PUBLIC_KEY) } : {}),
      gateway: config.ALIPAY_GATEWAY,
      timeoutMs: config.PLATFORM_TIMEOUT_MS,
    });
    alipay = new AlipayFaceCheck(gateway, faceChecks, crypto, { returnUrl: config.ALIPAY_FACE_RETURN_URL || defaultAlipayReturnUrl(config.ALIPAY_APP_ID) });
  }
  return new PlatformFaceCheckProvider(wechat, alipay);
}
