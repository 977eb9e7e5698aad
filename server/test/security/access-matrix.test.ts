import { createServer, type Server } from 'node:http';
import supertest from 'supertest';
import { makeIdNumber } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { createInstitution, loginAs, nextPhone, registerResident, type Actor, type InstitutionActor, type ResidentActor } from '../helpers/actors';
import { buildRoutes } from '../../src/routes';
import type { Access, RouteDef } from '../../src/http/route';
import { newId } from '../../src/lib/ids';
import { application, apply, passedVenue } from '../venues/helpers';

/**
 * The access-control matrix (issue 8 item 1), generated from the route table the app mounts:
 * every route is called as every kind of caller, with the caller's own ids and someone else's,
 * and the answer is checked against the table below, keyed by "METHOD path". A route with no
 * entry fails the test, so a new endpoint cannot go live without someone deciding who may call
 * it. The rules: anonymous gets 401 on session routes, a wrong role 403 (the same for a real id
 * and a made-up one), another person's id 404 (the same as an id that does not exist: no
 * existence oracle, R19, R26, R33), and the rightful caller reaches validation or the handler.
 */

type Caller = 'anonymous' | 'account' | 'resident' | 'other' | 'guardian' | 'owner' | 'checkpoint' | 'official' | 'reviewer' | 'tracer' | 'institution';
const CALLERS: Caller[] = ['anonymous', 'account', 'resident', 'other', 'guardian', 'owner', 'checkpoint', 'official', 'reviewer', 'tracer', 'institution'];
/** Registered residents: the caller kinds a 'resident' route lets in. */
const RESIDENTS: Caller[] = ['resident', 'other', 'guardian', 'owner'];

/**
 * What `:id` holds. `relative` and `venue` belong to a resident: each caller has his own (or
 * none) and sees everyone else's as someone else's. The others are officials' business: any
 * official may reach any of them (audited), and an id that does not exist is 404.
 */
type IdKind =
  | 'relative'
  | 'venue'
  | 'institution'
  | 'riskArea'
  | 'resident'
  | 'appeal'
  | 'staffAccount'
  | 'case'
  | 'pendingVenue'
  | 'pendingVenue2'
  | 'passedVenue'
  | 'category'
  | 'categoryRequest'
  | 'docsAsset';
const OWNED: IdKind[] = ['relative', 'venue'];

interface Fixtures {
  actors: Record<Exclude<Caller, 'anonymous' | 'institution'>, Actor>;
  institution: InstitutionActor;
  /** Per resident caller: his own relative and venue (when he has one). */
  own: Partial<Record<Caller, Partial<Record<'relative' | 'venue', string>>>>;
  ids: Record<Exclude<IdKind, 'relative' | 'venue'>, string>;
}

type Body = Record<string, unknown> | ((f: Fixtures, caller: Caller) => Record<string, unknown>);

interface Entry {
  /** Who may call it, as reviewed: must equal the route's declared access. */
  access: Access;
  /** What its `:id` holds. */
  id?: IdKind;
  /** The statuses the rightful caller may get with his own id (or with none). */
  ok: number[];
  body?: Body;
  query?: Record<string, string>;
  /** Changes what later rows read: run after every row that does not. */
  mutates?: boolean;
  /** A caller answered otherwise than its access class says, and why (see the entry). */
  except?: Partial<Record<Caller, number>>;
}

const OFFICIAL = ['official'] as const;
const TRACERS = ['official', 'tracer'] as const;
const REVIEWERS = ['official', 'reviewer'] as const;
const today = '2026-11-22';
const reason = { reason: '核对后的处理意见' };
const declaration = { symptoms: [], trips: [] };
/** A 1x1 PNG: evidence for the appeal the officials' rows read. */
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** The matrix. Every route of buildRoutes() must have exactly one row. */
const MATRIX: Record<string, Entry> = {
  // ---- Health, documents, public lists ----
  'GET /healthz': { access: 'public', ok: [200] },
  'GET /readyz': { access: 'public', ok: [200] },
  'GET /openapi.json': { access: 'public', ok: [200] },
  'GET /docs': { access: 'public', ok: [200] },
  'GET /docs/assets/:file': { access: 'public', id: 'docsAsset', ok: [200] },
  'GET /.well-known/jwks.json': { access: 'public', ok: [200] },
  'GET /api/v1/risk-areas': { access: 'public', ok: [200] },
  'GET /api/v1/venue-categories': { access: 'public', ok: [200] },
  'GET /api/v1/regions': { access: 'public', ok: [200], query: { parent: '440000' } },
  'GET /api/v1/app-config': { access: 'public', ok: [200] },

  // ---- Login, registration (R1-R3) ----
  'POST /api/v1/auth/login': { access: 'public', ok: [200], body: (_f, c) => ({ platform: 'dev', code: `matrix-login-${c}` }) },
  // Development outbox (never mounted in production): a phone nobody sent a code to is 404.
  'POST /api/v1/dev/sms/latest': { access: 'public', ok: [404], body: { phone: '13800000000' } },
  'POST /api/v1/sms/send': { access: 'account', ok: [202], body: () => ({ phone: nextPhone() }) },
  // An empty form: the rightful caller reaches validation (a real one would register staff as residents).
  'POST /api/v1/residents/register': { access: 'account', ok: [422], body: {} },
  'GET /api/v1/me': { access: 'account', ok: [200] },
  // A made-up invitation code: a real one would change the caller's role for the rows after.
  'POST /api/v1/staff/redeem': { access: 'account', ok: [404], body: { code: 'not-an-invitation-code' } },

  // ---- A resident's own records (R4-R7, R28, R29, R36) ----
  'GET /api/v1/me/colour': { access: 'resident', ok: [200] },
  'POST /api/v1/me/credential': { access: 'resident', ok: [201], body: {} },
  'GET /api/v1/me/test-results': { access: 'resident', ok: [200] },
  'GET /api/v1/me/vaccinations': { access: 'resident', ok: [200] },
  'POST /api/v1/me/declarations': { access: 'resident', ok: [201], body: declaration },
  'GET /api/v1/me/declarations': { access: 'resident', ok: [200] },
  'GET /api/v1/me/travel-card': { access: 'resident', ok: [200] },
  'POST /api/v1/scans': { access: 'resident', ok: [422], body: {} },
  'GET /api/v1/me/scans': { access: 'resident', ok: [200] },
  // Green residents have nothing to appeal; the owner's appeal is already open (409 either way).
  'POST /api/v1/me/appeals': { access: 'resident', ok: [409], body: { reason: '我的颜色不对，请复核' } },
  'GET /api/v1/me/appeals': { access: 'resident', ok: [200] },

  // ---- Relatives (R19, R21-R27): someone else's relative is 404 ----
  'POST /api/v1/me/relatives': { access: 'resident', ok: [422], body: {} },
  'POST /api/v1/me/relatives/face-checks': { access: 'resident', ok: [422], body: {} },
  'GET /api/v1/me/relatives': { access: 'resident', ok: [200] },
  'GET /api/v1/me/relatives/:id': { access: 'resident', id: 'relative', ok: [200] },
  // R25: bound minutes ago, so the guardian's own removal is refused as too soon.
  'DELETE /api/v1/me/relatives/:id': { access: 'resident', id: 'relative', ok: [409] },
  'GET /api/v1/me/relatives/:id/colour': { access: 'resident', id: 'relative', ok: [200] },
  'POST /api/v1/me/relatives/:id/credential': { access: 'resident', id: 'relative', ok: [201], body: {} },
  'GET /api/v1/me/relatives/:id/test-results': { access: 'resident', id: 'relative', ok: [200] },
  'GET /api/v1/me/relatives/:id/vaccinations': { access: 'resident', id: 'relative', ok: [200] },
  'POST /api/v1/me/relatives/:id/declarations': { access: 'resident', id: 'relative', ok: [201], body: declaration },
  'GET /api/v1/me/relatives/:id/declarations': { access: 'resident', id: 'relative', ok: [200] },
  'GET /api/v1/me/relatives/:id/offline-code.png': { access: 'resident', id: 'relative', ok: [200] },
  'GET /api/v1/me/relatives/:id/offline-code.pdf': { access: 'resident', id: 'relative', ok: [200] },
  'GET /api/v1/me/relatives/:id/scans': { access: 'resident', id: 'relative', ok: [200] },
  'POST /api/v1/me/relatives/:id/appeals': { access: 'resident', id: 'relative', ok: [409], body: { reason: '孩子的颜色不对，请复核' } },
  'GET /api/v1/me/relatives/:id/appeals': { access: 'resident', id: 'relative', ok: [200] },
  'GET /api/v1/me/relatives/:id/travel-card': { access: 'resident', id: 'relative', ok: [200] },

  // ---- Venues of their person in charge (R9-R13): someone else's venue is 404 ----
  'POST /api/v1/me/venues': { access: 'resident', ok: [422], body: {} },
  'GET /api/v1/me/venues': { access: 'resident', ok: [200] },
  'GET /api/v1/me/venues/:id': { access: 'resident', id: 'venue', ok: [200] },
  'POST /api/v1/me/venues/:id/retire': { access: 'resident', id: 'venue', ok: [200], mutates: true },
  'GET /api/v1/me/venues/:id/poster.png': { access: 'resident', id: 'venue', ok: [200] },
  'GET /api/v1/me/venues/:id/poster.pdf': { access: 'resident', id: 'venue', ok: [200] },
  'POST /api/v1/venue-categories/requests': { access: 'resident', ok: [201], body: (_f, c) => ({ nameZh: `矩阵类别请求${c}` }) },
  'GET /api/v1/me/venue-categories/requests': { access: 'resident', ok: [200] },

  // ---- Institutions (R28, R29): API keys, not sessions ----
  'POST /api/v1/institutions/test-results': { access: 'institution', ok: [200], body: { records: [] } },
  // The matrix's institution is a testing one: vaccinations are another kind's (403).
  'POST /api/v1/institutions/vaccinations': { access: 'institution', ok: [200], body: { records: [] }, except: { institution: 403 } },

  // ---- Checkpoints (R8) ----
  'POST /api/v1/checkpoint/verify': { access: ['checkpoint', 'official'], ok: [422], body: { code: 'HC1:not-a-code' } },

  // ---- Officials (R31-R33): staff roles only, audited ----
  'POST /api/v1/officials/institutions': { access: OFFICIAL, ok: [201], body: (_f, c) => ({ name: `矩阵检测机构${c}`, kind: 'testing' }) },
  'GET /api/v1/officials/institutions': { access: OFFICIAL, ok: [200] },
  'POST /api/v1/officials/institutions/:id/revoke': { access: OFFICIAL, id: 'institution', ok: [200], mutates: true },
  'POST /api/v1/officials/risk-areas': { access: OFFICIAL, ok: [201], body: { region: '440305', level: 'medium', startsAt: '2026-11-22T08:00:00.000Z' } },
  'POST /api/v1/officials/risk-areas/:id/end': { access: OFFICIAL, id: 'riskArea', ok: [200], body: {}, mutates: true },
  'POST /api/v1/officials/residents/lookup': { access: TRACERS, ok: [200], body: (f) => ({ idNumber: (f.actors.resident as ResidentActor).idNumber }) },
  'GET /api/v1/officials/residents/:id/colour': { access: TRACERS, id: 'resident', ok: [200] },
  'POST /api/v1/officials/residents/:id/colour-override': { access: OFFICIAL, id: 'resident', ok: [201], body: { colour: 'yellow', reason: '矩阵测试的人工改色' }, mutates: true },
  'POST /api/v1/officials/residents/:id/colour-override/clear': { access: OFFICIAL, id: 'resident', ok: [200], body: reason, mutates: true },
  'GET /api/v1/officials/appeals': { access: OFFICIAL, ok: [200], query: { status: 'open' } },
  'GET /api/v1/officials/appeals/:id': { access: OFFICIAL, id: 'appeal', ok: [200] },
  'GET /api/v1/officials/appeals/:id/evidence': { access: OFFICIAL, id: 'appeal', ok: [200] },
  'POST /api/v1/officials/appeals/:id/accept': { access: OFFICIAL, id: 'appeal', ok: [200], body: { colour: 'green', answer: '复核后改为绿码' }, mutates: true },
  // Runs after accept (mutating rows keep route order): the appeal is answered already.
  'POST /api/v1/officials/appeals/:id/refuse': { access: OFFICIAL, id: 'appeal', ok: [409], body: { answer: '维持原来的颜色' }, mutates: true },
  'GET /api/v1/officials/audit': { access: OFFICIAL, ok: [200], query: { action: 'appeal.' } },
  'POST /api/v1/officials/staff/invitations': { access: OFFICIAL, ok: [201], body: { role: 'checkpoint', displayName: '矩阵查验员' } },
  'GET /api/v1/officials/staff': { access: OFFICIAL, ok: [200] },
  'POST /api/v1/officials/staff/:id/revoke': { access: OFFICIAL, id: 'staffAccount', ok: [204], body: reason, mutates: true },
  'POST /api/v1/officials/cases': { access: TRACERS, ok: [201, 409], body: (f) => ({ residentId: f.ids.resident, onsetDate: today }) },
  'GET /api/v1/officials/cases': { access: TRACERS, ok: [200], query: { status: 'open' } },
  'GET /api/v1/officials/cases/:id': { access: TRACERS, id: 'case', ok: [200] },
  'GET /api/v1/officials/cases/:id/report': { access: TRACERS, id: 'case', ok: [200] },
  'POST /api/v1/officials/cases/:id/trace': { access: TRACERS, id: 'case', ok: [200] },
  'POST /api/v1/officials/cases/:id/close': { access: TRACERS, id: 'case', ok: [200, 409], body: reason, mutates: true },
  'GET /api/v1/officials/venues': { access: REVIEWERS, ok: [200] },
  'GET /api/v1/officials/venues/:id': { access: REVIEWERS, id: 'pendingVenue', ok: [200] },
  // The first reviewer decides; the second finds it decided (409).
  'POST /api/v1/officials/venues/:id/approve': { access: REVIEWERS, id: 'pendingVenue', ok: [200, 409], mutates: true },
  'POST /api/v1/officials/venues/:id/reject': { access: REVIEWERS, id: 'pendingVenue2', ok: [200, 409], body: { reason: '地址不完整' }, mutates: true },
  'POST /api/v1/officials/venues/:id/revoke': { access: REVIEWERS, id: 'passedVenue', ok: [200, 409], body: { reason: '场所已停业' }, mutates: true },
  'GET /api/v1/officials/venue-categories': { access: REVIEWERS, ok: [200] },
  'POST /api/v1/officials/venue-categories': { access: REVIEWERS, ok: [201], body: (_f, c) => ({ nameZh: `矩阵类别${c}`, nameEn: `Matrix ${c}` }) },
  'PATCH /api/v1/officials/venue-categories/:id': { access: REVIEWERS, id: 'category', ok: [200], body: { mobile: false }, mutates: true },
  'GET /api/v1/officials/venue-categories/requests': { access: REVIEWERS, ok: [200] },
  'POST /api/v1/officials/venue-categories/requests/:id/answer': { access: REVIEWERS, id: 'categoryRequest', ok: [200, 409], body: { decision: 'decline', reply: '已有相近类别' }, mutates: true },

  // ---- The officials' dashboard (issue 6): aggregates, the official role only ----
  'GET /api/v1/officials/dashboard/scans-per-hour': { access: OFFICIAL, ok: [200] },
  'GET /api/v1/officials/dashboard/colours': { access: OFFICIAL, ok: [200] },
  'POST /api/v1/officials/dashboard/colours/recompute': { access: OFFICIAL, ok: [200] },
  'GET /api/v1/officials/dashboard/venue-states': { access: OFFICIAL, ok: [200] },
  'GET /api/v1/officials/dashboard/case-contacts': { access: OFFICIAL, ok: [200] },
};

const keyOf = (r: RouteDef) => `${r.method.toUpperCase()} ${r.absolute ? '' : '/api/v1'}${r.path}`;

/** The callers an access class lets in, and what everyone else gets. */
function allowed(access: Access, caller: Caller): boolean {
  if (access === 'public') return true;
  if (access === 'institution') return caller === 'institution';
  if (caller === 'anonymous' || caller === 'institution') return false;
  if (access === 'account') return true;
  if (access === 'resident') return RESIDENTS.includes(caller);
  return (access as readonly string[]).includes(caller === 'account' || RESIDENTS.includes(caller) ? 'resident' : caller);
}
function refusal(access: Access, caller: Caller): { status: number; code: string } {
  if (access === 'institution') return { status: 401, code: 'INSTITUTION_AUTH_REQUIRED' };
  if (caller === 'anonymous' || caller === 'institution') return { status: 401, code: 'AUTH_REQUIRED' };
  if (access === 'resident') return { status: 403, code: 'REGISTRATION_REQUIRED' };
  return { status: 403, code: 'ROLE_FORBIDDEN' };
}

let t: TestContext;
let server: Server;
let http: supertest.Agent;
let routes: RouteDef[];
let f: Fixtures;

function headersOf(caller: Caller): Record<string, string> {
  if (caller === 'anonymous') return {};
  if (caller === 'institution') return { Authorization: `Bearer ${f.institution.apiKey}` };
  return { Authorization: `Bearer ${f.actors[caller].token}` };
}

function call(route: RouteDef, entry: Entry, caller: Caller, id?: string) {
  let path = keyOf(route).split(' ')[1];
  if (id !== undefined) path = path.replace(/:(id|file)\b/, encodeURIComponent(id));
  const req = http[route.method](path).set(headersOf(caller)).set('Accept-Language', 'en');
  if (entry.query) req.query(entry.query);
  if (entry.body !== undefined) return req.send(typeof entry.body === 'function' ? entry.body(f, caller) : entry.body);
  return req;
}

/** A UUIDv7 like the app's own ids that nothing in the database has. */
const madeUpId = (kind: IdKind) => (kind === 'docsAsset' ? 'no-such-asset.js' : newId());

async function bindChild(guardian: Actor, seq: number): Promise<string> {
  const idNumber = makeIdNumber({ region: '120101', birthDate: '2023-05-01', sex: seq % 2 ? 'male' : 'female', seq });
  const res = await http.post('/api/v1/me/relatives').set({ Authorization: `Bearer ${guardian.token}` }).send({ name: '郑小果', idNumber, relationship: 'child' });
  if (res.status !== 201) throw new Error(`bind failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

beforeAll(async () => {
  t = await createTestContext();
  await t.services.keys.ensureActiveKey();
  server = createServer(t.app.callback()).listen(0, '127.0.0.1');
  http = supertest.agent(server);
  routes = buildRoutes(t.services, t.deps);

  const official = await loginAs(t, 'matrix-official', 'official');
  const actors: Fixtures['actors'] = {
    account: await loginAs(t, 'matrix-account'),
    resident: await registerResident(t, { code: 'matrix-resident', seq: 611, name: '郑一' }),
    other: await registerResident(t, { code: 'matrix-other', seq: 612, name: '郑二' }),
    guardian: await registerResident(t, { code: 'matrix-guardian', seq: 613, name: '郑三' }),
    owner: await registerResident(t, { code: 'matrix-owner', seq: 614, name: '郑四' }),
    checkpoint: await loginAs(t, 'matrix-checkpoint', 'checkpoint'),
    official,
    reviewer: await loginAs(t, 'matrix-reviewer', 'reviewer'),
    tracer: await loginAs(t, 'matrix-tracer', 'tracer'),
  };
  const institution = await createInstitution(t, official, 'testing');
  const spareInstitution = await createInstitution(t, official, 'vaccination', '矩阵待吊销接种点');
  const spareStaff = await loginAs(t, 'matrix-spare-staff', 'checkpoint');
  const patient = await registerResident(t, { code: 'matrix-patient', seq: 615, name: '郑五' });
  f = { actors, institution, own: {}, ids: {} as Fixtures['ids'] };

  // Relatives: the guardian's and another resident's, both children under 7 (no face check, R24).
  f.own.guardian = { relative: await bindChild(actors.guardian, 616) };
  f.own.other = { relative: await bindChild(actors.other, 617) };
  // Venues: the owner's and another resident's, both passed (R11).
  f.own.owner = { venue: (await passedVenue(t, actors.owner, official)).id };
  f.own.other.venue = (await passedVenue(t, actors.other, official)).id;
  const pending = async () => (await apply(t, actors.owner, await application(t))).body.id as string;
  // The owner is yellow by an official, and appeals with a photo (R31, R33).
  const yellow = await http.post(`/api/v1/officials/residents/${(actors.owner as ResidentActor).residentId}/colour-override`).set(headersOf('official')).send({ colour: 'yellow', reason: '矩阵测试：待复核' });
  if (yellow.status !== 201) throw new Error(`override failed: ${yellow.status}`);
  const appeal = await http.post('/api/v1/me/appeals').set(headersOf('owner')).send({ reason: '我做过检测，结果阴性', evidence: { type: 'image/png', data: PNG_1x1 } });
  if (appeal.status !== 201) throw new Error(`appeal failed: ${appeal.status} ${JSON.stringify(appeal.body)}`);
  const area = await http.post('/api/v1/officials/risk-areas').set(headersOf('official')).send({ region: '110101', level: 'high', startsAt: '2026-11-22T08:00:00.000Z' });
  const kase = await http.post('/api/v1/officials/cases').set(headersOf('official')).send({ residentId: patient.residentId, onsetDate: today });
  const categories = await http.get('/api/v1/venue-categories');
  const request = await http.post('/api/v1/venue-categories/requests').set(headersOf('resident')).send({ nameZh: '矩阵待答复类别' });
  f.ids = {
    institution: spareInstitution.id,
    riskArea: area.body.id,
    resident: patient.residentId,
    appeal: appeal.body.id,
    staffAccount: spareStaff.accountId,
    case: kase.body.case?.id,
    pendingVenue: await pending(),
    pendingVenue2: await pending(),
    passedVenue: (await passedVenue(t, actors.other, official)).id,
    category: categories.body.categories[0].id,
    categoryRequest: request.body.id,
    docsAsset: 'init.js',
  };
  for (const [kind, id] of Object.entries(f.ids)) if (typeof id !== 'string' || !id) throw new Error(`fixture ${kind} missing: ${JSON.stringify(kase.body).slice(0, 200)}`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/** Someone else's ids of an owned kind: those of every other resident who has one. */
function foreignIds(kind: 'relative' | 'venue', caller: Caller): string[] {
  return Object.entries(f.own)
    .filter(([who, own]) => who !== caller && own?.[kind])
    .map(([, own]) => own![kind]!);
}

const describeEnvelope = (res: supertest.Response) => `${res.status} ${JSON.stringify(res.body).slice(0, 160)}`;

describe('the access-control matrix, generated from the route table (issue 8)', () => {
  it('R33: every mounted route has exactly one row in the matrix, and the row says the access the route declares', () => {
    const keys = routes.map(keyOf);
    const missing = keys.filter((k) => !MATRIX[k]);
    // A failure here names the new or changed endpoint: decide who may call it, then add its row.
    expect(missing).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !keys.includes(k))).toEqual([]);
    expect(new Set(keys).size).toBe(keys.length);
    const mismatched = routes.filter((r) => JSON.stringify(r.access) !== JSON.stringify(MATRIX[keyOf(r)].access)).map(keyOf);
    expect(mismatched).toEqual([]);
    const idless = routes.filter((r) => /:\w+/.test(r.path) !== Boolean(MATRIX[keyOf(r)].id)).map(keyOf);
    expect(idless).toEqual([]);
  });

});

/** Rows that change state go last, so that every reading row sees the fixtures as built. */
const ROWS = Object.keys(MATRIX).sort((a, b) => Number(Boolean(MATRIX[a].mutates)) - Number(Boolean(MATRIX[b].mutates)));

describe.each(ROWS)('R19/R26/R33 access matrix: %s', (key) => {
  it('answers each caller as its row says: 401 anonymous, 403 wrong role (real or made-up id alike), 404 for another person’s id or none, the rightful caller gets through', async () => {
    const route = routes.find((r) => keyOf(r) === key);
    if (!route) throw new Error(`${key} is in the matrix but not mounted: remove its row`);
    const entry = MATRIX[key];
    const failures: string[] = [];
    const expectStatus = (what: string, res: supertest.Response, statuses: number[], code?: string) => {
      if (!statuses.includes(res.status) || (code !== undefined && res.body?.error?.code !== code)) failures.push(`${what}: expected ${statuses.join('|')}${code ? ` ${code}` : ''}, got ${describeEnvelope(res)}`);
      if (res.status >= 400 && (typeof res.body?.error?.code !== 'string' || typeof res.body?.error?.message !== 'string')) failures.push(`${what}: not the error envelope: ${describeEnvelope(res)}`);
    };
    const globalId = (kind: IdKind) => f.ids[kind as Exclude<IdKind, 'relative' | 'venue'>];
    for (const caller of CALLERS) {
      const what = `as ${caller}`;
      const override = entry.except?.[caller];
      if (!allowed(entry.access, caller) || override !== undefined) {
        const refused = override !== undefined ? { status: override, code: undefined } : refusal(entry.access, caller);
        // The same refusal for a real id and a made-up one: a refusal tells nothing about existence.
        const real = entry.id ? (OWNED.includes(entry.id) ? foreignIds(entry.id as 'relative' | 'venue', caller)[0] : globalId(entry.id)) : undefined;
        expectStatus(what, await call(route, entry, caller, real), [refused.status], refused.code);
        if (entry.id) expectStatus(`${what} (made-up id)`, await call(route, entry, caller, madeUpId(entry.id)), [refused.status], refused.code);
        continue;
      }
      if (!entry.id) {
        expectStatus(what, await call(route, entry, caller), entry.ok);
        continue;
      }
      // Someone else's id, and one that does not exist: the same 404 with the same code.
      const absent = await call(route, entry, caller, madeUpId(entry.id));
      expectStatus(`${what} (made-up id)`, absent, [404]);
      if (OWNED.includes(entry.id)) {
        for (const id of foreignIds(entry.id as 'relative' | 'venue', caller)) {
          expectStatus(`${what} (someone else's ${entry.id})`, await call(route, entry, caller, id), [404], absent.body?.error?.code);
        }
      }
      // The caller's own id, when he has one.
      const own = OWNED.includes(entry.id) ? f.own[caller]?.[entry.id as 'relative' | 'venue'] : globalId(entry.id);
      if (own) expectStatus(`${what} (own ${entry.id})`, await call(route, entry, caller, own), entry.ok);
    }
    expect(failures).toEqual([]);
  });
});

/** The 48-bit time prefix of a UUIDv7, in ms. */
const timeOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

/**
 * `n` distinct ids near `id`: the random tail counted up and down and its bits flipped, the
 * time prefix moved by up to ±2 s (where the other rows made in the same run are), and both
 * at once; each keeps the version and variant bits, so it is a well-formed UUIDv7.
 */
function neighbours(id: string, n: number): string[] {
  const hex = id.replace(/-/g, '');
  const time = BigInt(`0x${hex.slice(0, 12)}`);
  const randA = BigInt(`0x${hex.slice(13, 16)}`); // 12 bits after the version nibble
  const randB = BigInt(`0x${hex.slice(16)}`) & ((1n << 62n) - 1n); // 62 bits after the variant
  const make = (tm: bigint, a: bigint, b: bigint) => {
    const h = (tm & 0xffffffffffffn).toString(16).padStart(12, '0') + '7' + (a & 0xfffn).toString(16).padStart(3, '0') + ((b & ((1n << 62n) - 1n)) | (2n << 62n)).toString(16).padStart(16, '0');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const out = new Set<string>();
  const add = (s: string) => s !== id && out.size < n && out.add(s);
  for (let k = 1n; out.size < n && k <= 100n; k += 1n) {
    add(make(time, randA, randB + k));
    add(make(time, randA, randB - k));
  }
  for (let bit = 0n; bit < 62n; bit += 1n) add(make(time, randA, randB ^ (1n << bit)));
  for (let bit = 0n; bit < 12n; bit += 1n) add(make(time, randA ^ (1n << bit), randB));
  for (let ms = 1n; out.size < n && ms <= 2000n; ms += 1n) {
    add(make(time + ms, randA, randB));
    add(make(time - ms, randA, randB));
    add(make(time + ms, randA, randB + ms));
    add(make(time - ms, randA ^ 1n, randB));
  }
  return [...out];
}

describe('ids are not guessable: 1,000 neighbours of a real id find nothing (issue 8)', () => {
  const N = 1000;
  /** 1,000 requests each: well under 10 s on an idle machine; room for a busy one. */
  const SLOW = 120_000;
  /** Foreign rows made in the same second as the caller's own, so the neighbourhood is a real one. */
  let crowd: { relatives: string[]; venues: string[] };
  beforeAll(async () => {
    const official = f.actors.official;
    crowd = { relatives: [], venues: [] };
    for (let i = 0; i < 4; i += 1) {
      const g = await registerResident(t, { code: `matrix-crowd-${i}`, seq: 620 + i, name: '郑众' });
      crowd.relatives.push(await bindChild(g, 630 + i));
      crowd.venues.push((await passedVenue(t, g, official)).id);
    }
  });

  it('the generated neighbours are well-formed UUIDv7 ids and reach the time of the other rows made nearby', () => {
    const ids = neighbours(f.own.guardian!.relative!, N);
    expect(ids).toHaveLength(N);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const times = ids.map(timeOf);
    const [lo, hi] = [Math.min(...times), Math.max(...times)];
    const nearby = [...crowd.relatives, f.own.other!.relative!].map(timeOf).filter((tm) => tm >= lo && tm <= hi);
    expect(nearby.length).toBeGreaterThan(0);
  });

  async function probe(ids: string[], request: (id: string) => supertest.Test): Promise<Map<string, number>> {
    const seen = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 16) {
      const batch = await Promise.all(ids.slice(i, i + 16).map((id) => request(id)));
      for (const res of batch) {
        const key = `${res.status} ${res.body?.error?.code ?? ''}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    return seen;
  }

  it('R19/R26: relatives: 1,000 neighbours of the guardian’s relative id are each 404 RELATIVE_NOT_FOUND', async () => {
    const seen = await probe(neighbours(f.own.guardian!.relative!, N), (id) => http.get(`/api/v1/me/relatives/${id}`).set(headersOf('guardian')));
    expect([...seen]).toEqual([['404 RELATIVE_NOT_FOUND', N]]);
  }, SLOW);

  it('R11: venues: 1,000 neighbours of the owner’s venue id are each 404 VENUE_NOT_FOUND', async () => {
    const seen = await probe(neighbours(f.own.owner!.venue!, N), (id) => http.get(`/api/v1/me/venues/${id}`).set(headersOf('owner')));
    expect([...seen]).toEqual([['404 VENUE_NOT_FOUND', N]]);
  }, SLOW);

  it('R33: appeals: 1,000 neighbours of a real appeal id are each 404 APPEAL_NOT_FOUND, even to an official', async () => {
    const seen = await probe(neighbours(f.ids.appeal, N), (id) => http.get(`/api/v1/officials/appeals/${id}`).set(headersOf('official')));
    expect([...seen]).toEqual([['404 APPEAL_NOT_FOUND', N]]);
  }, SLOW);

  it('R18/R19: scans: 1,000 neighbours of a relative id neither read nor record anyone’s scans', async () => {
    const before = await t.db('scans').count({ n: '*' }).first();
    const venueCode = (await t.services.keys.signVenueCode((await t.db('venues').where({ id: crowd.venues[0] }).first()).code_id)).text;
    const ids = neighbours(f.own.guardian!.relative!, N);
    let i = 0;
    const seen = await probe(ids, (id) => {
      i += 1;
      return i % 2
        ? http.get(`/api/v1/me/relatives/${id}/scans`).set(headersOf('guardian'))
        : http.post('/api/v1/scans').set(headersOf('guardian')).send({ venueCode, relativeId: id, clientRequestId: `neighbour-${i}` });
    });
    expect([...seen]).toEqual([['404 RELATIVE_NOT_FOUND', N]]);
    expect(await t.db('scans').count({ n: '*' }).first()).toEqual(before);
  }, SLOW);
});
