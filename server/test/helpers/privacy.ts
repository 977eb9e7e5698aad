import { checkIdNumber } from '@health-code/shared';

const ID_CANDIDATE = /(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])/g;
// Letters on either side mean an id or a token (a UUID's hex can hold 11 such digits), not a phone.
const PHONE_CANDIDATE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

/**
 * Whole resident ID numbers (with a valid check character) and mobile numbers in a text:
 * what must never appear in a response or a log line (R34). Masked forms do not match.
 */
export function findPersonalNumbers(text: string): string[] {
  const ids = [...text.matchAll(ID_CANDIDATE)].map((m) => m[0]).filter((s) => checkIdNumber(s).ok);
  const phones = [...text.matchAll(PHONE_CANDIDATE)].map((m) => m[0]);
  return [...ids, ...phones];
}

// Secrets that must never be written to a log line (R1, R34; issue 8 item 6). Responses may
// carry them to their owner (a login answers its token), logs never.
/** A signed JWT / JWS (sessions, credentials, codes): three base64url parts, header and claims JSON. */
const JWS = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g;
/** An institution's API key (inst_<keyId>.<secret>). */
const API_KEY = /\binst_[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{16,}/g;
/** Whatever follows "Bearer " unless the logger censored it. */
const BEARER = /\bBearer\s+(?!\[redacted\]|\[token\])[^\s"',;]{8,}/gi;
/** A 6-digit one-time code under a key that names it. */
const SMS_CODE_FIELD = /"(?:sms_?code|otp|verification_?code|code)"\s*:\s*"?(\d{6})(?!\d)/gi;

/**
 * Tokens and one-time codes in a log line: a JWT or JWS, an institution API key, a bearer
 * credential, a 6-digit code under a code-like key, and any of `smsCodes` (the codes the run
 * really sent) standing alone as a number.
 */
export function findSecrets(line: string, smsCodes: Iterable<string> = []): string[] {
  const found = [...line.matchAll(JWS), ...line.matchAll(API_KEY), ...line.matchAll(BEARER)].map((m) => m[0]);
  found.push(...[...line.matchAll(SMS_CODE_FIELD)].map((m) => m[1]));
  // Letters on either side mean an id (a UUID's hex holds six-digit runs by chance), not a code.
  for (const code of smsCodes) if (new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`).test(line)) found.push(code);
  return [...new Set(found)];
}
