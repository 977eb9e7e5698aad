import { ConfigError, type Config } from '../../config';
import type { LoginProvider, Platform } from './types';
import { devProviders } from './dev';
import { WechatLoginProvider } from './wechat';
import { AlipayLoginProvider, alipayPrivateKey, alipayPublicKey } from './alipay';

/**
 * The login providers of Deps.loginProviders, per LOGIN_PROVIDER. dev: the development login
 * serves every platform (never in production). platform: WeChat and Alipay, each when its app id
 * is set (config.ts checks the rest), and no dev platform at all.
 */
export function createLoginProviders(config: Config): Partial<Record<Platform, LoginProvider>> {
  if (config.LOGIN_PROVIDER === 'dev') {
    if (config.NODE_ENV === 'production') throw new ConfigError('The development login provider cannot run in production: set LOGIN_PROVIDER=platform');
    return devProviders();
  }
  const providers: Partial<Record<Platform, LoginProvider>> = {};
  if (config.WECHAT_APP_ID) {
    providers.wechat = new WechatLoginProvider({
      appId: config.WECHAT_APP_ID,
      appSecret: config.WECHAT_APP_SECRET,
      apiBase: config.WECHAT_API_BASE,
      timeoutMs: config.PLATFORM_TIMEOUT_MS,
    });
  }
  if (config.ALIPAY_APP_ID) {
    providers.alipay = new AlipayLoginProvider({
      appId: config.ALIPAY_APP_ID,
      privateKey: alipayPrivateKey(config.ALIPAY_PRIVATE_KEY),
      ...(config.ALIPAY_PUBLIC_KEY ? { alipayPublicKey: alipayPublicKey(config.ALIPAY_PUBLIC_KEY) } : {}),
      gateway: config.ALIPAY_GATEWAY,
      timeoutMs: config.PLATFORM_TIMEOUT_MS,
      fetchRealName: config.ALIPAY_USER_INFO,
    });
  }
  return providers;
}

export { DevLoginProvider, devProviders } from './dev';
export { WechatLoginProvider } from './wechat';
export { AlipayLoginProvider } from './alipay';
export * from './types';
