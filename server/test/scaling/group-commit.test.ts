import { makeCode } from '@health-code/shared';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type Actor, type ResidentActor } from '../helpers/actors';
import { insertVenue } from '../helpers/venues';

/**
 * Group commit (issue 7) under concurrency: rows that arrive together are written as one
 * statement, and every answered request's row is stored, once; a bad row in a batch costs only
 * its own request.
 */
let t: TestContext;
let people: ResidentActor[];
let checkpoint: Actor;
beforeAll(async () => {
  t = await createTestContext();
  await t.services.keys.ensureActiveKey();
  people = [];
  for (let i = 0; i < 20; i += 1) people.push(await registerResident(t, { code: `gc-${i}`, seq: 700 + i }));
  checkpoint = await loginAs(t, 'gc-checkpoint', 'checkpoint');
});
afterAll(() => t.close());

describe('group commit under concurrency (issue 7)', () => {
  it('R15, R17: 200 scans sent at once are each stored once; a resent request inside the same batch is answered as the first', async () => {
    const venue = await insertVenue(t, { ownerResidentId: people[0].residentId, ownerAccountId: people[0].accountId });
    const sends = people.flatMap((p, i) =>
      Array.from({ length: 10 }, (_, k) => ({ p, body: { venueCode: venue.codeText, clientRequestId: `gc-scan-${i}-${k}-000000` } })),
    );
    // Every tenth request is sent twice in the same burst.
    const burst = [...sends, ...sends.filter((_, i) => i % 10 === 0)];
    const answers = await Promise.all(burst.map(({ p, body }) => t.request().post('/api/v1/scans').set(bearer(p)).send(body)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201 || s === 200)).toHaveLength(burst.length);
    expect(statuses.filter((s) => s === 201)).toHaveLength(sends.length);
    const stored = await t.db('scans').where({ venue_id: venue.id }).count({ n: '*' }).first();
    expect(Number(stored!.n)).toBe(sends.length);
    // The resent answers name the scan the first one stored.
    const firstIds = new Map(answers.slice(0, sends.length).map((a, i) => [sends[i].body.clientRequestId, a.body.scanId]));
    answers.slice(sends.length).forEach((a, i) => expect(a.body.scanId).toBe(firstIds.get(sends[i * 10].body.clientRequestId)));
  });

  it('R33: 100 verifications at once each leave their audit record before they are answered', async () => {
    const before = Number((await t.db('audit_log').where({ action: 'checkpoint.verify' }).count({ n: '*' }).first())!.n);
    const creds = await Promise.all(people.slice(0, 10).map((p) => t.request().post('/api/v1/me/credential').set(bearer(p)).send({})));
    const codes = creds.flatMap((c) => Array.from({ length: 10 }, () => makeCode(c.body.credential, c.body.deviceKey.privateKey, t.clock.now())));
    const answers = await Promise.all(codes.map((code) => t.request().post('/api/v1/checkpoint/verify').set(bearer(checkpoint)).send({ code })));
    expect(answers.map((a) => a.status)).toEqual(codes.map(() => 200));
    const after = Number((await t.db('audit_log').where({ action: 'checkpoint.verify' }).count({ n: '*' }).first())!.n);
    expect(after - before).toBe(codes.length);
  });
});
