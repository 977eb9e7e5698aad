import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestContext, type TestContext } from './helpers/context';
import { bearer, loginAs } from './helpers/actors';
import { seedDemoData, type DemoInfo } from '../src/demo/seed';

let t: TestContext;
let dir: string;
let demo: DemoInfo;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hc-demo-'));
  t = await createTestContext({ env: { SECRETS_FILE: join(dir, 'secrets.json') } });
  await t.services.keys.ensureActiveKey();
  demo = await seedDemoData(t.deps, t.services);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo data for npm start', () => {
  it('R4: the demo residents are green, yellow and red for the reasons they are said to be', async () => {
    const colours: Record<string, string> = {};
    for (const code of ['demo-green', 'demo-yellow', 'demo-red']) {
      const res = await t.request().get('/api/v1/me/colour').set(bearer(await loginAs(t, code)));
      colours[code] = `${res.body.colour}:${res.body.reasons.map((r: { code: string }) => r.code).join(',')}:${res.body.vaccinated}`;
    }
    expect(colours).toEqual({ 'demo-green': 'green::true', 'demo-yellow': 'yellow:DECLARED_SYMPTOMS:false', 'demo-red': 'red:POSITIVE_TEST:false' });
  });

  it('R31: the demo staff accounts hold their roles', async () => {
    const official = await loginAs(t, 'demo-official');
    expect((await t.request().get('/api/v1/officials/venues').set(bearer(official))).status).toBe(200);
    const checkpoint = await loginAs(t, 'demo-checkpoint');
    expect((await t.request().post('/api/v1/checkpoint/verify').set(bearer(checkpoint)).send({ code: 'x' })).body.error.code).toBe('CODE_MALFORMED');
  });

  it('R27: the demo guardian has two relatives and downloads an offline code for one', async () => {
    const guardian = await loginAs(t, 'demo-green');
    const list = await t.request().get('/api/v1/me/relatives').set(bearer(guardian));
    expect(list.body.relatives.map((r: { name: string; age: number }) => `${r.name}/${r.age}`).sort()).toEqual(['陈*奶/76', '陈*宝/4'].sort());
    const png = await t.request().get(`/api/v1/me/relatives/${list.body.relatives[0].id}/offline-code.png`).set(bearer(guardian));
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
  });

  it('R28: the printed institution key works and is kept in demo.json', async () => {
    const saved = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8'));
    expect(saved.institutionKey).toBe(demo.institutionKey);
    const res = await t.request().get('/api/v1/me/test-results').set(bearer(await loginAs(t, 'demo-red')));
    expect(res.body.testResults[0]).toMatchObject({ result: 'positive' });
    const upload = await t.request().post('/api/v1/institutions/test-results').set('Authorization', `Bearer ${demo.institutionKey}`)
      .send({ records: [{ recordId: 'demo-test-extra', name: demo.newcomer.name, idNumber: demo.newcomer.idNumber, sampledAt: t.clock.now().toISOString(), result: 'negative' }] });
    expect(upload.body.accepted).toBe(1);
  });

  it("R4, R11, R32: the officials' dashboard has something to show on a first start", async () => {
    const official = bearer(await loginAs(t, 'demo-official'));
    const scans = await t.request().get('/api/v1/officials/dashboard/scans-per-hour').set(official);
    expect(scans.body.total).toBeGreaterThan(20);
    expect(scans.body.hours.filter((h: { count: number }) => h.count > 0).length).toBeGreaterThan(15);
    const colours = await t.request().get('/api/v1/officials/dashboard/colours').set(official);
    expect(colours.body.today.counts).toEqual({ green: 3, yellow: 1, red: 1 });
    const venues = await t.request().get('/api/v1/officials/dashboard/venue-states').set(official);
    expect(venues.body.states.filter((s: { count: number }) => s.count > 0)).toEqual([{ state: 'passed', count: 2 }, { state: 'failed', count: 1 }]);
    const cases = await t.request().get('/api/v1/officials/dashboard/case-contacts').set(official);
    expect(cases.body.cases).toEqual([expect.objectContaining({ status: 'closed', contacts: 2 })]);
    // Nobody's colour moved: the demo case's contacts are older than the 14 days the rules read.
    expect((await t.request().get('/api/v1/me/colour').set(bearer(await loginAs(t, 'demo-green')))).body.colour).toBe('green');
  });

  it('seeds once: a second start reads back what the first made', async () => {
    const again = await seedDemoData(t.deps, t.services);
    expect(again.institutionKey).toBe(demo.institutionKey);
    expect(await t.db('residents').where({ independent: true }).count({ n: '*' }).first()).toMatchObject({ n: 3 });
  });

  it('R3: the newcomer’s platform real name is known, so a different name is refused', async () => {
    const newcomer = await loginAs(t, 'demo-newcomer');
    await t.request().post('/api/v1/sms/send').set(bearer(newcomer)).send({ phone: '13900001234' });
    const res = await t.request().post('/api/v1/residents/register').set(bearer(newcomer))
      .send({ name: '别人', idNumber: demo.newcomer.idNumber, phone: '13900001234', smsCode: t.sms.latest('13900001234') });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('REAL_NAME_MISMATCH_NAME');
    expect(res.body.error.message).toContain('开发平台');
    const en = await t.request().post('/api/v1/residents/register').set(bearer(newcomer)).set('Accept-Language', 'en')
      .send({ name: '别人', idNumber: demo.newcomer.idNumber, phone: '13900001234', smsCode: t.sms.latest('13900001234') });
    // The platform's name is in the caller's language too.
    expect(en.body.error.message).toContain('the development platform');
    expect(en.body.error.message).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
