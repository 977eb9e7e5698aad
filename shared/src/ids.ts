/**
 * Identity numbers: the mainland resident ID (GB 11643-1999) and the unified social credit
 * code of a legal entity (GB 32100-2015), their check characters, and the masks used on
 * every screen and log line (R1, R8, R10, R34).
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';
/** First two digits of a division code: the provinces, plus 71 (Taiwan), 81/82 (HK, Macao). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

export type IdProblem = 'ID_NUMBER_FORMAT' | 'ID_NUMBER_REGION' | 'ID_NUMBER_BIRTH_DATE' | 'ID_NUMBER_CHECKSUM';

export interface IdInfo {
  idNumber: string;
  /** 6-digit administrative division code of the place of first registration. */
  region: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'male' | 'female';
}

export type IdCheck = { ok: true; info: IdInfo } | { ok: false; problem: IdProblem };

/** ISO 7064 MOD 11-2 check character over the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/** Upper-cases a trailing x and trims spaces: what people type is not always canonical. */
export function normaliseIdNumber(input: string): string {
  return input.trim().toUpperCase();
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Checks an 18-character resident ID number. `today` bounds the birth date (no one is born
 * in the future) and defaults to now.
 */
export function checkIdNumber(input: string, today: Date = new Date()): IdCheck {
  const id = normaliseIdNumber(input);
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'ID_NUMBER_FORMAT' };
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return { ok: false, problem: 'ID_NUMBER_REGION' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = Date.UTC(y, m - 1, d);
  if (y < 1880 || !validDate(y, m, d) || birth > today.getTime()) return { ok: false, problem: 'ID_NUMBER_BIRTH_DATE' };
  if (idCheckChar(id) !== id[17]) return { ok: false, problem: 'ID_NUMBER_CHECKSUM' };
  return {
    ok: true,
    info: {
      idNumber: id,
      region: id.slice(0, 6),
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/** Full years between a YYYY-MM-DD birth date and `at` (UTC calendar). */
export function ageOn(birthDate: string, at: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = at.getUTCFullYear() - y;
  const beforeBirthday = at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

/**
 * Builds a valid-looking synthetic ID number, for tests and demo data only. The sequence
 * digits make distinct people; the check character is computed, so it passes the check.
 */
export function makeIdNumber(opts: { region?: string; birthDate: string; sex: 'male' | 'female'; seq: number }): string {
  const region = opts.region ?? '440305';
  const date = opts.birthDate.replace(/-/g, '');
  const seq2 = String(Math.floor(opts.seq) % 100).padStart(2, '0');
  const sexDigit = (Math.floor(opts.seq / 100) % 5) * 2 + (opts.sex === 'male' ? 1 : 0);
  const first17 = `${region}${date}${seq2}${sexDigit}`;
  return first17 + idCheckChar(first17);
}

// ---- Unified social credit code (GB 32100-2015) ----

/** The 31 characters of the code: digits and capitals without I, O, Z, S, V. */
export const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem = 'USCC_FORMAT' | 'USCC_CHECKSUM';

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

export function checkSocialCreditCode(input: string): { ok: true; code: string } | { ok: false; problem: UsccProblem } {
  const code = input.trim().toUpperCase();
  // Registration authority, entity type, 6-digit division code, 9-character organisation code, check character.
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return { ok: false, problem: 'USCC_FORMAT' };
  if (usccCheckChar(code) !== code[17]) return { ok: false, problem: 'USCC_CHECKSUM' };
  return { ok: true, code };
}

/** Builds a valid-looking synthetic social credit code (tests and demo data only). */
export function makeSocialCreditCode(seq: number, region = '440305'): string {
  const org = String(Math.abs(Math.floor(seq))).padStart(9, '0').slice(-9);
  const first17 = `91${region}${org}`;
  return first17 + usccCheckChar(first17);
}

// ---- Masks (R8, R34): what another person's screen or any log line may show ----

/** 张三 -> 张*, 张小三 -> 张*三, 欧阳小明 -> 欧**明, Alice -> A***e */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** First 3 and last 4 characters: 440***********123X */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);
}

/** First 3 and last 4 digits: 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** Mainland mobile numbers: 11 digits starting 1[3-9]. */
export function checkPhone(input: string): boolean {
  return /^1[3-9]\d{9}$/.test(input.trim());
}
