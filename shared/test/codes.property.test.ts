import fc from 'fast-check';
import { ed25519 } from '@noble/curves/ed25519';
import {
  b64url,
  CODE_REFUSALS,
  credentialClaims,
  makeCode,
  makeDeviceKeyPair,
  offlineCodeClaims,
  readCredential,
  venueCodeClaims,
  verifyCode,
  verifyVenueCode,
  type CodeKeySet,
} from '../src/codes';

/**
 * Property tests (fast-check, issue 8 item 3) of the token parsers every checkpoint, scanner
 * and app runs on text it did not make: they never throw on arbitrary input, and no change of
 * one character of a valid token gets through. A fixed seed keeps the key material (and so
 * every run) the same; a failure prints fast-check's seed and the smallest failing case.
 */

const seeded = (seed: number) => (n: number) => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i * 7) & 0xff);
const now = new Date('2026-11-22T08:00:00.000Z');
const serverSeed = seeded(1)(32);
const keys: CodeKeySet = { keys: [{ kid: 'k1', x: b64url.encode(ed25519.getPublicKey(serverSeed)) }], revoked: [] };
const device = makeDeviceKeyPair(seeded(2));

const enc = (o: object) => b64url.encode(new TextEncoder().encode(JSON.stringify(o)));
function sign(header: object, claims: object): string {
  const input = `${enc(header)}.${enc(claims)}`;
  return `${input}.${b64url.encode(ed25519.sign(new TextEncoder().encode(input), serverSeed))}`;
}

const credential = sign(
  { alg: 'EdDSA', kid: 'k1', typ: 'hc-cred+jwt' },
  credentialClaims({ codeId: 'opaque-code-id-0001', colour: 'green', vaccinated: true, issuerRegion: '440300', devicePublicKey: device.publicKey, issuedAt: now, expiresAt: new Date(now.getTime() + 3600_000) }),
);
const liveCode = makeCode(credential, device.privateKey, now);
const offlineCode = `HC1:${sign(
  { alg: 'EdDSA', kid: 'k1', typ: 'hc-offline+jwt' },
  offlineCodeClaims({ codeId: 'opaque-code-id-0002', colour: 'yellow', vaccinated: false, issuerRegion: '440300', issuedAt: now, expiresAt: new Date(now.getTime() + 7 * 86400_000) }),
)}`;
const venueCode = `HCV1:${sign({ alg: 'EdDSA', kid: 'k1', typ: 'hc-venue+jwt' }, venueCodeClaims({ venueCodeId: 'venue-code-0001', issuerRegion: '440300', issuedAt: now }))}`;

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** One character: of the token alphabets (the likely near-misses), the separators, or anything at all. */
const anyChar = fc.oneof(fc.constantFrom(...B64URL), fc.constantFrom('.', ':', '=', '+', '/', ' ', '\n', '\u0000'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));

/** Text shaped like a token: the right prefix, 1-6 dot-separated segments of base64url, JSON or junk. */
const segment = fc.oneof(
  fc.string({ unit: fc.constantFrom(...B64URL), maxLength: 120 }),
  fc.jsonValue().map((v) => enc({ v })),
  fc.dictionary(fc.constantFrom('alg', 'kid', 'typ', 'v', 'iss', 'sub', 'col', 'vac', 'iat', 'exp', 'dk', 'off', '__proto__', 'constructor'), fc.jsonValue()).map(enc),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const tokenLike = (prefix: string) =>
  fc.tuple(fc.constantFrom(prefix, '', prefix.toLowerCase(), `${prefix}${prefix}`), fc.array(segment, { minLength: 1, maxLength: 6 })).map(([p, parts]) => p + parts.join('.'));
const arbitraryText = fc.oneof(fc.string({ unit: 'binary', maxLength: 3000 }), tokenLike('HC1:'), tokenLike('HCV1:'));

/** Every single-character change of `text`: replaced, dropped or doubled. */
const mutation = (text: string) =>
  fc.record({ pos: fc.integer({ min: 0, max: text.length - 1 }), ch: anyChar, kind: fc.constantFrom('replace', 'drop', 'insert') }).map(({ pos, ch, kind }) => {
    if (kind === 'drop') return text.slice(0, pos) + text.slice(pos + 1);
    if (kind === 'insert') return text.slice(0, pos) + ch + text.slice(pos);
    return text.slice(0, pos) + ch + text.slice(pos + 1);
  });

describe('R8/R14: the token parsers, property-based', () => {
  it('the valid tokens these properties start from verify', () => {
    expect(verifyCode(liveCode, { keys, now }).ok).toBe(true);
    expect(verifyCode(offlineCode, { keys, now }).ok).toBe(true);
    expect(verifyVenueCode(venueCode, keys).ok).toBe(true);
    expect(readCredential(credential).colour).toBe('green');
  });

  it('R8: verifyCode never throws on arbitrary text and always answers a known refusal', () => {
    fc.assert(
      fc.property(arbitraryText, (text) => {
        const result = verifyCode(text, { keys, now });
        return result.ok === false && (CODE_REFUSALS as readonly string[]).includes(result.refusal);
      }),
      { numRuns: 1200 },
    );
  });

  it('R8: any single-character change of a live code is refused', () => {
    fc.assert(
      fc.property(mutation(liveCode), (changed) => {
        fc.pre(changed !== liveCode);
        return verifyCode(changed, { keys, now }).ok === false;
      }),
      { numRuns: 800 },
    );
  });

  it('R27: any single-character change of a printed offline code is refused', () => {
    fc.assert(
      fc.property(mutation(offlineCode), (changed) => {
        fc.pre(changed !== offlineCode);
        return verifyCode(changed, { keys, now }).ok === false;
      }),
      { numRuns: 500 },
    );
  });

  it('R14/R15: verifyVenueCode never throws on arbitrary text and refuses it as invalid or forged', () => {
    fc.assert(
      fc.property(arbitraryText, (text) => {
        const result = verifyVenueCode(text, keys);
        return result.ok === false && ['VENUE_CODE_INVALID', 'VENUE_CODE_FORGED'].includes(result.refusal);
      }),
      { numRuns: 1200 },
    );
  });

  it('R14: any single-character change of a venue code is refused', () => {
    fc.assert(
      fc.property(mutation(venueCode), (changed) => {
        fc.pre(changed !== venueCode);
        return verifyVenueCode(changed, keys).ok === false;
      }),
      { numRuns: 500 },
    );
  });

  it('R5: readCredential (which reads, never verifies) refuses arbitrary text with a plain Error and never answers a colour outside the three', () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryText, tokenLike('')), (text) => {
        let read: ReturnType<typeof readCredential>;
        try {
          read = readCredential(text);
        } catch (err) {
          // A refusal, not a crash of the parser (TypeError, RangeError, ...).
          return Object.getPrototypeOf(err) !== TypeError.prototype && Object.getPrototypeOf(err) !== RangeError.prototype && err instanceof Error;
        }
        return ['green', 'yellow', 'red'].includes(read.colour) && typeof read.codeId === 'string';
      }),
      { numRuns: 1200 },
    );
  });

  it('R5: a credential whose colour is not one of g/y/r (an inherited name such as toString included) is refused by readCredential', () => {
    for (const col of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'G', '']) {
      const forged = sign({ alg: 'EdDSA', kid: 'k1', typ: 'hc-cred+jwt' }, { ...JSON.parse(new TextDecoder().decode(b64url.decode(credential.split('.')[1]))), col });
      expect(() => readCredential(forged)).toThrow(Error);
      expect(verifyCode(makeCode(forged, device.privateKey, now), { keys, now })).toEqual({ ok: false, refusal: 'CODE_MALFORMED' });
    }
  });

  it('R5: a change of one character of a cached credential either fails to read or is refused once put in a code', () => {
    fc.assert(
      fc.property(mutation(credential), (changed) => {
        fc.pre(changed !== credential);
        let qr: string;
        try {
          readCredential(changed);
          qr = makeCode(changed, device.privateKey, now);
        } catch {
          return true;
        }
        return verifyCode(qr, { keys, now }).ok === false;
      }),
      { numRuns: 500 },
    );
  });
});
