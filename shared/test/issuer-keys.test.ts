import fc from 'fast-check';
import { ed25519 } from '@noble/curves/ed25519';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils';
import { b64url } from '../src/codes';
import { issuerKeyCheck } from '../src/issuer-keys';

/**
 * R8 offline: the checkpoint's phone verifies credentials with the issuer's keys prepared once
 * (issuer-keys.ts). Its answers must be noble's strict `verify` answers, for good signatures and
 * for every way a forged one differs. A fixed seed keeps each run the same.
 */

const strict = (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array) => {
  try {
    return ed25519.verify(sig, msg, pub, { zip215: false });
  } catch {
    return false;
  }
};
const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const L = ed25519.Point.Fn.ORDER;
const P = ed25519.Point.Fp.ORDER;
const config = { seed: 8032, numRuns: 60 };

describe('R8: verification by a prepared issuer key agrees with strict Ed25519', () => {
  it('accepts RFC 8032 test 1 and refuses it changed', () => {
    const pub = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const sig = hex('e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
    const check = issuerKeyCheck(b64url.encode(pub));
    expect(check(sig, new Uint8Array())).toBe(true);
    expect(check(sig, Uint8Array.of(0))).toBe(false);
  });

  it('gives the same answer as noble for good signatures and for any byte of one changed', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 200 }),
        fc.nat({ max: 95 }),
        fc.integer({ min: 1, max: 255 }),
        (seed, msg, at, flip) => {
          const pub = ed25519.getPublicKey(seed);
          const sig = ed25519.sign(msg, seed);
          const check = issuerKeyCheck(b64url.encode(pub));
          expect(check(sig, msg)).toBe(true);
          // One byte changed, in the signature (at < 64) or in the message.
          const badSig = sig.slice();
          const badMsg = msg.slice();
          if (at < 64) badSig[at] ^= flip;
          else if (msg.length > 0) badMsg[at % msg.length] ^= flip;
          else return;
          expect(check(badSig, badMsg)).toBe(strict(badSig, badMsg, pub));
          expect(check(badSig, badMsg)).toBe(false);
        },
      ),
      config,
    );
  });

  it('refuses a malleable signature (s + L), as strict verification does', () => {
    const seed = new Uint8Array(32).fill(7);
    const msg = new TextEncoder().encode('credential');
    const sig = ed25519.sign(msg, seed);
    const s = bytesToNumberLE(sig.subarray(32));
    const malleable = Uint8Array.from([...sig.subarray(0, 32), ...numberToBytesLE(s + L, 32)]);
    const pub = ed25519.getPublicKey(seed);
    expect(strict(malleable, msg, pub)).toBe(false);
    expect(issuerKeyCheck(b64url.encode(pub))(malleable, msg)).toBe(false);
  });

  it('refuses an R that is not a canonical encoding (y >= p)', () => {
    const seed = new Uint8Array(32).fill(9);
    const msg = new TextEncoder().encode('credential');
    const sig = ed25519.sign(msg, seed);
    const forged = Uint8Array.from([...numberToBytesLE(P + 1n, 32), ...sig.subarray(32)]);
    const pub = ed25519.getPublicKey(seed);
    expect(strict(forged, msg, pub)).toBe(false);
    expect(issuerKeyCheck(b64url.encode(pub))(forged, msg)).toBe(false);
  });

  it('a key of small order, or text that is no key, verifies nothing', () => {
    // The identity point: with it, s = 0 and R = identity would "sign" any message.
    const identity = numberToBytesLE(1n, 32);
    const sig = Uint8Array.from([...identity, ...new Uint8Array(32)]);
    const msg = new TextEncoder().encode('anything');
    expect(strict(sig, msg, identity)).toBe(false);
    expect(issuerKeyCheck(b64url.encode(identity))(sig, msg)).toBe(false);
    expect(issuerKeyCheck('not a key!')(sig, msg)).toBe(false);
    expect(issuerKeyCheck(b64url.encode(new Uint8Array(31)))(sig, msg)).toBe(false);
  });

  it('refuses a signature of the wrong length', () => {
    const seed = new Uint8Array(32).fill(3);
    const msg = new TextEncoder().encode('credential');
    const check = issuerKeyCheck(b64url.encode(ed25519.getPublicKey(seed)));
    expect(check(ed25519.sign(msg, seed).subarray(0, 63), msg)).toBe(false);
  });

  it('keeps verifying with each key after more keys than it keeps prepared have come and gone', () => {
    const seeds = Array.from({ length: 12 }, (_, i) => new Uint8Array(32).fill(i + 20));
    const msg = new TextEncoder().encode('rotation');
    for (let round = 0; round < 2; round++) {
      for (const seed of seeds) {
        const check = issuerKeyCheck(b64url.encode(ed25519.getPublicKey(seed)));
        expect(check(ed25519.sign(msg, seed), msg)).toBe(true);
        expect(check(ed25519.sign(msg, seeds[(seeds.indexOf(seed) + 1) % seeds.length]), msg)).toBe(false);
      }
    }
  });
});
