import { ed25519 } from '@noble/curves/ed25519';
import { base64urlnopad } from '@scure/base';
import { issuerKeyCheck } from './issuer-keys';
import type { Colour } from './colour';

/**
 * The personal code's formats (R5, R8, architecture choice 2), shared by the server, the app
 * and offline checkpoints so that all three judge a code the same way. Pure JavaScript
 * (noble Ed25519), so it runs in WeChat, Alipay, H5 and Node alike.
 *
 * Credential: a JWS compact token the server signs (EdDSA/Ed25519, `kid`), cached by the app:
 *   header  { alg: 'EdDSA', kid, typ: 'hc-cred+jwt' }
 *   payload { v: 1, iss: 'HC:<region>', sub: <opaque code id>, col: 'g'|'y'|'r', vac: 0|1,
 *             iat, exp, dk: <device Ed25519 public key> }
 * QR text: `HC1:` + credential + '.' + t + '.' + proof, where t is the phone's clock in Unix
 * seconds and proof is the device key's signature over `HC1|<credential signature>|<t>`.
 * A screenshot goes stale after the code's life (60 s by default); no name or ID number is in it.
 *
 * Offline (printed) code for a relative without a phone (R27): `HC1:` + a JWS of its own type
 * (`hc-offline+jwt`, no device key), valid 7 days; checkpoints refuse it after expiry.
 */

export const CODE_PREFIX = 'HC1:';
export const CREDENTIAL_TYPE = 'hc-cred+jwt';
export const OFFLINE_CODE_TYPE = 'hc-offline+jwt';
export const CODE_ALG = 'EdDSA';

/** The colours a code carries: the colour rules' own list. */
export type CodeColour = Colour;
const COLOUR_TO_WIRE: Record<CodeColour, string> = { green: 'g', yellow: 'y', red: 'r' };
const WIRE_TO_COLOUR: Record<string, CodeColour> = { g: 'green', y: 'yellow', r: 'red' };

export interface CredentialClaims {
  v: 1;
  /** `HC:` + the issuer's 6-digit region code. */
  iss: string;
  /** The resident's opaque code id (never the ID number). */
  sub: string;
  col: string;
  /** 1 when the vaccination badge shows (R7). */
  vac: 0 | 1;
  iat: number;
  exp: number;
  /** The device's Ed25519 public key, base64url. */
  dk: string;
}

/** What a credential says, in the app's words. */
export interface Credential {
  kid: string;
  codeId: string;
  colour: CodeColour;
  vaccinated: boolean;
  issuerRegion: string;
  issuedAt: Date;
  expiresAt: Date;
  devicePublicKey: string;
}

/** A key that verifies codes, as published in the JWKS. */
export interface VerificationKey {
  kid: string;
  /** Ed25519 public key, base64url (the JWK's `x`). */
  x: string;
}

/** The keys a verifier trusts, and the key ids it must refuse (revoked). */
export interface CodeKeySet {
  keys: VerificationKey[];
  revoked: string[];
}

/** The JWKS the server publishes at /.well-known/jwks.json (`revoked` is our own member). */
export interface CodeJwks {
  keys: Array<{ kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' }>;
  revoked: string[];
}

/** Why a code is refused; each has its own error code and message (issue item 7). */
export const CODE_REFUSALS = [
  'CODE_MALFORMED',
  'CODE_ALG_NOT_ALLOWED',
  'CODE_UNKNOWN_KEY',
  'CODE_KEY_REVOKED',
  'CODE_SIGNATURE_INVALID',
  'CODE_PROOF_INVALID',
  'CODE_CREDENTIAL_EXPIRED',
  'CODE_EXPIRED',
  'CODE_NOT_YET_VALID',
  'CODE_OFFLINE_EXPIRED',
] as const;
export type CodeRefusal = (typeof CODE_REFUSALS)[number];

export interface VerifiedCode {
  /** A printed offline code (R27) rather than a phone's live code. */
  offline: boolean;
  credential: Credential;
  /** When the phone made this QR. */
  shownAt: Date;
  /** Until when this QR is accepted (shownAt + the code's life, capped by the credential). */
  validUntil: Date;
  /** Identifies this exact QR, for replay detection. */
  proofId: string;
}

export type CodeVerification = { ok: true; code: VerifiedCode } | { ok: false; refusal: CodeRefusal };

export interface VerifyOptions {
  keys: CodeKeySet;
  now: Date;
  /** How long one QR stays valid after the phone made it (R5: 60 s by default). */
  codeTtlSeconds?: number;
  /** How far ahead of the verifier's clock a phone's clock may be. */
  clockSkewSeconds?: number;
  /**
   * The Ed25519 check itself (strict RFC 8032). The default is pure JavaScript and runs in the
   * app, with the issuer's keys prepared once (issuer-keys.ts); a server passes its platform's
   * native one, several times faster.
   */
  verifySignature?: SignatureCheck;
}

export type SignatureCheck = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const fromUtf8 = (b: Uint8Array): string => new TextDecoder().decode(b);
export const b64url = {
  encode: (bytes: Uint8Array): string => base64urlnopad.encode(bytes),
  decode: (text: string): Uint8Array => base64urlnopad.decode(text),
};

export function colourToWire(colour: CodeColour): string {
  return COLOUR_TO_WIRE[colour];
}

/** A fresh device key pair from the platform's secure random bytes (32 bytes of seed). */
export function makeDeviceKeyPair(randomBytes: (n: number) => Uint8Array): { publicKey: string; privateKey: string } {
  const seed = randomBytes(32);
  if (seed.length !== 32) throw new Error('need 32 random bytes');
  return { publicKey: b64url.encode(ed25519.getPublicKey(seed)), privateKey: b64url.encode(seed) };
}

export function publicKeyOf(privateKey: string): string {
  return b64url.encode(ed25519.getPublicKey(b64url.decode(privateKey)));
}

/** Whether a text is a well-formed Ed25519 public key in base64url. */
export function isDevicePublicKey(text: string): boolean {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return false;
  try {
    ed25519.ExtendedPoint.fromHex(b64url.decode(text));
    return true;
  } catch {
    return false;
  }
}

class Malformed extends Error {}

/** base64url that must decode (non-canonical trailing bits are refused by the decoder). */
function decodeStrict(text: string): Uint8Array {
  try {
    return b64url.decode(text);
  } catch {
    throw new Malformed();
  }
}

function parseJsonSegment(segment: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) throw new Malformed();
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(decodeStrict(segment)));
  } catch {
    throw new Malformed();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Malformed();
  return value as Record<string, unknown>;
}

function claimsToCredential(kid: string, c: Record<string, unknown>, offline = false): Credential {
  const ok =
    c.v === 1 &&
    typeof c.iss === 'string' && /^HC:\d{6}$/.test(c.iss) &&
    typeof c.sub === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(c.sub) &&
    // Own keys only: `in` would take inherited names (toString, constructor) for colours.
    typeof c.col === 'string' && Object.prototype.hasOwnProperty.call(WIRE_TO_COLOUR, c.col) &&
    (c.vac === 0 || c.vac === 1) &&
    Number.isSafeInteger(c.iat) && Number.isSafeInteger(c.exp) && (c.exp as number) > (c.iat as number) &&
    // The form only: the server checked the point before signing, and a key off the curve would
    // fail the device proof anyway; decoding the point here cost a third of a verification (issue 7).
    (offline ? c.dk === undefined && c.off === 1 : typeof c.dk === 'string' && /^[A-Za-z0-9_-]{43}$/.test(c.dk));
  if (!ok) throw new Malformed();
  return {
    kid,
    codeId: c.sub as string,
    colour: WIRE_TO_COLOUR[c.col as string],
    vaccinated: c.vac === 1,
    issuerRegion: (c.iss as string).slice(3),
    issuedAt: new Date((c.iat as number) * 1000),
    expiresAt: new Date((c.exp as number) * 1000),
    devicePublicKey: offline ? '' : (c.dk as string),
  };
}

/**
 * Reads a credential without verifying it: for the app, which shows what its own cached
 * credential says (colour, expiry). Anything that decides must use verifyCode.
 */
export function readCredential(token: string): Credential {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('not a credential');
  const header = parseJsonSegment(parts[0]);
  return claimsToCredential(String(header.kid ?? ''), parseJsonSegment(parts[1]));
}

function proofMessage(credentialSignature: string, t: number): Uint8Array {
  return utf8(`HC1|${credentialSignature}|${t}`);
}

/** The QR text the phone shows now: its cached credential plus a proof signed on the device. */
export function makeCode(credential: string, devicePrivateKey: string, now: Date): string {
  const parts = credential.split('.');
  if (parts.length !== 3) throw new Error('not a credential');
  const t = Math.floor(now.getTime() / 1000);
  const proof = ed25519.sign(proofMessage(parts[2], t), b64url.decode(devicePrivateKey));
  return `${CODE_PREFIX}${credential}.${t}.${b64url.encode(proof)}`;
}

/** The public keys a verifier trusts, from the published JWKS. */
export function keySetFromJwks(jwks: CodeJwks): CodeKeySet {
  return {
    keys: jwks.keys.filter((k) => k.kty === 'OKP' && k.crv === 'Ed25519').map((k) => ({ kid: k.kid, x: k.x })),
    revoked: Array.isArray(jwks.revoked) ? jwks.revoked : [],
  };
}

/**
 * Verifies a scanned personal code: the server's signature on the credential, the device's on
 * the proof, then the times. The same function runs online (with the server's keys) and
 * offline (with the cached JWKS); each failure has its own refusal.
 */
export function verifyCode(text: string, options: VerifyOptions): CodeVerification {
  const ttl = options.codeTtlSeconds ?? 60;
  const skew = options.clockSkewSeconds ?? 30;
  try {
    if (typeof text !== 'string' || text.length > 2048 || !text.startsWith(CODE_PREFIX)) throw new Malformed();
    const parts = text.slice(CODE_PREFIX.length).split('.');
    if (parts.length === 3) return verifyOffline(parts, options);
    if (parts.length !== 5) throw new Malformed();
    const [h, p, s, tText, proof] = parts;
    const header = parseJsonSegment(h);
    // Only the one algorithm is ever accepted: `none`, HS256 with a public key, etc. are refused.
    if (header.alg !== CODE_ALG) return { ok: false, refusal: 'CODE_ALG_NOT_ALLOWED' };
    if (header.typ !== CREDENTIAL_TYPE || typeof header.kid !== 'string') throw new Malformed();
    const kid = header.kid;
    if (options.keys.revoked.includes(kid)) return { ok: false, refusal: 'CODE_KEY_REVOKED' };
    const key = options.keys.keys.find((k) => k.kid === kid);
    if (!key) return { ok: false, refusal: 'CODE_UNKNOWN_KEY' };
    if (!/^[A-Za-z0-9_-]{86}$/.test(s) || !/^\d{1,12}$/.test(tText) || !/^[A-Za-z0-9_-]{86}$/.test(proof)) throw new Malformed();
    if (!issuerSigned(options.verifySignature, key.x, decodeStrict(s), utf8(`${h}.${p}`))) return { ok: false, refusal: 'CODE_SIGNATURE_INVALID' };
    const credential = claimsToCredential(kid, parseJsonSegment(p));
    const t = Number(tText);
    if (!(options.verifySignature ?? safeVerify)(decodeStrict(proof), proofMessage(s, t), decodeStrict(credential.devicePublicKey))) {
      return { ok: false, refusal: 'CODE_PROOF_INVALID' };
    }
    const nowS = options.now.getTime() / 1000;
    if (credential.expiresAt.getTime() / 1000 <= nowS) return { ok: false, refusal: 'CODE_CREDENTIAL_EXPIRED' };
    if (t > nowS + skew) return { ok: false, refusal: 'CODE_NOT_YET_VALID' };
    if (t + ttl <= nowS) return { ok: false, refusal: 'CODE_EXPIRED' };
    const validUntil = Math.min((t + ttl) * 1000, credential.expiresAt.getTime());
    return { ok: true, code: { offline: false, credential, shownAt: new Date(t * 1000), validUntil: new Date(validUntil), proofId: proof } };
  } catch (err) {
    if (err instanceof Malformed) return { ok: false, refusal: 'CODE_MALFORMED' };
    throw err;
  }
}

/** A printed offline code: the server's signature and the 7-day expiry; no device proof. */
function verifyOffline([h, p, s]: string[], options: VerifyOptions): CodeVerification {
  const header = parseJsonSegment(h);
  if (header.alg !== CODE_ALG) return { ok: false, refusal: 'CODE_ALG_NOT_ALLOWED' };
  if (header.typ !== OFFLINE_CODE_TYPE || typeof header.kid !== 'string') throw new Malformed();
  const kid = header.kid;
  if (options.keys.revoked.includes(kid)) return { ok: false, refusal: 'CODE_KEY_REVOKED' };
  const key = options.keys.keys.find((k) => k.kid === kid);
  if (!key) return { ok: false, refusal: 'CODE_UNKNOWN_KEY' };
  if (!/^[A-Za-z0-9_-]{86}$/.test(s)) throw new Malformed();
  if (!issuerSigned(options.verifySignature, key.x, decodeStrict(s), utf8(`${h}.${p}`))) return { ok: false, refusal: 'CODE_SIGNATURE_INVALID' };
  const credential = claimsToCredential(kid, parseJsonSegment(p), true);
  const nowMs = options.now.getTime();
  if (credential.issuedAt.getTime() > nowMs + (options.clockSkewSeconds ?? 30) * 1000) return { ok: false, refusal: 'CODE_NOT_YET_VALID' };
  if (credential.expiresAt.getTime() <= nowMs) return { ok: false, refusal: 'CODE_OFFLINE_EXPIRED' };
  return { ok: true, code: { offline: true, credential, shownAt: credential.issuedAt, validUntil: credential.expiresAt, proofId: s } };
}

/**
 * A signature by one of the issuer's published keys: through the platform's check when one is
 * given (the server's native one), else through the key's prepared table (issuer-keys.ts).
 */
function issuerSigned(check: SignatureCheck | undefined, keyText: string, signature: Uint8Array, message: Uint8Array): boolean {
  return check ? check(signature, message, decodeStrict(keyText)) : issuerKeyCheck(keyText)(signature, message);
}

function safeVerify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    // zip215: false gives RFC 8032 strict verification (no malleable signatures).
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** The credential's claims for the server to sign (the server signs through jose). */
export function credentialClaims(input: {
  codeId: string;
  colour: CodeColour;
  vaccinated: boolean;
  issuerRegion: string;
  devicePublicKey: string;
  issuedAt: Date;
  expiresAt: Date;
}): CredentialClaims {
  return {
    v: 1,
    iss: `HC:${input.issuerRegion}`,
    sub: input.codeId,
    col: COLOUR_TO_WIRE[input.colour],
    vac: input.vaccinated ? 1 : 0,
    iat: Math.floor(input.issuedAt.getTime() / 1000),
    exp: Math.floor(input.expiresAt.getTime() / 1000),
    dk: input.devicePublicKey,
  };
}

/** The claims of a printed offline code (R27), for the server to sign. */
export function offlineCodeClaims(input: {
  codeId: string;
  colour: CodeColour;
  vaccinated: boolean;
  issuerRegion: string;
  issuedAt: Date;
  expiresAt: Date;
}): Omit<CredentialClaims, 'dk'> & { off: 1 } {
  const { dk: _omit, ...rest } = credentialClaims({ ...input, devicePublicKey: '' });
  return { ...rest, off: 1 };
}

/* ---------------------------------------------------------------------------------------
 * Venue (place) codes, R14: `HCV1:` + a JWS of type `hc-venue+jwt` naming the venue code's
 * opaque id. Not a web address: other scanners see text they cannot act on, and a forged or
 * altered poster fails the signature. The venue's state (passed, revoked, retired) is the
 * server's to judge at scan time.
 * ------------------------------------------------------------------------------------- */

export const VENUE_PREFIX = 'HCV1:';
export const VENUE_CODE_TYPE = 'hc-venue+jwt';

export interface VenueCodeClaims {
  v: 1;
  iss: string;
  /** The venue code's opaque id. */
  sub: string;
  iat: number;
}

export type VenueCodeVerification =
  | { ok: true; venueCodeId: string; kid: string; issuedAt: Date }
  | { ok: false; refusal: 'VENUE_CODE_INVALID' | 'VENUE_CODE_FORGED' };

export function venueCodeClaims(input: { venueCodeId: string; issuerRegion: string; issuedAt: Date }): VenueCodeClaims {
  return { v: 1, iss: `HC:${input.issuerRegion}`, sub: input.venueCodeId, iat: Math.floor(input.issuedAt.getTime() / 1000) };
}

/**
 * Judges scanned text as a venue code (R15): text that is not one is VENUE_CODE_INVALID ("scan
 * the code posted at the place"); one whose signature, algorithm or key fails is
 * VENUE_CODE_FORGED. Posters stay valid across key rotations; a revoked key's posters fail.
 */
export function verifyVenueCode(text: string, keys: CodeKeySet, verifySignature?: SignatureCheck): VenueCodeVerification {
  try {
    if (typeof text !== 'string' || text.length > 1024 || !text.startsWith(VENUE_PREFIX)) throw new Malformed();
    const parts = text.slice(VENUE_PREFIX.length).split('.');
    if (parts.length !== 3) throw new Malformed();
    const [h, p, s] = parts;
    const header = parseJsonSegment(h);
    if (header.typ !== VENUE_CODE_TYPE) throw new Malformed();
    if (header.alg !== CODE_ALG || typeof header.kid !== 'string' || keys.revoked.includes(header.kid)) return { ok: false, refusal: 'VENUE_CODE_FORGED' };
    const key = keys.keys.find((k) => k.kid === header.kid);
    if (!key || !/^[A-Za-z0-9_-]{86}$/.test(s)) return { ok: false, refusal: 'VENUE_CODE_FORGED' };
    if (!issuerSigned(verifySignature, key.x, decodeStrict(s), utf8(`${h}.${p}`))) return { ok: false, refusal: 'VENUE_CODE_FORGED' };
    const c = parseJsonSegment(p);
    if (c.v !== 1 || typeof c.sub !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(c.sub) || !Number.isSafeInteger(c.iat)) throw new Malformed();
    return { ok: true, venueCodeId: c.sub, kid: header.kid, issuedAt: new Date((c.iat as number) * 1000) };
  } catch (err) {
    if (err instanceof Malformed) return { ok: false, refusal: 'VENUE_CODE_INVALID' };
    throw err;
  }
}
