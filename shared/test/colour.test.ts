import { computeColour, isVaccinated, MEASURE_CODES, measureMessages, REASON_CODES, reasonMessages, type ColourInput } from '../src/colour';
import { format, LANGS } from '../src/i18n/types';
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

  it('R4: the 14-day window edge holds for contacts, visits and declarations too', () => {
    const riskAreas = [{ region: '110105', level: 'medium' as const, startsAt: ago(30 * DAY), endsAt: null }];
    const edge = 14 * DAY;
    const older = 14 * DAY + 60_000;
    expect(computeColour(input({ contacts: [{ at: ago(edge) }] })).colour).toBe('yellow');
    expect(computeColour(input({ contacts: [{ at: ago(older) }] })).colour).toBe('green');
    expect(computeColour(input({ riskAreas, visits: [{ region: '110105', at: ago(edge) }] })).colour).toBe('yellow');
    expect(computeColour(input({ riskAreas, visits: [{ region: '110105', at: ago(older) }] })).colour).toBe('green');
    const cough = (msAgo: number) => ({ declaredAt: ago(msAgo), symptoms: ['cough'], temperature: null, trips: [] });
    expect(computeColour(input({ declarations: [cough(edge)] })).colour).toBe('yellow');
    expect(computeColour(input({ declarations: [cough(older)] })).colour).toBe('green');
  });

  it('R36: only the part of a declared trip inside the 14 days is matched against risk areas', () => {
    // A long trip whose region was a risk area only 20 days ago: that part is outside the window.
    const riskAreas = [{ region: '420106', level: 'high' as const, startsAt: ago(20 * DAY), endsAt: ago(19 * DAY) }];
    const declarations = [{ declaredAt: ago(DAY), symptoms: [], temperature: null, trips: [{ region: '420106', from: '2026-10-30', to: '2026-11-20' }] }];
    expect(computeColour(input({ riskAreas, declarations })).colour).toBe('green');
    const current = [{ ...riskAreas[0], startsAt: ago(10 * DAY), endsAt: ago(9 * DAY) }];
    expect(computeColour(input({ riskAreas: current, declarations })).reasons[0]).toMatchObject({ code: 'DECLARED_RISK_TRIP', region: '420106', detail: 'high' });
  });

  it('R4: when a region was both a medium and a high risk area at the time, the reason names the high level', () => {
    const riskAreas = [
      { region: '110105', level: 'medium' as const, startsAt: ago(5 * DAY), endsAt: null },
      { region: '110105', level: 'high' as const, startsAt: ago(3 * DAY), endsAt: null },
    ];
    expect(computeColour(input({ riskAreas, visits: [{ region: '110105', at: ago(DAY) }] })).reasons).toEqual([
      { code: 'RISK_AREA_VISIT', at: ago(DAY).toISOString(), region: '110105', detail: 'high' },
    ]);
    expect(computeColour(input({ riskAreas, visits: [{ region: '110105', at: ago(4 * DAY) }] })).reasons[0].detail).toBe('medium');
  });

  it('R4: future-dated contacts, visits, declarations and cases are ignored as clock errors', () => {
    const future = new Date(now.getTime() + 10 * 60_000);
    const riskAreas = [{ region: '110105', level: 'high' as const, startsAt: ago(DAY), endsAt: null }];
    const r = computeColour(
      input({
        riskAreas,
        contacts: [{ at: future }],
        visits: [{ region: '110105', at: future }],
        declarations: [{ declaredAt: future, symptoms: ['fever'], temperature: 38.5, trips: [] }],
        confirmedCase: { confirmedAt: future },
      }),
    );
    expect(r).toEqual({ colour: 'green', vaccinated: false, reasons: [], measures: [] });
  });

  it('R36: a future-dated negative test does not lift declared symptoms', () => {
    const cough = { declaredAt: ago(DAY), symptoms: ['cough'], temperature: null, trips: [] };
    expect(computeColour(input({ declarations: [cough], tests: [negative(-10 * 60_000)] })).colour).toBe('yellow');
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

  it('R31: a contact flagged by tracing after the override wins even when the contact itself was earlier', () => {
    const contact = { at: ago(3 * DAY), venueName: '某超市' };
    expect(computeColour(input({ contacts: [contact], override: override('green', DAY) })).colour).toBe('green');
    const flagged = computeColour(input({ contacts: [{ ...contact, flaggedAt: ago(3600_000) }], override: override('green', DAY) }));
    expect(flagged.colour).toBe('yellow');
    expect(codes(flagged)).toEqual(['CLOSE_CONTACT', 'OFFICIAL_OVERRIDE']);
    expect(flagged.measures).toEqual(['HOME_MONITORING', 'NUCLEIC_ACID_TEST', 'REPORT_TO_COMMUNITY', 'FOLLOW_OFFICIAL_INSTRUCTIONS']);
  });

  it('R31: lowers red to yellow: older red evidence gives way, the yellow measures apply', () => {
    const r = computeColour(input({ tests: [positive(3 * DAY)], override: override('yellow', DAY) }));
    expect(r.colour).toBe('yellow');
    expect(codes(r)).toEqual(['OFFICIAL_OVERRIDE']);
    expect(r.measures).toEqual(['HOME_MONITORING', 'NUCLEIC_ACID_TEST', 'FOLLOW_OFFICIAL_INSTRUCTIONS']);
  });

  it('R31: an override in force until its expiry; at the expiry time it has ended', () => {
    expect(computeColour(input({ override: override('red', DAY, 1) })).colour).toBe('red');
    expect(computeColour(input({ override: override('red', DAY, 0) })).colour).toBe('green');
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

describe('R4: the reason and measure catalogue', () => {
  it('R4: every code has a Chinese and an English message, and no placeholder is left unfilled with the params the server passes', () => {
    expect(Object.keys(reasonMessages).sort()).toEqual([...REASON_CODES].sort());
    expect(Object.keys(measureMessages).sort()).toEqual([...MEASURE_CODES].sort());
    // The params server/src/colour/colour-view.ts passes: always all of them, empty when absent.
    const reasonParams = { at: '2026-11-22 16:00', region: '110105', detail: '人工复核', symptoms: '咳嗽' };
    for (const lang of LANGS) {
      for (const code of REASON_CODES) expect(format(reasonMessages[code], lang, reasonParams)).not.toMatch(/[{}]/);
      for (const code of MEASURE_CODES) expect(format(measureMessages[code], lang, { hotline: '12320' })).not.toMatch(/[{}]/);
    }
  });
});

describe('docs/colour-rules.md', () => {
  it('R4: documents every reason and measure code', () => {
    const doc = readFileSync(join(__dirname, '../../docs/colour-rules.md'), 'utf8');
    for (const code of [...REASON_CODES, ...MEASURE_CODES]) expect(doc).toContain(`\`${code}\``);
  });
});
