import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { boundedCache } from '../lib/bounded-cache';
import { b64url, type SignatureCheck } from '@health-code/shared';

/**
 * Ed25519 verification through Node's OpenSSL, for the shared verifiers on the server: several
 * times faster than the pure-JavaScript default the app uses. Key objects are parsed once per
 * public key (the server's few signing keys, and each phone's device key while it is in use).
 */
export function nativeSignatureCheck(max = 20_000): SignatureCheck {
  const keys = boundedCache<string, KeyObject | false>(max);
  const keyOf = (publicKey: Uint8Array): KeyObject | false => {
    const x = b64url.encode(publicKey);
    let key = keys.get(x);
    if (key === undefined) {
      try {
        key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
      } catch {
        key = false; // not a point on the curve: every signature under it is refused
      }
      keys.set(x, key);
    }
    return key;
  };
  return (signature, message, publicKey) => {
    if (signature.length !== 64 || publicKey.length !== 32) return false;
    const key = keyOf(publicKey);
    if (!key) return false;
    try {
      return verify(null, message, key, signature);
    } catch {
      return false;
    }
  };
}
