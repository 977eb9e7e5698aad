import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, type Actor } from '../helpers/actors';

let t: TestContext;
let official: Actor;
beforeAll(async () => {
  t = await createTestContext();
  official = await loginAs(t, 'staff-official', 'official');
});
afterAll(() => t.close());

const invite = (role: string, displayName = '南山区流调组') => t.request().post('/api/v1/officials/staff/invitations').set(bearer(official)).send({ role, displayName });
const redeem = (who: Actor, code: string) => t.request().post('/api/v1/staff/redeem').set(bearer(who)).set('Accept-Language', 'en').send({ code });

describe('staff roles: an official invites, the colleague redeems with his own login (R31, R33)', () => {
  it('R31: a tracer-only account can trace but cannot override colours; every step is audited', async () => {
    const inv = await invite('tracer');
    expect(inv.status).toBe(201);
    expect(inv.body.code).toMatch(/^inv_/);
    const colleague = await loginAs(t, 'staff-tracer');
    const redeemed = await redeem(colleague, inv.body.code);
    expect(redeemed.body).toEqual({ role: 'tracer', displayName: '南山区流调组' });
    // The same token now carries the role: redeeming drops the cached account.
    const report = await t.request().get('/api/v1/officials/cases/01234567-89ab-7def-8123-456789abcdef/report').set(bearer(colleague));
    expect(report.status).toBe(404);
    const override = await t.request().post('/api/v1/officials/residents/x/colour-override').set(bearer(colleague)).send({ colour: 'red', reason: '越权测试理由' });
    expect(override.status).toBe(403);
    const actions = (await t.db('audit_log').where({ target_id: inv.body.id })).map((a) => a.action).sort();
    expect(actions).toEqual(['staff.invite', 'staff.redeem']);
  });

  it('an invitation is used once, expires after 3 days, and an unknown code is refused, each with its own code', async () => {
    const inv = await invite('checkpoint', '南山站查验点');
    expect((await redeem(await loginAs(t, 'staff-cp-1'), inv.body.code)).status).toBe(200);
    const again = await redeem(await loginAs(t, 'staff-cp-2'), inv.body.code);
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 409, code: 'INVITATION_USED' });
    const unknown = await redeem(await loginAs(t, 'staff-cp-3'), 'inv_nosuchcode000000000');
    expect({ status: unknown.status, code: unknown.body.error.code }).toEqual({ status: 404, code: 'INVITATION_NOT_FOUND' });
    const late = await invite('reviewer', '审核员');
    t.clock.advance(72 * 3600_000 + 1);
    official = await loginAs(t, 'staff-official', 'official');
    const expired = await redeem(await loginAs(t, 'staff-late'), late.body.code);
    expect({ status: expired.status, code: expired.body.error.code }).toEqual({ status: 410, code: 'INVITATION_EXPIRED' });
  });

  it('R31: residents cannot invite; officials list staff and take a role back, but not their own', async () => {
    const resident = await loginAs(t, 'staff-resident');
    expect((await t.request().post('/api/v1/officials/staff/invitations').set(bearer(resident)).send({ role: 'official', displayName: '我自己' })).status).toBe(403);
    const inv = await invite('reviewer', '审核员乙');
    const reviewer = await loginAs(t, 'staff-reviewer');
    await redeem(reviewer, inv.body.code);
    const list = await t.request().get('/api/v1/officials/staff').set(bearer(official));
    expect(list.body.staff.map((x: { id: string; role: string }) => `${x.id}:${x.role}`)).toContain(`${reviewer.accountId}:reviewer`);
    // The reviewer works first, so his account (with its role) sits in the account cache.
    expect((await t.request().get('/api/v1/officials/venues').set(bearer(reviewer))).status).toBe(200);
    const revoked = await t.request().post(`/api/v1/officials/staff/${reviewer.accountId}/revoke`).set(bearer(official)).send({ reason: '调岗，不再负责审核' });
    expect(revoked.status).toBe(204);
    expect((await t.request().get('/api/v1/officials/venues').set(bearer(reviewer))).status).toBe(403);
    const self = await t.request().post(`/api/v1/officials/staff/${official.accountId}/revoke`).set(bearer(official)).send({ reason: '撤销自己试试' });
    expect({ status: self.status, code: self.body.error.code }).toEqual({ status: 403, code: 'STAFF_SELF_REVOKE' });
  });
});
