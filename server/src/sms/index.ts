import { ConfigError, type Config } from '../config';
import type { SmsProvider } from '../auth/providers/types';
import { DevSms } from './dev';
import { HttpSms } from './http';

/** The SMS provider of Deps.sms, per SMS_PROVIDER: the dev outbox (never in production) or the HTTP gateway. */
export function createSmsProvider(config: Config): SmsProvider {
  if (config.SMS_PROVIDER === 'dev') {
    if (config.NODE_ENV === 'production') throw new ConfigError('The development SMS provider cannot run in production: set SMS_PROVIDER=http');
    return new DevSms();
  }
  if (!config.SMS_API_URL) throw new ConfigError('SMS_PROVIDER=http needs SMS_API_URL');
  return new HttpSms({ url: config.SMS_API_URL, token: config.SMS_API_TOKEN, timeoutMs: config.PLATFORM_TIMEOUT_MS });
}

export { DevSms } from './dev';
export { HttpSms, SmsRefused } from './http';
