import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { SignJWT, generateKeyPair } from 'jose';
import { keySetFromJwks, verifyVenueCode, type CodeKeySet } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type Actor, type ResidentActor } from '../helpers/actors';
import { application, apply, binary, categoryId, passedVenue } from './helpers';

let t: TestContext;
let owner: ResidentActor;
let official: Actor;
let keys: CodeKeySet;

beforeAll(async () => {
  t = await createTestContext();
  await t.services.keys.ensureActiveKey();
  owner = await registerResident(t, { code: 'poster-owner', seq: 821, name: '何经理' });
  official = await loginAs(t, 'poster-official', 'official');
  keys = keySetFromJwks((await t.request().get('/.well-known/jwks.json')).body);
});
afterAll(() => t.close());

const download = (who: Actor, id: string, kind: 'png' | 'pdf') => t.request().get(`/api/v1/me/venues/${id}/poster.${kind}`).set(bearer(who)).buffer(true).parse(binary);
const codeIdOf = async (venueId: string): Promise<string> => (await t.db('venues').where({ id: venueId }).first()).code_id;

/**
 * A black-and-white print: every pixel thresholded to pure black or white (optionally after
 * shrinking by `shrink`, as a cheap printer or a distant camera blurs), then decoded by jsQR,
 * a QR decoder this project did not write.
 */
function decodeAsPrinted(png: Buffer, shrink = 1): string | null {
  const image = PNG.sync.read(png);
  const w = Math.floor(image.width / shrink);
  const h = Math.floor(image.height / shrink);
  const out = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      let sum = 0;
      for (let dy = 0; dy < shrink; dy += 1) {
        for (let dx = 0; dx < shrink; dx += 1) {
          const i = ((y * shrink + dy) * image.width + (x * shrink + dx)) * 4;
          sum += 0.299 * image.data[i] + 0.587 * image.data[i + 1] + 0.114 * image.data[i + 2];
        }
      }
      const v = sum / (shrink * shrink) < 128 ? 0 : 255;
      const o = (y * w + x) * 4;
      out[o] = out[o + 1] = out[o + 2] = v;
      out[o + 3] = 255;
    }
  }
  const colours = new Set<number>();
  for (let i = 0; i < out.length; i += 4) colours.add(out[i]);
  expect([...colours].sort()).toEqual([0, 255]);
  return jsQR(out, w, h)?.data ?? null;
}

/**
 * Rasterises the rectangles of a PDF's page content (where the QR's vector squares are) and
 * decodes the result: proof that the printed PDF carries the code as drawn squares.
 */
function decodePdfSquares(pdf: Buffer): { text: string | null; rects: number } {
  const content = [...pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)]
    .map((m) => {
      try {
        return inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
      } catch {
        return '';
      }
    })
    // Page content is ASCII operators; fonts are binary.
    .filter((s) => s.includes(' re') && /^[\x09\x0a\x0d\x20-\x7e]*$/.test(s))
    .join('\n');
  const scale = 2;
  const w = Math.ceil(595.28 * scale);
  const h = Math.ceil(841.89 * scale);
  const data = new Uint8ClampedArray(w * h * 4).fill(255);
  let rects = 0;
  // pdfkit flips the page once (1 0 0 -1 0 841.89 cm): rectangles are in top-left coordinates.
  for (const m of content.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)) {
    rects += 1;
    const [x, y, rw, rh] = m.slice(1, 5).map(Number);
    for (let py = Math.round(y * scale); py < Math.round((y + rh) * scale); py += 1) {
      for (let px = Math.round(x * scale); px < Math.round((x + rw) * scale); px += 1) {
        const o = (py * w + px) * 4;
        data[o] = data[o + 1] = data[o + 2] = 0;
      }
    }
  }
  return { text: jsQR(data, w, h)?.data ?? null, rects };
}

describe('R13: a passed code downloads as a print-ready poster', () => {
  it('R13: the PNG poster decodes after a black-and-white print to a signed venue code naming this venue (R14)', async () => {
    const venue = await passedVenue(t, owner, official, { name: '和平里社区卫生服务中心（南门）', categoryId: await categoryId(t, '医院') });
    const res = await download(owner, venue.id, 'png');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="venue-code-${venue.id}.png"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const png = res.body as Buffer;
    const image = PNG.sync.read(png);
    expect([image.width, image.height]).toEqual([1240, 1754]);

    const text = decodeAsPrinted(png);
    expect(text).not.toBeNull();
    // R14: not a web address any scanner could act on; no person's data in it.
    expect(text!.startsWith('HCV1:')).toBe(true);
    expect(text).not.toMatch(/https?:|www\./i);
    expect(text).not.toContain(owner.phone);
    expect(verifyVenueCode(text!, keys)).toMatchObject({ ok: true, venueCodeId: await codeIdOf(venue.id) });
    // Printed small or photographed from a distance: a third of the size still decodes.
    expect(decodeAsPrinted(png, 3)).toBe(text);
  });

  it('R13: the A4 PDF draws the QR as vector squares that decode to the same venue code, with the CJK font embedded', async () => {
    const venue = await passedVenue(t, owner, official);
    const res = await download(owner, venue.id, 'pdf');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(raw.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(raw).toMatch(/NotoSansSC/);
    expect(raw).not.toMatch(/\/Subtype \/Image/);
    const { text, rects } = decodePdfSquares(pdf);
    expect(rects).toBeGreaterThan(100);
    expect(text).not.toBeNull();
    expect(verifyVenueCode(text!, keys)).toMatchObject({ ok: true, venueCodeId: await codeIdOf(venue.id) });
  });

  it('R13: the poster names the venue, its category, address and region, and tells people to scan with the health code', async () => {
    const venue = await passedVenue(t, owner, official, { categoryId: await categoryId(t, '出租车'), name: '粤B·T8888', unitName: '深圳测试出租汽车有限公司' });
    const poster = await t.services.venuePosters.poster(owner.residentId, venue.id);
    expect(poster).toMatchObject({ name: '粤BT8888', categoryName: '出租车', categoryNameEn: 'Taxi', mobile: true, region: '440305', regionName: '广东省 深圳市 南山区' });
    expect(poster.address).toMatch(/测试路/);
    // Long names and addresses still make a poster that decodes.
    const long = await passedVenue(t, owner, official, { name: '很长的名字'.repeat(20), address: '很长的地址'.repeat(40) });
    const png = (await download(owner, long.id, 'png')).body as Buffer;
    expect(verifyVenueCode(decodeAsPrinted(png)!, keys).ok).toBe(true);
    expect((await download(owner, long.id, 'pdf')).status).toBe(200);
  });

  it('R13: only a passed code in use has a poster; other states get their own code, other people 404', async () => {
    const waiting = await apply(t, owner, await application(t));
    const res = await download(owner, waiting.body.id, 'png');
    expect(res.status).toBe(409);
    const body = JSON.parse((res.body as Buffer).toString('utf8'));
    expect(body.error).toMatchObject({ code: 'VENUE_POSTER_UNAVAILABLE', details: { status: 'under_review' } });
    const failed = await apply(t, owner, await application(t));
    await t.request().post(`/api/v1/officials/venues/${failed.body.id}/reject`).set(bearer(official)).send({ reason: '信息不全' });
    const revoked = await passedVenue(t, owner, official);
    await t.request().post(`/api/v1/officials/venues/${revoked.id}/revoke`).set(bearer(official)).send({ reason: '场所已关闭' });
    const retired = await passedVenue(t, owner, official);
    await t.request().post(`/api/v1/me/venues/${retired.id}/retire`).set(bearer(owner));
    for (const [id, status] of [[failed.body.id, 'failed'], [revoked.id, 'revoked'], [retired.id, 'retired']]) {
      for (const kind of ['png', 'pdf'] as const) {
        const r = await t.request().get(`/api/v1/me/venues/${id}/poster.${kind}`).set(bearer(owner));
        expect([status, kind, r.status, r.body.error.code, r.body.error.details.status]).toEqual([status, kind, 409, 'VENUE_POSTER_UNAVAILABLE', status]);
      }
    }
    const stranger = await registerResident(t, { code: 'poster-stranger', seq: 822 });
    const passed = await passedVenue(t, owner, official);
    const theirs = await t.request().get(`/api/v1/me/venues/${passed.id}/poster.png`).set(bearer(stranger));
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('VENUE_NOT_FOUND');
    expect((await t.request().get(`/api/v1/me/venues/${passed.id}/poster.png`).set(bearer(official))).status).toBe(403);
  });
});

describe('R14: the venue QR is signed, so a forged or altered code is refused', () => {
  it('R14: an altered poster text fails verifyVenueCode as VENUE_CODE_FORGED', async () => {
    const venue = await passedVenue(t, owner, official);
    const text = decodeAsPrinted((await download(owner, venue.id, 'png')).body as Buffer)!;
    const [h, p, s] = text.slice('HCV1:'.length).split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const otherVenue = await passedVenue(t, owner, official);
    // Another venue's code id under this signature.
    const swapped = `HCV1:${h}.${Buffer.from(JSON.stringify({ ...claims, sub: await codeIdOf(otherVenue.id) })).toString('base64url')}.${s}`;
    expect(verifyVenueCode(swapped, keys)).toEqual({ ok: false, refusal: 'VENUE_CODE_FORGED' });
    // One character of the signature changed.
    const flipped = `HCV1:${h}.${p}.${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}`;
    expect(verifyVenueCode(flipped, keys)).toEqual({ ok: false, refusal: 'VENUE_CODE_FORGED' });
    // Signed by someone else's key under the server's key id.
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    const forged = `HCV1:${await new SignJWT(claims).setProtectedHeader(header).sign(privateKey)}`;
    expect(verifyVenueCode(forged, keys)).toEqual({ ok: false, refusal: 'VENUE_CODE_FORGED' });
  });

  it('R14: a web address, plain text or a personal code is not a venue code (VENUE_CODE_INVALID)', () => {
    for (const text of ['https://example.invalid/venue/12345', 'http://hc.example.invalid/?v=HCV1:abc', '场所码', 'HCV1:', 'HCV1:a.b.c', 'HC1:x.y.z']) {
      expect([text, verifyVenueCode(text, keys)]).toEqual([text, { ok: false, refusal: 'VENUE_CODE_INVALID' }]);
    }
  });
});
