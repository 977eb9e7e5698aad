import { makeIdNumber } from '@health-code/shared';
import { HttpSms, SmsRefused } from '../../src/sms/http';
import { createSmsProvider } from '../../src/sms';
import { DevSms } from '../../src/sms/dev';
import { PlatformUnavailable } from '../../src/auth/providers/types';
import { ConfigError, loadConfig } from '../../src/config';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, nextPhone, type Actor } from '../helpers/actors';
import { SmsFake } from '../fakes/sms-fake';
import { closedPort } from '../fakes/wechat-fake';

let fake: SmsFake;
beforeAll(async () => {
  fake = await new SmsFake().start();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.mode = 'ok';
});

const provider = (over: Partial<ConstructorParameters<typeof HttpSms>[0]> = {}) => new HttpSms({ url: fake.url, token: fake.token, timeoutMs: 300, ...over });

async function failure(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => null,
    (e: Error) => e,
  );
  if (!err) throw new Error('expected a failure');
  return err;
}

describe('SMS through the HTTP gateway', () => {
  it('posts the documented message with the bearer token', async () => {
    const phone = nextPhone();
    await provider().sendCode(phone, '123456', 5);
    expect(fake.received.at(-1)).toEqual({ phone, template: 'login_code', params: { code: '123456', minutes: 5 } });
  });

  it('a refusal (4xx) is SmsRefused; a failure, rate limit, hang or unreachable gateway is PlatformUnavailable', async () => {
    fake.mode = 'refuse';
    expect(await failure(provider().sendCode(nextPhone(), '123456', 5))).toBeInstanceOf(SmsRefused);
    fake.mode = 'ok';
    const wrongToken = await failure(provider({ token: 'wrong' }).sendCode(nextPhone(), '123456', 5));
    expect(wrongToken).toBeInstanceOf(SmsRefused);
    expect((wrongToken as SmsRefused).status).toBe(401);
    for (const mode of ['down', 'rate-limited', 'slow'] as const) {
      fake.mode = mode;
      expect(await failure(provider().sendCode(nextPhone(), '123456', 5))).toBeInstanceOf(PlatformUnavailable);
    }
    const unreachable = await failure(provider({ url: `http://127.0.0.1:${await closedPort()}/sms/send` }).sendCode(nextPhone(), '123456', 5));
    expect(unreachable).toBeInstanceOf(PlatformUnavailable);
  });

  it('R34: no error message carries the phone number or the code', async () => {
    const phone = nextPhone();
    for (const mode of ['refuse', 'down', 'slow'] as const) {
      fake.mode = mode;
      const err = await failure(provider().sendCode(phone, '654321', 5));
      expect(err.message).not.toContain(phone);
      expect(err.message).not.toContain('654321');
    }
  });
});

describe('R1: one-time codes through the HTTP gateway, via the API (SMS_PROVIDER=http)', () => {
  let t: TestContext;
  beforeAll(async () => {
    const env = { SMS_PROVIDER: 'http', SMS_API_URL: fake.url, SMS_API_TOKEN: fake.token, PLATFORM_TIMEOUT_MS: '300' };
    t = await createTestContext({ env, sms: createSmsProvider(loadConfig({ ...process.env, ...env })) });
  });
  afterAll(() => t.close());
  const send = (a: Actor, phone: string) => t.request().post('/api/v1/sms/send').set(bearer(a)).set('Accept-Language', 'en').send({ phone });

  it('R1: the gateway receives the code, which then registers the resident; there is no dev outbox', async () => {
    const a = await loginAs(t, 'sms-http-ok');
    const phone = nextPhone();
    expect((await send(a, phone)).status).toBe(202);
    const code = fake.latest(phone);
    expect(code).toMatch(/^\d{6}$/);
    const idNumber = makeIdNumber({ birthDate: '1983-03-03', sex: 'female', seq: 621 });
    const res = await t.request().post('/api/v1/residents/register').set(bearer(a)).send({ name: '何晓', idNumber, phone, smsCode: code });
    expect(res.status).toBe(201);
    expect((await t.request().post('/api/v1/dev/sms/latest').send({ phone })).status).toBe(404);
  });

  it.each(['down', 'slow', 'refuse', 'rate-limited'] as const)('R1: a gateway that is %s answers 503 SMS_UNAVAILABLE (never 500), and the person may ask again at once', async (mode) => {
    const a = await loginAs(t, `sms-http-${mode}`);
    const phone = nextPhone();
    fake.mode = mode;
    const res = await send(a, phone);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('SMS_UNAVAILABLE');
    fake.mode = 'ok';
    expect((await send(a, phone)).status).toBe(202);
  });

  it('R34: neither the code nor the gateway token appears in any response or log line', async () => {
    const seen = [...t.responses, ...t.logs].join('\n');
    expect(fake.received.length).toBeGreaterThan(0);
    for (const m of fake.received) expect(seen).not.toContain(`"${m.params.code}"`);
    expect(seen).not.toContain(fake.token);
  });
});

describe('SMS settings, and the development SMS refused in production', () => {
  const secrets = { SESSION_SECRET: 'x'.repeat(40), DATA_KEY: Buffer.alloc(32, 1).toString('base64'), HASH_KEY: Buffer.alloc(32, 2).toString('base64') };

  it('SMS_PROVIDER=http names the missing SMS_API_URL and SMS_API_TOKEN', () => {
    expect(() => loadConfig({ ...process.env, SMS_PROVIDER: 'http' })).toThrow(/SMS_API_URL: SMS_PROVIDER=http needs the http\(s\) URL/);
    expect(() => loadConfig({ ...process.env, SMS_PROVIDER: 'http', SMS_API_URL: 'ftp://x' })).toThrow(/SMS_API_URL/);
    expect(() => loadConfig({ ...process.env, SMS_PROVIDER: 'http', SMS_API_URL: fake.url })).toThrow(/SMS_API_TOKEN/);
    expect(createSmsProvider(loadConfig({ ...process.env, SMS_PROVIDER: 'http', SMS_API_URL: fake.url, SMS_API_TOKEN: 't' }))).toBeInstanceOf(HttpSms);
    expect(createSmsProvider(loadConfig({ ...process.env }))).toBeInstanceOf(DevSms);
  });

  it('config refuses SMS_PROVIDER=dev in production, and the dev SMS refuses to be built there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...secrets, LOGIN_PROVIDER: 'platform', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's', SMS_PROVIDER: 'dev' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', ...secrets, LOGIN_PROVIDER: 'platform', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's', SMS_PROVIDER: 'dev' })).toThrow(/SMS/);
    const config = loadConfig({ ...process.env });
    expect(() => createSmsProvider({ ...config, NODE_ENV: 'production', SMS_PROVIDER: 'dev' })).toThrow(/cannot run in production/);
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => new DevSms()).toThrow(/cannot run in production/);
    } finally {
      process.env.NODE_ENV = saved;
    }
  });
});
