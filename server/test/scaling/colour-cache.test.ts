import type { Knex } from 'knex';
import { createTestContext, type TestContext } from '../helpers/context';
import { bearer, loginAs, registerResident, type Actor, type ResidentActor } from '../helpers/actors';
import { insertVenue } from '../helpers/venues';

/**
 * The colour cache under concurrent scans (issue 7). A scan outside every risk area leaves the
 * cached colours standing, so a second round of scans reads no colour records at all; a scan in a
 * risk area, or an official's correction, makes that one person's colour be read again, and only his.
 * The statements the database receives are the measure: counted through knex's query event.
 */
let t: TestContext;
let people: ResidentActor[];
let official: Actor;
let venue: Awaited<ReturnType<typeof insertVenue>>;
const statements: string[] = [];
const count = (sql: { sql: string }) => statements.push(sql.sql);

/** The tables a colour computation reads (R4, R7), as they appear in SQL. */
const COLOUR_TABLES = ['test_results', 'vaccinations', 'declarations', 'colour_overrides', 'risk_areas', 'confirmed_cases', 'contacts'];
const colourReads = () => statements.filter((sql) => /^select/i.test(sql) && COLOUR_TABLES.some((table) => sql.includes(table)));

async function scanAll(round: string, who: ResidentActor[] = people): Promise<number[]> {
  const answers = await Promise.all(
    who.map((p, i) => t.request().post('/api/v1/scans').set(bearer(p)).send({ venueCode: venue.codeText, clientRequestId: `cc-${round}-${i}-0000000` })),
  );
  return answers.map((a) => a.status);
}

beforeAll(async () => {
  t = await createTestContext({ env: { COLOUR_CACHE_SECONDS: '600', ACCOUNT_CACHE_SECONDS: '600', VENUE_CACHE_SECONDS: '600' } });
  await t.services.keys.ensureActiveKey();
  people = [];
  for (let i = 0; i < 30; i += 1) people.push(await registerResident(t, { code: `cc-${i}`, seq: 760 + i }));
  official = await loginAs(t, 'cc-official', 'official');
  venue = await insertVenue(t, { ownerResidentId: people[0].residentId, ownerAccountId: people[0].accountId, region: '440305' });
  (t.db as Knex).on('query', count);
});
afterAll(async () => {
  (t.db as Knex).off('query', count);
  await t.close();
});
beforeEach(() => {
  statements.length = 0;
});

describe('colours cached under concurrent scans (issue 7)', () => {
  it('R4, R16: 30 people scanning at once each get their colour read once; their next scans read none', async () => {
    expect(await scanAll('first')).toEqual(people.map(() => 201));
    // One computation per person (one read of each colour table), and the risk areas read once for all.
    const first = colourReads();
    expect(first.filter((sql) => sql.includes('test_results'))).toHaveLength(people.length);
    expect(first.filter((sql) => sql.includes('risk_areas')).length).toBeLessThanOrEqual(1);

    statements.length = 0;
    expect(await scanAll('second')).toEqual(people.map(() => 201));
    expect(colourReads()).toEqual([]);
  });

  it('R4, R32: a risk area in the venue\'s region makes the next scans read colours again; a correction re-reads only that person', async () => {
    const now = t.clock.now();
    const area = await t.request().post('/api/v1/officials/risk-areas').set(bearer(official))
      .send({ region: '440305', level: 'medium', startsAt: new Date(now.getTime() - 3600_000).toISOString() });
    expect(area.status).toBe(201);
    statements.length = 0;
    const [first] = people;
    const scanned = await t.request().post('/api/v1/scans').set(bearer(first)).send({ venueCode: venue.codeText, clientRequestId: 'cc-risk-0-00000000' });
    expect(scanned.status).toBe(201);
    // The visit in a medium-risk area turns him yellow at once (R4): his colour was computed afresh.
    expect(scanned.body.colour.colour).toBe('yellow');
    expect(colourReads().filter((sql) => sql.includes('test_results'))).toHaveLength(1);

    // An official turns another person red: his colour is read again by the correction's own answer
    // and kept, so his next look shows red from the cache; the third person's stays cached too.
    const [, second, third] = people;
    await t.request().get('/api/v1/me/colour').set(bearer(third));
    statements.length = 0;
    const override = await t.request().post(`/api/v1/officials/residents/${second.residentId}/colour-override`).set(bearer(official))
      .send({ colour: 'red', reason: '流调核实：密切接触者' });
    expect(override.status).toBe(201);
    statements.length = 0;
    const [again, other] = await Promise.all([
      t.request().get('/api/v1/me/colour').set(bearer(second)),
      t.request().get('/api/v1/me/colour').set(bearer(third)),
    ]);
    expect(again.body.colour.colour ?? again.body.colour).toBe('red');
    expect(other.status).toBe(200);
    expect(colourReads()).toEqual([]);
  });
});
