import { computeColour, isVaccinated, MEASURE_CODES, REASON_CODES, type ColourInput } from '../src/colour';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const now = new Date('2026-11-22T08:00:00.000Z');
const DAY = 24 * 3600_000;
const ago = (ms: number) => new Date(now.getTime() - ms);

function input(over: Partial<ColourInput> = {}): ColourInput {
  return {
    now,
    tests: [],
    vaccinations: [],
    declarations: [],
    riskAreas: [],
    visits: [],
    confirmedCase: null,
    contacts: [],
    override: null,
    settings: { dosesRequired: 2 },
    ...over,
  };
}
const positive = (msAgo: number, reportedMsAgo = msAgo) => ({ sampledAt: ago(msAgo), result: 'positive' as const, institutionName: '检测机构', reportedAt: ago(reportedMsAgo) });
const negative = (msAgo: number) => ({ sampledAt: ago(msAgo), result: 'negative' as const, institutionName: '检测机构', reportedAt: ago(msAgo) });
const codes = (r: ReturnType<typeof computeColour>) => r.reasons.map((x) => x.code);

describe('R4: the colour rule function', () => {
  it('R4: no records means green with no reasons and no measures', () => {
    expect(computeColour(input())).toEqual({ colour: 'green', vaccinated: false, reasons: [], measures: [] });
  });

  it('R4: a positive test within 14 days is red; at exactly 14 days it still counts, a minute older it does not', () => {
    expect(computeColour(input({ tests: [positive(3600_000)] })).colour).toBe('red');
    expect(computeColour(input({ tests: [positive(14 * DAY)] })).colour).toBe('red');
    expect(computeColour(input({ tests: [positive(14 * DAY + 60_000)] })).colour).toBe('green');
  });

  it('R4: red carries its reason and the isolation measures', () => {
    const r = computeColour(input({ tests: [positive(3600_000)] }));
    expect(codes(r)).toEqual(['POSITIVE_TEST']);
    expect(r.measures).toEqual(['ISOLATION_TREATMENT', 'CONTACT_HOTLINE']);
  });

  it('R4: an open confirmed case is red however old; a closed one is not', () => {
    expect(computeColour(input({ confirmedCase: { confirmedAt: ago(30 * DAY) } })).colour).toBe('red');
    expect(computeColour(input({ confirmedCase: { confirmedAt: ago(30 * DAY), closedAt: ago(DAY) } })).colour).toBe('green');
  });

  it('R32: a contact flag within 14 days is yellow with home monitoring and a test', () => {
    const r = computeColour(input({ contacts: [{ at: ago(2 * DAY), venueName: '某超市' }] }));
    expect(r.colour).toBe('yellow');
    expect(r.reasons[0]).toMatchObject({ code: 'CLOSE_CONTACT', detail: '某超市' });
    expect(r.measures).toEqual(['HOME_MONITORING', 'NUCLEIC_ACID_TEST', 'REPORT_TO_COMMUNITY']);
  });

  it('R4: a visit to a region while it was a risk area is yellow; before it became one, or after it ended, is not', () => {
    const riskAreas = [{ region: '110105', level: 'high' as const, startsAt: ago(5 * DAY), endsAt: ago(2 * DAY) }];
    expect(computeColour(input({ riskAreas, visits: [{ region: '110105', at: ago(3 * DAY) }] })).reasons[0]).toMatchObject({ code: 'RISK_AREA_VISIT', region: '110105', detail: 'high' });
    expect(computeColour(input({ riskAreas, visits: [{ region: '110105', at: ago(6 * DAY) }] })).colour).toBe('green');
    expect(computeColour(input({ riskAreas, visits: [{ region: '110105', at: ago(DAY) }] })).colour).toBe('green');
    expect(computeColour(input({ riskAreas, visits: [{ region: '310101', at: ago(3 * DAY) }] })).colour).toBe('green');
  });

  it('R36: a declared trip through a risk area while it was one is yellow', () => {
    const riskAreas = [{ region: '420106', level: 'medium' as const, startsAt: ago(4 * DAY), endsAt: null }];
    const trip = (from: string, to: string) => ({ declaredAt: ago(3600_000), symptoms: [], temperature: null, trips: [{ region: '420106', from, to }] });
    expect(codes(computeColour(input({ riskAreas, declarations: [trip('2026-11-19', '2026-11-20')] })))).toEqual(['DECLARED_RISK_TRIP']);
    expect(computeColour(input({ riskAreas, declarations: [trip('2026-11-10', '2026-11-16')] })).colour).toBe('green');
  });

  it('R36: declared symptoms or a temperature of 37.3 °C are yellow until a negative test sampled after the declaration', () => {
    const fever = { declaredAt: ago(DAY), symptoms: [], temperature: 37.3, trips: [] };
    const cough = { declaredAt: ago(DAY), symptoms: ['cough'], temperature: 36.6, trips: [] };
    expect(computeColour(input({ declarations: [fever] })).reasons[0]).toMatchObject({ code: 'DECLARED_SYMPTOMS', temperature: 37.3 });
    expect(computeColour(input({ declarations: [cough] })).reasons[0]).toMatchObject({ code: 'DECLARED_SYMPTOMS', symptoms: ['cough'] });
    expect(computeColour(input({ declarations: [{ ...fever, temperature: 37.2 }] })).colour).toBe('green');
    expect(computeColour(input({ declarations: [cough], tests: [negative(2 * DAY)] })).colour).toBe('yellow');
    expect(computeColour(input({ declarations: [cough], tests: [negative(DAY / 2)] })).colour).toBe('green');
  });

  it('R36: a declaration never lowers a colour that records or an official set', () => {
    const clean = { declaredAt: ago(60_000), symptoms: [], temperature: 36.5, trips: [{ region: '440305', from: '2026-11-20', to: '2026-11-21' }] };
    expect(computeColour(input({ tests: [positive(DAY)], declarations: [clean] })).colour).toBe('red');
    expect(computeColour(input({ contacts: [{ at: ago(DAY) }], declarations: [clean] })).colour).toBe('yellow');
    const override = { colour: 'yellow' as const, reason: '居家监测', createdAt: ago(DAY), expiresAt: null };
    expect(computeColour(input({ override, declarations: [clean] })).colour).toBe('yellow');
  });

  it('R4: reasons accumulate worst first, then newest first; measures are the union in a stable order', () => {
    const r = computeColour(
      input({
        tests: [positive(5 * DAY)],
        contacts: [{ at: ago(DAY) }, { at: ago(3 * DAY) }],
        declarations: [{ declaredAt: ago(2 * DAY), symptoms: ['fever'], temperature: null, trips: [] }],
      }),
    );
    expect(r.colour).toBe('red');
    expect(codes(r)).toEqual(['POSITIVE_TEST', 'CLOSE_CONTACT', 'DECLARED_SYMPTOMS', 'CLOSE_CONTACT']);
    expect(r.measures).toEqual(MEASURE_CODES.filter((m) => ['ISOLATION_TREATMENT', 'CONTACT_HOTLINE', 'HOME_MONITORING', 'NUCLEIC_ACID_TEST', 'REPORT_TO_COMMUNITY'].includes(m)));
  });

  it('R4: records dated more than five minutes in the future are ignored as clock errors', () => {
    expect(computeColour(input({ tests: [positive(-10 * 60_000)] })).colour).toBe('green');
    expect(computeColour(input({ tests: [positive(-60_000)] })).colour).toBe('red');
  });

  it('R4: the function is pure: the same input gives the same answer', () => {
    const i = input({ tests: [positive(DAY)], contacts: [{ at: ago(DAY) }] });
    expect(computeColour(i)).toEqual(computeColour(structuredClone(i)));
  });
});

describe('R31: an official override', () => {
  const override = (colour: 'green' | 'yellow' | 'red', createdMsAgo: number, expiresInMs: number | null = null) => ({
    colour,
    reason: '人工复核',
    createdAt: ago(createdMsAgo),
    expiresAt: expiresInMs === null ? null : new Date(now.getTime() + expiresInMs),
  });

  it('R31: raises a green code, with the official reason as detail', () => {
    const r = computeColour(input({ override: override('red', DAY) }));
    expect(r.colour).toBe('red');
    expect(r.reasons).toEqual([{ code: 'OFFICIAL_OVERRIDE', at: ago(DAY).toISOString(), detail: '人工复核' }]);
    expect(r.measures).toEqual(['ISOLATION_TREATMENT', 'CONTACT_HOTLINE', 'FOLLOW_OFFICIAL_INSTRUCTIONS']);
  });

  it('R31: lowers a wrong colour on appeal: evidence older than the override was judged by the official', () => {
    const r = computeColour(input({ tests: [positive(2 * DAY)], override: override('green', DAY) }));
    expect(r).toMatchObject({ colour: 'green', reasons: [], measures: [] });
  });

  it('R31: worse evidence that became known after the override still wins, by its report time', () => {
    const newer = computeColour(input({ tests: [positive(3600_000)], override: override('green', DAY) }));
    expect(newer.colour).toBe('red');
    expect(codes(newer)).toEqual(['POSITIVE_TEST', 'OFFICIAL_OVERRIDE']);
    // Sampled before the override, reported after it: the official could not have seen it.
    const late = computeColour(input({ tests: [positive(2 * DAY, 3600_000)], override: override('green', DAY) }));
    expect(late.colour).toBe('red');
  });

  it('R31: evidence no worse than the override does not change it', () => {
    const r = computeColour(input({ contacts: [{ at: ago(3600_000) }], override: override('red', DAY) }));
    expect(r.colour).toBe('red');
    expect(codes(r)).toEqual(['OFFICIAL_OVERRIDE']);
  });

  it('R31: an expired override is ignored; so is one dated in the future', () => {
    expect(computeColour(input({ tests: [positive(2 * DAY)], override: override('green', DAY, -1) })).colour).toBe('red');
    expect(computeColour(input({ override: override('red', -DAY) })).colour).toBe('green');
  });
});

describe('R7: the vaccination badge', () => {
  const dose = (n: number, where = '接种点甲') => ({ doseNumber: n, vaccine: '灭活疫苗', vaccinatedAt: ago(30 * DAY), institutionName: where });

  it('R7: one dose of two is not enough; two doses at two places are', () => {
    expect(isVaccinated([dose(1)], 2, now)).toBe(false);
    expect(computeColour(input({ vaccinations: [dose(1), dose(2, '接种点乙')] })).vaccinated).toBe(true);
  });

  it('R7: a repeated dose number does not count twice; the required number is a setting', () => {
    expect(isVaccinated([dose(1), dose(1, '接种点乙')], 2, now)).toBe(false);
    expect(isVaccinated([dose(1), dose(2)], 3, now)).toBe(false);
    expect(isVaccinated([dose(1), dose(2), dose(3)], 3, now)).toBe(true);
  });

  it('R7: the badge does not change the colour', () => {
    const r = computeColour(input({ vaccinations: [dose(1), dose(2)], tests: [positive(DAY)] }));
    expect(r).toMatchObject({ colour: 'red', vaccinated: true });
  });
});

describe('docs/colour-rules.md', () => {
  it('R4: documents every reason and measure code', () => {
    const doc = readFileSync(join(__dirname, '../../docs/colour-rules.md'), 'utf8');
    for (const code of [...REASON_CODES, ...MEASURE_CODES]) expect(doc).toContain(`\`${code}\``);
  });
});
