import {
  ageOn,
  checkIdNumber,
  checkPhone,
  checkSocialCreditCode,
  idCheckChar,
  makeIdNumber,
  makeSocialCreditCode,
  maskIdNumber,
  maskName,
  maskPhone,
  USCC_CHARS,
  usccCheckChar,
} from '../src/ids';

// A tiny deterministic generator: the same cases on every run and every machine.
function* lcg(seed: number) {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x;
  }
}

describe('R1: resident ID numbers (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('R1: computes the check character of the standard worked example', () => {
    // The example of GB 11643-1999 annex: 11010519491231002 -> X
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002X')).toEqual({
      ok: true,
      info: { idNumber: '11010519491231002X', region: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
  });

  it('R1: accepts a lower-case x and surrounding spaces', () => {
    expect(checkIdNumber(' 11010519491231002x ').ok).toBe(true);
  });

  it('R1: every generated number passes, and every single-character change of it fails', () => {
    const rand = lcg(42);
    for (let i = 0; i < 300; i++) {
      const year = 1920 + (rand.next().value! % 100);
      const month = 1 + (rand.next().value! % 12);
      const day = 1 + (rand.next().value! % 28);
      const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const sex = rand.next().value! % 2 ? 'male' : 'female';
      const id = makeIdNumber({ birthDate, sex, seq: rand.next().value! % 500 });
      const check = checkIdNumber(id, new Date('2026-11-22'));
      expect(check).toEqual({ ok: true, info: expect.objectContaining({ birthDate, sex }) });
      const pos = rand.next().value! % 18;
      const replacement = pos === 17 ? '0123456789X' : '0123456789';
      const other = [...replacement].find((c) => c !== id[pos])!;
      const changed = id.slice(0, pos) + other + id.slice(pos + 1);
      expect(checkIdNumber(changed, new Date('2026-11-22')).ok).toBe(false);
    }
  });

  it('R1: each kind of bad number has its own problem', () => {
    expect(checkIdNumber('1101051949123100')).toEqual({ ok: false, problem: 'ID_NUMBER_FORMAT' });
    expect(checkIdNumber('11010519491231002Y')).toEqual({ ok: false, problem: 'ID_NUMBER_FORMAT' });
    expect(checkIdNumber('99010519491231002X')).toEqual({ ok: false, problem: 'ID_NUMBER_REGION' });
    const feb30 = '44030519900230001';
    expect(checkIdNumber(feb30 + idCheckChar(feb30))).toEqual({ ok: false, problem: 'ID_NUMBER_BIRTH_DATE' });
    const future = '44030520990101001';
    expect(checkIdNumber(future + idCheckChar(future), new Date('2026-11-22'))).toEqual({ ok: false, problem: 'ID_NUMBER_BIRTH_DATE' });
    expect(checkIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'ID_NUMBER_CHECKSUM' });
  });

  it('R21: age counts whole years, turning on the birthday', () => {
    expect(ageOn('2010-11-22', new Date('2026-11-21T23:59:59Z'))).toBe(15);
    expect(ageOn('2010-11-22', new Date('2026-11-22T00:00:00Z'))).toBe(16);
    expect(ageOn('2008-02-29', new Date('2026-02-28T00:00:00Z'))).toBe(17);
  });
});

describe('R10: unified social credit codes (GB 32100)', () => {
  it('R10: accepts a published-format example and refuses a changed check character', () => {
    const code = makeSocialCreditCode(123456789);
    expect(checkSocialCreditCode(code)).toEqual({ ok: true, code });
    const wrong = code.slice(0, 17) + USCC_CHARS[(USCC_CHARS.indexOf(code[17]) + 1) % 31];
    expect(checkSocialCreditCode(wrong)).toEqual({ ok: false, problem: 'USCC_CHECKSUM' });
  });

  it('R10: the check character of a known registered-format code', () => {
    // 91350100M000100Y43 is the standard's illustrative code: its check character is 3.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('R10: refuses the letters I, O, Z, S, V and wrong lengths', () => {
    for (const bad of ['91350100M000100YI3', '91350100M00010', 'O1350100M000100Y43', '91350100M000100Y4SV']) {
      expect(checkSocialCreditCode(bad)).toEqual({ ok: false, problem: 'USCC_FORMAT' });
    }
  });
});

describe('R8, R34: masks', () => {
  it('R8: masks names as the checkpoint shows them', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('A')).toBe('*');
  });

  it('R8: keeps the first 3 and last 4 characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });

  it('R34: keeps the first 3 and last 4 digits of a phone', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(checkPhone('13912345678')).toBe(true);
    expect(checkPhone('12912345678')).toBe(false);
  });
});
