import { checkIdNumber } from '@health-code/shared';

const ID_CANDIDATE = /(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])/g;
const PHONE_CANDIDATE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/**
 * Whole resident ID numbers (with a valid check character) and mobile numbers in a text:
 * what must never appear in a response or a log line (R34). Masked forms do not match.
 */
export function findPersonalNumbers(text: string): string[] {
  const ids = [...text.matchAll(ID_CANDIDATE)].map((m) => m[0]).filter((s) => checkIdNumber(s).ok);
  const phones = [...text.matchAll(PHONE_CANDIDATE)].map((m) => m[0]);
  return [...ids, ...phones];
}
