import { createTestContext, type TestContext } from '../helpers/context';
import { registerResident } from '../helpers/actors';
import { application, apply } from '../venues/helpers';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type Choice = { code: string; name: string; hasChildren: boolean };
const level = async (parent?: string) => {
  const res = await t.request().get('/api/v1/regions').query(parent ? { parent } : {});
  expect(res.status).toBe(200);
  return res.body as { parent: string | null; regions: Choice[] };
};
const names = (regions: Choice[]) => regions.map((r) => r.name);

describe('R10: the division picker (GB/T 2260), public', () => {
  it('R10: without a parent it lists the provinces, to anyone, with no session', async () => {
    const res = await t.request().get('/api/v1/regions');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect(res.body.parent).toBeNull();
    const provinces = res.body.regions as Choice[];
    expect(provinces.length).toBeGreaterThanOrEqual(34);
    expect(provinces.every((p) => /^\d{2}0000$/.test(p.code))).toBe(true);
    expect(provinces).toContainEqual({ code: '440000', name: '广东省', hasChildren: true });
    expect(provinces).toContainEqual({ code: '110000', name: '北京市', hasChildren: true });
    // In code order, as the table has them.
    expect(provinces.map((p) => p.code)).toEqual([...provinces.map((p) => p.code)].sort());
  });

  it('R10: province -> city -> district, leaving out the "市辖区" bookkeeping rows; a district is a leaf', async () => {
    const cities = (await level('440000')).regions;
    expect(cities).toContainEqual({ code: '440300', name: '深圳市', hasChildren: true });
    // A prefecture-level city without districts is itself a region code.
    expect(cities).toContainEqual({ code: '441900', name: '东莞市', hasChildren: false });
    const districts = await level('440300');
    expect(districts.parent).toBe('440300');
    expect(districts.regions).toContainEqual({ code: '440305', name: '南山区', hasChildren: false });
    expect(names(districts.regions)).not.toContain('市辖区');
    expect((await level('440305')).regions).toEqual([]);
  });

  it('R10: a municipality lists its districts and counties directly (Chongqing has two groups)', async () => {
    const beijing = (await level('110000')).regions;
    expect(beijing).toContainEqual({ code: '110101', name: '东城区', hasChildren: false });
    expect(beijing.every((r) => r.code.startsWith('11') && !r.hasChildren)).toBe(true);
    const chongqing = (await level('500000')).regions.map((r) => r.code);
    expect(chongqing).toEqual(expect.arrayContaining(['500101', '500229']));
  });

  it('R10: county-level cities under a province directly sit beside its prefectures, without the group row', async () => {
    const hubei = (await level('420000')).regions;
    expect(hubei).toContainEqual({ code: '429004', name: '仙桃市', hasChildren: false });
    expect(hubei.map((r) => r.code)).not.toContain('429000');
    expect(hubei).toContainEqual({ code: '420100', name: '武汉市', hasChildren: true });
  });

  it('R10: every leaf the picker offers is a region an application accepts', async () => {
    const owner = await registerResident(t, { code: 'regions-owner', seq: 881, name: '罗店主' });
    for (const region of ['440305', '441900', '429004', '110101']) {
      const res = await apply(t, owner, await application(t, { region }));
      expect([region, res.status]).toEqual([region, 201]);
    }
  });

  it('R10: a malformed parent and one missing from the table are named by their field', async () => {
    const malformed = await t.request().get('/api/v1/regions').query({ parent: '4403' });
    expect(malformed.status).toBe(422);
    expect(malformed.body.error.details.fields).toEqual([expect.objectContaining({ path: 'parent', code: 'REGION_FORMAT' })]);
    const unknown = await t.request().get('/api/v1/regions').query({ parent: '999999' }).set('accept-language', 'en-US');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'parent', code: 'REGION_UNKNOWN', message: expect.stringMatching(/division code/) }] } });
    const extra = await t.request().get('/api/v1/regions').query({ province: '44' });
    expect(extra.status).toBe(422);
  });
});
