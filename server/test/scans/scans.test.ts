import { makeIdNumber } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { apiKey, bearer, createInstitution, loginAs, registerResident, type ResidentActor } from '../helpers/actors';
import { insertVenue } from '../helpers/venues';

let t: TestContext;
let owner: ResidentActor;
let visitor: ResidentActor;
let rid = 0;
const requestId = () => `req-${process.pid}-${(rid += 1)}`;

beforeAll(async () => {
  t = await createTestContext();
  await t.services.keys.ensureActiveKey();
  owner = await registerResident(t, { code: 'scan-owner', seq: 701 });
  visitor = await registerResident(t, { code: 'scan-visitor', seq: 702, name: '刘小红' });
});
afterAll(() => t.close());

const scan = (who: ResidentActor, body: Record<string, unknown>, lang = 'zh-CN') => t.request().post('/api/v1/scans').set(bearer(who)).set('Accept-Language', lang).send(body);

describe('R16: scanning in records who was where and when', () => {
  it('R16: a valid scan answers venue, entry time, current colour and latest test, and records the entry', async () => {
    const venue = await insertVenue(t, { ownerResidentId: owner.residentId, ownerAccountId: owner.accountId, name: '幸福路菜市场' });
    const official = await loginAs(t, 'scan-official', 'official');
    const lab = await createInstitution(t, official, 'testing');
    await t.request().post('/api/v1/institutions/test-results').set(apiKey(lab))
      .send({ records: [{ recordId: 'scan-t1', name: visitor.name, idNumber: visitor.idNumber, sampledAt: new Date(t.clock.now().getTime() - 86400_000).toISOString(), result: 'negative' }] });
    const res = await scan(visitor, { venueCode: venue.codeText, clientRequestId: requestId() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      venue: { name: '幸福路菜市场', region: '440305' },
      enteredAt: t.clock.now().toISOString(),
      person: { name: '刘*红', relative: false },
      latestTest: { result: 'negative', institutionName: lab.name },
      repeated: false,
    });
    expect(res.body.colour.colour).toBe('green');
    const rows = await t.db('scans').where({ resident_id: visitor.residentId, venue_id: venue.id });
    expect(rows).toHaveLength(1);
    expect(rows[0].account_id).toBe(visitor.accountId);
  });
});

describe('R15: what is not a valid venue code is refused with its own message', () => {
  it('R15: text that is not a venue code asks to scan the code posted at the place', async () => {
    for (const venueCode of ['https://example.invalid/place/1', 'hello', 'HCV1:abc', 'HC1:x.y.z']) {
      const res = await scan(visitor, { venueCode, clientRequestId: requestId() });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('VENUE_CODE_INVALID');
      expect(res.body.error.message).toContain('请扫描场所张贴的场所码');
    }
    const en = await scan(visitor, { venueCode: 'hello', clientRequestId: requestId() }, 'en');
    expect(en.body.error.message).toContain('scan the code posted at the place');
  });

  it('R14: an altered or forged venue code is VENUE_CODE_FORGED', async () => {
    const venue = await insertVenue(t, { ownerResidentId: owner.residentId, ownerAccountId: owner.accountId });
    const [h, p, s] = venue.codeText.slice(5).split('.');
    const payload = { ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'another-venue-code-id' };
    const altered = `HCV1:${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const res = await scan(visitor, { venueCode: altered, clientRequestId: requestId() });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VENUE_CODE_FORGED');
    expect(await t.db('scans').where({ venue_id: venue.id })).toHaveLength(0);
  });

  it('R12/R15: a revoked and a retired venue are refused with their own messages; one under review is not a valid code', async () => {
    const revoked = await insertVenue(t, { ownerResidentId: owner.residentId, ownerAccountId: owner.accountId, status: 'revoked' });
    const retired = await insertVenue(t, { ownerResidentId: owner.residentId, ownerAccountId: owner.accountId, status: 'retired' });
    const pending = await insertVenue(t, { ownerResidentId: owner.residentId, ownerAccountId: owner.accountId, status: 'under_review' });
    const a = await scan(visitor, { venueCode: revoked.codeText, clientRequestId: requestId() });
    expect({ status: a.status, code: a.body.error.code }).toEqual({ status: 410, code: 'VENUE_REVOKED' });
    const b = await scan(visitor, { venueCode: retired.codeText, clientRequestId: requestId() });
    expect({ status: b.status, code: b.body.error.code }).toEqual({ status: 410, code: 'VENUE_RETIRED' });
    const c = await scan(visitor, { venueCode: pending.codeText, clientRequestId: requestId() });
    expect({ status: c.status, code: c.body.error.code }).toEqual({ status: 422, code: 'VENUE_CODE_INVALID' });
  });
});

describe('R17: every entry is recorded; a resent request only once', () => {
  it('R17: a scan kept offline and sent later is recorded at the time the phone read the code, once', async () => {
    const venue = await insertVenue(t, { ownerResidentId: owner.residentId, ownerAccountId: owner.accountId });
    const readAt = new Date(t.clock.now().getTime() - 3 * 3600_000).toISOString();
    const body = { venueCode: venue.codeText, clientRequestId: requestId(), scannedAt: readAt };
    const first = await scan(visitor, body);
    expect(first.status).toBe(201);
    expect(first.body.enteredAt).toBe(readAt);
    const again = await scan(visitor, body);
    expect(again.body).toMatchObject({ enteredAt: readAt, repeated: true });
    const rows = await t.db('scans').where({ resident_id: visitor.residentId, venue_id: venue.id });
    expect(rows).toHaveLength(1);
  });

  it('R17: an offline time older than 24 h or in the future is refused on its field, and nothing is recorded', async () => {
    const venue = await insertVenue(t, { ownerResidentId: owner.residentId, ownerAccountId: owner.accountId });
    const now = t.clock.now().getTime();
    for (const at of [now - 25 * 3600_000, now + 10 * 60_000]) {
      const res = await scan(visitor, { venueCode: venue.codeText, clientRequestId: requestId(), scannedAt: new Date(at).toISOString() }, 'en');
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'SCAN_TIME_OUT_OF_RANGE', details: { fields: [{ path: 'scannedAt' }] } });
      expect(res.body.error.message).toContain('within 24 hours');
    }
    const bad = await scan(visitor, { venueCode: venue.codeText, clientRequestId: requestId(), scannedAt: 'yesterday' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields[0].path).toBe('scannedAt');
    expect(await t.db('scans').where({ venue_id: venue.id })).toHaveLength(0);
  });

  it('R17: the same request id and body answers the first answer and records once', async () => {
    const venue = await insertVenue(t, { ownerResidentId: owner.residentId, ownerAccountId: owner.accountId });
    const body = { venueCode: venue.codeText, clientRequestId: requestId() };
    const first = await scan(visitor, body);
    t.clock.advance(5_000);
    const again = await scan(visitor, body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ scanId: first.body.scanId, enteredAt: first.body.enteredAt, repeated: true });
    expect(await t.db('scans').where({ venue_id: venue.id })).toHaveLength(1);
  });

  it('R17: the same request id with another body is refused', async () => {
    const v1 = await insertVenue(t, { ownerResidentId: owner.residentId, ownerAccountId: owner.accountId });
    const v2 = await insertVenue(t, { ownerResidentId: owner.residentId, ownerAccountId: owner.accountId });
    const id = requestId();
    expect((await scan(visitor, { venueCode: v1.codeText, clientRequestId: id })).status).toBe(201);
    const res = await scan(visitor, { venueCode: v2.codeText, clientRequestId: id });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('SCAN_REQUEST_ID_REUSED');
    expect(await t.db('scans').where({ venue_id: v2.id })).toHaveLength(0);
  });

  it('R17: repeated real entries are each recorded, and simultaneous resends make one record', async () => {
    const venue = await insertVenue(t, { ownerResidentId: owner.residentId, ownerAccountId: owner.accountId });
    expect((await scan(visitor, { venueCode: venue.codeText, clientRequestId: requestId() })).status).toBe(201);
    expect((await scan(visitor, { venueCode: venue.codeText, clientRequestId: requestId() })).status).toBe(201);
    const body = { venueCode: venue.codeText, clientRequestId: requestId() };
    const answers = await Promise.all([scan(visitor, body), scan(visitor, body), scan(visitor, body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.scanId)).size).toBe(1);
    expect(await t.db('scans').where({ venue_id: venue.id })).toHaveLength(3);
  });

  it('R17: a malformed request id names the field', async () => {
    const res = await scan(visitor, { venueCode: 'x', clientRequestId: 'a b' }, 'en');
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields).toEqual([expect.objectContaining({ path: 'clientRequestId', code: 'CLIENT_REQUEST_ID_FORMAT' })]);
  });
});

describe('R18/R19: scanning for a relative, and who sees which history', () => {
  it('R18: a guardian scans for a bound relative: the record is the relative’s and notes the guardian', async () => {
    const guardian = await registerResident(t, { code: 'scan-guardian', seq: 703 });
    const idNumber = makeIdNumber({ birthDate: '2022-05-01', sex: 'male', seq: 704 });
    const bound = await t.request().post('/api/v1/me/relatives').set(bearer(guardian)).send({ name: '小宝', idNumber });
    expect(bound.status).toBe(201);
    const venue = await insertVenue(t, { ownerResidentId: owner.residentId, ownerAccountId: owner.accountId });
    const res = await scan(guardian, { venueCode: venue.codeText, clientRequestId: requestId(), relativeId: bound.body.id });
    expect(res.status).toBe(201);
    expect(res.body.person).toEqual({ name: '小*', relative: true });
    const [row] = await t.db('scans').where({ venue_id: venue.id });
    expect(row).toMatchObject({ resident_id: bound.body.id, account_id: guardian.accountId });
    // Not in the guardian's own history.
    const own = await t.request().get('/api/v1/me/scans').set(bearer(guardian));
    expect(own.body.scans.map((s: { id: string }) => s.id)).not.toContain(res.body.scanId);
    // R19: the guardian reads the relative's history; nobody else does.
    const theirs = await t.request().get(`/api/v1/me/relatives/${bound.body.id}/scans`).set(bearer(guardian));
    expect(theirs.body.scans.map((s: { id: string }) => s.id)).toEqual([res.body.scanId]);
    expect(theirs.body.scans[0].byGuardian).toBe(true);
    expect((await t.request().get(`/api/v1/me/relatives/${bound.body.id}/scans`).set(bearer(visitor))).status).toBe(404);
    // Someone else cannot scan for that relative, and cannot tell whether he exists.
    const stranger = await scan(visitor, { venueCode: venue.codeText, clientRequestId: requestId(), relativeId: bound.body.id });
    const nobody = await scan(visitor, { venueCode: venue.codeText, clientRequestId: requestId(), relativeId: '01234567-89ab-7def-8123-456789abcdef' });
    expect(stranger.status).toBe(404);
    expect(stranger.body).toEqual(nobody.body);
  });

  it('R19: a resident sees his own entries of the last 14 days, newest first', async () => {
    const person = await registerResident(t, { code: 'scan-history', seq: 705 });
    const venue = await insertVenue(t, { ownerResidentId: owner.residentId, ownerAccountId: owner.accountId, name: '历史测试店' });
    const start = t.clock.now().getTime();
    try {
      t.clock.set(start - 15 * 86400_000);
      const old = await loginAs(t, 'scan-history');
      expect((await t.request().post('/api/v1/scans').set(bearer(old)).send({ venueCode: venue.codeText, clientRequestId: requestId() })).status).toBe(201);
      t.clock.set(start - 86400_000);
      const recent = await loginAs(t, 'scan-history');
      expect((await t.request().post('/api/v1/scans').set(bearer(recent)).send({ venueCode: venue.codeText, clientRequestId: requestId() })).status).toBe(201);
    } finally {
      t.clock.set(start);
    }
    const fresh = await loginAs(t, 'scan-history');
    const res = await t.request().get('/api/v1/me/scans').set(bearer(fresh));
    expect(res.status).toBe(200);
    expect(res.body.scans).toHaveLength(1);
    expect(res.body.scans[0]).toMatchObject({ venueName: '历史测试店', byGuardian: false });
    void person;
  });
});
