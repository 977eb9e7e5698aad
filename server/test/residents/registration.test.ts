import jwt from 'jsonwebtoken';
import { makeIdNumber } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, nextPhone, registerResident } from '../helpers/actors';
import type { DevLoginProvider } from '../../src/auth/providers/dev';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

async function sendAndRegister(token: string, body: { name: string; idNumber: string; phone: string }, lang = 'zh-CN') {
  t.clock.advance(61_000); // R1 allows one send a minute per phone; some tests reuse a registered phone
  const sent = await t.request().post('/api/v1/sms/send').set('Authorization', `Bearer ${token}`).send({ phone: body.phone });
  expect(sent.status).toBe(202);
  return t
    .request()
    .post('/api/v1/residents/register')
    .set('Authorization', `Bearer ${token}`)
    .set('Accept-Language', lang)
    .send({ ...body, smsCode: t.sms.latest(body.phone) });
}

describe('R1: registration with real name, ID number and a confirmed phone', () => {
  it('R1: registers, derives birth date, sex and region from the ID number, and answers masked', async () => {
    const a = await loginAs(t, 'r1-happy');
    const idNumber = makeIdNumber({ region: '110105', birthDate: '1985-03-09', sex: 'male', seq: 11 });
    const phone = nextPhone();
    const res = await sendAndRegister(a.token, { name: '王小明', idNumber, phone });
    expect(res.status).toBe(201);
    expect(res.body.linked).toBe(false);
    expect(res.body.resident).toMatchObject({ name: '王*明', birthDate: '1985-03-09', sex: 'male', region: '110105' });
    expect(res.body.resident.idNumber).toBe(`${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`);
    expect(res.body.resident.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const me = await t.request().get('/api/v1/me').set('Authorization', `Bearer ${res.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body.resident.id).toBe(res.body.resident.id);
  });

  it('R1: a wrong check character is refused with the field and its own code', async () => {
    const a = await loginAs(t, 'r1-checksum');
    const good = makeIdNumber({ birthDate: '1990-01-01', sex: 'female', seq: 12 });
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await t
      .request()
      .post('/api/v1/residents/register')
      .set(bearer(a))
      .set('Accept-Language', 'en')
      .send({ name: '李四', idNumber: bad, phone: nextPhone(), smsCode: '123456' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.fields).toEqual([
      { path: 'idNumber', code: 'ID_NUMBER_CHECKSUM', message: 'The ID number check character is wrong; please check each digit' },
    ]);
  });

  it('R1: an impossible birth date, a short number and a bad phone each name their field', async () => {
    const a = await loginAs(t, 'r1-fields');
    const res = await t
      .request()
      .post('/api/v1/residents/register')
      .set(bearer(a))
      .send({ name: '', idNumber: '44030519900231123X', phone: '12345', smsCode: '12ab' });
    expect(res.status).toBe(422);
    const byPath = Object.fromEntries(res.body.error.details.fields.map((f: { path: string; code: string }) => [f.path, f.code]));
    expect(byPath).toEqual({ name: 'NAME_FORMAT', idNumber: 'ID_NUMBER_BIRTH_DATE', phone: 'PHONE_FORMAT', smsCode: 'SMS_CODE_FORMAT' });
  });

  it('R1: the SMS code allows at most one send a minute per phone', async () => {
    const a = await loginAs(t, 'r1-resend');
    const phone = nextPhone();
    expect((await t.request().post('/api/v1/sms/send').set(bearer(a)).send({ phone })).status).toBe(202);
    t.clock.advance(30_000);
    const again = await t.request().post('/api/v1/sms/send').set(bearer(a)).send({ phone });
    expect(again.status).toBe(429);
    expect(again.body.error.code).toBe('SMS_RESEND_TOO_SOON');
    expect(again.headers['retry-after']).toBe('30');
    t.clock.advance(30_000);
    expect((await t.request().post('/api/v1/sms/send').set(bearer(a)).send({ phone })).status).toBe(202);
  });

  it('R1: a wrong code counts tries, and the fifth wrong try uses the code up', async () => {
    const a = await loginAs(t, 'r1-tries');
    const phone = nextPhone();
    const idNumber = makeIdNumber({ birthDate: '1991-02-03', sex: 'female', seq: 13 });
    await t.request().post('/api/v1/sms/send').set(bearer(a)).send({ phone });
    const right = t.sms.latest(phone)!;
    const wrong = right === '000000' ? '000001' : '000000';
    const body = { name: '赵六', idNumber, phone, smsCode: wrong };
    for (let left = 4; left >= 1; left--) {
      const res = await t.request().post('/api/v1/residents/register').set(bearer(a)).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('SMS_CODE_WRONG');
      expect(res.body.error.details.triesLeft).toBe(left);
    }
    const fifth = await t.request().post('/api/v1/residents/register').set(bearer(a)).send(body);
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('SMS_CODE_TOO_MANY_TRIES');
    const evenRight = await t.request().post('/api/v1/residents/register').set(bearer(a)).send({ ...body, smsCode: right });
    expect(evenRight.body.error.code).toBe('SMS_CODE_TOO_MANY_TRIES');
  });

  it('R1: a code is valid five minutes, and used only once', async () => {
    const a = await loginAs(t, 'r1-expiry');
    const phone = nextPhone();
    const idNumber = makeIdNumber({ birthDate: '1992-02-03', sex: 'male', seq: 14 });
    await t.request().post('/api/v1/sms/send').set(bearer(a)).send({ phone });
    const code = t.sms.latest(phone)!;
    t.clock.advance(5 * 60_000 + 1);
    const late = await t.request().post('/api/v1/residents/register').set(bearer(a)).send({ name: '钱七', idNumber, phone, smsCode: code });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe('SMS_CODE_EXPIRED');
    await t.request().post('/api/v1/sms/send').set(bearer(a)).send({ phone });
    const fresh = t.sms.latest(phone)!;
    expect((await t.request().post('/api/v1/residents/register').set(bearer(a)).send({ name: '钱七', idNumber, phone, smsCode: fresh })).status).toBe(201);
    const b = await loginAs(t, 'r1-expiry-other');
    const reuse = await t.request().post('/api/v1/residents/register').set(bearer(b)).send({ name: '钱七', idNumber, phone, smsCode: fresh });
    expect(reuse.body.error.code).toBe('SMS_CODE_NOT_SENT');
  });

  it('R1: an account registers once', async () => {
    const r = await registerResident(t, { code: 'r1-twice', seq: 15 });
    const res = await sendAndRegister(r.token, { name: '孙八', idNumber: makeIdNumber({ birthDate: '1980-01-01', sex: 'male', seq: 16 }), phone: nextPhone() });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ACCOUNT_ALREADY_REGISTERED');
  });
});

describe('R2: one independent registration per ID number, linkable from WeChat and Alipay', () => {
  it('R2: a second login on the same platform cannot register the same ID number again', async () => {
    const first = await registerResident(t, { code: 'r2-first', seq: 21, name: '周九' });
    const other = await loginAs(t, 'r2-second');
    const res = await sendAndRegister(other.token, { name: '周九', idNumber: first.idNumber, phone: first.phone });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_REGISTERED_SAME_PLATFORM');
  });

  it('R2: a WeChat and an Alipay login reach one registration, confirmed by the registered phone', async () => {
    const wechat = await registerResident(t, { code: 'r2-wx', seq: 22, name: '吴十', platform: 'wechat' });
    const alipay = await loginAs(t, 'r2-ali', undefined, 'alipay');
    const res = await sendAndRegister(alipay.token, { name: '吴十', idNumber: wechat.idNumber, phone: wechat.phone });
    expect(res.status).toBe(201);
    expect(res.body.linked).toBe(true);
    expect(res.body.resident.id).toBe(wechat.residentId);
  });

  it('R2: linking with another phone is refused, showing the registered phone masked only', async () => {
    const wechat = await registerResident(t, { code: 'r2-wx2', seq: 23, name: '郑一', platform: 'wechat' });
    const alipay = await loginAs(t, 'r2-ali2', undefined, 'alipay');
    const res = await sendAndRegister(alipay.token, { name: '郑一', idNumber: wechat.idNumber, phone: nextPhone() }, 'en-US');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_REGISTERED_OTHER_PHONE');
    expect(res.body.error.message).toContain(`${wechat.phone.slice(0, 3)}****${wechat.phone.slice(-4)}`);
    expect(JSON.stringify(res.body)).not.toContain(wechat.phone);
  });

  it('R2: two simultaneous registrations of one ID number make one resident', async () => {
    const idNumber = makeIdNumber({ birthDate: '1970-07-07', sex: 'male', seq: 24 });
    const a = await loginAs(t, 'r2-race-a');
    const b = await loginAs(t, 'r2-race-b');
    const [pa, pb] = [nextPhone(), nextPhone()];
    await t.request().post('/api/v1/sms/send').set(bearer(a)).send({ phone: pa });
    await t.request().post('/api/v1/sms/send').set(bearer(b)).send({ phone: pb });
    const [ra, rb] = await Promise.all([
      t.request().post('/api/v1/residents/register').set(bearer(a)).send({ name: '陈二', idNumber, phone: pa, smsCode: t.sms.latest(pa) }),
      t.request().post('/api/v1/residents/register').set(bearer(b)).send({ name: '陈二', idNumber, phone: pb, smsCode: t.sms.latest(pb) }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([201, 409]);
    const rows = await t.db('residents').where({ id_number_hash: t.services.residents.idNumberHash(idNumber) });
    expect(rows).toHaveLength(1);
  });
});

describe('R3: mismatches say exactly which, and what to do', () => {
  it('R3: a name that differs from the platform real-name record is refused on the name field', async () => {
    const idNumber = makeIdNumber({ birthDate: '1988-08-08', sex: 'female', seq: 31 });
    (t.deps.loginProviders.alipay as DevLoginProvider).registerRealName('r3-ali', '林晓', idNumber);
    const a = await loginAs(t, 'r3-ali', undefined, 'alipay');
    const res = await t.request().post('/api/v1/residents/register').set(bearer(a)).send({ name: '林小', idNumber, phone: nextPhone(), smsCode: '000000' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('REAL_NAME_MISMATCH_NAME');
    expect(res.body.error.message).toContain('支付宝');
    expect(res.body.error.details.fields[0].path).toBe('name');
  });

  it('R3: an ID number that differs from the platform record is refused on the ID field', async () => {
    const idNumber = makeIdNumber({ birthDate: '1988-08-09', sex: 'female', seq: 32 });
    (t.deps.loginProviders.alipay as DevLoginProvider).registerRealName('r3-ali2', '林晓', idNumber);
    const a = await loginAs(t, 'r3-ali2', undefined, 'alipay');
    const other = makeIdNumber({ birthDate: '1960-01-01', sex: 'male', seq: 33 });
    const res = await t.request().post('/api/v1/residents/register').set(bearer(a)).send({ name: '林晓', idNumber: other, phone: nextPhone(), smsCode: '000000' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('REAL_NAME_MISMATCH_ID');
    expect(res.body.error.details.fields[0].path).toBe('idNumber');
  });

  it('R3: a name that differs from the registered person for that ID number is refused', async () => {
    const first = await registerResident(t, { code: 'r3-first', seq: 34, name: '黄大', platform: 'wechat' });
    const alipay = await loginAs(t, 'r3-second', undefined, 'alipay');
    const res = await sendAndRegister(alipay.token, { name: '黄小', idNumber: first.idNumber, phone: first.phone });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('NAME_ID_MISMATCH');
    expect(res.body.error.message).toContain(t.deps.config.HOTLINE);
  });

  it('R3: the platform record that matches lets registration through', async () => {
    const idNumber = makeIdNumber({ birthDate: '1988-08-10', sex: 'male', seq: 35 });
    (t.deps.loginProviders.alipay as DevLoginProvider).registerRealName('r3-ok', '林大', idNumber);
    const a = await loginAs(t, 'r3-ok', undefined, 'alipay');
    expect((await sendAndRegister(a.token, { name: '林大', idNumber, phone: nextPhone() })).status).toBe(201);
  });
});

describe('sessions: short-lived, audience and algorithm pinned', () => {
  it('refuses a missing, expired, forged, alg:none and wrong-audience token with its own code', async () => {
    const a = await loginAs(t, 'session-user');
    expect((await t.request().get('/api/v1/me')).body.error.code).toBe('AUTH_REQUIRED');
    const secret = t.deps.config.SESSION_SECRET;
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const forged = jwt.sign({ role: 'official' }, 'another-secret-of-sufficient-length-000000', { algorithm: 'HS256', audience: 'health-code-api', issuer: 'health-code', subject: a.accountId, expiresIn: 600 });
    const none = jwt.sign({ role: 'official', sub: a.accountId, aud: 'health-code-api', iss: 'health-code', iat: now, exp: now + 600 }, '', { algorithm: 'none' });
    const otherAudience = jwt.sign({ role: 'resident', iat: now }, secret, { algorithm: 'HS256', audience: 'someone-else', issuer: 'health-code', subject: a.accountId, expiresIn: 600 });
    for (const token of [forged, none, otherAudience, 'not-a-token']) {
      const res = await t.request().get('/api/v1/me').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('SESSION_INVALID');
    }
    // Accepted once (and so remembered as verified), it is still refused once its time is up.
    expect((await t.request().get('/api/v1/me').set(bearer(a))).status).toBe(200);
    t.clock.advance(t.deps.config.SESSION_TTL_SECONDS * 1000);
    const expired = await t.request().get('/api/v1/me').set(bearer(a));
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('SESSION_EXPIRED');
  });

  it('refuses a login code the platform does not accept', async () => {
    const res = await t.request().post('/api/v1/auth/login').send({ platform: 'dev', code: 'x' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('LOGIN_CODE_REFUSED');
  });
});

describe('R34: personal numbers are encrypted at rest', () => {
  it('R34: the residents table holds no whole ID number, phone or name', async () => {
    const r = await registerResident(t, { code: 'r34', seq: 41, name: '欧阳晓明' });
    const rows = await t.db('residents').select();
    const dump = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(dump).not.toContain(r.idNumber);
    expect(dump).not.toContain(r.phone);
    expect(dump).not.toContain('欧阳晓明');
  });
});
