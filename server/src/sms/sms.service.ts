import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import { BadRequestError, ServiceUnavailableError, TooManyRequestsError } from '../http/errors';
import { PlatformUnavailable, type SmsProvider } from '../auth/providers/types';
import type { SmsCodesRepository } from './sms-codes.repository';

/** R1: 6 digits, valid 5 minutes, at most 5 tries, at most one send a minute per phone. */
export const SMS_RULES = { digits: 6, ttlSeconds: 300, maxTries: 5, resendSeconds: 60 } as const;

export class SmsService {
  constructor(
    private readonly codes: SmsCodesRepository,
    private readonly provider: SmsProvider,
    private readonly clock: Clock,
    private readonly hashKey: Buffer,
    private readonly phoneHash: (phone: string) => string,
  ) {}

  private codeHash(id: string, code: string): Buffer {
    return createHmac('sha256', this.hashKey).update(`sms:${id}:${code}`).digest();
  }

  async send(phone: string): Promise<{ sentAt: Date; expiresInSeconds: number; resendAfterSeconds: number }> {
    const now = this.clock.now();
    const phoneHash = this.phoneHash(phone);
    const last = await this.codes.latest(phoneHash);
    if (last) {
      const waitMs = last.createdAt.getTime() + SMS_RULES.resendSeconds * 1000 - now.getTime();
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        throw new TooManyRequestsError('SMS_RESEND_TOO_SOON', { params: { seconds }, headers: { 'Retry-After': String(seconds) }, extra: { retryAfterSeconds: seconds } });
      }
    }
    const id = newId(now.getTime());
    const code = String(randomInt(0, 10 ** SMS_RULES.digits)).padStart(SMS_RULES.digits, '0');
    await this.codes.insert({
      id,
      phoneHash,
      codeHash: this.codeHash(id, code).toString('hex'),
      tries: 0,
      expiresAt: new Date(now.getTime() + SMS_RULES.ttlSeconds * 1000),
      consumedAt: null,
      createdAt: now,
    });
    try {
      await this.provider.sendCode(phone, code, SMS_RULES.ttlSeconds / 60);
    } catch (err) {
      // Nothing was sent: forget the code so the person may ask again at once.
      await this.codes.delete(id);
      if (err instanceof PlatformUnavailable) throw new ServiceUnavailableError('SMS_UNAVAILABLE');
      throw new ServiceUnavailableError('SMS_UNAVAILABLE');
    }
    return { sentAt: now, expiresInSeconds: SMS_RULES.ttlSeconds, resendAfterSeconds: SMS_RULES.resendSeconds };
  }

  /**
   * Checks a code and returns its id, to be consumed in the caller's transaction together
   * with what it authorises. A wrong guess counts a try whatever happens next.
   */
  async check(phone: string, code: string): Promise<string> {
    const now = this.clock.now();
    const row = await this.codes.latest(this.phoneHash(phone));
    if (!row || row.consumedAt) throw new BadRequestError('SMS_CODE_NOT_SENT', { fields: [{ path: 'smsCode', code: 'INVALID_VALUE' }] });
    if (row.expiresAt.getTime() <= now.getTime()) throw new BadRequestError('SMS_CODE_EXPIRED', { fields: [{ path: 'smsCode', code: 'INVALID_VALUE' }] });
    if (row.tries >= SMS_RULES.maxTries) throw new TooManyRequestsError('SMS_CODE_TOO_MANY_TRIES', { headers: { 'Retry-After': String(SMS_RULES.resendSeconds) } });
    const expected = Buffer.from(row.codeHash, 'hex');
    if (timingSafeEqual(expected, this.codeHash(row.id, code))) return row.id;
    const counted = await this.codes.countTry(row.id, SMS_RULES.maxTries);
    const left = Math.max(0, SMS_RULES.maxTries - row.tries - 1);
    if (!counted || left === 0) throw new TooManyRequestsError('SMS_CODE_TOO_MANY_TRIES', { headers: { 'Retry-After': String(SMS_RULES.resendSeconds) } });
    throw new BadRequestError('SMS_CODE_WRONG', { params: { left }, fields: [{ path: 'smsCode', code: 'INVALID_VALUE' }], extra: { triesLeft: left } });
  }

  async consume(id: string, trx: Knex.Transaction): Promise<void> {
    if (!(await this.codes.consume(id, this.clock.now(), trx))) throw new BadRequestError('SMS_CODE_NOT_SENT');
  }
}
