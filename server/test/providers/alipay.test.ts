import { generateKeyPairSync } from 'node:crypto';
import { makeIdNumber } from '@health-code/shared';
import {
  AlipayLoginProvider,
  alipayPrivateKey,
  alipayPublicKey,
  alipaySignContent,
  rawJsonMembers,
  shanghaiTimestamp,
  type AlipayOptions,
} from '../../src/auth/providers/alipay';
import { LoginCodeRefused, PlatformUnavailable } from '../../src/auth/providers/types';
import { createLoginProviders } from '../../src/auth/providers';
import { loadConfig } from '../../src/config';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, nextPhone, registerResident } from '../helpers/actors';
import { AlipayFake, rsaKeyPair } from '../fakes/alipay-fake';
import { WechatFake, closedPort } from '../fakes/wechat-fake';

const app = rsaKeyPair();
let fake: AlipayFake;
beforeAll(async () => {
  fake = await new AlipayFake(app.publicKey).start();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.mode = 'ok';
  fake.escapeSlashes = false;
});

const provider = (over: Partial<AlipayOptions> = {}) =>
  new AlipayLoginProvider({
    appId: fake.appId,
    privateKey: alipayPrivateKey(app.privateKey),
    alipayPublicKey: alipayPublicKey(fake.publicKey),
    gateway: fake.url,
    timeoutMs: 300,
    fetchRealName: false,
    ...over,
  });

async function failure(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => null,
    (e: Error) => e,
  );
  if (!err) throw new Error('expected a failure');
  return err;
}

describe('Alipay RSA2 signing, as documented', () => {
  it('signs the sorted non-empty parameters except sign, unencoded', () => {
    expect(alipaySignContent({ method: 'm', app_id: '1', sign: 'x', empty: '', code: 'a b&c', missing: undefined })).toBe('app_id=1&code=a b&c&method=m');
  });

  it('writes the timestamp in Asia/Shanghai time', () => {
    expect(shanghaiTimestamp(new Date('2026-11-22T16:30:05.999Z'))).toBe('2026-11-23 00:30:05');
  });

  it('cuts the exact text of each response member out of the answer', () => {
    const text = '{"a_response" : {"x":"} \\" {","n":[1,{"y":2}]}, "sign":"s=="}';
    expect(rawJsonMembers(text).get('a_response')).toBe('{"x":"} \\" {","n":[1,{"y":2}]}');
    expect(rawJsonMembers(text).get('sign')).toBe('"s=="');
  });

  it('reads keys as PEM or as the bare base64 Alipay hands out', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const bare8 = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const bare1 = privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
    const barePub = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(alipayPrivateKey(bare8).asymmetricKeyType).toBe('rsa');
    expect(alipayPrivateKey(bare1).asymmetricKeyType).toBe('rsa');
    expect(alipayPublicKey(barePub).asymmetricKeyType).toBe('rsa');
    expect(alipayPrivateKey(app.privateKey.replace(/\n/g, '\\n')).asymmetricKeyType).toBe('rsa');
  });
});

describe('alipay.system.oauth.token client against a local Alipay gateway', () => {
  it('exchanges a code for the user id with a call the gateway verifies, and returns no access token', async () => {
    const code = fake.issueCode({ userId: '2088000000000001' });
    const now = new Date('2026-11-22T08:00:00.000Z');
    const identity = await provider({ now: () => now }).exchange(code);
    expect(identity).toEqual({ platform: 'alipay', uid: '2088000000000001' });
    expect(JSON.stringify(identity)).not.toContain(fake.accessTokens.at(-1));
    const { sign, ...params } = fake.requests.at(-1)!;
    expect(sign).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(params).toEqual({
      app_id: fake.appId,
      method: 'alipay.system.oauth.token',
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: '2026-11-22 16:00:00',
      version: '1.0',
      grant_type: 'authorization_code',
      code,
    });
  });

  it('uses open_id for apps in open_id mode', async () => {
    expect((await provider().exchange(fake.issueCode({ openId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' }))).uid).toBe('074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5');
  });

  it('fills the real name from alipay.user.info.share only for an ID card, and only when asked to', async () => {
    const idNumber = makeIdNumber({ birthDate: '1986-06-06', sex: 'female', seq: 601 });
    const withCard = await provider({ fetchRealName: true }).exchange(fake.issueCode({ userId: '2088000000000002', cert: { name: '林晓', certNo: idNumber, certType: '0' } }));
    expect(withCard).toEqual({ platform: 'alipay', uid: '2088000000000002', realName: { name: '林晓', idNumber } });
    const info = fake.requests.at(-1)!;
    expect(info).toMatchObject({ method: 'alipay.user.info.share', auth_token: fake.accessTokens.at(-1) });
    const passport = await provider({ fetchRealName: true }).exchange(fake.issueCode({ userId: '2088000000000003', cert: { name: 'Lin Xiao', certNo: 'E12345678', certType: '1' } }));
    expect(passport.realName).toBeUndefined();
    const before = fake.requests.length;
    const notAsked = await provider().exchange(fake.issueCode({ userId: '2088000000000004', cert: { name: '林晓', certNo: idNumber, certType: '0' } }));
    expect(notAsked.realName).toBeUndefined();
    expect(fake.requests.slice(before).map((r) => r.method)).toEqual(['alipay.system.oauth.token']);
  });

  it('refuses an invalid or used code (isv.code-invalid) with the platform message', async () => {
    const invalid = await failure(provider().exchange('forged'));
    expect(invalid).toBeInstanceOf(LoginCodeRefused);
    expect((invalid as LoginCodeRefused).platformMessage).toMatch(/isv\.code-invalid: 授权码code无效/);
    const code = fake.issueCode({ userId: '2088000000000005' });
    await provider().exchange(code);
    expect(await failure(provider().exchange(code))).toBeInstanceOf(LoginCodeRefused);
  });

  it('treats a bad response signature as unavailable, and verifies text Alipay sent with \\/ escapes', async () => {
    fake.mode = 'bad-signature';
    const bad = await failure(provider().exchange(fake.issueCode({ userId: '2088000000000006' })));
    expect(bad).toBeInstanceOf(PlatformUnavailable);
    expect(bad.message).toMatch(/signature .* does not verify/);
    fake.mode = 'ok';
    fake.escapeSlashes = true;
    const escaped = await provider({ fetchRealName: true }).exchange(fake.issueCode({ userId: '2088000000000007' }));
    expect(escaped.uid).toBe('2088000000000007');
  });

  it('answers PlatformUnavailable, not a refused code, when our own signing key is wrong', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const err = await failure(provider({ privateKey: other }).exchange(fake.issueCode({ userId: '2088000000000008' })));
    expect(err).toBeInstanceOf(PlatformUnavailable);
    expect(err.message).toMatch(/isv\.invalid-signature/);
  });

  it.each([
    ['busy', /20000\/isp\.unknow-error/],
    ['http-500', /HTTP 502/],
    ['malformed', /not JSON/],
    ['slow', /within 300 ms/],
  ] as const)('answers PlatformUnavailable when Alipay is %s', async (mode, message) => {
    fake.mode = mode;
    const err = await failure(provider().exchange(fake.issueCode({ userId: '2088000000000009' })));
    expect(err).toBeInstanceOf(PlatformUnavailable);
    expect(err.message).toMatch(message);
  });

  it('answers PlatformUnavailable when the gateway is unreachable, or the real-name call is not permitted', async () => {
    const unreachable = await failure(provider({ gateway: `http://127.0.0.1:${await closedPort()}/gateway.do` }).exchange('any'));
    expect(unreachable).toBeInstanceOf(PlatformUnavailable);
    fake.mode = 'user-info-denied';
    const denied = await failure(provider({ fetchRealName: true }).exchange(fake.issueCode({ userId: '2088000000000010' })));
    expect(denied).toBeInstanceOf(PlatformUnavailable);
    expect(denied.message).toMatch(/isv\.insufficient-isv-permissions/);
  });
});

describe('WeChat and Alipay login through the API with the real clients (LOGIN_PROVIDER=platform)', () => {
  let t: TestContext;
  let wechat: WechatFake;
  beforeAll(async () => {
    wechat = await new WechatFake().start();
    const env = {
      LOGIN_PROVIDER: 'platform',
      WECHAT_APP_ID: wechat.appId,
      WECHAT_APP_SECRET: wechat.appSecret,
      WECHAT_API_BASE: wechat.url,
      ALIPAY_APP_ID: fake.appId,
      ALIPAY_PRIVATE_KEY: app.privateKey,
      ALIPAY_PUBLIC_KEY: fake.publicKey,
      ALIPAY_GATEWAY: fake.url,
      ALIPAY_USER_INFO: 'true',
      PLATFORM_TIMEOUT_MS: '300',
    };
    t = await createTestContext({ env, loginProviders: createLoginProviders(loadConfig({ ...process.env, ...env })) });
  });
  afterAll(async () => {
    await wechat.close();
    await t.close();
  });
  const login = (platform: string, code: string) => t.request().post('/api/v1/auth/login').set('Accept-Language', 'en').send({ platform, code });

  async function sendAndRegister(token: string, body: { name: string; idNumber: string; phone: string }) {
    t.clock.advance(61_000);
    expect((await t.request().post('/api/v1/sms/send').set('Authorization', `Bearer ${token}`).send({ phone: body.phone })).status).toBe(202);
    return t
      .request()
      .post('/api/v1/residents/register')
      .set('Authorization', `Bearer ${token}`)
      .send({ ...body, smsCode: t.sms.latest(body.phone) });
  }

  it('R2: one resident registered through WeChat links an Alipay login, each through its platform', async () => {
    const viaWechat = await registerResident(t, { code: wechat.issueCode('o-r2-resident'), platform: 'wechat', seq: 611, name: '吴晓' });
    const alipayUser = { userId: '2088000000000611', cert: { name: '吴晓', certNo: viaWechat.idNumber, certType: '0' } };
    const viaAlipay = await loginAs(t, fake.issueCode(alipayUser), undefined, 'alipay');
    expect(viaAlipay.accountId).not.toBe(viaWechat.accountId);
    const linked = await sendAndRegister(viaAlipay.token, { name: '吴晓', idNumber: viaWechat.idNumber, phone: viaWechat.phone });
    expect(linked.status).toBe(201);
    expect(linked.body.linked).toBe(true);
    expect(linked.body.resident.id).toBe(viaWechat.residentId);
    // Both logins come back to their own account, each reaching the one resident.
    for (const [platform, code] of [
      ['wechat', wechat.issueCode('o-r2-resident')],
      ['alipay', fake.issueCode(alipayUser)],
    ] as const) {
      const again = await login(platform, code);
      expect(again.body.account).toMatchObject({ platform, registered: true });
      const me = await t.request().get('/api/v1/me').set('Authorization', `Bearer ${again.body.token}`);
      expect(me.body.resident.id).toBe(viaWechat.residentId);
    }
  });

  it("R3: a name that differs from Alipay's certified real name is refused on the name field", async () => {
    const idNumber = makeIdNumber({ birthDate: '1979-09-09', sex: 'male', seq: 612 });
    const a = await loginAs(t, fake.issueCode({ userId: '2088000000000612', cert: { name: '林大', certNo: idNumber, certType: '0' } }), undefined, 'alipay');
    const res = await t.request().post('/api/v1/residents/register').set(bearer(a)).send({ name: '林小', idNumber, phone: nextPhone(), smsCode: '000000' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('REAL_NAME_MISMATCH_NAME');
    expect(res.body.error.details.fields[0].path).toBe('name');
  });

  it('answers 401 LOGIN_CODE_REFUSED for a code Alipay refuses', async () => {
    const res = await login('alipay', 'ali-forged');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('LOGIN_CODE_REFUSED');
  });

  it.each(['busy', 'slow', 'malformed', 'http-500', 'bad-signature'] as const)('answers 503 LOGIN_PLATFORM_UNAVAILABLE, never 500, when Alipay is %s', async (mode) => {
    fake.mode = mode;
    const res = await login('alipay', fake.issueCode({ userId: '2088000000000613' }));
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('LOGIN_PLATFORM_UNAVAILABLE');
    expect(res.body.error.message).toContain('Alipay');
  });

  it('R34: no access token, session_key or private key appears in any response or log line', async () => {
    await login('alipay', fake.issueCode({ userId: '2088000000000614' }));
    expect(fake.accessTokens.length).toBeGreaterThan(2);
    const seen = [...t.responses, ...t.logs].join('\n');
    for (const token of fake.accessTokens) expect(seen).not.toContain(token);
    for (const key of wechat.sessionKeys) expect(seen).not.toContain(key);
    expect(seen).not.toContain(app.privateKey.split('\n')[1]);
  });
});

describe('Alipay settings', () => {
  it('an Alipay app id needs a readable private key, and production needs the Alipay public key', () => {
    const base = { ...process.env, LOGIN_PROVIDER: 'platform', ALIPAY_APP_ID: '2021' };
    expect(() => loadConfig(base)).toThrow(/ALIPAY_PRIVATE_KEY: Alipay login needs/);
    expect(() => loadConfig({ ...base, ALIPAY_PRIVATE_KEY: 'not a key' })).toThrow(/ALIPAY_PRIVATE_KEY: not a readable/);
    expect(() => loadConfig({ ...base, ALIPAY_PRIVATE_KEY: app.privateKey, ALIPAY_PUBLIC_KEY: 'nope' })).toThrow(/ALIPAY_PUBLIC_KEY: not a readable/);
    const secrets = { SESSION_SECRET: 'x'.repeat(40), DATA_KEY: Buffer.alloc(32, 1).toString('base64'), HASH_KEY: Buffer.alloc(32, 2).toString('base64') };
    const production = { NODE_ENV: 'production', ...secrets, LOGIN_PROVIDER: 'platform', ALIPAY_APP_ID: '2021', ALIPAY_PRIVATE_KEY: app.privateKey, SMS_PROVIDER: 'http', SMS_API_URL: 'https://sms.example/send', SMS_API_TOKEN: 't', FACE_CHECK_PROVIDER: 'platform', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's' };
    expect(() => loadConfig(production)).toThrow(/ALIPAY_PUBLIC_KEY: production verifies/);
    const config = loadConfig({ ...production, ALIPAY_PUBLIC_KEY: fake.publicKey });
    expect(createLoginProviders(config).alipay).toBeInstanceOf(AlipayLoginProvider);
  });
});
