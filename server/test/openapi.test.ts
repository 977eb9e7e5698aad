import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { errorEnvelopeSchema, errorMessages } from '@health-code/shared';
import { createTestContext, type TestContext } from './helpers/context';
import { buildRoutes } from '../src/routes';
import type { RouteDef } from '../src/http/route';
import { openApiPath } from '../src/openapi/document';
import { routeErrors, scanThrownStatuses } from '../src/openapi/error-catalogue';

type Operation = {
  summary?: string;
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string }; examples?: Record<string, unknown> }> }>;
};
type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { enum?: string[] }>; securitySchemes: Record<string, { type: string; scheme: string }> };
  'x-error-codes': Record<string, { status: number | null; statuses: number[]; zh: string; en: string }>;
};

const ENVELOPE = '#/components/schemas/ErrorEnvelope';

let t: TestContext;
let routes: RouteDef[];
let doc: Doc;
beforeAll(async () => {
  t = await createTestContext();
  routes = buildRoutes(t.services, t.deps);
  const res = await t.request().get('/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  doc = res.body as Doc;
});
afterAll(() => t.close());

const operations = () => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

describe('the OpenAPI document at /openapi.json', () => {
  it('is OpenAPI 3.1 that a validator accepts', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    // The validator is an ES module: run its CLI in a plain Node process, outside jest's loader.
    const cli = join(dirname(require.resolve('@seriousme/openapi-schema-validator/package.json')), 'bin', 'validate-api-cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    try {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
      let output: string;
      try {
        output = execFileSync(process.execPath, [cli, join(dir, 'openapi.json')], { encoding: 'utf8' });
      } catch (err) {
        throw new Error(`the validator refused the document:\n${(err as { stdout?: string }).stdout ?? String(err)}`);
      }
      expect(JSON.parse(output)).toEqual({ valid: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has exactly one operation per route of the table, /api/v1 prefixed unless absolute, with {params}', () => {
    const expected = routes.map((r) => `${r.method} ${openApiPath(r)}`).sort();
    expect(operations().map((o) => `${o.method} ${o.path}`).sort()).toEqual(expected);
    expect(doc.paths['/api/v1/officials/residents/{id}/colour']?.get).toBeDefined();
    expect(doc.paths['/healthz']?.get).toBeDefined();
    expect(doc.paths['/openapi.json']?.get).toBeDefined();
  });

  it('gives every operation a summary, a unique operationId, a success answer and error answers in the envelope', () => {
    const ids = new Set<string>();
    for (const { path, method, op } of operations()) {
      const where = `${method} ${path}`;
      expect([where, op.summary?.length]).toEqual([where, expect.any(Number)]);
      expect(ids.has(op.operationId!)).toBe(false);
      ids.add(op.operationId!);
      const statuses = Object.keys(op.responses);
      expect([where, statuses.some((s) => /^2\d\d$/.test(s))]).toEqual([where, true]);
      const errors = statuses.filter((s) => Number(s) >= 400);
      // Any route can meet a database that is away (503) or a bug (500).
      expect([where, errors]).toEqual([where, expect.arrayContaining(['500', '503'])]);
      for (const s of errors) expect([where, s, op.responses[s].content?.['application/json']?.schema?.$ref]).toEqual([where, s, ENVELOPE]);
    }
  });

  it('documents the 4xx codes of each route: its own, its access level and its input', () => {
    for (const def of routes) {
      const op = doc.paths[openApiPath(def)][def.method];
      const where = `${def.method} ${def.path}`;
      const documented = Object.entries(op.responses).flatMap(([, r]) => Object.keys(r.content?.['application/json']?.examples ?? {}));
      const needed = [...(def.errors ?? [])];
      if (def.access !== 'public') needed.push(def.access === 'institution' ? 'INSTITUTION_AUTH_REQUIRED' : 'AUTH_REQUIRED');
      if (def.access === 'resident') needed.push('REGISTRATION_REQUIRED');
      if (Array.isArray(def.access)) needed.push('ROLE_FORBIDDEN');
      if (def.body || def.query || def.params) needed.push('VALIDATION_FAILED');
      if (def.body) needed.push('MALFORMED_BODY', 'BODY_TOO_LARGE');
      expect([where, documented]).toEqual([where, expect.arrayContaining(needed)]);
      // Whoever takes input or needs a caller has a documented 4xx answer.
      if (needed.length > 0) expect([where, Object.keys(op.responses).some((s) => /^4\d\d$/.test(s))]).toEqual([where, true]);
    }
  });

  it('states the security of each route by its access level', () => {
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.institutionKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const def of routes) {
      const op = doc.paths[openApiPath(def)][def.method];
      const scheme = def.access === 'public' ? undefined : def.access === 'institution' ? 'institutionKey' : 'session';
      expect([def.path, op.security]).toEqual([def.path, scheme ? [{ [scheme]: [] }] : undefined]);
    }
    const lookup = doc.paths['/api/v1/officials/residents/lookup'].post as Operation & { description: string; 'x-access': unknown };
    expect(lookup.description).toContain('official or tracer');
    expect(lookup['x-access']).toEqual(['official', 'tracer']);
  });

  it('references request and response bodies from shared/src/schemas by name', () => {
    const login = doc.paths['/api/v1/auth/login'].post as Operation & { requestBody: { content: Record<string, { schema: { $ref: string } }> } };
    expect(login.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/LoginRequest');
    expect(login.responses['200'].content?.['application/json']?.schema?.$ref).toBe('#/components/schemas/LoginResponse');
    expect(doc.components.schemas).toHaveProperty('TestResultRow');
    expect(doc.paths['/api/v1/residents/register'].post.responses).toHaveProperty('201');
  });

  it('is built once and kept', async () => {
    const again = await t.request().get('/openapi.json');
    expect(again.body).toEqual(doc);
  });
});

describe('the error catalogue', () => {
  it('documents every error code with its HTTP status and both messages', () => {
    const codes = Object.keys(errorMessages);
    expect(Object.keys(doc['x-error-codes']).sort()).toEqual([...codes].sort());
    expect([...(doc.components.schemas.ErrorCode.enum ?? [])].sort()).toEqual([...codes].sort());
    for (const [code, message] of Object.entries(errorMessages)) expect(doc['x-error-codes'][code]).toMatchObject({ zh: message.zh, en: message.en });
    // A code in use (thrown in server/src or listed by a route) has a status: read from its throw
    // site, or, when thrown through a variable, from INDIRECT_STATUSES (server/src/openapi/error-catalogue.ts).
    const used = new Set([...scanThrownStatuses().keys(), ...routes.flatMap(routeErrors)]);
    const noStatus = [...used].filter((code) => doc['x-error-codes'][code]?.status == null);
    expect({ 'codes in use without a status': noStatus }).toEqual({ 'codes in use without a status': [] });
  });

  it('every code a route lists is in the catalogue', () => {
    for (const def of routes) for (const code of def.errors ?? []) expect([def.path, code in errorMessages]).toEqual([def.path, true]);
  });

  it('takes each status from the class the code is thrown with (STATUS_OF), in sources and in compiled code', () => {
    expect(doc['x-error-codes'].CODE_REPLAYED).toMatchObject({ status: 409, statuses: [409] });
    expect(doc['x-error-codes'].AUTH_REQUIRED.status).toBe(401);
    expect(doc['x-error-codes'].VALIDATION_FAILED.status).toBe(422);
    // Thrown as BadRequestError by the SMS rules and as NotFoundError by the development outbox.
    expect(doc['x-error-codes'].SMS_CODE_NOT_SENT.statuses).toEqual(expect.arrayContaining([400, 404]));
    const dir = mkdtempSync(join(tmpdir(), 'throws-'));
    try {
      writeFileSync(join(dir, 'a.js'), "throw new errors_1.ConflictError('CODE_REPLAYED');\nthrow new errors_1.GoneError(\n  'RESIDENT_NOT_FOUND', {});");
      writeFileSync(join(dir, 'b.ts'), "// new ConflictError('CODE', { params })\nthrow new NotFoundError('RESIDENT_NOT_FOUND');\nnew NotFoundError('RESIDENT_NOT_FOUND');");
      const found = scanThrownStatuses(dir);
      expect(Object.fromEntries(found)).toEqual({ CODE_REPLAYED: [409], RESIDENT_NOT_FOUND: [404, 410] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('real error answers have the documented envelope, in Chinese by default and in English on request', async () => {
    const zh = await t.request().get('/api/v1/me');
    expect(zh.status).toBe(doc['x-error-codes'].AUTH_REQUIRED.status);
    expect(errorEnvelopeSchema.parse(zh.body).error).toEqual({ code: 'AUTH_REQUIRED', message: errorMessages.AUTH_REQUIRED.zh });
    const en = await t.request().get('/api/v1/me').set('Accept-Language', 'en-US,en;q=0.8');
    expect(en.body.error).toEqual({ code: 'AUTH_REQUIRED', message: errorMessages.AUTH_REQUIRED.en });
  });
});

describe('the browsable document at /docs', () => {
  it('is an HTML page whose scripts and styles are local files that answer with their content type', async () => {
    const page = await t.request().get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    // No inline script (the CSP would block it): every <script> has a src.
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const refs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThanOrEqual(3);
    const want: Record<string, RegExp> = { js: /^text\/javascript/, css: /^text\/css/, png: /^image\/png$/ };
    for (const ref of refs) {
      expect(ref).toMatch(/^\/docs\/assets\/[\w.-]+$/);
      const asset = await t.request().get(ref).buffer(true);
      expect([ref, asset.status]).toEqual([ref, 200]);
      expect([ref, asset.headers['content-type']]).toEqual([ref, expect.stringMatching(want[ref.split('.').pop()!])]);
      expect(Number(asset.headers['content-length'])).toBeGreaterThan(100);
    }
    const init = await t.request().get('/docs/assets/init.js');
    expect(init.text).toContain("url: '/openapi.json'");
    const bundle = await t.request().get('/docs/assets/swagger-ui-bundle.js').buffer(true);
    expect(bundle.text).toContain('SwaggerUIBundle');
  });

  it('serves no other file of the package', async () => {
    for (const file of ['index.html', 'package.json', '..%2F..%2Fpackage.json', 'swagger-initializer.js']) {
      const res = await t.request().get(`/docs/assets/${file}`);
      expect([file, res.status, res.body.error?.code]).toEqual([file, 404, 'NOT_FOUND']);
    }
  });
});

describe('docs/openapi.json', () => {
  it('is the document the route table makes now (run `npm run openapi` after changing a route)', () => {
    const root = join(__dirname, '..', '..');
    const fresh = execFileSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'openapi.ts'), '-'], { encoding: 'utf8', cwd: root });
    const committed = readFileSync(join(root, 'docs', 'openapi.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(fresh));
  });
});
