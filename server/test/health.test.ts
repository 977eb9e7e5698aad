import { createTestContext, type TestContext } from './helpers/context';
import { openDatabase } from '../src/db/knex';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('the service answers', () => {
  it('reports that it is alive, and ready when its database answers', async () => {
    const live = await t.request().get('/healthz');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    expect(live.headers['x-request-id']).toBeDefined();
    const ready = await t.request().get('/readyz');
    expect(ready.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('is not ready while its database is away: 503 with Retry-After, still alive', async () => {
    const away = await createTestContext({ db: openDatabase('mysql://root@127.0.0.1:9/none', 1) });
    try {
      const ready = await away.request().get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.headers['retry-after']).toBeDefined();
      expect((await away.request().get('/healthz')).status).toBe(200);
    } finally {
      await away.deps.db.destroy();
      await away.close();
    }
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
