import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkIdNumber, makeIdNumber, makeSocialCreditCode } from '@health-code/shared';
import type { Deps } from '../deps';
import type { Services } from '../services';
import type { AuthState, Role } from '../http/route';
import { newId, randomToken } from '../lib/ids';
import { DevLoginProvider } from '../auth/providers/dev';

const DAY = 24 * 3600 * 1000;

export interface DemoInfo {
  logins: Array<{ code: string; description: string }>;
  institutionKey: string | null;
  newcomer: { name: string; idNumber: string };
}

/** Synthetic people only: ID numbers are made with valid check characters, never real ones. */
const PEOPLE = [
  { code: 'demo-green', name: '陈晓明', birthDate: '1988-04-12', sex: 'male', seq: 901, colour: 'green', description: 'resident 陈晓明, green, vaccinated (2 doses); guardian of 陈奶奶 (76) and 陈小宝 (4)' },
  { code: 'demo-yellow', name: '林雨桐', birthDate: '1995-09-03', sex: 'female', seq: 902, colour: 'yellow', description: 'resident 林雨桐, yellow (declared fever)' },
  { code: 'demo-red', name: '赵建国', birthDate: '1972-01-25', sex: 'male', seq: 903, colour: 'red', description: 'resident 赵建国, red (positive test)' },
] as const;
const NEWCOMER = { code: 'demo-newcomer', name: '周新民', birthDate: '1990-06-18', sex: 'male' as const, seq: 904 };
const STAFF: Array<{ code: string; role: Role; displayName: string; description: string }> = [
  { code: 'demo-official', role: 'official', displayName: '演示卫健工作人员', description: 'health official (reviews, overrides, risk areas, institutions)' },
  { code: 'demo-checkpoint', role: 'checkpoint', displayName: '演示查验点', description: 'checkpoint staff (verifies personal codes)' },
];

/**
 * Demo data for `npm start` (DEMO_DATA=true, refused in production): staff, one resident of
 * each colour made the way the real records make them (a test result, a declaration), and a
 * testing institution whose API key is kept in data/demo.json for the README's curl walk.
 * Runs once per database; later starts only read back what it made.
 */
export async function seedDemoData(deps: Deps, services: Services): Promise<DemoInfo> {
  const region = deps.config.ISSUER_REGION;
  const newcomer = { name: NEWCOMER.name, idNumber: makeIdNumber({ region, birthDate: NEWCOMER.birthDate, sex: NEWCOMER.sex, seq: NEWCOMER.seq }) };
  // The development platform holds the newcomer's real name, so registration can show R3.
  const dev = deps.loginProviders.dev;
  if (dev instanceof DevLoginProvider) dev.registerRealName(NEWCOMER.code, newcomer.name, newcomer.idNumber);
  const logins = [
    ...STAFF.map((s) => ({ code: s.code, description: s.description })),
    ...PEOPLE.map((p) => ({ code: p.code, description: p.description })),
    { code: NEWCOMER.code, description: `not yet registered: register as ${newcomer.name} ${newcomer.idNumber}` },
  ];
  const file = resolve(dirname(deps.config.SECRETS_FILE), 'demo.json');
  const seeded = await services.accounts.findByPlatform('dev', 'demo-official');
  if (seeded) {
    const saved = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { institutionKey?: string }) : {};
    return { logins, institutionKey: saved.institutionKey ?? null, newcomer };
  }

  const now = deps.clock.now();
  const staff: Record<string, AuthState> = {};
  for (const s of STAFF) {
    const { account } = await services.login.login('dev', s.code);
    await services.accounts.setRole(account.id, s.role, s.displayName);
    services.accountCache.changed(account.id);
    staff[s.code] = { accountId: account.id, role: s.role, residentId: null, platform: 'dev' };
  }
  const official = staff['demo-official'];
  const testing = await services.institutions.create(official, { name: '演示核酸检测机构', kind: 'testing' });
  const vaccination = await services.institutions.create(official, { name: '演示疫苗接种点', kind: 'vaccination' });

  const people: Record<string, { residentId: string; accountId: string; name: string; idNumber: string }> = {};
  for (const p of PEOPLE) {
    const idNumber = makeIdNumber({ region, birthDate: p.birthDate, sex: p.sex, seq: p.seq });
    const info = checkIdNumber(idNumber, now);
    if (!info.ok) throw new Error(`demo ID number is invalid: ${info.problem}`);
    const { account } = await services.login.login('dev', p.code);
    const residentId = newId(now.getTime());
    await deps.db.transaction(async (trx) => {
      await services.residents.insert(
        {
          id: residentId,
          codeId: randomToken(16),
          name: p.name,
          idNumber,
          phone: `1390000${String(p.seq).padStart(4, '0')}`,
          birthDate: info.info.birthDate,
          sex: info.info.sex,
          region: info.info.region,
          independent: true,
          createdAt: now,
          updatedAt: now,
        },
        trx,
      );
      await services.accounts.linkResident(account.id, residentId, trx);
    });
    services.accountCache.changed(account.id);
    people[p.code] = { residentId, accountId: account.id, name: p.name, idNumber };
  }

  const iso = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();
  const green = people['demo-green'];
  const red = people['demo-red'];
  const tests = await services.uploads.uploadTestResults(
    { id: testing.institution.id, kind: 'testing', name: testing.institution.name },
    [
      { recordId: 'demo-t-1', name: green.name, idNumber: green.idNumber, sampledAt: iso(DAY), result: 'negative', reportedAt: iso(DAY - 6 * 3600_000) },
      { recordId: 'demo-t-2', name: red.name, idNumber: red.idNumber, sampledAt: iso(2 * 3600_000), result: 'positive', reportedAt: iso(3600_000) },
    ],
  );
  const doses = await services.uploads.uploadVaccinations(
    { id: vaccination.institution.id, kind: 'vaccination', name: vaccination.institution.name },
    [
      { recordId: 'demo-v-1', name: green.name, idNumber: green.idNumber, doseNumber: 1, vaccine: '新冠病毒灭活疫苗（Vero细胞）', vaccinatedAt: iso(120 * DAY) },
      { recordId: 'demo-v-2', name: green.name, idNumber: green.idNumber, doseNumber: 2, vaccine: '新冠病毒灭活疫苗（Vero细胞）', vaccinatedAt: iso(90 * DAY) },
    ],
  );
  if (tests.refused + doses.refused > 0) throw new Error(`demo records refused: ${JSON.stringify([...tests.rows, ...doses.rows].filter((r) => r.status === 'refused'))}`);
  // The demo guardian's relatives (R21-R27): an elderly mother (face check: the development
  // provider's token) and a small child (no face check under 7).
  if (deps.config.FACE_CHECK_PROVIDER === 'dev') {
    const bind = (name: string, birthDate: string, sex: 'male' | 'female', seq: number, relationship: 'parent' | 'child', faceCheckToken?: string) =>
      services.relatives.bind(green.residentId, green.accountId, { name, idNumber: makeIdNumber({ region, birthDate, sex, seq }), relationship, faceCheckToken });
    await bind('陈奶奶', '1950-02-14', 'female', 905, 'parent', 'dev-face-ok');
    await bind('陈小宝', '2022-07-01', 'male', 906, 'child');
  }
  const yellow = people['demo-yellow'];
  await services.declarationService.declare(yellow.residentId, yellow.accountId, { symptoms: ['fever', 'cough'], temperature: 38.2, trips: [] });

  await seedDashboard(deps, services, official, people);

  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ institutionKey: testing.apiKey, vaccinationUnitKey: vaccination.apiKey }, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return { logins, institutionKey: testing.apiKey, newcomer };
}

/**
 * Something for the officials' dashboard to show on a first start (issue 6): venue codes in two
 * review states, the demo residents' entries over the last 48 hours (more at meal times than at
 * night), a case closed weeks ago with the contacts it found (older than the 14 days the colour
 * rules read, so nobody's colour changes), and today's colour snapshot.
 */
async function seedDashboard(
  deps: Deps,
  services: Services,
  official: AuthState,
  people: Record<string, { residentId: string; accountId: string; name: string; idNumber: string }>,
): Promise<void> {
  const now = deps.clock.now();
  const owner = people['demo-green'];
  const ownerAuth: AuthState = { accountId: owner.accountId, role: 'resident', residentId: owner.residentId, platform: 'dev' };
  const categories = await services.venueCategories.list({ activeOnly: true });
  const category = categories.find((c) => !c.mobile);
  if (!category) throw new Error('demo venues: no fixed-venue category');
  const apply = (name: string, seq: number) =>
    services.venueService.apply(ownerAuth, {
      name,
      categoryId: category.id,
      address: `广东省深圳市南山区科技南路 ${seq} 号`,
      region: '440305',
      socialCreditCode: makeSocialCreditCode(900 + seq),
      unitName: '演示餐饮管理有限公司',
      contactPhone: '13900009001',
    });
  const canteen = await apply('演示社区食堂', 1);
  const market = await apply('演示生鲜超市', 2);
  const kiosk = await apply('演示报刊亭', 3);
  await services.venueService.approve(official, canteen.id);
  await services.venueService.approve(official, market.id);
  await services.venueService.reject(official, kiosk.id, '营业执照上的单位名称与申请不一致，请核对后重新申请');

  // Entries: each hour of the last 48 (local time decides how busy), residents and venues in turn.
  const residents = Object.values(people);
  const venues = [canteen, market];
  const busy = (localHour: number) => (localHour >= 11 && localHour <= 12) || (localHour >= 17 && localHour <= 18) ? 3 : localHour >= 8 && localHour <= 21 ? 1 : 0;
  const scans = [];
  const hour = 3600_000;
  const firstHour = Math.floor(now.getTime() / hour) * hour - 47 * hour;
  for (let h = 0; h < 48; h += 1) {
    const start = firstHour + h * hour;
    const n = busy(new Date(start + 8 * hour).getUTCHours());
    for (let k = 0; k < n; k += 1) {
      const at = new Date(Math.min(start + ((k * 17 + h * 7) % 60) * 60_000, now.getTime() - 60_000));
      const person = residents[(h + k) % residents.length];
      const venue = venues[(h + k) % venues.length];
      scans.push({
        id: newId(at.getTime()),
        residentId: person.residentId,
        venueId: venue.id,
        region: venue.region,
        scannedAt: at,
        accountId: person.accountId,
        byGuardian: false,
        clientRequestId: `demo-scan-${h}-${k}`,
        requestHash: 'demo',
      });
    }
  }
  await services.scanRecords.insertMany(scans);

  // A case from three weeks ago, closed since, and the people its tracing found then.
  const red = people['demo-red'];
  const caseId = newId(now.getTime() - 21 * DAY);
  const confirmedAt = new Date(now.getTime() - 21 * DAY);
  await services.cases.insert({
    id: caseId,
    residentId: red.residentId,
    onsetDate: new Date(confirmedAt.getTime() - 2 * DAY + 8 * hour).toISOString().slice(0, 10),
    note: '演示数据：已治愈出院的病例',
    confirmedAt,
    recordedBy: official.accountId,
    tracedAt: confirmedAt,
    traceFrom: new Date(confirmedAt.getTime() - 6 * DAY),
    traceTo: confirmedAt,
    windowBeforeMinutes: 30,
    windowAfterMinutes: 120,
    closedAt: new Date(now.getTime() - 7 * DAY),
    closedBy: official.accountId,
    closeReason: '治愈出院',
  });
  const visitAt = new Date(confirmedAt.getTime() - 2 * DAY);
  await services.cases.addContacts(
    [people['demo-yellow'], people['demo-green']].map((p, i) => ({
      id: newId(visitAt.getTime() + i),
      caseId,
      residentId: p.residentId,
      venueId: canteen.id,
      at: new Date(visitAt.getTime() + (i + 1) * 10 * 60_000),
      caseVisitAt: visitAt,
      flaggedAt: confirmedAt,
    })),
  );

  await services.colourSnapshots.run();
}
