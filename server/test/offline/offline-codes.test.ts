import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { keySetFromJwks, makeIdNumber, verifyCode } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type Actor, type ResidentActor } from '../helpers/actors';

let t: TestContext;
let person: ResidentActor;
let checkpoint: Actor;

beforeAll(async () => {
  t = await createTestContext();
  await t.services.keys.ensureActiveKey();
  person = await registerResident(t, { code: 'offline-person', seq: 601, name: '王奶奶', birthDate: '1950-03-02' });
  checkpoint = await loginAs(t, 'offline-checkpoint', 'checkpoint');
});
afterAll(() => t.close());

/** Decodes a PNG with jsQR, a QR decoder this project did not write. */
function decodePng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

describe('R27: printable offline codes', () => {
  it('R27: the PNG decodes back to a signed code that a checkpoint accepts, marked offline', async () => {
    const { card, image } = await t.services.offlineCodes.png(person.residentId);
    expect(image.subarray(1, 4).toString()).toBe('PNG');
    const text = decodePng(image);
    expect(text).toBe(card.qrText);
    expect(card.name).toBe('王*奶');
    expect(card.expiresAt.getTime() - card.issuedAt.getTime()).toBeGreaterThanOrEqual(7 * 24 * 3600_000 - 1000);
    for (const secret of [person.idNumber, person.phone, person.name]) expect(text).not.toContain(secret);
    const res = await t.request().post('/api/v1/checkpoint/verify').set(bearer(checkpoint)).send({ code: text });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ offline: true, colour: 'green', name: '王*奶' });
    // Printed codes are shown again and again: a second checkpoint is not a replay.
    const other = await loginAs(t, 'offline-checkpoint-2', 'checkpoint');
    expect((await t.request().post('/api/v1/checkpoint/verify').set(bearer(other)).send({ code: text })).status).toBe(200);
  });

  it('R27: the same code verifies offline from the published keys, and is refused after 7 days', async () => {
    const { qrText } = await t.services.offlineCodes.card(person.residentId);
    const keys = keySetFromJwks((await t.request().get('/.well-known/jwks.json')).body);
    const sixDays = new Date(t.clock.now().getTime() + 6 * 24 * 3600_000);
    expect(verifyCode(qrText, { keys, now: sixDays }).ok).toBe(true);
    const eightDays = new Date(t.clock.now().getTime() + 7 * 24 * 3600_000 + 1000);
    expect(verifyCode(qrText, { keys, now: eightDays })).toEqual({ ok: false, refusal: 'CODE_OFFLINE_EXPIRED' });
    t.clock.set(eightDays);
    const fresh = await loginAs(t, 'offline-checkpoint', 'checkpoint');
    const res = await t.request().post('/api/v1/checkpoint/verify').set(bearer(fresh)).set('Accept-Language', 'en').send({ code: qrText });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CODE_OFFLINE_EXPIRED');
    expect(res.body.error.message).toMatch(/7-day/);
  });

  it('R27: an offline code with an altered colour is refused as forged', async () => {
    const { qrText } = await t.services.offlineCodes.card(person.residentId);
    const [h, p, s] = qrText.slice(4).split('.');
    const payload = { ...JSON.parse(Buffer.from(p, 'base64url').toString()), exp: 4102444800 };
    const altered = `HC1:${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const keys = keySetFromJwks((await t.request().get('/.well-known/jwks.json')).body);
    expect(verifyCode(altered, { keys, now: t.clock.now() })).toEqual({ ok: false, refusal: 'CODE_SIGNATURE_INVALID' });
  });

  it('R27: the A4 PDF embeds the CJK font and the QR as vector squares', async () => {
    const { document } = await t.services.offlineCodes.pdf(person.residentId);
    expect(document.subarray(0, 5).toString()).toBe('%PDF-');
    expect(document.length).toBeGreaterThan(5_000);
    expect(document.toString('latin1')).toMatch(/NotoSansSC/);
    expect(document.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
  });
});

describe('R27: a guardian downloads a relative’s offline code', () => {
  it('R27: the bound guardian gets a PNG and a PDF that decode to a valid code; anyone else gets 404', async () => {
    const guardian = await registerResident(t, { code: 'offline-guardian', seq: 602 });
    const idNumber = makeIdNumber({ birthDate: '1948-08-08', sex: 'female', seq: 603 });
    const bound = await t.request().post('/api/v1/me/relatives').set(bearer(guardian)).send({ name: '李奶奶', idNumber, faceCheckToken: 'dev-face-ok' });
    expect(bound.status).toBe(201);
    const png = await t.request().get(`/api/v1/me/relatives/${bound.body.id}/offline-code.png`).set(bearer(guardian)).buffer(true).parse(binary as never);
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['cache-control']).toBe('no-store');
    const text = decodePng(png.body as Buffer);
    const keys = keySetFromJwks((await t.request().get('/.well-known/jwks.json')).body);
    const verified = verifyCode(text!, { keys, now: t.clock.now() });
    expect(verified.ok && verified.code.offline).toBe(true);
    const pdf = await t.request().get(`/api/v1/me/relatives/${bound.body.id}/offline-code.pdf`).set(bearer(guardian)).buffer(true).parse(binary as never);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const stranger = await t.request().get(`/api/v1/me/relatives/${bound.body.id}/offline-code.png`).set(bearer(await loginAs(t, 'offline-person')));
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('RELATIVE_NOT_FOUND');
  });
});

function binary(res: NodeJS.ReadableStream & { setEncoding(e: string): void }, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
