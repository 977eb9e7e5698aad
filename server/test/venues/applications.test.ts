import { makeIdNumber, makeSocialCreditCode, maskPhone } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, nextPhone, registerResident, type Actor, type ResidentActor } from '../helpers/actors';
import { application, apply, categoryId, passedVenue } from './helpers';

let t: TestContext;
let owner: ResidentActor;
let other: ResidentActor;
let official: Actor;
let reviewer: Actor;

beforeAll(async () => {
  t = await createTestContext();
  await t.services.keys.ensureActiveKey();
  owner = await registerResident(t, { code: 'venue-owner', seq: 801, name: '黄店长' });
  other = await registerResident(t, { code: 'venue-other', seq: 802, name: '吴老板' });
  official = await loginAs(t, 'venue-official', 'official');
  reviewer = await loginAs(t, 'venue-reviewer', 'reviewer');
});
afterAll(() => t.close());

const fieldCodes = (res: { body: { error: { details?: { fields?: Array<{ path: string; code: string }> } } } }) =>
  Object.fromEntries((res.body.error.details?.fields ?? []).map((f) => [f.path, f.code]));

const auditRows = (targetId: string) => t.db('audit_log').where({ target_id: targetId }).orderBy('at', 'asc');

describe('R9: any registered resident applies for a venue code as the person in charge', () => {
  it('R9: a registered resident applies; the application waits for review and he is its owner', async () => {
    const body = await application(t);
    const res = await apply(t, owner, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: body.name,
      categoryName: '超市',
      categoryNameEn: 'Supermarket',
      mobile: false,
      address: body.address,
      region: '440305',
      regionName: '广东省 深圳市 南山区',
      socialCreditCode: body.socialCreditCode,
      unitName: '测试商贸有限公司',
      contactPhone: maskPhone(body.contactPhone as string),
      status: 'under_review',
      failReason: null,
      reviewedAt: null,
      posterAvailable: false,
    });
    const row = await t.db('venues').where({ id: res.body.id }).first();
    expect(row.owner_resident_id).toBe(owner.residentId);
    expect(row.applicant_account_id).toBe(owner.accountId);
    expect(row.code_id).toBeNull();
  });

  it('R9: an account that has not registered cannot apply, nor can anyone logged out', async () => {
    const unregistered = await loginAs(t, 'venue-unregistered');
    const res = await apply(t, unregistered, await application(t));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('REGISTRATION_REQUIRED');
    const anonymous = await t.request().post('/api/v1/me/venues').send(await application(t));
    expect(anonymous.status).toBe(401);
  });

  it('R9: a guardian cannot apply for a relative: the route names no person, so residentId or relativeId is UNKNOWN_FIELD', async () => {
    const child = await t
      .request()
      .post('/api/v1/me/relatives')
      .set(bearer(owner))
      .send({ name: '黄小宝', idNumber: makeIdNumber({ birthDate: '2023-02-02', sex: 'male', seq: 803 }) });
    expect(child.status).toBe(201);
    for (const key of ['residentId', 'relativeId', 'ownerResidentId']) {
      const res = await apply(t, owner, { ...(await application(t)), [key]: child.body.id }, 'en');
      expect(res.status).toBe(422);
      expect(res.body.error.details.fields).toEqual([{ path: key, code: 'UNKNOWN_FIELD', message: 'Unknown field' }]);
    }
    expect(await t.db('venues').where({ owner_resident_id: child.body.id })).toHaveLength(0);
  });
});

describe('R10: what an application gives', () => {
  it('R10: every missing item is named by its field', async () => {
    const res = await apply(t, owner, {});
    expect(res.status).toBe(422);
    expect(fieldCodes(res)).toEqual({
      name: 'REQUIRED',
      categoryId: 'REQUIRED',
      address: 'REQUIRED',
      region: 'REQUIRED',
      socialCreditCode: 'REQUIRED',
      unitName: 'REQUIRED',
      contactPhone: 'REQUIRED',
    });
  });

  it('R10: a social credit code with a wrong check character has its own field code; a malformed one another', async () => {
    const good = makeSocialCreditCode(4242);
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await apply(t, owner, await application(t, { socialCreditCode: wrongCheck }), 'en');
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields).toEqual([{ path: 'socialCreditCode', code: 'USCC_CHECKSUM', message: 'The social credit code check character is wrong' }]);
    for (const malformed of ['91440305123', `${good.slice(0, 17)}I`, 'ZZ4403051234567890']) {
      expect(fieldCodes(await apply(t, owner, await application(t, { socialCreditCode: malformed })))).toEqual({ socialCreditCode: 'USCC_FORMAT' });
    }
    // Typed in lower case with spaces around: taken in its canonical form.
    const lower = makeSocialCreditCode(4243, '110101').toLowerCase();
    const ok = await apply(t, owner, await application(t, { socialCreditCode: ` ${lower} ` }));
    expect(ok.status).toBe(201);
    expect(ok.body.socialCreditCode).toBe(lower.toUpperCase());
  });

  it('R10: the region is a 6-digit division code that exists', async () => {
    expect(fieldCodes(await apply(t, owner, await application(t, { region: '4403' })))).toEqual({ region: 'REGION_FORMAT' });
    const unknown = await apply(t, owner, await application(t, { region: '999999' }), 'en');
    expect(fieldCodes(unknown)).toEqual({ region: 'REGION_UNKNOWN' });
    expect(unknown.body.error.details.fields[0].message).toMatch(/division code/);
    const beijing = await apply(t, owner, await application(t, { region: '110101' }));
    expect(beijing.body.regionName).toBe('北京市 东城区');
  });

  it("R10: the category comes from the officials' list; an unknown or retired one is refused", async () => {
    const unknown = await apply(t, owner, await application(t, { categoryId: '0190f0f0-0000-7000-8000-000000000000' }));
    expect(fieldCodes(unknown)).toEqual({ categoryId: 'VENUE_CATEGORY_UNKNOWN' });
    const made = await t.request().post('/api/v1/officials/venue-categories').set(bearer(official)).send({ nameZh: '临时核酸采样点', nameEn: 'Temporary sampling site' });
    expect(made.status).toBe(201);
    expect((await apply(t, owner, await application(t, { categoryId: made.body.id }))).status).toBe(201);
    await t.request().patch(`/api/v1/officials/venue-categories/${made.body.id}`).set(bearer(official)).send({ active: false });
    expect(fieldCodes(await apply(t, owner, await application(t, { categoryId: made.body.id })))).toEqual({ categoryId: 'VENUE_CATEGORY_UNKNOWN' });
  });

  it('R10: the contact phone is checked, and answered masked wherever the venue appears (R34)', async () => {
    expect(fieldCodes(await apply(t, owner, await application(t, { contactPhone: '12345' })))).toEqual({ contactPhone: 'PHONE_FORMAT' });
    const phone = nextPhone();
    const res = await apply(t, owner, await application(t, { contactPhone: phone }));
    expect(res.body.contactPhone).toBe(maskPhone(phone));
    const row = await t.db('venues').where({ id: res.body.id }).first();
    expect(row.contact_phone_enc).not.toContain(phone);
    expect(t.deps.crypto.decrypt(row.contact_phone_enc)).toBe(phone);
    const one = await t.request().get(`/api/v1/me/venues/${res.body.id}`).set(bearer(owner));
    const list = await t.request().get('/api/v1/me/venues').set(bearer(owner));
    const queue = await t.request().get('/api/v1/officials/venues?pageSize=100').set(bearer(official));
    for (const text of [one.text, list.text, queue.text]) {
      expect(text).not.toContain(phone);
      expect(text).toContain(maskPhone(phone));
    }
  });

  it('R10: a mobile venue gives its plate or vessel number as its name and its operating company as unit', async () => {
    const taxi = await categoryId(t, '出租车');
    const res = await apply(t, owner, await application(t, { categoryId: taxi, name: '粤B·D1234 5', unitName: '深圳测试出租汽车有限公司' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '粤BD12345', mobile: true, categoryName: '出租车', unitName: '深圳测试出租汽车有限公司' });
    const boat = await apply(t, owner, await application(t, { categoryId: await categoryId(t, '客船'), name: '粤广州客0123' }));
    expect(boat.status).toBe(201);
    for (const name of ['粤B', '粤B D12345（白色）', 'taxi no. 12345678901234567']) {
      const bad = await apply(t, owner, await application(t, { categoryId: taxi, name }), 'en');
      expect([name, fieldCodes(bad)]).toEqual([name, { name: 'PLATE_FORMAT' }]);
    }
    // Not mobile: a name with brackets and spaces is fine.
    expect((await apply(t, owner, await application(t, { name: '幸福路菜市场（东门）' }))).status).toBe(201);
  });
});

describe('R11: review: under review -> passed, or failed with a reason', () => {
  it('R11: an official passes an application: a code id is assigned, and the action is audited (R33)', async () => {
    const applied = await apply(t, owner, await application(t));
    const res = await t.request().post(`/api/v1/officials/venues/${applied.body.id}/approve`).set(bearer(official));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: applied.body.id, status: 'passed', posterAvailable: true, owner: { residentId: owner.residentId, name: '黄*长' } });
    expect(res.body.reviewedAt).toBe(t.clock.now().toISOString());
    const row = await t.db('venues').where({ id: applied.body.id }).first();
    expect(row.code_id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(row.reviewed_by).toBe(official.accountId);
    const audit = await auditRows(applied.body.id);
    expect(audit.map((a) => [a.action, a.actor_id, a.actor_role])).toContainEqual(['venue.approve', official.accountId, 'official']);
    // The scanning feature finds the venue by the code id its poster carries.
    const found = await t.services.venues.findByCodeId(row.code_id);
    expect(found).toMatchObject({ id: applied.body.id, name: applied.body.name, categoryName: '超市', address: applied.body.address, region: '440305', status: 'passed' });
    expect(await t.services.venues.findByCodeId('no-such-code-id')).toBeNull();
  });

  it('R11: a reviewer fails an application with a mandatory reason, which the owner reads', async () => {
    const applied = await apply(t, owner, await application(t));
    const noReason = await t.request().post(`/api/v1/officials/venues/${applied.body.id}/reject`).set(bearer(reviewer)).send({});
    expect(noReason.status).toBe(422);
    expect(fieldCodes(noReason)).toEqual({ reason: 'REQUIRED' });
    const blank = await t.request().post(`/api/v1/officials/venues/${applied.body.id}/reject`).set(bearer(reviewer)).send({ reason: '   ' });
    expect(fieldCodes(blank)).toEqual({ reason: 'TOO_SHORT' });
    const reason = '营业执照上的单位名称与填写的不一致，请核对后重新申请';
    const res = await t.request().post(`/api/v1/officials/venues/${applied.body.id}/reject`).set(bearer(reviewer)).send({ reason });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'failed', failReason: reason, posterAvailable: false });
    const mine = await t.request().get(`/api/v1/me/venues/${applied.body.id}`).set(bearer(owner));
    expect(mine.body).toMatchObject({ status: 'failed', failReason: reason });
    expect((await t.db('venues').where({ id: applied.body.id }).first()).code_id).toBeNull();
    const audit = await auditRows(applied.body.id);
    expect(audit.find((a) => a.action === 'venue.reject')).toMatchObject({ actor_id: reviewer.accountId, actor_role: 'reviewer' });
    expect(JSON.parse(audit.find((a) => a.action === 'venue.reject').details).reason).toBe(reason);
  });

  it('R11: reviewing an application already reviewed gets its own code, whatever the decision', async () => {
    const applied = await apply(t, owner, await application(t));
    expect((await t.request().post(`/api/v1/officials/venues/${applied.body.id}/approve`).set(bearer(official))).status).toBe(200);
    const again = await t.request().post(`/api/v1/officials/venues/${applied.body.id}/approve`).set(bearer(reviewer)).set('Accept-Language', 'en');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('VENUE_ALREADY_REVIEWED');
    expect(again.body.error.message).toMatch(/already been reviewed/);
    const fail = await t.request().post(`/api/v1/officials/venues/${applied.body.id}/reject`).set(bearer(reviewer)).send({ reason: '重复审核测试' });
    expect(fail.status).toBe(409);
    expect(fail.body.error.code).toBe('VENUE_ALREADY_REVIEWED');
    const row = await t.db('venues').where({ id: applied.body.id }).first();
    expect(row.status).toBe('passed');
  });

  it('R11: two reviewers deciding at once: one decision stands, the other is told it was already reviewed', async () => {
    const applied = await apply(t, owner, await application(t));
    const [a, b] = await Promise.all([
      t.request().post(`/api/v1/officials/venues/${applied.body.id}/approve`).set(bearer(official)),
      t.request().post(`/api/v1/officials/venues/${applied.body.id}/reject`).set(bearer(reviewer)).send({ reason: '同时审核测试' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const audit = await auditRows(applied.body.id);
    expect(audit.filter((r) => r.action === 'venue.approve' || r.action === 'venue.reject')).toHaveLength(1);
  });

  it('R31: only officials and reviewers review; a resident, a tracer or a checkpoint gets ROLE_FORBIDDEN', async () => {
    const applied = await apply(t, owner, await application(t));
    const tracer = await loginAs(t, 'venue-tracer', 'tracer');
    const checkpoint = await loginAs(t, 'venue-checkpoint', 'checkpoint');
    for (const who of [owner, tracer, checkpoint]) {
      const res = await t.request().post(`/api/v1/officials/venues/${applied.body.id}/approve`).set(bearer(who));
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ROLE_FORBIDDEN');
      expect((await t.request().get('/api/v1/officials/venues').set(bearer(who))).status).toBe(403);
    }
    expect((await t.db('venues').where({ id: applied.body.id }).first()).status).toBe('under_review');
  });

  it('R11: the owner lists his applications by state and sees each one in detail; nobody else’s appear', async () => {
    const person = await registerResident(t, { code: 'venue-lister', seq: 804 });
    const passed = await passedVenue(t, person, official);
    t.clock.advance(1000);
    const failed = await apply(t, person, await application(t));
    await t.request().post(`/api/v1/officials/venues/${failed.body.id}/reject`).set(bearer(official)).send({ reason: '地址不详' });
    t.clock.advance(1000);
    const waiting = await apply(t, person, await application(t));
    await apply(t, other, await application(t));

    const all = await t.request().get('/api/v1/me/venues').set(bearer(person));
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 20, total: 3 });
    expect(all.body.venues.map((v: { id: string }) => v.id)).toEqual([waiting.body.id, failed.body.id, passed.id]);
    for (const [status, id] of [['passed', passed.id], ['failed', failed.body.id], ['under_review', waiting.body.id]]) {
      const res = await t.request().get(`/api/v1/me/venues?status=${status}`).set(bearer(person));
      expect([status, res.body.total, res.body.venues.map((v: { id: string }) => v.id)]).toEqual([status, 1, [id]]);
    }
    expect((await t.request().get('/api/v1/me/venues?status=retired').set(bearer(person))).body).toMatchObject({ venues: [], total: 0 });
    const bad = await t.request().get('/api/v1/me/venues?status=approved').set(bearer(person));
    expect(bad.status).toBe(422);
    expect(fieldCodes(bad)).toEqual({ status: 'INVALID_VALUE' });
    const paged = await t.request().get('/api/v1/me/venues?page=2&pageSize=2').set(bearer(person));
    expect(paged.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(paged.body.venues.map((v: { id: string }) => v.id)).toEqual([passed.id]);
    const detail = await t.request().get(`/api/v1/me/venues/${failed.body.id}`).set(bearer(person));
    expect(detail.body).toMatchObject({ id: failed.body.id, status: 'failed', failReason: '地址不详', categoryName: '超市' });
  });

  it("R11: another person's venue id is 404 VENUE_NOT_FOUND, the same answer as an id that does not exist", async () => {
    const theirs = await passedVenue(t, other, official);
    const missing = '0190f0f0-0000-7000-8000-000000000001';
    for (const path of ['', '/poster.png', '/poster.pdf']) {
      const a = await t.request().get(`/api/v1/me/venues/${theirs.id}${path}`).set(bearer(owner));
      const b = await t.request().get(`/api/v1/me/venues/${missing}${path}`).set(bearer(owner));
      expect([path, a.status, a.body]).toEqual([path, 404, b.body]);
      expect(a.body.error.code).toBe('VENUE_NOT_FOUND');
      expect(a.text).not.toContain(theirs.name);
    }
    const retire = await t.request().post(`/api/v1/me/venues/${theirs.id}/retire`).set(bearer(owner));
    expect(retire.status).toBe(404);
    expect(retire.body.error.code).toBe('VENUE_NOT_FOUND');
    expect((await t.db('venues').where({ id: theirs.id }).first()).status).toBe('passed');
  });
});

describe('R12: a passed code is never edited or deleted; it is revoked or retired and the record stays', () => {
  it('R12: a passed code cannot be edited; an official revokes it with a reason', async () => {
    const venue = await passedVenue(t, owner, official);
    for (const method of ['put', 'patch', 'delete'] as const) {
      const res = await t.request()[method](`/api/v1/me/venues/${venue.id}`).set(bearer(owner)).send({ name: '改个名字' });
      expect([method, res.status, res.body.error.code]).toEqual([method, 405, 'METHOD_NOT_ALLOWED']);
      const official405 = await t.request()[method](`/api/v1/officials/venues/${venue.id}`).set(bearer(official)).send({ name: '改个名字' });
      expect([method, official405.status]).toEqual([method, 405]);
    }
    const noReason = await t.request().post(`/api/v1/officials/venues/${venue.id}/revoke`).set(bearer(official)).send({});
    expect(fieldCodes(noReason)).toEqual({ reason: 'REQUIRED' });
    const reason = '经核查该场所已停业';
    const res = await t.request().post(`/api/v1/officials/venues/${venue.id}/revoke`).set(bearer(official)).send({ reason });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'revoked', revokeReason: reason, posterAvailable: false, name: venue.name });
    const mine = await t.request().get(`/api/v1/me/venues/${venue.id}`).set(bearer(owner));
    expect(mine.body).toMatchObject({ status: 'revoked', revokeReason: reason });
    expect(mine.body.revokedAt).toBe(t.clock.now().toISOString());
    const row = await t.db('venues').where({ id: venue.id }).first();
    expect(row).toMatchObject({ status: 'revoked', revoked_by: official.accountId, name: venue.name });
    expect((await t.services.venues.findByCodeId(row.code_id))?.status).toBe('revoked');
    const audit = await auditRows(venue.id);
    expect(audit.find((a) => a.action === 'venue.revoke')).toMatchObject({ actor_id: official.accountId, actor_role: 'official' });
    const again = await t.request().post(`/api/v1/officials/venues/${venue.id}/revoke`).set(bearer(official)).send({ reason });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('VENUE_CODE_NOT_ACTIVE');
    // Not yet passed: nothing to revoke.
    const waiting = await apply(t, owner, await application(t));
    expect((await t.request().post(`/api/v1/officials/venues/${waiting.body.id}/revoke`).set(bearer(official)).send({ reason })).body.error.code).toBe('VENUE_CODE_NOT_ACTIVE');
  });

  it('R12: the owner retires his own passed code; it is kept as retired', async () => {
    const venue = await passedVenue(t, owner, official);
    const res = await t.request().post(`/api/v1/me/venues/${venue.id}/retire`).set(bearer(owner));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'retired', retiredAt: t.clock.now().toISOString(), posterAvailable: false });
    const again = await t.request().post(`/api/v1/me/venues/${venue.id}/retire`).set(bearer(owner));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('VENUE_CODE_NOT_ACTIVE');
    const revoke = await t.request().post(`/api/v1/officials/venues/${venue.id}/revoke`).set(bearer(official)).send({ reason: '已注销的码' });
    expect(revoke.body.error.code).toBe('VENUE_CODE_NOT_ACTIVE');
    expect((await t.request().get('/api/v1/me/venues?status=retired').set(bearer(owner))).body.venues.map((v: { id: string }) => v.id)).toContain(venue.id);
    expect(await auditRows(venue.id)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'venue.retire', actor_id: owner.accountId })]));
    const waiting = await apply(t, owner, await application(t));
    expect((await t.request().post(`/api/v1/me/venues/${waiting.body.id}/retire`).set(bearer(owner))).body.error.code).toBe('VENUE_CODE_NOT_ACTIVE');
  });

  it('R12: a person may hold many codes; the same application twice is refused, a corrected one is a new application', async () => {
    const body = await application(t);
    expect((await apply(t, owner, body)).status).toBe(201);
    const twice = await apply(t, owner, body, 'en');
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('VENUE_APPLICATION_DUPLICATE');
    expect(twice.body.error.message).toMatch(/corrected details/);
    // A mistake is fixed by applying again with the corrected detail.
    const corrected = await apply(t, owner, { ...body, contactPhone: nextPhone() });
    expect(corrected.status).toBe(201);
    // Another person applying with the same details is his own application.
    expect((await apply(t, other, body)).status).toBe(201);
    // Once failed, the same application can be made again.
    const failedOnce = await application(t);
    const first = await apply(t, owner, failedOnce);
    await t.request().post(`/api/v1/officials/venues/${first.body.id}/reject`).set(bearer(official)).send({ reason: '材料不清晰' });
    expect((await apply(t, owner, failedOnce)).status).toBe(201);
  });
});

describe('R11, R33: officials list the review queue, paged, and the listing is audited', () => {
  it('R11: officials list applications under review oldest first, page by page; views are audited (R33)', async () => {
    const fresh = await createTestContext();
    try {
      const who = await registerResident(fresh, { code: 'venue-queue-owner', seq: 805, name: '郑店主' });
      const off = await loginAs(fresh, 'venue-queue-official', 'official');
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await apply(fresh, who, await application(fresh));
        ids.push(res.body.id);
        fresh.clock.advance(60_000);
      }
      await fresh.request().post(`/api/v1/officials/venues/${ids[1]}/approve`).set(bearer(off));
      const queue = [ids[0], ids[2], ids[3], ids[4]];
      const page1 = await fresh.request().get('/api/v1/officials/venues?pageSize=3').set(bearer(off));
      expect(page1.status).toBe(200);
      expect(page1.body).toMatchObject({ page: 1, pageSize: 3, total: 4 });
      expect(page1.body.venues.map((v: { id: string }) => v.id)).toEqual(queue.slice(0, 3));
      expect(page1.body.venues[0].owner).toEqual({ residentId: who.residentId, name: '郑*主' });
      const page2 = await fresh.request().get('/api/v1/officials/venues?pageSize=3&page=2').set(bearer(off));
      expect(page2.body.venues.map((v: { id: string }) => v.id)).toEqual(queue.slice(3));
      const passed = await fresh.request().get('/api/v1/officials/venues?status=passed').set(bearer(off));
      expect(passed.body.venues.map((v: { id: string }) => v.id)).toEqual([ids[1]]);
      const bad = await fresh.request().get('/api/v1/officials/venues?pageSize=1000').set(bearer(off));
      expect(bad.status).toBe(422);
      expect(fieldCodes(bad)).toEqual({ pageSize: 'TOO_BIG' });
      const one = await fresh.request().get(`/api/v1/officials/venues/${ids[0]}`).set(bearer(off));
      expect(one.body).toMatchObject({ id: ids[0], status: 'under_review', owner: { name: '郑*主' } });
      const listed = await fresh.db('audit_log').where({ action: 'venue.list', actor_id: off.accountId });
      expect(listed).toHaveLength(3);
      expect(JSON.parse(listed[0].details).venueIds).toBeDefined();
      expect(await fresh.db('audit_log').where({ action: 'venue.view', target_id: ids[0] })).toHaveLength(1);
      const missing = await fresh.request().get('/api/v1/officials/venues/0190f0f0-0000-7000-8000-000000000002').set(bearer(off));
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('VENUE_NOT_FOUND');
    } finally {
      await fresh.close();
    }
  });
});
