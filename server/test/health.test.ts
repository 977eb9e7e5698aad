import { createTestContext, type TestContext } from './helpers/context';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('the service answers', () => {
  it('reports that it and its database are up', async () => {
    const res = await t.request().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok' });
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('answers an unknown route with the error envelope, in the caller language', async () => {
    const zh = await t.request().get('/api/v1/nowhere');
    expect(zh.status).toBe(404);
    expect(zh.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(zh.body.error.message).toBe('没有这个接口');
    const en = await t.request().get('/api/v1/nowhere').set('Accept-Language', 'en-US,en;q=0.9');
    expect(en.body.error.message).toBe('There is no such endpoint');
  });

  it('answers a wrong method with 405 in the envelope', async () => {
    const res = await t.request().post('/healthz');
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });
});
