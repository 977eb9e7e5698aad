import type { Config } from '../../config';
import { DevFaceCheckProvider } from './dev';
import { WechatFaceCheck } from './wechat';
import type { FaceCheckOutcome, FaceCheckProvider, FaceCheckRequest } from './types';

export * from './types';
export { DevFaceCheckProvider } from './dev';
export { WechatFaceCheck } from './wechat';

/**
 * The platforms' own face verification, by the guardian's login platform. WeChat's result can be
 * read back by the server with the identity it was run for; Alipay's (alipay.user.certify.open.*)
 * must be started by the server with that identity first, which is not built yet: an Alipay
 * account is told so rather than treated as checked.
 */
export class PlatformFaceCheckProvider implements FaceCheckProvider {
  constructor(private readonly wechat: WechatFaceCheck) {}

  async confirm(request: FaceCheckRequest): Promise<FaceCheckOutcome> {
    if (request.platform === 'wechat') return this.wechat.confirm(request);
    return { status: 'unsupported' };
  }
}

/** FACE_CHECK_PROVIDER: 'dev' (refused in production by config.ts) or 'platform'. */
export function createFaceCheckProvider(config: Pick<Config, 'FACE_CHECK_PROVIDER' | 'WECHAT_API_BASE' | 'WECHAT_APP_ID' | 'WECHAT_APP_SECRET' | 'PLATFORM_TIMEOUT_MS'>): FaceCheckProvider {
  if (config.FACE_CHECK_PROVIDER === 'dev') return new DevFaceCheckProvider();
  return new PlatformFaceCheckProvider(new WechatFaceCheck({ apiBase: config.WECHAT_API_BASE, appId: config.WECHAT_APP_ID, appSecret: config.WECHAT_APP_SECRET, timeoutMs: config.PLATFORM_TIMEOUT_MS }));
}
