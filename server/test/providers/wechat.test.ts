import { WechatLoginProvider } from '../../src/auth/providers/wechat';
import { LoginCodeRefused, PlatformUnavailable } from '../../src/auth/providers/types';
import { createLoginProviders } from '../../src/auth/providers';
import { DevLoginProvider, devProviders } from '../../src/auth/providers/dev';
import { ConfigError, loadConfig } from '../../src/config';
import { createTestContext, type TestContext } from '../helpers/context';
import { WechatFake, closedPort } from '../fakes/wechat-fake';

let fake: WechatFake;
beforeAll(async () => {
  fake = await new WechatFake().start();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.mode = 'ok';
});

const provider = (over: Partial<ConstructorParameters<typeof WechatLoginProvider>[0]> = {}) =>
  new WechatLoginProvider({ appId: fake.appId, appSecret: fake.appSecret, apiBase: fake.url, timeoutMs: 300, ...over });

async function failure(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => null,
    (e: Error) => e,
  );
  if (!err) throw new Error('expected a failure');
  return err;
}

describe('WeChat code2Session client against a local WeChat', () => {
  it('exchanges a code for the openid, with the documented query, and returns no session_key', async () => {
    const code = fake.issueCode('o-wx-user-1', 'u-union-1');
    const identity = await provider().exchange(code);
    expect(identity).toEqual({ platform: 'wechat', uid: 'o-wx-user-1' });
    expect(JSON.stringify(identity)).not.toContain(fake.sessionKeys.at(-1));
    const q = fake.requests.at(-1)!;
    expect(Object.fromEntries(q)).toEqual({ appid: fake.appId, secret: fake.appSecret, js_code: code, grant_type: 'authorization_code' });
  });

  it('accepts an API base with a trailing slash', async () => {
    expect((await provider({ apiBase: `${fake.url}/` }).exchange(fake.issueCode('o-slash'))).uid).toBe('o-slash');
  });

  it('refuses an invalid (40029), a used (40163) and a blocked (40226) code with the platform message', async () => {
    const invalid = await failure(provider().exchange('not-a-code'));
    expect(invalid).toBeInstanceOf(LoginCodeRefused);
    expect((invalid as LoginCodeRefused).platformMessage).toMatch(/40029: invalid code/);
    const code = fake.issueCode('o-wx-used');
    await provider().exchange(code);
    const used = await failure(provider().exchange(code));
    expect((used as LoginCodeRefused).platformMessage).toMatch(/40163/);
    const blocked = await failure(provider().exchange(fake.blockedCode()));
    expect(blocked).toBeInstanceOf(LoginCodeRefused);
    expect((blocked as LoginCodeRefused).platformMessage).toMatch(/40226/);
  });

  it.each([
    ['busy', /errcode -1/],
    ['rate-limited', /45011/],
    ['http-500', /HTTP 500/],
    ['malformed', /not JSON/],
    ['slow', /within 300 ms/],
  ] as const)('answers PlatformUnavailable when WeChat is %s', async (mode, message) => {
    fake.mode = mode;
    const err = await failure(provider().exchange(fake.issueCode('o-wx-down')));
    expect(err).toBeInstanceOf(PlatformUnavailable);
    expect(err.message).toMatch(message);
  });

  it('answers PlatformUnavailable, not a refused code, for a wrong app secret and an unreachable host', async () => {
    const secret = await failure(provider({ appSecret: 'wrong' }).exchange(fake.issueCode('o-wx-secret')));
    expect(secret).toBeInstanceOf(PlatformUnavailable);
    expect(secret.message).toMatch(/40125/);
    expect(secret.message).not.toContain('wrong');
    const unreachable = await failure(provider({ apiBase: `http://127.0.0.1:${await closedPort()}` }).exchange('any'));
    expect(unreachable).toBeInstanceOf(PlatformUnavailable);
    expect(unreachable.message).toMatch(/ECONNREFUSED/);
  });
});

describe('WeChat login through the API (LOGIN_PROVIDER=platform)', () => {
  let t: TestContext;
  beforeAll(async () => {
    const env = { LOGIN_PROVIDER: 'platform', WECHAT_APP_ID: fake.appId, WECHAT_APP_SECRET: fake.appSecret, WECHAT_API_BASE: fake.url, PLATFORM_TIMEOUT_MS: '300' };
    const config = loadConfig({ ...process.env, ...env });
    t = await createTestContext({ env, loginProviders: createLoginProviders(config) });
  });
  afterAll(() => t.close());
  const login = (code: string, platform = 'wechat') => t.request().post('/api/v1/auth/login').set('Accept-Language', 'en').send({ platform, code });

  it('logs in with a good code, the same account every time, and offers no dev or Alipay login', async () => {
    const first = await login(fake.issueCode('o-api-user'));
    expect(first.status).toBe(200);
    expect(first.body.account).toMatchObject({ platform: 'wechat', registered: false });
    const again = await login(fake.issueCode('o-api-user'));
    expect(again.body.account.id).toBe(first.body.account.id);
    for (const platform of ['dev', 'alipay']) {
      const other = await login('demo-green', platform);
      expect(other.status).toBe(400);
      expect(other.body.error.code).toBe('LOGIN_PLATFORM_UNSUPPORTED');
    }
  });

  it('answers 401 LOGIN_CODE_REFUSED for a code WeChat refuses', async () => {
    const res = await login('wx-forged-code');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('LOGIN_CODE_REFUSED');
  });

  it.each(['busy', 'rate-limited', 'slow', 'malformed', 'http-500'] as const)('answers 503 LOGIN_PLATFORM_UNAVAILABLE, never 500, when WeChat is %s', async (mode) => {
    fake.mode = mode;
    const res = await login(fake.issueCode('o-api-down'));
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('LOGIN_PLATFORM_UNAVAILABLE');
    expect(res.body.error.message).toContain('WeChat');
  });

  it('R34: no session_key and no app secret appear in any response or log line', async () => {
    await login(fake.issueCode('o-api-secret'));
    expect(fake.sessionKeys.length).toBeGreaterThan(1);
    const seen = [...t.responses, ...t.logs].join('\n');
    for (const key of fake.sessionKeys) expect(seen).not.toContain(key);
    expect(seen).not.toContain(fake.appSecret);
  });
});

describe('the development login is refused in production', () => {
  const secrets = { SESSION_SECRET: 'x'.repeat(40), DATA_KEY: Buffer.alloc(32, 1).toString('base64'), HASH_KEY: Buffer.alloc(32, 2).toString('base64') };

  it('config refuses LOGIN_PROVIDER=dev with NODE_ENV=production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...secrets, LOGIN_PROVIDER: 'dev', SMS_PROVIDER: 'http', SMS_API_URL: 'https://sms.example', SMS_API_TOKEN: 't' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', ...secrets, LOGIN_PROVIDER: 'dev', SMS_PROVIDER: 'http', SMS_API_URL: 'https://sms.example', SMS_API_TOKEN: 't' })).toThrow(/development login/);
  });

  it('createLoginProviders and the dev provider itself refuse to be built in production', () => {
    const config = loadConfig({ ...process.env });
    expect(() => createLoginProviders({ ...config, NODE_ENV: 'production', LOGIN_PROVIDER: 'dev' })).toThrow(/cannot run in production/);
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => new DevLoginProvider()).toThrow(/cannot run in production/);
      expect(() => devProviders()).toThrow(/cannot run in production/);
    } finally {
      process.env.NODE_ENV = saved;
    }
  });

  it('LOGIN_PROVIDER=platform needs a platform, and a WeChat app id needs its secret', () => {
    expect(() => loadConfig({ ...process.env, LOGIN_PROVIDER: 'platform' })).toThrow(/WECHAT_APP_ID/);
    expect(() => loadConfig({ ...process.env, LOGIN_PROVIDER: 'platform', WECHAT_APP_ID: 'wx1' })).toThrow(/WECHAT_APP_SECRET/);
    const config = loadConfig({ ...process.env, LOGIN_PROVIDER: 'platform', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's' });
    expect(Object.keys(createLoginProviders(config))).toEqual(['wechat']);
    // The demo accounts need the development platform: left out by default, refused when asked for.
    expect(config.DEMO_DATA).toBe(false);
    expect(() => loadConfig({ ...process.env, LOGIN_PROVIDER: 'platform', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's', DEMO_DATA: 'true' })).toThrow(/DEMO_DATA=true needs LOGIN_PROVIDER=dev/);
  });
});
