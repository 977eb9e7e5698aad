import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type Actor, type ResidentActor } from '../helpers/actors';
import { application, apply } from './helpers';

let t: TestContext;
let resident: ResidentActor;
let official: Actor;
let reviewer: Actor;

beforeAll(async () => {
  t = await createTestContext();
  resident = await registerResident(t, { code: 'category-resident', seq: 811 });
  official = await loginAs(t, 'category-official', 'official');
  reviewer = await loginAs(t, 'category-reviewer', 'reviewer');
});
afterAll(() => t.close());

type Category = { id: string; nameZh: string; nameEn: string; mobile: boolean; active: boolean };
const publicList = async (): Promise<Category[]> => (await t.request().get('/api/v1/venue-categories')).body.categories;

describe('R10, R31: the venue category list officials maintain', () => {
  it('R10: anyone reads the default list, in display order, with taxi, bus and boat marked mobile', async () => {
    const res = await t.request().get('/api/v1/venue-categories');
    expect(res.status).toBe(200);
    const list: Category[] = res.body.categories;
    expect(list[0]).toMatchObject({ nameZh: '超市', nameEn: 'Supermarket', mobile: false, active: true });
    const byName = Object.fromEntries(list.map((c) => [c.nameZh, c]));
    for (const name of ['超市', '餐饮', '医院', '学校', '写字楼', '酒店', '交通站点']) expect([name, byName[name]?.mobile]).toEqual([name, false]);
    for (const name of ['出租车', '公交车', '客船']) expect([name, byName[name]?.mobile]).toEqual([name, true]);
  });

  it('R31: an official adds a category and renames or retires one; each change is audited (R33)', async () => {
    const made = await t.request().post('/api/v1/officials/venue-categories').set(bearer(official)).send({ nameZh: '养老院', nameEn: 'Care home' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ nameZh: '养老院', nameEn: 'Care home', mobile: false, active: true });
    expect((await publicList()).at(-1)?.id).toBe(made.body.id);
    const clash = await t.request().post('/api/v1/officials/venue-categories').set(bearer(reviewer)).set('Accept-Language', 'en').send({ nameZh: '养老院', nameEn: 'Nursing home' });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: 'VENUE_CATEGORY_EXISTS', message: expect.stringContaining('"养老院"') });

    const renamed = await t.request().patch(`/api/v1/officials/venue-categories/${made.body.id}`).set(bearer(reviewer)).send({ nameEn: 'Nursing home' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.nameEn).toBe('Nursing home');
    const taken = await t.request().patch(`/api/v1/officials/venue-categories/${made.body.id}`).set(bearer(official)).send({ nameZh: '超市' });
    expect(taken.status).toBe(409);
    const retired = await t.request().patch(`/api/v1/officials/venue-categories/${made.body.id}`).set(bearer(official)).send({ active: false });
    expect(retired.body.active).toBe(false);
    expect((await publicList()).map((c) => c.id)).not.toContain(made.body.id);
    const all = await t.request().get('/api/v1/officials/venue-categories').set(bearer(official));
    expect(all.body.categories.find((c: Category) => c.id === made.body.id)).toMatchObject({ active: false });

    const audit = await t.db('audit_log').where({ target_id: made.body.id });
    expect(audit.map((a) => a.action).sort()).toEqual(['venue_category.create', 'venue_category.update', 'venue_category.update']);
    expect(audit.map((a) => JSON.parse(a.details))).toContainEqual(expect.objectContaining({ before: expect.objectContaining({ nameEn: 'Care home' }), after: expect.objectContaining({ nameEn: 'Nursing home' }) }));

    const missing = await t.request().patch('/api/v1/officials/venue-categories/0190f0f0-0000-7000-8000-000000000003').set(bearer(official)).send({ active: false });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('VENUE_CATEGORY_NOT_FOUND');
  });

  it('R31: residents and other staff cannot change the list', async () => {
    const tracer = await loginAs(t, 'category-tracer', 'tracer');
    for (const who of [resident, tracer]) {
      const res = await t.request().post('/api/v1/officials/venue-categories').set(bearer(who)).send({ nameZh: '网吧', nameEn: 'Internet cafe' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ROLE_FORBIDDEN');
    }
    expect((await publicList()).map((c) => c.nameZh)).not.toContain('网吧');
  });
});

describe('R10: a resident asks officials for a missing category', () => {
  it('R10: a resident requests a category; an official accepts it and the resident can apply under it', async () => {
    const asked = await t.request().post('/api/v1/venue-categories/requests').set(bearer(resident)).send({ nameZh: '电竞馆', note: '电子竞技比赛场馆' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ nameZh: '电竞馆', nameEn: null, mobile: false, status: 'pending', reply: null, categoryId: null });
    const twice = await t.request().post('/api/v1/venue-categories/requests').set(bearer(resident)).send({ nameZh: '电竞馆' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('VENUE_CATEGORY_REQUEST_PENDING');

    const queue = await t.request().get('/api/v1/officials/venue-categories/requests').set(bearer(reviewer));
    expect(queue.body.requests.map((r: { id: string }) => r.id)).toContain(asked.body.id);
    // The request named no English name: accepting needs one.
    const noEnglish = await t.request().post(`/api/v1/officials/venue-categories/requests/${asked.body.id}/answer`).set(bearer(reviewer)).send({ decision: 'accept' });
    expect(noEnglish.status).toBe(422);
    expect(noEnglish.body.error.details.fields[0]).toMatchObject({ path: 'nameEn', code: 'REQUIRED' });
    const accepted = await t
      .request()
      .post(`/api/v1/officials/venue-categories/requests/${asked.body.id}/answer`)
      .set(bearer(reviewer))
      .send({ decision: 'accept', nameEn: 'Esports arena', reply: '已增加' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', reply: '已增加', categoryId: expect.any(String) });
    const category = (await publicList()).find((c) => c.id === accepted.body.categoryId);
    expect(category).toMatchObject({ nameZh: '电竞馆', nameEn: 'Esports arena', mobile: false });
    expect((await apply(t, resident, await application(t, { categoryId: category!.id }))).status).toBe(201);

    const mine = await t.request().get('/api/v1/me/venue-categories/requests').set(bearer(resident));
    expect(mine.body.requests[0]).toMatchObject({ id: asked.body.id, status: 'accepted', categoryId: category!.id });
    const again = await t.request().post(`/api/v1/officials/venue-categories/requests/${asked.body.id}/answer`).set(bearer(official)).send({ decision: 'decline', reply: '重复答复' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('VENUE_CATEGORY_REQUEST_ANSWERED');
    const audit = await t.db('audit_log').where({ action: 'venue_category_request.answer', target_id: asked.body.id });
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBe(reviewer.accountId);
  });

  it('R10: an official declines a request with a reply the resident reads; a reply is mandatory', async () => {
    const asked = await t.request().post('/api/v1/venue-categories/requests').set(bearer(resident)).send({ nameZh: '小卖部', nameEn: 'Corner shop' });
    const bare = await t.request().post(`/api/v1/officials/venue-categories/requests/${asked.body.id}/answer`).set(bearer(official)).send({ decision: 'decline' });
    expect(bare.status).toBe(422);
    expect(bare.body.error.details.fields).toEqual([expect.objectContaining({ path: 'reply', code: 'REQUIRED' })]);
    const declined = await t
      .request()
      .post(`/api/v1/officials/venue-categories/requests/${asked.body.id}/answer`)
      .set(bearer(official))
      .send({ decision: 'decline', reply: '请选择“超市”类别' });
    expect(declined.body).toMatchObject({ status: 'declined', reply: '请选择“超市”类别', categoryId: null });
    const mine = await t.request().get('/api/v1/me/venue-categories/requests').set(bearer(resident));
    expect(mine.body.requests.find((r: { id: string }) => r.id === asked.body.id)).toMatchObject({ status: 'declined', reply: '请选择“超市”类别' });
    expect((await publicList()).map((c) => c.nameZh)).not.toContain('小卖部');
    const pending = await t.request().get('/api/v1/officials/venue-categories/requests').set(bearer(official));
    expect(pending.body.requests.map((r: { id: string }) => r.id)).not.toContain(asked.body.id);
    const declinedList = await t.request().get('/api/v1/officials/venue-categories/requests?status=declined').set(bearer(official));
    expect(declinedList.body.requests.map((r: { id: string }) => r.id)).toContain(asked.body.id);
  });

  it('R10: a category already on the list is pointed to, not requested; a request is only for registered residents', async () => {
    const res = await t.request().post('/api/v1/venue-categories/requests').set(bearer(resident)).send({ nameZh: '超市' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('VENUE_CATEGORY_EXISTS');
    expect(res.body.error.details.categoryId).toBe((await publicList())[0].id);
    const unregistered = await loginAs(t, 'category-unregistered');
    expect((await t.request().post('/api/v1/venue-categories/requests').set(bearer(unregistered)).send({ nameZh: '书店' })).status).toBe(403);
    const missing = await t.request().post('/api/v1/officials/venue-categories/requests/0190f0f0-0000-7000-8000-000000000004/answer').set(bearer(official)).send({ decision: 'decline', reply: '没有这条' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('VENUE_CATEGORY_REQUEST_NOT_FOUND');
  });
});
