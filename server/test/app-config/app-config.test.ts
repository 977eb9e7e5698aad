import { appConfigResponse } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ env: { HOTLINE: '0755-12320' } });
});
afterAll(() => t.close());

describe('GET /api/v1/app-config', () => {
  it('R35: answers the hotline from the server setting, to anyone without a login', async () => {
    const res = await t.request().get('/api/v1/app-config');
    expect(res.status).toBe(200);
    expect(appConfigResponse.parse(res.body)).toEqual({ hotline: '0755-12320' });
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });

  it('R35: a different setting gives a different hotline (it is not text in the app)', async () => {
    const other = await createTestContext({ env: { HOTLINE: '12345' } });
    try {
      const res = await other.request().get('/api/v1/app-config').set('Authorization', 'Bearer not-a-token');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ hotline: '12345' });
    } finally {
      await other.close();
    }
  });

  it('R35: answers only GET', async () => {
    const res = await t.request().post('/api/v1/app-config').send({ hotline: '110' });
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });
});
