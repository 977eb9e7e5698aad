import { makeCode } from '@health-code/shared';
import { GroupCommit } from '../../src/lib/group-commit';
import { isDeadlock, isUnavailable } from '../../src/db/dialect';
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
    // Refusals named with their answer: a deadlock between two batches once showed here as a 503.
    expect(answers.filter((a) => a.status !== 201 && a.status !== 200).map((a) => [a.status, a.body.error?.code])).toEqual([]);
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

  it('R17: a batch the database rolled back as a deadlock victim is written again, and each caller answered once', async () => {
    // MariaDB picks one of two INSERTs whose rows meet on a unique key (a resend in another batch) and
    // rolls it back whole with ER_LOCK_DEADLOCK: the rows are not stored, and running it again is right.
    const written: number[][] = [];
    let victims = 1;
    const deadlock = Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });
    const commit = new GroupCommit<number>(
      async (rows) => {
        if (victims > 0) {
          victims -= 1;
          throw deadlock;
        }
        written.push(rows);
      },
      async (row) => void written.push([row]),
      { maxConcurrent: 1, maxRows: 50, unavailable: isUnavailable, retry: isDeadlock },
    );
    const first = commit.add(0); // written alone; the rest gather behind it
    const rest = Array.from({ length: 9 }, (_, i) => commit.add(i + 1));
    await expect(Promise.all([first, ...rest])).resolves.toHaveLength(10);
    expect(written.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(written).toEqual([[0], [1, 2, 3, 4, 5, 6, 7, 8, 9]]);
  });

  it('an outage is not retried: every caller of the batch hears it at once (the route answers 503)', async () => {
    let calls = 0;
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const commit = new GroupCommit<number>(
      async () => {
        calls += 1;
        throw refused;
      },
      async () => {
        calls += 1;
        throw refused;
      },
      { maxConcurrent: 1, maxRows: 50, unavailable: isUnavailable, retry: isDeadlock },
    );
    const all = [0, 1, 2].map((n) => commit.add(n).then(() => 'stored', (err: { code?: string }) => err.code));
    expect(await Promise.all(all)).toEqual(['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED']);
    expect(calls).toBe(2); // the first row alone, then the other two as one statement
  });
});
