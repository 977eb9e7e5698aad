import type { Logger } from '../lib/logger';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { DataCrypto } from '../lib/data-crypto';
import { BadRequestError, ServiceUnavailableError, UnauthorizedError } from '../http/errors';
import type { AccountsRepository, Account } from './accounts.repository';
import type { Sessions } from './sessions';
import { LoginCodeRefused, PlatformUnavailable, type LoginProvider, type Platform } from './providers/types';
import { HASH_DOMAIN } from '../residents/residents.repository';
import { isUniqueViolation } from '../db/dialect';

const PLATFORM_NAMES: Record<Platform, string> = { wechat: '微信 / WeChat', alipay: '支付宝 / Alipay', dev: 'dev' };

/** Logs an account in through its platform's own login and answers a short-lived session. */
export class LoginService {
  constructor(
    private readonly providers: Partial<Record<Platform, LoginProvider>>,
    private readonly accounts: AccountsRepository,
    private readonly sessions: Sessions,
    private readonly crypto: DataCrypto,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async login(platform: Platform, code: string): Promise<{ token: string; expiresAt: Date; account: Account }> {
    const provider = this.providers[platform];
    if (!provider) throw new BadRequestError('LOGIN_PLATFORM_UNSUPPORTED', { fields: [{ path: 'platform', code: 'INVALID_VALUE' }] });
    let identity;
    try {
      identity = await provider.exchange(code);
    } catch (err) {
      if (err instanceof LoginCodeRefused) throw new UnauthorizedError('LOGIN_CODE_REFUSED');
      if (err instanceof PlatformUnavailable) throw new ServiceUnavailableError('LOGIN_PLATFORM_UNAVAILABLE', { params: { platform: PLATFORM_NAMES[platform] } });
      this.logger.error({ err, platform }, 'login provider failed');
      throw new ServiceUnavailableError('LOGIN_PLATFORM_UNAVAILABLE', { params: { platform: PLATFORM_NAMES[platform] } });
    }
    const now = this.clock.now();
    let account = await this.accounts.findByPlatform(platform, identity.uid);
    if (!account) {
      account = { id: newId(now.getTime()), platform, platformUid: identity.uid, residentId: null, role: 'resident', displayName: null, createdAt: now };
      try {
        await this.accounts.insert(account);
      } catch (err) {
        // Two first logins at once: the other one made the account.
        if (!isUniqueViolation(err)) throw err;
        account = (await this.accounts.findByPlatform(platform, identity.uid))!;
      }
    }
    const realName = identity.realName
      ? { nameHash: this.crypto.hash(HASH_DOMAIN.name, identity.realName.name), idHash: this.crypto.hash(HASH_DOMAIN.idNumber, identity.realName.idNumber.toUpperCase()) }
      : null;
    await this.accounts.touchLogin(account.id, now, realName);
    const session = this.sessions.issue({ sub: account.id, role: account.role });
    return { ...session, account };
  }
}
