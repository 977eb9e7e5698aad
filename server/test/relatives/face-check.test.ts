import { errorMessages } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { registerResident, type ResidentActor } from '../helpers/actors';
import { ConfigError, loadConfig } from '../../src/config';
import type { FaceCheckOutcome, FaceCheckProvider, FaceCheckRequest } from '../../src/relatives/face-check';
import { bind, BORN, person } from './helpers';
import { WechatFaceFake } from './wechat-face-fake';

let seq = 0;
const fresh = (birthDate: string, name = '林小木') => person(birthDate, ++seq, name, '140105');

describe('R24: the platform face check (WeChat), against a local WeChat', () => {
  let t: TestContext;
  let fake: WechatFaceFake;
  let guardian: ResidentActor;
  const unix = () => Math.floor(t.clock.now().getTime() / 1000);

  beforeAll(async () => {
    fake = await new WechatFaceFake().start();
    t = await createTestContext({
      env: { FACE_CHECK_PROVIDER: 'platform', WECHAT_API_BASE: fake.url, WECHAT_APP_ID: fake.appId, WECHAT_APP_SECRET: fake.appSecret, PLATFORM_TIMEOUT_MS: '2000' },
    });
    // The development login serves the wechat platform in tests: the openid is the login code.
    guardian = await registerResident(t, { code: 'face-wx-guardian', seq: 401, platform: 'wechat', name: '林大山' });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('R24: a passed verification of this person on the guardian\'s own WeChat binds, recorded as a face check', async () => {
    const p = fresh(BORN.age72, '林阿婆');
    const token = fake.verify({ openid: 'face-wx-guardian', name: p.name, idNumber: p.idNumber, identifyTime: unix() - 60 });
    const res = await bind(t, guardian, p, { faceCheckToken: token });
    expect([res.status, res.body.identityConfirmedBy]).toEqual([201, 'face']);
    const row = await t.db('relative_bindings').where({ relative_id: res.body.id }).first();
    expect(row).toMatchObject({ confirmed_by: 'face', face_check_provider: 'wechat', face_check_ref: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(fake.tokenRequests).toBe(1);
  });

  it('R24: WeChat\'s answer is checked: another person, another WeChat user, a failed check, an old check, an unknown token are refused', async () => {
    const p = fresh(BORN.age10, '林小禾');
    const someoneElse = fresh(BORN.age10, '林小禾');
    const cases: Array<[string, string]> = [
      [fake.verify({ openid: 'face-wx-guardian', name: someoneElse.name, idNumber: someoneElse.idNumber, identifyTime: unix() }), 'identity-mismatch'],
      [fake.verify({ openid: 'face-wx-guardian', name: '林小河', idNumber: p.idNumber, identifyTime: unix() }), 'identity-mismatch'],
      [fake.verify({ openid: 'someone-elses-phone', name: p.name, idNumber: p.idNumber, identifyTime: unix() }), 'other-account'],
      [fake.verify({ openid: 'face-wx-guardian', name: p.name, idNumber: p.idNumber, identifyTime: unix(), identifyRet: 10001 }), 'not-passed'],
      [fake.verify({ openid: 'face-wx-guardian', name: p.name, idNumber: p.idNumber, identifyTime: unix() - 3600 }), 'expired'],
      ['dev-face-ok', 'unknown-token'],
    ];
    for (const [token, reason] of cases) {
      const res = await bind(t, guardian, p, { faceCheckToken: token }, 'en-US');
      expect([reason, res.status, res.body.error.code, res.body.error.details.reason]).toEqual([reason, 422, 'RELATIVE_FACE_CHECK_FAILED', reason]);
      expect(res.body.error.message).toBe(errorMessages.RELATIVE_FACE_CHECK_FAILED.en);
    }
    expect(await t.services.residents.findByIdNumber(p.idNumber)).toBeNull();
  });

  it('R24: an expired access token is renewed once and the check goes through', async () => {
    fake.expireTokens();
    const p = fresh(BORN.age60);
    const before = fake.tokenRequests;
    const res = await bind(t, guardian, p, { faceCheckToken: fake.verify({ openid: 'face-wx-guardian', name: p.name, idNumber: p.idNumber, identifyTime: unix() }) });
    expect(res.status).toBe(201);
    expect(fake.tokenRequests).toBe(before + 1);
  });

  it('R24: WeChat away or failing answers 503 with Retry-After, and binds nothing', async () => {
    const p = fresh(BORN.age60);
    const token = fake.verify({ openid: 'face-wx-guardian', name: p.name, idNumber: p.idNumber, identifyTime: unix() });
    for (const mode of ['http-500', 'busy'] as const) {
      fake.mode = mode;
      const res = await bind(t, guardian, p, { faceCheckToken: token });
      expect([mode, res.status, res.body.error.code, res.headers['retry-after']]).toEqual([mode, 503, 'RELATIVE_FACE_CHECK_UNAVAILABLE', '5']);
    }
    fake.mode = 'ok';
    expect(await t.services.residents.findByIdNumber(p.idNumber)).toBeNull();
    expect((await bind(t, guardian, p, { faceCheckToken: token })).status).toBe(201);
  });

  it('R24: a login platform the provider cannot check faces for is told so; a child under 7 still binds there', async () => {
    const viaDev = await registerResident(t, { code: 'face-dev-guardian', seq: 402, name: '林大山' });
    const res = await bind(t, viaDev, fresh(BORN.age60), { faceCheckToken: 'dev-face-ok' }, 'en-US');
    expect([res.status, res.body.error.code, res.body.error.message]).toEqual([403, 'RELATIVE_FACE_CHECK_UNSUPPORTED', errorMessages.RELATIVE_FACE_CHECK_UNSUPPORTED.en]);
    expect((await bind(t, viaDev, fresh(BORN.age6))).status).toBe(201);
  });
});

describe('R24: what the service asks the provider, and when', () => {
  const calls: FaceCheckRequest[] = [];
  const spy: FaceCheckProvider = {
    async confirm(request: FaceCheckRequest): Promise<FaceCheckOutcome> {
      calls.push(request);
      return { status: 'confirmed', provider: 'spy', reference: 'spy-ref' };
    },
  };
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ faceCheck: spy });
  });
  afterAll(() => t.close());

  it('R24: from age 7 the provider confirms the token for this name, ID number and login; for ages 0-6 it is never asked', async () => {
    const g = await registerResident(t, { code: 'face-spy-guardian', seq: 403, platform: 'alipay', name: '林大山' });
    const six = fresh(BORN.age6);
    const seven = fresh(BORN.age7, '林七七');
    expect((await bind(t, g, six, { faceCheckToken: 'from-the-phone' })).body.identityConfirmedBy).toBe('child-under-7');
    expect(calls).toEqual([]);
    expect((await bind(t, g, seven, { faceCheckToken: 'from-the-phone' })).body.identityConfirmedBy).toBe('face');
    expect(calls).toEqual([{ platform: 'alipay', platformUid: 'face-spy-guardian', residentId: g.residentId, token: 'from-the-phone', name: '林七七', idNumber: seven.idNumber, now: t.clock.now() }]);
  });

  it('R24: a bind refused for another reason does not ask for a face check at all', async () => {
    const g = await registerResident(t, { code: 'face-spy-guardian-2', seq: 404, name: '林大山' });
    const p = fresh(BORN.age60);
    expect((await bind(t, g, p, { faceCheckToken: 'x' })).status).toBe(201);
    calls.length = 0;
    expect((await bind(t, g, p, { faceCheckToken: 'x' })).body.error.code).toBe('RELATIVE_ALREADY_BOUND');
    expect((await bind(t, g, { name: '林错名', idNumber: p.idNumber }, { faceCheckToken: 'x' })).body.error.code).toBe('RELATIVE_NAME_MISMATCH');
    expect(calls).toEqual([]);
  });
});

describe('R24: the development face check is refused in production', () => {
  const production = {
    NODE_ENV: 'production',
    SESSION_SECRET: 'x'.repeat(48),
    DATA_KEY: Buffer.alloc(32, 1).toString('base64'),
    HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
    LOGIN_PROVIDER: 'platform',
    WECHAT_APP_ID: 'wx-prod',
    WECHAT_APP_SECRET: 'wx-prod-secret',
    SMS_PROVIDER: 'http',
    SMS_API_URL: 'https://sms.example.invalid/send',
    SMS_API_TOKEN: 'sms-token',
  };

  it('R24: FACE_CHECK_PROVIDER=dev stops a production start; platform starts', () => {
    expect(() => loadConfig({ ...production, FACE_CHECK_PROVIDER: 'dev' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, FACE_CHECK_PROVIDER: 'dev' })).toThrow(/FACE_CHECK_PROVIDER=platform/);
    // The default is the development check: production must choose.
    expect(() => loadConfig(production)).toThrow(/FACE_CHECK_PROVIDER/);
    expect(loadConfig({ ...production, FACE_CHECK_PROVIDER: 'platform' }).FACE_CHECK_PROVIDER).toBe('platform');
    expect(loadConfig({ NODE_ENV: 'test', SESSION_SECRET: production.SESSION_SECRET, DATA_KEY: production.DATA_KEY, HASH_KEY: production.HASH_KEY }).FACE_CHECK_PROVIDER).toBe('dev');
  });
});
