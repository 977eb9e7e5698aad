import { createLocalJWKSet, jwtVerify } from 'jose';
import { ed25519 } from '@noble/curves/ed25519';
import { b64url, keySetFromJwks, makeCode, makeDeviceKeyPair, readCredential, verifyCode } from '@health-code/shared';
import { randomBytes } from 'node:crypto';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type Actor, type ResidentActor } from '../helpers/actors';

let t: TestContext;
let resident: ResidentActor;
let checkpoint: Actor;
let otherCheckpoint: Actor;
let official: Actor;

const rnd = (n: number) => new Uint8Array(randomBytes(n));

beforeAll(async () => {
  t = await createTestContext();
  await t.services.keys.ensureActiveKey();
  resident = await registerResident(t, { code: 'codes-resident', seq: 301, name: '张小三' });
  checkpoint = await loginAs(t, 'codes-checkpoint', 'checkpoint');
  otherCheckpoint = await loginAs(t, 'codes-checkpoint-2', 'checkpoint');
  official = await loginAs(t, 'codes-official', 'official');
});
afterAll(() => t.close());

async function credential(who: ResidentActor = resident, devicePublicKey?: string) {
  const res = await t.request().post('/api/v1/me/credential').set(bearer(who)).send(devicePublicKey ? { devicePublicKey } : {});
  expect(res.status).toBe(201);
  return res.body as { credential: string; kid: string; expiresAt: string; codeTtlSeconds: number; deviceKey: { publicKey: string; privateKey: string } | null };
}

function verify(code: string, who: Actor = checkpoint, lang = 'en') {
  return t.request().post('/api/v1/checkpoint/verify').set(bearer(who)).set('Accept-Language', lang).send({ code });
}

/** Re-signs a credential's header and payload with another key, keeping the kid: a forgery. */
function forge(token: string, edit: (payload: Record<string, unknown>, header: Record<string, unknown>) => void): string {
  const [h, p] = token.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString());
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  edit(payload, header);
  const nh = Buffer.from(JSON.stringify(header)).toString('base64url');
  const np = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = ed25519.sign(new TextEncoder().encode(`${nh}.${np}`), rnd(32));
  return `${nh}.${np}.${b64url.encode(sig)}`;
}

describe('R5: the credential and the live code', () => {
  it('R5: the QR carries an opaque code id, colour, times, version and region, and no name, ID or phone', async () => {
    const c = await credential();
    const qr = makeCode(c.credential, c.deviceKey!.privateKey, t.clock.now());
    for (const secret of [resident.idNumber, resident.phone, resident.name, resident.idNumber.slice(-8)]) expect(qr).not.toContain(secret);
    const decoded = JSON.stringify(c.credential.split('.').slice(0, 2).map((s) => JSON.parse(Buffer.from(s, 'base64url').toString())));
    for (const secret of [resident.idNumber, resident.phone, resident.name]) expect(decoded).not.toContain(secret);
    const read = readCredential(c.credential);
    expect(read).toMatchObject({ colour: 'green', issuerRegion: t.deps.config.ISSUER_REGION, kid: c.kid });
    expect(read.codeId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(read.expiresAt.getTime() - read.issuedAt.getTime()).toBe(t.deps.config.CREDENTIAL_TTL_SECONDS * 1000);
    expect(c.codeTtlSeconds).toBe(60);
  });

  it('R5: the credential is a standard EdDSA JWS that jose verifies against the published JWKS', async () => {
    const c = await credential();
    const jwks = await t.request().get('/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    const { payload, protectedHeader } = await jwtVerify(c.credential, createLocalJWKSet(jwks.body), { algorithms: ['EdDSA'], currentDate: t.clock.now() });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'hc-cred+jwt', kid: c.kid });
    expect(payload).toMatchObject({ v: 1, col: 'g' });
  });

  it('R5: an app-made device key is used as sent, and no private key comes back', async () => {
    const device = makeDeviceKeyPair(rnd);
    const c = await credential(resident, device.publicKey);
    expect(c.deviceKey).toBeNull();
    expect(readCredential(c.credential).devicePublicKey).toBe(device.publicKey);
    const res = await verify(makeCode(c.credential, device.privateKey, t.clock.now()));
    expect(res.status).toBe(200);
  });

  it('R5: a malformed device key is refused with the field at fault', async () => {
    const res = await t.request().post('/api/v1/me/credential').set(bearer(resident)).set('Accept-Language', 'en').send({ devicePublicKey: 'not-a-key' });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields).toEqual([expect.objectContaining({ path: 'devicePublicKey', code: 'DEVICE_KEY_FORMAT' })]);
  });

  it('R5: only a registered resident gets a credential', async () => {
    const stranger = await loginAs(t, 'codes-unregistered');
    const res = await t.request().post('/api/v1/me/credential').set(bearer(stranger)).send({});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('REGISTRATION_REQUIRED');
  });
});

describe('R8: checkpoint verification', () => {
  it('R8: a live code shows colour, masked name and ID, and its validity; the check is audited (R33)', async () => {
    const c = await credential();
    const res = await verify(makeCode(c.credential, c.deviceKey!.privateKey, t.clock.now()));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ colour: 'green', codeColour: 'green', colourChanged: false, name: '张*三', verifiedOnline: true });
    expect(res.body.idNumber).toBe(`${resident.idNumber.slice(0, 3)}***********${resident.idNumber.slice(-4)}`);
    expect(new Date(res.body.validUntil).getTime() - t.clock.now().getTime()).toBe(60_000);
    const audit = await t.db('audit_log').where({ action: 'checkpoint.verify', actor_id: checkpoint.accountId, target_id: resident.residentId });
    expect(audit.length).toBeGreaterThan(0);
  });

  it('R8: the same code verifies offline with the published keys through the shared function', async () => {
    const c = await credential();
    const jwks = (await t.request().get('/.well-known/jwks.json')).body;
    const qr = makeCode(c.credential, c.deviceKey!.privateKey, t.clock.now());
    const offline = verifyCode(qr, { keys: keySetFromJwks(jwks), now: new Date(t.clock.now().getTime() + 30_000) });
    expect(offline.ok).toBe(true);
    expect(offline.ok && offline.code.credential.colour).toBe('green');
  });

  it('R8: online, the current colour wins over the colour in the code', async () => {
    const person = await registerResident(t, { code: 'codes-changes', seq: 302 });
    const c = await credential(person);
    const override = await t.request().post(`/api/v1/officials/residents/${person.residentId}/colour-override`).set(bearer(official)).send({ colour: 'red', reason: '确诊病例密接，流调确认' });
    expect(override.status).toBe(201);
    const res = await verify(makeCode(c.credential, c.deviceKey!.privateKey, t.clock.now()));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ colour: 'red', codeColour: 'green', colourChanged: true });
    // A new credential carries the new colour and lives shorter.
    const again = await credential(person);
    const read = readCredential(again.credential);
    expect(read.colour).toBe('red');
    expect(read.expiresAt.getTime() - read.issuedAt.getTime()).toBe(t.deps.config.CREDENTIAL_TTL_NON_GREEN_SECONDS * 1000);
  });

  it('R8: residents cannot use the checkpoint endpoint', async () => {
    const c = await credential();
    const res = await verify(makeCode(c.credential, c.deviceKey!.privateKey, t.clock.now()), resident);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ROLE_FORBIDDEN');
  });
});

describe('R8: every bad code is refused with its own code', () => {
  async function expectRefused(code: string, status: number, errorCode: string) {
    const res = await verify(code);
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code: errorCode });
    expect(res.body.error.message).toMatch(/\w/);
    return res;
  }

  it('R8: text that is not a health code (a URL, a venue poster, garbage) is CODE_MALFORMED', async () => {
    await expectRefused('https://example.invalid/venue/123', 422, 'CODE_MALFORMED');
    await expectRefused('HC1:a.b.c.d.e', 422, 'CODE_MALFORMED');
    await expectRefused('HC1:', 422, 'CODE_MALFORMED');
  });

  it('R8: an empty or oversized code is a validation error on the field', async () => {
    const empty = await verify('');
    expect(empty.status).toBe(422);
    expect(empty.body.error.details.fields[0].path).toBe('code');
    const huge = await verify(`HC1:${'a'.repeat(5000)}`);
    expect(huge.status).toBe(422);
  });

  it('R8: alg none is CODE_ALG_NOT_ALLOWED', async () => {
    const c = await credential();
    const [h, p, s] = c.credential.split('.');
    const header = { ...JSON.parse(Buffer.from(h, 'base64url').toString()), alg: 'none' };
    const none = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${p}.${s}`;
    await expectRefused(makeCode(none, c.deviceKey!.privateKey, t.clock.now()), 422, 'CODE_ALG_NOT_ALLOWED');
    const hs = forge(c.credential, (_p, hd) => (hd.alg = 'HS256'));
    await expectRefused(makeCode(hs, c.deviceKey!.privateKey, t.clock.now()), 422, 'CODE_ALG_NOT_ALLOWED');
  });

  it('R8: an unknown kid is CODE_UNKNOWN_KEY', async () => {
    const c = await credential();
    const forged = forge(c.credential, (_p, h) => (h.kid = 'k20200101-nosuchkey'));
    await expectRefused(makeCode(forged, c.deviceKey!.privateKey, t.clock.now()), 422, 'CODE_UNKNOWN_KEY');
  });

  it('R8: a credential signed by another key under our kid is CODE_SIGNATURE_INVALID (forged)', async () => {
    const c = await credential();
    await expectRefused(makeCode(forge(c.credential, () => {}), c.deviceKey!.privateKey, t.clock.now()), 422, 'CODE_SIGNATURE_INVALID');
  });

  it('R8: a credential whose colour was edited is CODE_SIGNATURE_INVALID (altered)', async () => {
    const person = await registerResident(t, { code: 'codes-altered', seq: 303 });
    await t.request().post(`/api/v1/officials/residents/${person.residentId}/colour-override`).set(bearer(official)).send({ colour: 'red', reason: '确诊病例，隔离治疗' });
    const c = await credential(person);
    const [h, p, s] = c.credential.split('.');
    const payload = { ...JSON.parse(Buffer.from(p, 'base64url').toString()), col: 'g' };
    const altered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    await expectRefused(makeCode(altered, c.deviceKey!.privateKey, t.clock.now()), 422, 'CODE_SIGNATURE_INVALID');
  });

  it("R8: a live proof made by another phone's key is CODE_PROOF_INVALID", async () => {
    const c = await credential();
    await expectRefused(makeCode(c.credential, makeDeviceKeyPair(rnd).privateKey, t.clock.now()), 422, 'CODE_PROOF_INVALID');
  });

  it('R5: a QR older than 60 s (a screenshot) is CODE_EXPIRED, in Chinese by default', async () => {
    const c = await credential();
    const qr = makeCode(c.credential, c.deviceKey!.privateKey, new Date(t.clock.now().getTime() - 61_000));
    const res = await verify(qr, checkpoint, 'zh-CN');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CODE_EXPIRED');
    expect(res.body.error.message).toContain('截图');
  });

  it('R5: a QR from a phone clock far ahead is CODE_NOT_YET_VALID', async () => {
    const c = await credential();
    await expectRefused(makeCode(c.credential, c.deviceKey!.privateKey, new Date(t.clock.now().getTime() + 5 * 60_000)), 422, 'CODE_NOT_YET_VALID');
  });

  it('R5: a live QR from an expired credential is CODE_CREDENTIAL_EXPIRED', async () => {
    const c = await credential();
    const later = t.deps.config.CREDENTIAL_TTL_SECONDS * 1000 + 1000;
    t.clock.advance(later);
    try {
      const freshCheckpoint = await loginAs(t, 'codes-checkpoint', 'checkpoint');
      const res = await verify(makeCode(c.credential, c.deviceKey!.privateKey, t.clock.now()), freshCheckpoint);
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 422, code: 'CODE_CREDENTIAL_EXPIRED' });
    } finally {
      t.clock.advance(-later);
    }
  });

  it('R8: the same QR shown at a second checkpoint is CODE_REPLAYED; the first checkpoint may scan again', async () => {
    const c = await credential();
    const qr = makeCode(c.credential, c.deviceKey!.privateKey, t.clock.now());
    expect((await verify(qr, checkpoint)).status).toBe(200);
    expect((await verify(qr, checkpoint)).status).toBe(200);
    const res = await verify(qr, otherCheckpoint);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CODE_REPLAYED');
  });

  it('R8: codes signed by a revoked key are CODE_KEY_REVOKED online and offline; new credentials use the new key', async () => {
    const c = await credential();
    const qr = makeCode(c.credential, c.deviceKey!.privateKey, t.clock.now());
    const done = await t.services.keys.revoke(c.kid, { id: null, role: 'operator:test' }, 'test: key leaked');
    expect(done.active).not.toBe(c.kid);
    await expectRefused(qr, 422, 'CODE_KEY_REVOKED');
    const jwks = (await t.request().get('/.well-known/jwks.json')).body;
    expect(jwks.revoked).toContain(c.kid);
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).not.toContain(c.kid);
    const offline = verifyCode(qr, { keys: keySetFromJwks(jwks), now: t.clock.now() });
    expect(offline).toEqual({ ok: false, refusal: 'CODE_KEY_REVOKED' });
    const fresh = await credential();
    expect(fresh.kid).toBe(done.active);
    expect((await verify(makeCode(fresh.credential, fresh.deviceKey!.privateKey, t.clock.now()))).status).toBe(200);
  });

  it('R5: after a rotation, codes signed by the retired key still verify until their credential expires', async () => {
    const c = await credential();
    const newKid = await t.services.keys.rotate({ id: null, role: 'operator:test' });
    expect(newKid).not.toBe(c.kid);
    const res = await verify(makeCode(c.credential, c.deviceKey!.privateKey, t.clock.now()));
    expect(res.status).toBe(200);
    expect((await credential()).kid).toBe(newKid);
    const rotated = await t.db('audit_log').where({ action: 'signing_key.rotate', target_id: newKid });
    expect(rotated).toHaveLength(1);
  });
});
