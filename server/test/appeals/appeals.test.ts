import { makeIdNumber } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type Actor, type ResidentActor } from '../helpers/actors';

let t: TestContext;
let official: Actor;
let seq = 800;

// A 1×1 PNG: the smallest real image, standing in for a photo of a test report.
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

beforeAll(async () => {
  t = await createTestContext();
  official = await loginAs(t, 'appeal-official', 'official');
});
afterAll(() => t.close());

/** A resident whom an official has (wrongly) made yellow. */
async function yellowPerson(code: string): Promise<ResidentActor> {
  const r = await registerResident(t, { code, seq: (seq += 1) });
  const res = await t.request().post(`/api/v1/officials/residents/${r.residentId}/colour-override`).set(bearer(official)).send({ colour: 'yellow', reason: '同楼栋有密接，居家监测' });
  expect(res.status).toBe(201);
  return r;
}
const appeal = (who: Actor, body: object, path = '/api/v1/me/appeals') => t.request().post(path).set(bearer(who)).set('Accept-Language', 'en').send(body);

describe('colour appeals (GB/T 38963 correction; R31, R33)', () => {
  it('R31: an appeal with a report photo is accepted: the colour is corrected through the audited override', async () => {
    const r = await yellowPerson('appeal-accept');
    const filed = await appeal(r, { reason: '我不在那栋楼居住，已搬家三个月', evidence: { type: 'image/png', data: PNG_1x1 } });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'open', colourAtFiling: 'yellow', hasEvidence: true, byGuardian: false });
    const queue = await t.request().get('/api/v1/officials/appeals').set(bearer(official));
    const mine = queue.body.appeals.find((a: { id: string }) => a.id === filed.body.id);
    expect(mine.person.idNumber).toMatch(/^\d{3}\*+[\dX]{4}$/);
    const photo = await t.request().get(`/api/v1/officials/appeals/${filed.body.id}/evidence`).set(bearer(official));
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    const accepted = await t.request().post(`/api/v1/officials/appeals/${filed.body.id}/accept`).set(bearer(official)).send({ colour: 'green', answer: '核实已搬离，解除居家监测' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', correctedColour: 'green', answer: '核实已搬离，解除居家监测' });
    expect((await t.request().get('/api/v1/me/colour').set(bearer(r))).body.colour).toBe('green');
    const answers = await t.request().get('/api/v1/me/appeals').set(bearer(r));
    expect(answers.body.appeals[0]).toMatchObject({ status: 'accepted', answer: '核实已搬离，解除居家监测' });
    const audit = (await t.db('audit_log').where({ target_id: r.residentId })).map((a) => a.action).sort();
    expect(audit).toEqual(expect.arrayContaining(['appeal.accept', 'appeal.evidence.view', 'colour.override']));
  });

  it('R31: a refused appeal keeps the colour and tells the person why; it cannot be answered twice', async () => {
    const r = await yellowPerson('appeal-refuse');
    const filed = await appeal(r, { reason: '我觉得我没有风险' });
    const refused = await t.request().post(`/api/v1/officials/appeals/${filed.body.id}/refuse`).set(bearer(official)).send({ answer: '经核实确为密接，请继续居家监测' });
    expect(refused.body).toMatchObject({ status: 'refused', correctedColour: null });
    expect((await t.request().get('/api/v1/me/colour').set(bearer(r))).body.colour).toBe('yellow');
    const twice = await t.request().post(`/api/v1/officials/appeals/${filed.body.id}/accept`).set(bearer(official)).send({ colour: 'green', answer: '改为绿码试试' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('APPEAL_ALREADY_ANSWERED');
  });

  it('one open appeal per person, even when two arrive at once; a green code has nothing to appeal', async () => {
    const r = await yellowPerson('appeal-once');
    const both = await Promise.all([appeal(r, { reason: '第一次申诉理由' }), appeal(r, { reason: '第二次申诉理由' })]);
    expect(both.map((b) => b.status).sort()).toEqual([201, 409]);
    expect(both.find((b) => b.status === 409)!.body.error.code).toBe('APPEAL_ALREADY_OPEN');
    const green = await registerResident(t, { code: 'appeal-green', seq: (seq += 1) });
    const res = await appeal(green, { reason: '绿码也想申诉' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('APPEAL_NOTHING_TO_APPEAL');
  });

  it('evidence that is not a PNG or JPEG is refused on the field', async () => {
    const r = await yellowPerson('appeal-evidence');
    const fake = await appeal(r, { reason: '附件不是图片', evidence: { type: 'image/png', data: Buffer.from('not an image').toString('base64') } });
    expect(fake.status).toBe(422);
    expect(fake.body.error.details.fields).toEqual([expect.objectContaining({ path: 'evidence.data', code: 'EVIDENCE_FORMAT' })]);
  });

  it('R26: a guardian appeals for a bound relative; a stranger cannot', async () => {
    const guardian = await registerResident(t, { code: 'appeal-guardian', seq: (seq += 1) });
    const idNumber = makeIdNumber({ birthDate: '2021-09-09', sex: 'female', seq: (seq += 1) });
    const bound = await t.request().post('/api/v1/me/relatives').set(bearer(guardian)).send({ name: '小朵', idNumber });
    await t.request().post(`/api/v1/officials/residents/${bound.body.id}/colour-override`).set(bearer(official)).send({ colour: 'red', reason: '误录为确诊，待核实' });
    const filed = await appeal(guardian, { reason: '孩子从未检测阳性' }, `/api/v1/me/relatives/${bound.body.id}/appeals`);
    expect(filed.status).toBe(201);
    expect(filed.body.byGuardian).toBe(true);
    const stranger = await registerResident(t, { code: 'appeal-stranger', seq: (seq += 1) });
    expect((await appeal(stranger, { reason: '替别人申诉' }, `/api/v1/me/relatives/${bound.body.id}/appeals`)).status).toBe(404);
  });

  it('R33: residents cannot reach the officials’ appeal routes', async () => {
    const r = await yellowPerson('appeal-not-official');
    expect((await t.request().get('/api/v1/officials/appeals').set(bearer(r))).status).toBe(403);
  });
});
