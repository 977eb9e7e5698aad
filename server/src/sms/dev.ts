import type { SmsProvider } from '../auth/providers/types';

/**
 * The development SMS gateway: keeps the last code per phone in memory instead of sending it,
 * readable through the dev-only outbox endpoint. It never logs the code.
 * config.ts refuses it in production, and it refuses to be constructed there itself.
 */
export class DevSms implements SmsProvider {
  private readonly outbox = new Map<string, { code: string; sentAt: Date }>();

  constructor() {
    // Defence in depth: config.ts refuses SMS_PROVIDER=dev in production, and so does this.
    if (process.env.NODE_ENV === 'production') throw new Error('The development SMS provider cannot run in production');
  }

  async sendCode(phone: string, code: string): Promise<void> {
    this.outbox.set(phone, { code, sentAt: new Date() });
  }

  latest(phone: string): string | undefined {
    return this.outbox.get(phone)?.code;
  }
}
