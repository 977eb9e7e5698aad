import { ed25519 } from '@noble/curves/ed25519';
import { randomBytes } from 'node:crypto';
import { b64url, credentialClaims, keySetFromJwks, makeCode, makeDeviceKeyPair, readCredential, verifyCode, type CodeKeySet } from '../src/codes';

const rnd = (n: number) => new Uint8Array(randomBytes(n));
const now = new Date('2026-11-22T08:00:00.000Z');
const serverSeed = rnd(32);
const keys: CodeKeySet = { keys: [{ kid: 'k1', x: b64url.encode(ed25519.getPublicKey(serverSeed)) }], revoked: [] };

/** Signs a credential the way the server does (the server goes through jose; same bytes). */
function issue(device = makeDeviceKeyPair(rnd), opts: { colour?: 'green' | 'yellow' | 'red'; ttl?: number; kid?: string } = {}) {
  const enc = (o: object) => b64url.encode(new TextEncoder().encode(JSON.stringify(o)));
  const claims = credentialClaims({
    codeId: 'opaque-code-id-0001',
    colour: opts.colour ?? 'green',
    vaccinated: true,
    issuerRegion: '440300',
    devicePublicKey: device.publicKey,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + (opts.ttl ?? 3600) * 1000),
  });
  const signingInput = `${enc({ alg: 'EdDSA', kid: opts.kid ?? 'k1', typ: 'hc-cred+jwt' })}.${enc(claims)}`;
  const token = `${signingInput}.${b64url.encode(ed25519.sign(new TextEncoder().encode(signingInput), serverSeed))}`;
  return { token, device };
}

describe('R5/R8: the shared code format', () => {
  it('R5: a live code made on the device verifies offline and says what the credential says', () => {
    const { token, device } = issue(undefined, { colour: 'yellow' });
    const qr = makeCode(token, device.privateKey, now);
    const result = verifyCode(qr, { keys, now: new Date(now.getTime() + 59_000) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.code.credential).toMatchObject({ colour: 'yellow', vaccinated: true, issuerRegion: '440300', codeId: 'opaque-code-id-0001', kid: 'k1' });
    expect(result.code.validUntil.toISOString()).toBe('2026-11-22T08:01:00.000Z');
    expect(readCredential(token).colour).toBe('yellow');
  });

  it('R5: at exactly 60 s the code has expired; a custom life is honoured', () => {
    const { token, device } = issue();
    const qr = makeCode(token, device.privateKey, now);
    expect(verifyCode(qr, { keys, now: new Date(now.getTime() + 60_000) })).toEqual({ ok: false, refusal: 'CODE_EXPIRED' });
    expect(verifyCode(qr, { keys, now: new Date(now.getTime() + 100_000), codeTtlSeconds: 120 }).ok).toBe(true);
  });

  it('R5: validity never outlasts the credential', () => {
    const { token, device } = issue(undefined, { ttl: 90 });
    const qr = makeCode(token, device.privateKey, new Date(now.getTime() + 60_000));
    const result = verifyCode(qr, { keys, now: new Date(now.getTime() + 61_000) });
    expect(result.ok && result.code.validUntil.toISOString()).toBe('2026-11-22T08:01:30.000Z');
  });

  it('R8: a signed credential whose device key is not a curve point makes no valid code', () => {
    // The verifier checks the key's form only (the server checks the point before signing): the
    // device proof is what refuses such a key, whatever signature is offered with it.
    let offCurve: Uint8Array;
    do offCurve = rnd(32);
    while ((() => { try { ed25519.ExtendedPoint.fromHex(offCurve); return true; } catch { return false; } })());
    const device = { publicKey: b64url.encode(offCurve), privateKey: makeDeviceKeyPair(rnd).privateKey };
    const { token } = issue(device);
    expect(verifyCode(makeCode(token, device.privateKey, now), { keys, now })).toEqual({ ok: false, refusal: 'CODE_PROOF_INVALID' });
  });

  it('R8: a proof moved onto another credential of the same phone is refused', () => {
    const device = makeDeviceKeyPair(rnd);
    const a = issue(device);
    const b = issue(device, { colour: 'red' });
    const qrA = makeCode(a.token, device.privateKey, now);
    const [, , , t, proof] = qrA.slice(4).split('.');
    const spliced = `HC1:${b.token}.${t}.${proof}`;
    expect(verifyCode(spliced, { keys, now })).toEqual({ ok: false, refusal: 'CODE_PROOF_INVALID' });
  });

  it('R8: a key listed as revoked is refused even when its public key is still known', () => {
    const { token, device } = issue();
    const qr = makeCode(token, device.privateKey, now);
    expect(verifyCode(qr, { keys: { ...keys, revoked: ['k1'] }, now })).toEqual({ ok: false, refusal: 'CODE_KEY_REVOKED' });
  });

  it('R8: garbage of every shape is refused as malformed, never thrown', () => {
    const { token, device } = issue();
    const qr = makeCode(token, device.privateKey, now);
    const samples = ['', 'HC1:', 'HC1:....', qr.slice(0, -3), `${qr}.x`, qr.replace('HC1:', 'HC2:'), 'HC1:e30.e30.e30.1.e30', `HC1:${'%'.repeat(50)}`];
    for (let i = 0; i < 200; i += 1) {
      const chars = qr.split('');
      chars[4 + Math.floor(Math.random() * (chars.length - 4))] = 'A_-.9'[i % 5];
      samples.push(chars.join(''));
    }
    for (const s of samples) {
      const result = verifyCode(s, { keys, now });
      if (s === qr) continue;
      expect(result.ok).toBe(s === qr);
    }
  });

  it('R8: the JWKS the server publishes turns into the verifier key set', () => {
    const set = keySetFromJwks({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: keys.keys[0].x, kid: 'k1', alg: 'EdDSA', use: 'sig' }], revoked: ['k0'] });
    expect(set).toEqual({ keys: [{ kid: 'k1', x: keys.keys[0].x }], revoked: ['k0'] });
  });
});
