import { errorMessages, idCheckChar, makeIdNumber, maskIdNumber } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type ResidentActor } from '../helpers/actors';
import { bind, BORN, FACE_OK, HOUR, person } from './helpers';

let t: TestContext;
let guardian: ResidentActor;
let seq = 0;
/** A fresh relative per call, so each test binds people nobody bound before. */
const fresh = (birthDate: string, name = '林小木') => person(birthDate, ++seq, name, '110101');

beforeAll(async () => {
  t = await createTestContext();
  guardian = await registerResident(t, { code: 'bind-guardian', seq: 1, name: '林大山' });
});
afterAll(() => t.close());

/** Each test starts with a guardian who has bound nobody yet (R22 allows 8). */
async function newGuardian(code: string, s: number, birthDate = '1990-05-17') {
  return registerResident(t, { code, seq: s, name: '林大山', birthDate });
}

describe('R21: who can be bound: ages 0-16 and 60+, by a valid ID number', () => {
  it('R21: ages 0, 6, 7, 16, 60 and 95 are bound (a newborn of today too); 7 and over with a face check', async () => {
    const g = await newGuardian('bind-ages', 2);
    const cases: Array<[string, number, boolean]> = [
      [BORN.bornToday, 0, false],
      [BORN.age0, 0, false],
      [BORN.age6, 6, false],
      [BORN.age7, 7, true],
      [BORN.age16, 16, true],
      [BORN.age60, 60, true],
      [BORN.age95, 95, true],
    ];
    for (const [birthDate, age, face] of cases) {
      t.clock.advance(1000); // the list is in binding order
      const res = await bind(t, g, fresh(birthDate), face ? FACE_OK : {});
      expect([birthDate, res.status, res.body.age, res.body.identityConfirmedBy]).toEqual([birthDate, 201, age, face ? 'face' : 'child-under-7']);
    }
    const list = await t.request().get('/api/v1/me/relatives').set(bearer(g));
    expect(list.body.relatives.map((r: { age: number }) => r.age)).toEqual([0, 0, 6, 7, 16, 60, 95]);
  });

  it('R21: ages 17 and 59 are refused with their own code and message, in Chinese and English', async () => {
    for (const [birthDate, age] of [
      [BORN.age17, 17],
      [BORN.age59, 59],
    ] as const) {
      const zh = await bind(t, guardian, fresh(birthDate), FACE_OK);
      expect(zh.status).toBe(422);
      expect(zh.body.error.code).toBe('RELATIVE_AGE_NOT_ALLOWED');
      expect(zh.body.error.message).toContain(`${age} 周岁`);
      const en = await bind(t, guardian, fresh(birthDate), FACE_OK, 'en-US');
      expect(en.body.error.message).toBe(`Family codes are only for children aged 16 or under and people aged 60 or over; this ID number is ${age} years old, so the person should register by themselves`);
    }
    // A 35-year-old is refused the same way: nobody between 17 and 59.
    expect((await bind(t, guardian, fresh('1991-01-01'), FACE_OK)).body.error.code).toBe('RELATIVE_AGE_NOT_ALLOWED');
    expect(await t.db('relative_bindings').where({ guardian_id: guardian.residentId }).count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('R21: an invalid ID number has its own code, the field code saying exactly what is wrong (a bad check character among them)', async () => {
    const good = fresh(BORN.age10).idNumber;
    const first17 = good.slice(0, 17);
    const badCheck = first17 + (idCheckChar(first17) === '0' ? '1' : '0');
    const region17 = `99${first17.slice(2)}`;
    const date17 = `11010120091332${first17.slice(14)}`;
    const cases: Array<[string, string]> = [
      [badCheck, 'ID_NUMBER_CHECKSUM'],
      ['11010120161234', 'ID_NUMBER_FORMAT'],
      [region17 + idCheckChar(region17), 'ID_NUMBER_REGION'],
      [date17 + idCheckChar(date17), 'ID_NUMBER_BIRTH_DATE'],
      // Born tomorrow by the app's clock: not yet born.
      [makeIdNumber({ region: '110101', birthDate: '2026-11-23', sex: 'male', seq: 1 }), 'ID_NUMBER_BIRTH_DATE'],
    ];
    for (const [idNumber, field] of cases) {
      const res = await bind(t, guardian, { name: '林小木', idNumber }, {}, 'en-US');
      expect([field, res.status, res.body.error.code]).toEqual([field, 422, 'RELATIVE_ID_NUMBER_INVALID']);
      expect(res.body.error.message).toBe(errorMessages.RELATIVE_ID_NUMBER_INVALID.en);
      expect(res.body.error.details.fields).toEqual([{ path: 'idNumber', code: field, message: expect.any(String) }]);
    }
    const zh = await bind(t, guardian, { name: '林小木', idNumber: badCheck });
    expect(zh.body.error.details.fields[0].message).toBe('身份证号校验位不对，请核对每一位');
    // A lower-case x is what people type: it is the same number.
    const withX = Array.from({ length: 200 }, (_, i) => makeIdNumber({ region: '110101', birthDate: BORN.age10, sex: 'female', seq: 300 + i })).find((n) => n.endsWith('X'))!;
    const lower = await bind(t, guardian, { name: '林小叉', idNumber: withX.toLowerCase() }, FACE_OK);
    expect(lower.status).toBe(201);
    expect(lower.body.idNumber).toBe(maskIdNumber(withX));
  });

  it('R21: the answer is masked: name, ID number; and the list shows age, colour, relationship and when unbinding opens', async () => {
    const g = await newGuardian('bind-view', 3);
    const p = fresh(BORN.age72, '欧阳春花');
    const res = await bind(t, g, p, { ...FACE_OK, relationship: 'grandparent' });
    expect(res.status).toBe(201);
    const now = t.clock.now();
    expect(res.body).toEqual({
      id: expect.any(String),
      name: '欧**花',
      idNumber: maskIdNumber(p.idNumber),
      age: 72,
      sex: expect.stringMatching(/^(male|female)$/),
      relationship: 'grandparent',
      identityConfirmedBy: 'face',
      boundAt: now.toISOString(),
      unbindableAt: new Date(now.getTime() + 24 * HOUR).toISOString(),
      colour: 'green',
      vaccinated: false,
    });
    const list = await t.request().get('/api/v1/me/relatives').set(bearer(g));
    expect(list.body).toEqual({ relatives: [res.body], maxRelatives: 8 });
    const one = await t.request().get(`/api/v1/me/relatives/${res.body.id}`).set(bearer(g));
    expect(one.body).toEqual(res.body);
    // The person is known now, as someone's relative only (not registered).
    const stored = await t.services.residents.findByIdNumber(p.idNumber);
    expect(stored).toMatchObject({ id: res.body.id, name: '欧阳春花', independent: false, phone: null });
  });

  it('R21: bindings belong to the guardian, not to one login: his WeChat and Alipay logins see the same relatives', async () => {
    const viaDev = await newGuardian('bind-two-logins', 4);
    t.clock.advance(61_000); // one SMS a minute per phone (R1)
    const viaWechat = await registerResident(t, { code: 'bind-two-logins-wx', seq: 4, platform: 'wechat', name: viaDev.name, idNumber: viaDev.idNumber, phone: viaDev.phone });
    t.clock.advance(61_000);
    const viaAlipay = await registerResident(t, { code: 'bind-two-logins-ali', seq: 4, platform: 'alipay', name: viaDev.name, idNumber: viaDev.idNumber, phone: viaDev.phone });
    expect(viaWechat.residentId).toBe(viaDev.residentId);
    const kid = fresh(BORN.age6);
    const first = await bind(t, viaWechat, kid);
    t.clock.advance(1000);
    const second = await bind(t, viaAlipay, fresh(BORN.age60), FACE_OK);
    expect([first.status, second.status]).toEqual([201, 201]);
    for (const who of [viaDev, viaWechat, viaAlipay]) {
      const list = await t.request().get('/api/v1/me/relatives').set(bearer(who));
      expect(list.body.relatives.map((r: { id: string }) => r.id)).toEqual([first.body.id, second.body.id]);
    }
    // The same relative again from another of his logins is a duplicate.
    expect((await bind(t, viaDev, kid)).body.error.code).toBe('RELATIVE_ALREADY_BOUND');
    // Who made each binding is kept.
    const rows = await t.db('relative_bindings').where({ guardian_id: viaDev.residentId }).orderBy('created_at');
    expect(rows.map((r) => r.bound_by).sort()).toEqual([viaWechat.accountId, viaAlipay.accountId].sort());
  });

  it('R21: binding needs a registered resident', async () => {
    const anonymous = await t.request().post('/api/v1/me/relatives').send({ name: '林小木', idNumber: fresh(BORN.age6).idNumber });
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'AUTH_REQUIRED']);
    const unregistered = await loginAs(t, 'bind-unregistered');
    const res = await bind(t, unregistered, fresh(BORN.age6));
    expect([res.status, res.body.error.code]).toEqual([403, 'REGISTRATION_REQUIRED']);
  });
});

describe('R23, duplicates and names', () => {
  it('R23: a person who registered independently cannot be bound', async () => {
    const elder = await registerResident(t, { code: 'bind-elder-registered', seq: 5, name: '林老伯', birthDate: BORN.age72 });
    const res = await bind(t, guardian, { name: '林老伯', idNumber: elder.idNumber }, FACE_OK, 'en-US');
    expect([res.status, res.body.error.code]).toEqual([409, 'RELATIVE_REGISTERED_INDEPENDENTLY']);
    expect(res.body.error.message).toBe(errorMessages.RELATIVE_REGISTERED_INDEPENDENTLY.en);
  });

  it('R23: a relative who registers later keeps his guardian, shows his own code himself, and can no longer be bound by others', async () => {
    const g = await newGuardian('bind-later-registered', 6);
    const p = fresh(BORN.age72, '林阿婆');
    const bound = await bind(t, g, p, FACE_OK);
    expect(bound.status).toBe(201);
    const herself = await registerResident(t, { code: 'bind-later-herself', seq: 0, name: p.name, idNumber: p.idNumber });
    expect(herself.residentId).toBe(bound.body.id);
    expect((await t.request().get('/api/v1/me/colour').set(bearer(herself))).status).toBe(200);
    expect((await t.request().get(`/api/v1/me/relatives/${bound.body.id}`).set(bearer(g))).status).toBe(200);
    const other = await newGuardian('bind-later-other', 7);
    const res = await bind(t, other, p, FACE_OK);
    expect(res.body.error.code).toBe('RELATIVE_REGISTERED_INDEPENDENTLY');
  });

  it('R22: the same relative twice is refused with its own code (409)', async () => {
    const p = fresh(BORN.age6);
    expect((await bind(t, guardian, p)).status).toBe(201);
    const again = await bind(t, guardian, p, {}, 'en-US');
    expect([again.status, again.body.error.code, again.body.error.message]).toEqual([409, 'RELATIVE_ALREADY_BOUND', errorMessages.RELATIVE_ALREADY_BOUND.en]);
  });

  it('R21: the name must match the person known by that ID number, and the answer does not reveal the name on record', async () => {
    const p = fresh(BORN.age6, '王小明');
    expect((await bind(t, guardian, p)).status).toBe(201);
    const other = await newGuardian('bind-name-other', 8);
    const res = await bind(t, other, { name: '王晓明', idNumber: p.idNumber });
    expect([res.status, res.body.error.code]).toEqual([422, 'RELATIVE_NAME_MISMATCH']);
    expect(res.body.error.message).toContain(t.deps.config.HOTLINE);
    expect(res.body.error.details.fields).toEqual([{ path: 'name', code: 'INVALID_VALUE', message: expect.any(String) }]);
    const text = JSON.stringify(res.body);
    for (const part of ['王小明', '小明', '王*明']) expect(text).not.toContain(part);
    // The right name binds.
    expect((await bind(t, other, p)).status).toBe(201);
  });

  it('R21: a guardian of 60 or more cannot bind himself', async () => {
    const elder = await registerResident(t, { code: 'bind-self', seq: 9, name: '林爷爷', birthDate: BORN.age72 });
    const res = await bind(t, elder, { name: '林爷爷', idNumber: elder.idNumber }, FACE_OK);
    expect([res.status, res.body.error.code]).toEqual([422, 'RELATIVE_IS_SELF']);
  });
});

describe('R24: the face check', () => {
  it('R24: from age 7 a bind without a face check is refused and stores nothing', async () => {
    const p = fresh(BORN.age7);
    const res = await bind(t, guardian, p, {}, 'en-US');
    expect([res.status, res.body.error.code]).toEqual([422, 'RELATIVE_FACE_CHECK_REQUIRED']);
    expect(res.body.error.message).toBe(errorMessages.RELATIVE_FACE_CHECK_REQUIRED.en);
    expect(res.body.error.details.fields).toEqual([{ path: 'faceCheckToken', code: 'REQUIRED', message: 'Required' }]);
    expect(await t.services.residents.findByIdNumber(p.idNumber)).toBeNull();
  });

  it('R24: a refused face check is refused and stores nothing', async () => {
    for (const [birthDate, token] of [
      [BORN.age7, 'dev-face-no'],
      [BORN.age95, 'face-ok'],
      [BORN.age16, 'xdev-face-ok'],
    ]) {
      const p = fresh(birthDate);
      const res = await bind(t, guardian, p, { faceCheckToken: token });
      expect([birthDate, res.status, res.body.error.code]).toEqual([birthDate, 422, 'RELATIVE_FACE_CHECK_FAILED']);
      expect(res.body.error.details.reason).toBe('not-passed');
      expect(await t.services.residents.findByIdNumber(p.idNumber)).toBeNull();
    }
  });

  it('R24: ages 0-6 need no face check, and the binding says how identity was confirmed: never "face" without one', async () => {
    const g = await newGuardian('bind-face-record', 10);
    const child = await bind(t, g, fresh(BORN.age6));
    // A token sent for a young child is not taken as a face check either.
    const baby = await bind(t, g, fresh(BORN.age0), FACE_OK);
    const elder = await bind(t, g, fresh(BORN.age60), FACE_OK);
    const rows = await t.db('relative_bindings').where({ guardian_id: g.residentId }).orderBy('created_at').orderBy('id');
    const byRelative = new Map(rows.map((r) => [r.relative_id, r]));
    expect(byRelative.get(child.body.id)).toMatchObject({ confirmed_by: 'child-under-7', face_check_provider: null, face_check_ref: null });
    expect(byRelative.get(baby.body.id)).toMatchObject({ confirmed_by: 'child-under-7', face_check_provider: null, face_check_ref: null });
    expect(byRelative.get(elder.body.id)).toMatchObject({ confirmed_by: 'face', face_check_provider: 'dev', face_check_ref: 'dev-face-ok' });
  });
});

describe('R25: unbinding only 24 hours after binding', () => {
  it('R25: before 24 hours the refusal says the time left; after, the binding is removed and can be made again', async () => {
    const code = 'bind-unbind';
    let g = await newGuardian(code, 11);
    const p = fresh(BORN.age0);
    const bound = await bind(t, g, p);
    const del = () => t.request().delete(`/api/v1/me/relatives/${bound.body.id}`).set(bearer(g));

    const now = await del();
    expect([now.status, now.body.error.code]).toEqual([409, 'RELATIVE_UNBIND_TOO_SOON']);
    expect(now.body.error.message).toBe('绑定满 24 小时后才能解除，还需等待 24 小时 0 分钟');
    expect(now.body.error.details).toEqual({ unbindableAt: bound.body.unbindableAt });

    t.clock.advance(23 * HOUR + 15 * 60_000 + 30_000); // 44 min 30 s left: shown as 45 min
    g = { ...g, ...(await loginAs(t, code)) };
    const later = await t.request().delete(`/api/v1/me/relatives/${bound.body.id}`).set(bearer(g)).set('Accept-Language', 'en-US');
    expect([later.status, later.body.error.message]).toEqual([409, 'A binding can be removed 24 hours after it was made: 0 h 45 min to go']);

    t.clock.advance(44 * 60_000 + 29_999); // 1 ms left
    g = { ...g, ...(await loginAs(t, code)) };
    expect((await del()).body.error.message).toContain('0 小时 1 分钟');

    t.clock.advance(1);
    const done = await del();
    expect(done.status).toBe(204);
    expect((await t.request().get('/api/v1/me/relatives').set(bearer(g))).body.relatives).toEqual([]);
    expect((await t.request().get(`/api/v1/me/relatives/${bound.body.id}`).set(bearer(g))).status).toBe(404);
    const gone = await del();
    expect([gone.status, gone.body.error.code]).toEqual([404, 'RELATIVE_NOT_FOUND']);

    // The person stays known; binding him again starts a new 24 hours.
    const again = await bind(t, g, p);
    expect([again.status, again.body.id]).toEqual([201, bound.body.id]);
    expect(again.body.unbindableAt).toBe(new Date(t.clock.now().getTime() + 24 * HOUR).toISOString());
  });

  it("R25: a guardian unbinding removes only his own binding, not another guardian's", async () => {
    const a = await newGuardian('bind-unbind-a', 12);
    const b = await newGuardian('bind-unbind-b', 13);
    const p = fresh(BORN.age0);
    const fromA = await bind(t, a, p);
    expect((await bind(t, b, p)).status).toBe(201);
    t.clock.advance(24 * HOUR);
    const sessionA = await loginAs(t, 'bind-unbind-a');
    const sessionB = await loginAs(t, 'bind-unbind-b');
    expect((await t.request().delete(`/api/v1/me/relatives/${fromA.body.id}`).set(bearer(sessionA))).status).toBe(204);
    expect((await t.request().get(`/api/v1/me/relatives/${fromA.body.id}`).set(bearer(sessionB))).status).toBe(200);
  });
});
