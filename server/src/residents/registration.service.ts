import type { Knex } from 'knex';
import { checkIdNumber } from '@health-code/shared';
import type { Clock } from '../lib/clock';
import { newId, randomToken } from '../lib/ids';
import type { DataCrypto } from '../lib/data-crypto';
import { isUniqueViolation } from '../db/dialect';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { AccountsRepository } from '../auth/accounts.repository';
import type { SmsService } from '../sms/sms.service';
import { maskPhone, type Message } from '@health-code/shared';
import { HASH_DOMAIN, type Resident, type ResidentsRepository } from './residents.repository';

/** Platform names as each language says them, for the R3 messages. */
const PLATFORM_NAMES: Record<string, Message> = {
  wechat: { zh: '微信', en: 'WeChat' },
  alipay: { zh: '支付宝', en: 'Alipay' },
  dev: { zh: '开发平台', en: 'the development platform' },
};

export interface RegistrationInput {
  name: string;
  idNumber: string;
  phone: string;
  smsCode: string;
}

/**
 * Real-name registration (R1-R3): one independent registration per ID number, reachable from
 * both a WeChat and an Alipay login; each refusal says exactly what is wrong and what to do.
 */
export class RegistrationService {
  constructor(
    private readonly db: Knex,
    private readonly residents: ResidentsRepository,
    private readonly accounts: AccountsRepository,
    private readonly sms: SmsService,
    private readonly crypto: DataCrypto,
    private readonly clock: Clock,
    private readonly hotline: string,
    /** Told after the commit: the account now has a resident (its cached copy is stale). */
    private readonly accountChanged: (accountId: string) => void = () => {},
  ) {}

  async register(accountId: string, input: RegistrationInput): Promise<{ resident: Resident; linked: boolean }> {
    const account = await this.accounts.findById(accountId);
    if (!account) throw new NotFoundError('NOT_FOUND');
    if (account.residentId) throw new ConflictError('ACCOUNT_ALREADY_REGISTERED');
    const platform: Message = PLATFORM_NAMES[account.platform] ?? { zh: account.platform, en: account.platform };

    // R3: the login platform's own real-name record, when it shares one, must agree.
    const platformRecord = await this.accounts.platformRealName(accountId);
    if (platformRecord) {
      if (platformRecord.idHash !== this.crypto.hash(HASH_DOMAIN.idNumber, input.idNumber)) {
        throw new ValidationError('REAL_NAME_MISMATCH_ID', { params: { platform }, fields: [{ path: 'idNumber', code: 'INVALID_VALUE' }] });
      }
      if (platformRecord.nameHash !== this.crypto.hash(HASH_DOMAIN.name, input.name)) {
        throw new ValidationError('REAL_NAME_MISMATCH_NAME', { params: { platform }, fields: [{ path: 'name', code: 'INVALID_VALUE' }] });
      }
    }

    const smsId = await this.sms.check(input.phone, input.smsCode);
    try {
      return await this.registerOnce(account.id, account.platform, platform, input, smsId);
    } catch (err) {
      // A simultaneous registration of the same ID number won the unique key: answer as it stands now.
      if (!isUniqueViolation(err)) throw err;
      return this.registerOnce(account.id, account.platform, platform, input, smsId);
    }
  }

  private async registerOnce(accountId: string, accountPlatform: string, platform: Message, input: RegistrationInput, smsId: string) {
    const done = await this.db.transaction(async (trx) => {
      const now = this.clock.now();
      const existing = await this.residents.findByIdNumber(input.idNumber, trx);
      let resident: Resident;
      let linked = false;
      if (existing) {
        if (existing.name !== input.name) {
          throw new ValidationError('NAME_ID_MISMATCH', { params: { hotline: this.hotline }, fields: [{ path: 'name', code: 'INVALID_VALUE' }] });
        }
        if (existing.independent) {
          const holders = await this.accounts.findByResident(existing.id, trx);
          if (holders.some((a) => a.platform === accountPlatform)) {
            throw new ConflictError('ALREADY_REGISTERED_SAME_PLATFORM', { params: { platform, hotline: this.hotline } });
          }
          if (existing.phone !== input.phone) {
            throw new ConflictError('ALREADY_REGISTERED_OTHER_PHONE', {
              params: { phone: existing.phone ? maskPhone(existing.phone) : '-', hotline: this.hotline },
              fields: [{ path: 'phone', code: 'INVALID_VALUE' }],
            });
          }
          linked = true;
          resident = existing;
        } else {
          // Known so far only as a relative or from a test record: now registered by himself.
          await this.residents.markIndependent(existing.id, input.phone, now, trx);
          resident = { ...existing, independent: true, phone: input.phone, updatedAt: now };
        }
      } else {
        const info = checkIdNumber(input.idNumber, now);
        if (!info.ok) throw new ValidationError('VALIDATION_FAILED', { fields: [{ path: 'idNumber', code: info.problem }] });
        resident = {
          id: newId(now.getTime()),
          codeId: randomToken(16),
          name: input.name,
          idNumber: info.info.idNumber,
          phone: input.phone,
          birthDate: info.info.birthDate,
          sex: info.info.sex,
          region: info.info.region,
          independent: true,
          createdAt: now,
          updatedAt: now,
        };
        await this.residents.insert(resident, trx);
      }
      await this.accounts.linkResident(accountId, resident.id, trx);
      await this.sms.consume(smsId, trx);
      return { resident, linked };
    });
    this.accountChanged(accountId);
    return done;
  }
}
