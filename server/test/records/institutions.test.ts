import { createTestContext, type TestContext } from '../helpers/context';
import { apiKey, bearer, createInstitution, loginAs, registerResident, type Actor } from '../helpers/actors';

let t: TestContext;
let official: Actor;
beforeAll(async () => {
  t = await createTestContext();
  official = await loginAs(t, 'inst-official', 'official');
});
afterAll(() => t.close());

const auditRows = (action: string, targetId: string) => t.db('audit_log').where({ action, target_id: targetId });

describe('R28, R29: institutions and their API credentials', () => {
  it('R28: an official registers a testing institution; the secret is shown once and stored only as a hash (R33 audited)', async () => {
    const res = await t.request().post('/api/v1/officials/institutions').set(bearer(official)).send({ name: '深圳市第一检测中心', kind: 'testing' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '深圳市第一检测中心', kind: 'testing', status: 'active', revokedAt: null });
    expect(res.body.apiKey).toBe(`inst_${res.body.keyId}.${res.body.secret}`);
    expect(res.body.secret.length).toBeGreaterThanOrEqual(40);

    const row = await t.db('institutions').where({ id: res.body.id }).first();
    expect(JSON.stringify(row)).not.toContain(res.body.secret);
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);

    const list = await t.request().get('/api/v1/officials/institutions').set(bearer(official));
    expect(list.status).toBe(200);
    const listed = list.body.institutions.find((i: { id: string }) => i.id === res.body.id);
    expect(listed).toMatchObject({ name: '深圳市第一检测中心', kind: 'testing', keyId: res.body.keyId, status: 'active' });
    expect(JSON.stringify(list.body)).not.toContain(res.body.secret);
    expect(listed.secret).toBeUndefined();
    expect(listed.apiKey).toBeUndefined();

    const audit = await auditRows('institution.create', res.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: official.accountId, actor_role: 'official', target_type: 'institution' });
    expect(audit[0].details).not.toContain(res.body.secret);
  });

  it('R29: a vaccination unit authenticates with its key; a bad shape of body is refused per field', async () => {
    const unit = await createInstitution(t, official, 'vaccination');
    const res = await t.request().post('/api/v1/institutions/vaccinations').set(apiKey(unit)).send({ records: [] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: 0, duplicates: 0, refused: 0, rows: [] });
    const bad = await t.request().post('/api/v1/institutions/vaccinations').set(apiKey(unit)).send({ records: 'all of them' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields[0]).toMatchObject({ path: 'records', code: 'INVALID_TYPE' });
  });

  it('R28: a wrong secret, an unknown key id and a malformed key are each 401 INSTITUTION_AUTH_INVALID', async () => {
    const lab = await createInstitution(t, official, 'testing');
    const secret = lab.apiKey.split('.')[1];
    const wrong = `inst_${lab.keyId}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    for (const key of [wrong, `inst_${'x'.repeat(16)}.${secret}`, 'inst_garbage']) {
      const res = await t.request().post('/api/v1/institutions/test-results').set('Authorization', `Bearer ${key}`).send({ records: [] });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('INSTITUTION_AUTH_INVALID');
    }
    const none = await t.request().post('/api/v1/institutions/test-results').send({ records: [] });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('INSTITUTION_AUTH_REQUIRED');
  });

  it('R28, R33: a revoked institution is refused with 401; the revocation is audited and cannot be repeated', async () => {
    const lab = await createInstitution(t, official, 'testing');
    const ok = await t.request().post('/api/v1/institutions/test-results').set(apiKey(lab)).send({ records: [] });
    expect(ok.status).toBe(200);

    const revoke = await t.request().post(`/api/v1/officials/institutions/${lab.id}/revoke`).set(bearer(official));
    expect(revoke.status).toBe(200);
    expect(revoke.body).toMatchObject({ id: lab.id, status: 'revoked' });
    expect(revoke.body.revokedAt).toBe(t.clock.now().toISOString());
    expect(await auditRows('institution.revoke', lab.id)).toHaveLength(1);

    const refused = await t.request().post('/api/v1/institutions/test-results').set(apiKey(lab)).send({ records: [] });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('INSTITUTION_AUTH_INVALID');

    const again = await t.request().post(`/api/v1/officials/institutions/${lab.id}/revoke`).set(bearer(official));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INSTITUTION_ALREADY_REVOKED');
    expect(await auditRows('institution.revoke', lab.id)).toHaveLength(1);

    const unknown = await t.request().post('/api/v1/officials/institutions/0190f1f2-0000-7000-8000-000000000000/revoke').set(bearer(official));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('INSTITUTION_NOT_FOUND');
  });

  it('R28: a vaccination unit uploading test results is 403, and a testing institution uploading vaccinations too', async () => {
    const unit = await createInstitution(t, official, 'vaccination');
    const lab = await createInstitution(t, official, 'testing');
    const a = await t.request().post('/api/v1/institutions/test-results').set(apiKey(unit)).send({ records: [] });
    expect(a.status).toBe(403);
    expect(a.body.error.code).toBe('INSTITUTION_KIND_FORBIDDEN');
    const b = await t.request().post('/api/v1/institutions/vaccinations').set(apiKey(lab)).set('Accept-Language', 'en').send({ records: [] });
    expect(b.status).toBe(403);
    expect(b.body.error.message).toMatch(/testing institutions upload test results/);
  });

  it('R28: a resident session on institution routes is 401; an institution key on official or resident routes is 401', async () => {
    const resident = await registerResident(t, { code: 'inst-resident', seq: 401 });
    const lab = await createInstitution(t, official, 'testing');
    const asResident = await t.request().post('/api/v1/institutions/test-results').set(bearer(resident)).send({ records: [] });
    expect(asResident.status).toBe(401);
    expect(asResident.body.error.code).toBe('INSTITUTION_AUTH_REQUIRED');
    const asOfficial = await t.request().post('/api/v1/institutions/vaccinations').set(bearer(official)).send({ records: [] });
    expect(asOfficial.status).toBe(401);

    const labOnOfficial = await t.request().get('/api/v1/officials/institutions').set(apiKey(lab));
    expect(labOnOfficial.status).toBe(401);
    expect(labOnOfficial.body.error.code).toBe('AUTH_REQUIRED');
    const labOnMe = await t.request().get('/api/v1/me/test-results').set(apiKey(lab));
    expect(labOnMe.status).toBe(401);
  });

  it('R31: institution management is for officials only: residents get 403, anonymous callers 401', async () => {
    const resident = await registerResident(t, { code: 'inst-resident-2', seq: 402 });
    const reviewer = await loginAs(t, 'inst-reviewer', 'reviewer');
    const lab = await createInstitution(t, official, 'testing');
    const calls = [
      () => t.request().post('/api/v1/officials/institutions').send({ name: '某检测机构', kind: 'testing' }),
      () => t.request().get('/api/v1/officials/institutions'),
      () => t.request().post(`/api/v1/officials/institutions/${lab.id}/revoke`),
    ];
    for (const call of calls) {
      const anonymous = await call();
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe('AUTH_REQUIRED');
      for (const who of [resident, reviewer]) {
        const res = await call().set(bearer(who));
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('ROLE_FORBIDDEN');
      }
    }
    const still = await t.db('institutions').where({ id: lab.id }).first();
    expect(still.status).toBe('active');
  });

  it('R28: the kind and name are validated', async () => {
    const res = await t.request().post('/api/v1/officials/institutions').set(bearer(official)).send({ name: 'x', kind: 'hospital' });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['kind', 'name']);
  });
});
