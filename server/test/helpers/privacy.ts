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
