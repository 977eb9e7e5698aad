import { LoginCodeRefused, type LoginProvider, type Platform, type PlatformIdentity } from './types';

/**
 * The development login: the code is the user id itself (letters, digits, - and _), so a
 * newcomer can log in with curl. It keeps real-name records only for people explicitly put in
 * its registry (the demo data), to show the mismatch error of R3; it claims nothing else.
 * config.ts refuses it in production, and it refuses to be constructed there itself.
 */
export class DevLoginProvider implements LoginProvider {
  readonly platform: Platform;
  constructor(
    platform: Platform = 'dev',
    private readonly realNames: Map<string, { name: string; idNumber: string }> = new Map(),
  ) {
    // Defence in depth: config.ts refuses LOGIN_PROVIDER=dev in production, and so does this.
    if (process.env.NODE_ENV === 'production') throw new Error('The development login provider cannot run in production');
    this.platform = platform;
  }

  async exchange(code: string): Promise<PlatformIdentity> {
    if (!/^[\w-]{3,64}$/.test(code)) throw new LoginCodeRefused('development login codes are 3-64 letters, digits, - or _');
    const realName = this.realNames.get(code);
    return { platform: this.platform, uid: code, ...(realName ? { realName } : {}) };
  }

  /** Demo data registers the real-name record a platform would hold for a demo person. */
  registerRealName(uid: string, name: string, idNumber: string): void {
    this.realNames.set(uid, { name, idNumber });
  }
}

/** All three platforms served by the development login (for `npm start` and tests). */
export function devProviders(): Record<Platform, DevLoginProvider> {
  const realNames = new Map<string, { name: string; idNumber: string }>();
  return {
    dev: new DevLoginProvider('dev', realNames),
    wechat: new DevLoginProvider('wechat', realNames),
    alipay: new DevLoginProvider('alipay', realNames),
  };
}
