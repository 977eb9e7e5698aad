import { PlatformUnavailable, type SmsProvider } from '../auth/providers/types';

export interface HttpSmsOptions {
  url: string;
  token: string;
  timeoutMs: number;
}

/** The gateway refused the message (4xx): a bad number, a bad template, or our credentials. */
export class SmsRefused extends Error {
  constructor(readonly status: number) {
    super(`the SMS gateway refused the message (HTTP ${status})`);
  }
}

/**
 * SMS through a generic HTTP gateway. A real deployment puts a small adapter for its SMS vendor
 * (Aliyun, Tencent Cloud, ...) behind SMS_API_URL; this is the whole contract:
 *
 *   POST {SMS_API_URL}
 *   Authorization: Bearer {SMS_API_TOKEN}
 *   Content-Type: application/json
 *   { "phone": "139xxxxxxxx", "template": "login_code", "params": { "code": "123456", "minutes": 5 } }
 *
 *   2xx                  sent (or accepted for sending); the body is ignored
 *   408, 429, 5xx        not sent, try again later      -> PlatformUnavailable
 *   other 4xx            not sent, and will not be      -> SmsRefused
 *
 * The template wording lives with the adapter, e.g. "您的验证码是{code}，{minutes}分钟内有效".
 * No answer within PLATFORM_TIMEOUT_MS counts as unavailable. Neither the number nor the
 * code is ever put in an error message.
 */
export class HttpSms implements SmsProvider {
  constructor(private readonly options: HttpSmsOptions) {}

  async sendCode(phone: string, code: string, ttlMinutes: number): Promise<void> {
    const { url, token, timeoutMs } = this.options;
    let status: number;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ phone, template: 'login_code', params: { code, minutes: ttlMinutes } }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer(); // read to the end so the connection is reused
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      throw new PlatformUnavailable(timedOut ? `the SMS gateway did not answer within ${timeoutMs} ms` : 'the SMS gateway could not be reached');
    }
    if (status >= 200 && status < 300) return;
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) throw new SmsRefused(status);
    throw new PlatformUnavailable(`the SMS gateway answered HTTP ${status}`);
  }
}
