import fc from 'fast-check';
import {
  checkIdNumber,
  checkPhone,
  checkSocialCreditCode,
  idCheckChar,
  maskIdNumber,
  maskName,
  maskPhone,
  USCC_CHARS,
  usccCheckChar,
} from '../src/ids';

/**
 * Property tests (fast-check, issue 8 item 3) of the identity-number checks and masks: what the
 * example tests in ids.test.ts show on chosen cases, shown here on thousands of generated ones.
 * A failure prints the seed and the smallest failing case.
 */

const TODAY = new Date('2026-11-22T00:00:00Z');
const PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A valid ID number: a province, any 4 digits, a real birth date up to today, 3 sequence digits, the check character. */
const validIdNumber = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    area: fc.integer({ min: 0, max: 9999 }),
    birth: fc.date({ min: new Date('1880-01-01T00:00:00Z'), max: TODAY, noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, area, birth, seq }) => {
    const date = `${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCDate(), 2)}`;
    const first17 = `${province}${pad(area, 4)}${date}${pad(seq, 3)}`;
    return { id: first17 + idCheckChar(first17), birthDate: birth.toISOString().slice(0, 10), sex: seq % 2 === 1 ? 'male' : 'female' };
  });

/** Any single character, from the alphabets that matter and from anywhere else in Unicode. */
const anyChar = fc.oneof(
  fc.constantFrom(...'0123456789X'),
  fc.constantFrom(...USCC_CHARS),
  fc.constantFrom(...'xIOZSV -.:_'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** One character of `text` replaced by another (the same letter in another case is not a change: both checks upper-case). */
function substitution(length: number) {
  return fc.record({ pos: fc.integer({ min: 0, max: length - 1 }), ch: anyChar });
}
const sameUpper = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

describe('R1: ID numbers (GB 11643), property-based', () => {
  it('R1: every generated valid number passes, with the birth date and sex it encodes', () => {
    fc.assert(
      fc.property(validIdNumber, ({ id, birthDate, sex }) => {
        expect(checkIdNumber(id, TODAY)).toEqual({ ok: true, info: { idNumber: id, region: id.slice(0, 6), birthDate, sex } });
      }),
      { numRuns: 800 },
    );
  });

  it('R1: any single-character change of a valid number is refused (MOD 11-2 catches every single substitution)', () => {
    fc.assert(
      fc.property(validIdNumber, substitution(18), ({ id }, { pos, ch }) => {
        fc.pre(!sameUpper(ch, id[pos]));
        const changed = id.slice(0, pos) + ch + id.slice(pos + 1);
        expect(checkIdNumber(changed, TODAY).ok).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });

  it('R1: a dropped or doubled character is refused too', () => {
    fc.assert(
      fc.property(validIdNumber, fc.integer({ min: 0, max: 17 }), ({ id }, pos) => {
        expect(checkIdNumber(id.slice(0, pos) + id.slice(pos + 1), TODAY).ok).toBe(false);
        expect(checkIdNumber(id.slice(0, pos) + id[pos] + id.slice(pos), TODAY).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('R1: arbitrary text never throws and is refused unless it is a valid number', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const result = checkIdNumber(text, TODAY);
        if (result.ok) expect(result.info.idNumber).toMatch(/^\d{17}[\dX]$/);
        else expect(['ID_NUMBER_FORMAT', 'ID_NUMBER_REGION', 'ID_NUMBER_BIRTH_DATE', 'ID_NUMBER_CHECKSUM']).toContain(result.problem);
      }),
      { numRuns: 800 },
    );
  });
});

/** A valid social credit code: authority and type, 6-digit division, 9-character organisation code, check character. */
const usccChar = fc.constantFrom(...USCC_CHARS);
const validUscc = fc
  .tuple(fc.array(usccChar, { minLength: 2, maxLength: 2 }), fc.integer({ min: 0, max: 999_999 }), fc.array(usccChar, { minLength: 9, maxLength: 9 }))
  .map(([head, division, org]) => {
    const first17 = `${head.join('')}${pad(division, 6)}${org.join('')}`;
    return first17 + usccCheckChar(first17);
  });

describe('R10: unified social credit codes (GB 32100), property-based', () => {
  it('R10: every generated valid code passes', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        expect(checkSocialCreditCode(code)).toEqual({ ok: true, code });
        expect(checkSocialCreditCode(` ${code.toLowerCase()} `)).toEqual({ ok: true, code });
      }),
      { numRuns: 800 },
    );
  });

  it('R10: any single-character change of a valid code is refused (MOD 31 catches every single substitution)', () => {
    fc.assert(
      fc.property(validUscc, substitution(18), (code, { pos, ch }) => {
        fc.pre(!sameUpper(ch, code[pos]));
        const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
        expect(checkSocialCreditCode(changed).ok).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });

  it('R10: arbitrary text never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const result = checkSocialCreditCode(text);
        if (!result.ok) expect(['USCC_FORMAT', 'USCC_CHECKSUM']).toContain(result.problem);
      }),
      { numRuns: 800 },
    );
  });
});

/** What a mask lets through: the characters that are not the mask's stars. */
const shown = (masked: string) => Array.from(masked).filter((c) => c !== '*').length;

describe('R8/R34: masks never show more than they should, property-based', () => {
  it('R8: an ID number shows its first 3 and last 4 characters only, and the length stays', () => {
    fc.assert(
      fc.property(validIdNumber, ({ id }) => {
        const masked = maskIdNumber(id);
        expect(masked).toBe(`${id.slice(0, 3)}${'*'.repeat(11)}${id.slice(-4)}`);
        // The birth date and the sequence digits (characters 4-14) are never shown.
        expect(masked.slice(3, 14)).toBe('*'.repeat(11));
      }),
      { numRuns: 500 },
    );
  });

  it('R34: any text put through the ID and phone masks shows at most 7 characters, none when shorter than 8', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        for (const mask of [maskIdNumber, maskPhone]) {
          const masked = mask(text);
          expect(masked.length).toBe(text.length);
          expect(shown(masked)).toBeLessThanOrEqual(text.length < 8 ? 0 : 7);
        }
      }),
      { numRuns: 800 },
    );
  });

  it('R34: a mobile number shows 3 + 4 digits and never 8 digits in a row', () => {
    const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 })).map(([b, rest]) => `1${b}${pad(rest, 9)}`);
    fc.assert(
      fc.property(mobile, (phone) => {
        expect(checkPhone(phone)).toBe(true);
        const masked = maskPhone(phone);
        expect(masked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
        expect(masked).not.toMatch(/\d{8}/);
      }),
      { numRuns: 500 },
    );
  });

  it('R8: a name shows at most its first and last character, and never a two-character name whole', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), (name) => {
        fc.pre(!name.includes('*'));
        const chars = Array.from(name.trim());
        const masked = maskName(name);
        expect(shown(masked)).toBeLessThanOrEqual(chars.length <= 1 ? 0 : chars.length === 2 ? 1 : 2);
        if (chars.length >= 2) expect(masked).not.toBe(chars.join(''));
      }),
      { numRuns: 800 },
    );
  });
});
