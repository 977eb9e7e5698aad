import { errorMessages } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type ResidentActor } from '../helpers/actors';
import { AlipayFake, rsaKeyPair } from '../fakes/alipay-fake';
import { closedPort } from '../fakes/wechat-fake';
import { ConfigError, loadConfig } from '../../src/config';
import { AlipayGateway, alipayPrivateKey } from '../../src/auth/providers/alipay';
import { AlipayFaceCheck, FaceCheckUnavailable } from '../../src/relatives/face-check';
import { FaceChecksRepository } from '../../src/relatives/face-checks.repository';
import { bind, BORN, HOUR, person, type Person } from './helpers';
import { WechatFaceFake } from './wechat-face-fake';

let seq = 0;
const fresh = (birthDate: string, name = '林小木') => person(birthDate, ++seq, name, '140107');
const RETURN_URL = 'alipays://platformapi/startapp?appId=2021000000000001&page=pages/relatives/bind';

describe('R24: the Alipay face check (alipay.user.certify.open.*), against a local Alipay gateway', () => {
  const app = rsaKeyPair();
  let t: TestContext;
  let alipay: AlipayFake;
  let wechat: WechatFaceFake;
  let guardian: ResidentActor;

  beforeAll(async () => {
    alipay = await new AlipayFake(app.publicKey).start();
    wechat = await new WechatFaceFake().start();
    t = await createTestContext({
      env: {
        FACE_CHECK_PROVIDER: 'platform',
        ALIPAY_APP_ID: alipay.appId,
        ALIPAY_PRIVATE_KEY: app.privateKey,
        ALIPAY_PUBLIC_KEY: alipay.publicKey,
        ALIPAY_GATEWAY: alipay.url,
        ALIPAY_FACE_RETURN_URL: RETURN_URL,
        WECHAT_API_BASE: wechat.url,
        WECHAT_APP_ID: wechat.appId,
        WECHAT_APP_SECRET: wechat.appSecret,
        PLATFORM_TIMEOUT_MS: '500',
      },
    });
    // The development login serves the alipay and wechat platforms in tests: the user id is the code.
    guardian = await registerResident(t, { code: 'ali-face-guardian', seq: 701, platform: 'alipay', name: '林大山' });
  });
  afterAll(async () => {
    await t.close();
    await alipay.close();
    await wechat.close();
  });
  beforeEach(() => {
    alipay.mode = 'ok';
    wechat.mode = 'ok';
  });

  let guardians = 0;
  /** A guardian of his own per test that binds (R22 allows each 8 relatives). */
  async function aGuardian(): Promise<ResidentActor & { code: string }> {
    guardians += 1;
    const code = `ali-face-g${guardians}`;
    return { ...(await registerResident(t, { code, seq: 710 + guardians, platform: 'alipay', name: '林大海' })), code };
  }

  /** Moves the clock on; sessions last 30 minutes of the same clock, so the guardian logs in again. */
  async function later<G extends ResidentActor & { code: string }>(ms: number, g: G): Promise<G> {
    t.clock.advance(ms);
    return { ...g, ...(await loginAs(t, g.code, undefined, 'alipay')) };
  }

  const start = (who: ResidentActor, p: Person, lang = 'zh-CN') =>
    t.request().post('/api/v1/me/relatives/face-checks').set(bearer(who)).set('Accept-Language', lang).send({ name: p.name, idNumber: p.idNumber });
  const row = (id: string) => t.db('face_checks').where({ id }).first();
  const methods = () => alipay.requests.map((r) => r.method);

  /** Start, open the certify page as the guardian's Alipay would, and scan the face. */
  async function checked(who: ResidentActor, p: Person, passed = true): Promise<{ faceCheckId: string; certifyId: string }> {
    const res = await start(who, p);
    expect(res.status).toBe(201);
    expect((await fetch(res.body.certifyUrl)).status).toBe(200);
    alipay.faceScan(res.body.certifyId, passed);
    return res.body;
  }

  it('R24: start answers a signed certify URL that carries only the certify_id, and keeps the relative only as hashes', async () => {
    const p = fresh(BORN.age72, '林阿婆');
    const res = await start(guardian, p);
    expect(res.status).toBe(201);
    const { faceCheckId, certifyId, certifyUrl, expiresAt } = res.body;
    expect(Object.keys(res.body).sort()).toEqual(['certifyId', 'certifyUrl', 'expiresAt', 'faceCheckId']);
    expect(expiresAt).toBe(new Date(t.clock.now().getTime() + 30 * 60_000).toISOString());

    // initialize went to Alipay in a signed POST body, with the identity to check and our own id.
    const init = alipay.requests.find((r) => r.method === 'alipay.user.certify.open.initialize' && JSON.parse(r.biz_content).outer_order_no === faceCheckId.replace(/-/g, ''))!;
    expect(JSON.parse(init.biz_content)).toEqual({
      outer_order_no: faceCheckId.replace(/-/g, ''),
      biz_code: 'FACE',
      identity_param: { identity_type: 'CERT_INFO', cert_type: 'IDENTITY_CARD', cert_name: p.name, cert_no: p.idNumber },
      merchant_config: { return_url: RETURN_URL },
    });

    // The certify URL: the gateway, page-execute style, signed, naming the check by certify_id only.
    const url = new URL(certifyUrl);
    expect(`${url.origin}${url.pathname}`).toBe(alipay.url);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({ app_id: alipay.appId, method: 'alipay.user.certify.open.certify', sign_type: 'RSA2', charset: 'utf-8', version: '1.0' });
    expect(JSON.parse(params.biz_content)).toEqual({ certify_id: certifyId });
    for (const text of [certifyUrl, decodeURIComponent(certifyUrl), JSON.stringify(res.body)]) {
      expect(text).not.toContain(p.idNumber);
      expect(text).not.toContain(p.idNumber.slice(6, 14)); // not even the birth date part
      expect(text).not.toContain(p.name);
    }
    // The gateway accepts the signature; a URL changed to another check is refused.
    expect((await fetch(certifyUrl)).status).toBe(200);
    const forged = new URL(certifyUrl);
    forged.searchParams.set('biz_content', JSON.stringify({ certify_id: 'f'.repeat(32) }));
    const refused = await fetch(forged);
    expect([refused.status, await refused.text()]).toEqual([400, expect.stringContaining('isv.invalid-signature')]);

    const stored = await row(faceCheckId);
    expect(stored).toMatchObject({
      resident_id: guardian.residentId,
      id_number_hash: t.deps.crypto.hash('id', p.idNumber),
      name_hash: t.deps.crypto.hash('name', p.name),
      provider: 'alipay',
      certify_id: certifyId,
      state: 'started',
      used_at: null,
    });
    expect(JSON.stringify(stored)).not.toContain(p.idNumber);
    expect(t.logs.join('\n')).not.toContain(p.idNumber);
  });

  it("R24: a bind with the faceCheckId passes once Alipay's query says T, and records the check as Alipay's", async () => {
    const g = await aGuardian();
    const p = fresh(BORN.age60, '林阿公');
    const { faceCheckId, certifyId } = await checked(g, p);
    const res = await bind(t, g, p, { faceCheckToken: faceCheckId, relationship: 'parent' });
    expect([res.status, res.body.identityConfirmedBy]).toEqual([201, 'face']);
    expect(methods().at(-1)).toBe('alipay.user.certify.open.query');
    expect(JSON.parse(alipay.requests.at(-1)!.biz_content)).toEqual({ certify_id: certifyId });
    const binding = await t.db('relative_bindings').where({ relative_id: res.body.id }).first();
    expect(binding).toMatchObject({ confirmed_by: 'face', face_check_provider: 'alipay', face_check_ref: certifyId });
    const stored = await row(faceCheckId);
    expect(stored.state).toBe('passed');
    expect(stored.used_at).not.toBeNull();
  });

  it('R24: refused while Alipay says F: a failed face scan, or one not finished yet (which may still pass)', async () => {
    const g = await aGuardian();
    const failed = fresh(BORN.age10, '林小禾');
    const f = await checked(g, failed, false);
    const res = await bind(t, g, failed, { faceCheckToken: f.faceCheckId }, 'en-US');
    expect([res.status, res.body.error.code, res.body.error.details.reason]).toEqual([422, 'RELATIVE_FACE_CHECK_FAILED', 'not-passed']);
    expect(res.body.error.message).toBe(errorMessages.RELATIVE_FACE_CHECK_FAILED.en);
    expect((await row(f.faceCheckId)).state).toBe('failed');
    expect(await t.services.residents.findByIdNumber(failed.idNumber)).toBeNull();

    const unfinished = fresh(BORN.age10, '林小苗');
    const started = (await start(g, unfinished)).body;
    expect((await bind(t, g, unfinished, { faceCheckToken: started.faceCheckId })).body.error.details.reason).toBe('not-passed');
    expect((await fetch(started.certifyUrl)).status).toBe(200);
    alipay.faceScan(started.certifyId, true);
    expect((await bind(t, g, unfinished, { faceCheckToken: started.faceCheckId })).status).toBe(201);
  });

  it("R24: another guardian's check, a check for another relative or name, and an unknown id are refused", async () => {
    const g = await aGuardian();
    const p = fresh(BORN.age72, '林阿奶');
    const mine = await checked(g, p);
    const cases: Array<[ResidentActor, Person, string, string]> = [
      [await aGuardian(), p, mine.faceCheckId, 'other-account'],
      [g, fresh(BORN.age72, '林阿奶'), mine.faceCheckId, 'identity-mismatch'],
      [g, { name: '林阿娘', idNumber: p.idNumber }, mine.faceCheckId, 'identity-mismatch'],
      [g, p, '019a0000-0000-7000-8000-000000000000', 'unknown-token'],
      [g, p, 'dev-face-ok', 'unknown-token'],
    ];
    for (const [who, whom, token, reason] of cases) {
      const res = await bind(t, who, whom, { faceCheckToken: token });
      expect([reason, res.status, res.body.error.code, res.body.error.details.reason]).toEqual([reason, 422, 'RELATIVE_FACE_CHECK_FAILED', reason]);
    }
    // None of them used it up: its own g still binds with it.
    expect((await bind(t, g, p, { faceCheckToken: mine.faceCheckId })).status).toBe(201);
  });

  it('R24: an expired check is refused, by our own clock or because Alipay no longer knows it', async () => {
    let g = await aGuardian();
    const p = fresh(BORN.age60, '林阿伯');
    const old = await checked(g, p);
    g = await later(30 * 60_000, g);
    const res = await bind(t, g, p, { faceCheckToken: old.faceCheckId });
    expect([res.status, res.body.error.details.reason]).toEqual([422, 'expired']);
    expect((await row(old.faceCheckId)).state).toBe('expired');

    const gone = await checked(g, p);
    alipay.certifications.get(gone.certifyId)!.expired = true;
    const again = await bind(t, g, p, { faceCheckToken: gone.faceCheckId });
    expect([again.status, again.body.error.details.reason]).toEqual([422, 'expired']);
    expect((await bind(t, g, p, { faceCheckToken: (await checked(g, p)).faceCheckId })).status).toBe(201);
  });

  it('R24: a check binds once: after an unbind the same faceCheckId is refused as used', async () => {
    let g = await aGuardian();
    const p = fresh(BORN.age72, '林阿叔');
    const { faceCheckId } = await checked(g, p);
    const first = await bind(t, g, p, { faceCheckToken: faceCheckId });
    expect(first.status).toBe(201);
    g = await later(25 * HOUR, g);
    expect((await t.request().delete(`/api/v1/me/relatives/${first.body.id}`).set(bearer(g))).status).toBe(204);
    const before = alipay.requests.length;
    const second = await bind(t, g, p, { faceCheckToken: faceCheckId });
    expect([second.status, second.body.error.code, second.body.error.details.reason]).toEqual([422, 'RELATIVE_FACE_CHECK_FAILED', 'used']);
    expect(alipay.requests.length).toBe(before); // refused without asking Alipay
    expect((await bind(t, g, p, { faceCheckToken: (await checked(g, p)).faceCheckId })).status).toBe(201);
  });

  it('R24: two binds racing with one check bind once', async () => {
    const g = await aGuardian();
    const p = fresh(BORN.age10, '林小溪');
    const { faceCheckId } = await checked(g, p);
    const results = await Promise.all([1, 2].map(() => bind(t, g, p, { faceCheckToken: faceCheckId })));
    expect(results.map((r) => r.status).sort()).toEqual([201, expect.any(Number)]);
    const refused = results.find((r) => r.status !== 201)!;
    expect(['RELATIVE_ALREADY_BOUND', 'RELATIVE_FACE_CHECK_FAILED']).toContain(refused.body.error.code);
    const relative = (await t.services.residents.findByIdNumber(p.idNumber))!;
    expect(Number((await t.db('relative_bindings').where({ relative_id: relative.id }).count({ n: '*' }).first())!.n)).toBe(1);
  });

  it("R24: the check is marked used inside the binding's transaction: a rolled-back binding leaves it usable", async () => {
    const g = await aGuardian();
    const p = fresh(BORN.age60, '林阿舅');
    const { faceCheckId } = await checked(g, p);
    const repo = new FaceChecksRepository(t.db);
    await repo.setState(faceCheckId, 'passed');
    const now = t.clock.now();
    await expect(
      t.db.transaction(async (trx) => {
        expect(await repo.markUsed(faceCheckId, g.residentId, now, trx)).toBe(true);
        throw new Error('the binding failed');
      }),
    ).rejects.toThrow('the binding failed');
    expect((await row(faceCheckId)).used_at).toBeNull();
    expect(await t.db.transaction((trx) => repo.markUsed(faceCheckId, guardian.residentId, now, trx))).toBe(false);
    expect(await t.db.transaction((trx) => repo.markUsed(faceCheckId, g.residentId, now, trx))).toBe(true);
    expect(await t.db.transaction((trx) => repo.markUsed(faceCheckId, g.residentId, now, trx))).toBe(false);
  });

  it('R24: Alipay away, failing, slow or badly signed answers 503 with Retry-After, starts and binds nothing', async () => {
    const g = await aGuardian();
    const p = fresh(BORN.age72, '林阿姑');
    const ok = await checked(g, p);
    for (const mode of ['http-500', 'busy', 'slow', 'malformed', 'bad-signature'] as const) {
      alipay.mode = mode;
      const bound = await bind(t, g, p, { faceCheckToken: ok.faceCheckId });
      expect([mode, bound.status, bound.body.error.code, bound.headers['retry-after']]).toEqual([mode, 503, 'RELATIVE_FACE_CHECK_UNAVAILABLE', '5']);
      const started = await start(g, p);
      expect([mode, started.status, started.body.error.code]).toEqual([mode, 503, 'RELATIVE_FACE_CHECK_UNAVAILABLE']);
    }
    alipay.mode = 'ok';
    expect(await t.services.residents.findByIdNumber(p.idNumber)).toBeNull();
    expect((await row(ok.faceCheckId)).state).toBe('started');
    expect(Number((await t.db('face_checks').where({ id_number_hash: t.deps.crypto.hash('id', p.idNumber) }).count({ n: '*' }).first())!.n)).toBe(1);
    expect((await bind(t, g, p, { faceCheckToken: ok.faceCheckId })).status).toBe(201);
  });

  it('R24: a gateway that cannot be reached at all is FaceCheckUnavailable, for start and for confirm', async () => {
    const g = await aGuardian();
    const down = new AlipayGateway({ appId: alipay.appId, privateKey: alipayPrivateKey(app.privateKey), gateway: `http://127.0.0.1:${await closedPort()}/gateway.do`, timeoutMs: 500 });
    const check = new AlipayFaceCheck(down, new FaceChecksRepository(t.db), t.deps.crypto, { returnUrl: RETURN_URL });
    const p = fresh(BORN.age60, '林阿姨');
    const ask = { platform: 'alipay' as const, platformUid: g.code, residentId: g.residentId, name: p.name, idNumber: p.idNumber, now: t.clock.now() };
    await expect(check.start(ask)).rejects.toBeInstanceOf(FaceCheckUnavailable);
    const { faceCheckId } = await checked(g, p);
    await expect(check.confirm({ ...ask, token: faceCheckId })).rejects.toBeInstanceOf(FaceCheckUnavailable);
  });

  it('R24: start refuses what the bind would refuse, before Alipay is asked (and paid)', async () => {
    const g = await aGuardian();
    const bound = fresh(BORN.age10, '林小河');
    expect((await bind(t, g, bound, { faceCheckToken: (await checked(g, bound)).faceCheckId })).status).toBe(201);
    const valid = fresh(BORN.age10).idNumber;
    const badCheckChar = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const before = alipay.requests.length;
    const cases: Array<[Person, number, string]> = [
      [fresh(BORN.age0), 422, 'RELATIVE_FACE_CHECK_NOT_NEEDED'],
      [fresh('1990-01-01'), 422, 'RELATIVE_AGE_NOT_ALLOWED'],
      [{ name: '林错号', idNumber: badCheckChar }, 422, 'RELATIVE_ID_NUMBER_INVALID'],
      [bound, 409, 'RELATIVE_ALREADY_BOUND'],
      [{ name: '林错名', idNumber: bound.idNumber }, 422, 'RELATIVE_NAME_MISMATCH'],
    ];
    for (const [p, status, code] of cases) {
      const res = await start(g, p, 'en-US');
      expect([code, res.status, res.body.error.code, res.body.error.message]).toEqual([code, status, code, expect.any(String)]);
    }
    const invalid = await t.request().post('/api/v1/me/relatives/face-checks').set(bearer(g)).send({ name: '林小河' });
    expect([invalid.status, invalid.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    expect(alipay.requests.length).toBe(before);
  });

  it('R24: an identity Alipay refuses to start is RELATIVE_FACE_CHECK_FAILED (start-refused), with nothing kept', async () => {
    const g = await aGuardian();
    const p = fresh(BORN.age72, '林阿爷');
    alipay.refusedCertNos.add(p.idNumber);
    const res = await start(g, p);
    expect([res.status, res.body.error.code, res.body.error.details.reason]).toEqual([422, 'RELATIVE_FACE_CHECK_FAILED', 'start-refused']);
    expect(await t.db('face_checks').where({ id_number_hash: t.deps.crypto.hash('id', p.idNumber) }).first()).toBeUndefined();
  });

  it('R24: WeChat guardians are unaffected: start tells them to use the mini program; their verifyResult still binds', async () => {
    const g = await aGuardian();
    const p = fresh(BORN.age60, '林阿哥');
    const wxGuardian = await registerResident(t, { code: 'wx-face-guardian', seq: 703, platform: 'wechat', name: '林三山' });
    const res = await start(wxGuardian, p, 'en-US');
    expect([res.status, res.body.error.code, res.body.error.message, res.body.error.details.flow]).toEqual([400, 'RELATIVE_FACE_CHECK_IN_APP', errorMessages.RELATIVE_FACE_CHECK_IN_APP.en, 'wechat']);
    // An Alipay check of someone else's is nothing WeChat knows.
    const alipayCheck = await checked(g, p);
    expect((await bind(t, wxGuardian, p, { faceCheckToken: alipayCheck.faceCheckId })).body.error.details.reason).toBe('unknown-token');
    const token = wechat.verify({ openid: 'wx-face-guardian', name: p.name, idNumber: p.idNumber, identifyTime: Math.floor(t.clock.now().getTime() / 1000) });
    const bound = await bind(t, wxGuardian, p, { faceCheckToken: token });
    expect([bound.status, bound.body.identityConfirmedBy]).toEqual([201, 'face']);
    expect(await t.db('relative_bindings').where({ relative_id: bound.body.id, guardian_id: wxGuardian.residentId }).first()).toMatchObject({ face_check_provider: 'wechat' });
  });

  it('R24: a development login has no platform check to start (403), and Alipay children under 7 still bind without one', async () => {
    const g = await aGuardian();
    const viaDev = await registerResident(t, { code: 'ali-face-dev', seq: 704, name: '林四山' });
    const res = await start(viaDev, fresh(BORN.age60), 'en-US');
    expect([res.status, res.body.error.code, res.body.error.message]).toEqual([403, 'RELATIVE_FACE_CHECK_UNSUPPORTED', errorMessages.RELATIVE_FACE_CHECK_UNSUPPORTED.en]);
    const child = await bind(t, g, fresh(BORN.age0));
    expect([child.status, child.body.identityConfirmedBy]).toEqual([201, 'child-under-7']);
  });
});

describe('R24: Alipay face check settings', () => {
  const { privateKey, publicKey } = rsaKeyPair();
  const production = {
    NODE_ENV: 'production',
    SESSION_SECRET: 'x'.repeat(48),
    DATA_KEY: Buffer.alloc(32, 1).toString('base64'),
    HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
    LOGIN_PROVIDER: 'platform',
    SMS_PROVIDER: 'http',
    SMS_API_URL: 'https://sms.example.invalid/send',
    SMS_API_TOKEN: 'sms-token',
    FACE_CHECK_PROVIDER: 'platform',
    ALIPAY_APP_ID: '2021000000000001',
    ALIPAY_PRIVATE_KEY: privateKey,
  };

  it('R24: production with the platform check needs the Alipay public key, and an Alipay-only deployment starts', () => {
    expect(() => loadConfig(production)).toThrow(/ALIPAY_PUBLIC_KEY: production verifies Alipay response signatures \(login and face check\)/);
    const config = loadConfig({ ...production, ALIPAY_PUBLIC_KEY: publicKey });
    expect([config.FACE_CHECK_PROVIDER, config.ALIPAY_FACE_RETURN_URL]).toEqual(['platform', '']);
    expect(() => loadConfig({ ...production, ALIPAY_APP_ID: '' })).toThrow(/LOGIN_PROVIDER=platform needs/);
  });

  it('R24: ALIPAY_FACE_RETURN_URL must be an http(s) or alipays:// URL; the face check alone needs the private key', () => {
    expect(() => loadConfig({ ...production, ALIPAY_PUBLIC_KEY: publicKey, ALIPAY_FACE_RETURN_URL: 'javascript:alert(1)' })).toThrow(/ALIPAY_FACE_RETURN_URL/);
    expect(loadConfig({ ...production, ALIPAY_PUBLIC_KEY: publicKey, ALIPAY_FACE_RETURN_URL: RETURN_URL }).ALIPAY_FACE_RETURN_URL).toBe(RETURN_URL);
    const development = { NODE_ENV: 'test', SESSION_SECRET: production.SESSION_SECRET, DATA_KEY: production.DATA_KEY, HASH_KEY: production.HASH_KEY, FACE_CHECK_PROVIDER: 'platform', ALIPAY_APP_ID: '2021' };
    expect(() => loadConfig(development)).toThrow(ConfigError);
    expect(() => loadConfig(development)).toThrow(/ALIPAY_PRIVATE_KEY: Alipay face check needs/);
  });
});
