import type { SmsProvider } from '../auth/providers/types';

/**
 * The development SMS gateway: keeps the last code per phone in memory instead of sending it,
 * readable through the dev-only outbox endpoint. It never logs the code.
 * config.ts refuses it in production.
 */
export class DevSms implements SmsProvider {
  private readonly outbox = new Map<string, { code: string; sentAt: Date }>();

  async sendCode(phone: string, code: string): Promise<void> {
    this.outbox.set(phone, { code, sentAt: new Date() });
  }

  latest(phone: string): string | undefined {
    return this.outbox.get(phone)?.code;
  }
}
