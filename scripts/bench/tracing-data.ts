/**
 * The tracing bench's data on MariaDB: residents, venues and millions of scans generated inside
 * the database (INSERT ... SELECT over a number sequence, in chunks), never sent row by row
 * from Node. Made once and re-used while its size matches; the bench owns its database and
 * rebuilds it from the project's own migrations when it does not.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { makeIdNumber, makeSocialCreditCode } from '@health-code/shared';
import { openDatabase } from '../../server/src/db/knex';
import { migrateLatest } from '../../server/src/db/migrate';
import type { DataCrypto } from '../../server/src/lib/data-crypto';
import { newId } from '../../server/src/lib/ids';
import { AccountsRepository } from '../../server/src/auth/accounts.repository';
import { ResidentsRepository } from '../../server/src/residents/residents.repository';
import { ScansRepository } from '../../server/src/scans/scans.repository';
import { createDatabaseIfMissing, numberSource, recreateDatabase, tableNames, withoutSecondaryIndexes } from './lib/mariadb';

export interface TracingDataSpec {
  scans: number;
  residents: number;
  venues: number;
  /** Scans spread over this many local days before today. */
  days: number;
  /** Case residents made, each with exactly `caseVisits` scans of his own. */
  cases: number;
  caseVisits: number;
}

export interface TracingData {
  spec: TracingDataSpec;
  /** The data's "now" (when it was made): the bench's clock stands here, so old data stays recent. */
  nowMs: number;
  caseResidentIds: string[];
  officialAccountId: string;
  /** Seconds the fill took, in all and by step (rows, then the index builds). */
  fillSeconds: number;
  fillSteps: { residents: number; venues: number; scanRows: number; scanIndexes: number };
  filledAt: string;
  /** True when this run found the data in place and did not fill. */
  reused: boolean;
}

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;
/** Local time is China Standard Time (UTC+8). */
const LOCAL = 8 * HOUR;
/** Rows per INSERT ... SELECT: short statements, progress to watch. */
const CHUNK = 500_000;
/** Distinct encrypted people the residents are made of (encrypting 2 million in Node would take long). */
const TEMPLATES = 1000;
/** Venue regions: Shenzhen's districts and a few of Guangzhou's. */
const REGIONS = ['440303', '440304', '440305', '440306', '440307', '440308', '440309', '440310', '440311', '440103', '440104', '440106'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞'];

// ---- Row values as SQL expressions of a number, so the database makes them itself ----

/** A UUIDv7 like newId(): 48-bit ms time, version 7, variant bits, 74 bits from MD5(key). */
const uuid7 = (msExpr: string, keyExpr: string, nExpr: string) =>
  `CONCAT(INSERT(LPAD(LOWER(HEX(${msExpr})),12,'0'),9,0,'-'),'-7',` +
  `INSERT(INSERT(SUBSTR(MD5(${keyExpr}),1,18),7,0,'-'),4,0,CONCAT('-',ELT(1+((${nExpr})&3),'8','9','a','b'))))`;
/** A UTC time in ms as a DATETIME(3) value, free of the session time zone. */
const datetime = (msExpr: string) => `(TIMESTAMP'1970-01-01 00:00:00' + INTERVAL (${msExpr}) * 1000 MICROSECOND)`;
const regionOf = (n: string) => `ELT(1 + (${n}) MOD ${REGIONS.length}, ${REGIONS.map((r) => `'${r}'`).join(', ')})`;

interface Bases {
  residents: number;
  venues: number;
}
const residentMs = (b: Bases, n: string) => `(${b.residents} + (${n}) * 10)`;
const residentId = (b: Bases, n: string) => uuid7(residentMs(b, n), `CONCAT('resident', ${n})`, n);
const accountId = (b: Bases, n: string) => uuid7(`${residentMs(b, n)} + 1`, `CONCAT('account', ${n})`, n);
const venueMs = (b: Bases, n: string) => `(${b.venues} + (${n}) * 10)`;
const venueId = (b: Bases, n: string) => uuid7(venueMs(b, n), `CONCAT('venue', ${n})`, n);

/** A small deterministic PRNG (mulberry32), so every fill makes the same cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hot = (spec: TracingDataSpec) => Math.max(1, Math.floor(spec.venues / 10));
const expectedScans = (spec: TracingDataSpec) => spec.scans + spec.cases * spec.caseVisits;
const secondsSince = (start: number) => (Date.now() - start) / 1000;

/**
 * Opens the bench database with its data in place: re-used when the last complete fill had the
 * same spec and the scan count matches, made again otherwise (the database is dropped first).
 */
export async function prepareTracingData(url: string, spec: TracingDataSpec, crypto: DataCrypto, log: (line: string) => void): Promise<{ db: Knex; data: TracingData }> {
  await createDatabaseIfMissing(url);
  let db = openDatabase(url, 10);
  const tables = await tableNames(db);
  if (tables.length > 0 && !tables.includes('bench_fill')) {
    await db.destroy();
    throw new Error('the bench database holds tables the bench did not make: name an empty database of its own in BENCH_DATABASE_URL');
  }
  if (tables.includes('bench_fill')) {
    const row = await db('bench_fill').where({ name: 'tracing', state: 'done' }).first();
    if (row && row.spec === JSON.stringify(spec)) {
      const [count] = (await db.raw('SELECT COUNT(*) AS n FROM scans')) as [Array<{ n: number | string }>];
      if (Number(count[0].n) === expectedScans(spec)) {
        const migrating = Date.now();
        await migrateLatest(db);
        // A new migration may rebuild an index of the big tables: say what it cost.
        if (Date.now() - migrating > 1000) log(`new migrations applied to the filled data in ${secondsSince(migrating).toFixed(0)} s`);
        log(`re-using the data filled at ${JSON.parse(row.data).filledAt} (${Number(count[0].n).toLocaleString('en')} scans)`);
        return { db, data: { ...(JSON.parse(row.data) as TracingData), reused: true } };
      }
      log(`scan count ${Number(count[0].n).toLocaleString('en')} is not the ${expectedScans(spec).toLocaleString('en')} filled: filling again`);
    } else log('no complete fill of this size: filling');
  }
  await db.destroy();
  await recreateDatabase(url);
  db = openDatabase(url, 10);
  try {
    const data = await fill(db, spec, crypto, log);
    return { db, data };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

async function fill(db: Knex, spec: TracingDataSpec, crypto: DataCrypto, log: (line: string) => void): Promise<TracingData> {
  const started = Date.now();
  // The marker first: a fill cut short leaves a database the next run knows is its own to drop.
  await db.schema.createTable('bench_fill', (t) => {
    t.string('name', 32).primary();
    t.string('state', 16).notNullable();
    t.text('spec').notNullable();
    t.text('data');
  });
  await db('bench_fill').insert({ name: 'tracing', state: 'filling', spec: JSON.stringify(spec) });
  await migrateLatest(db);

  const now = Date.now();
  const todayLocal = Math.floor((now + LOCAL) / DAY) * DAY - LOCAL;
  const d0 = todayLocal - spec.days * DAY;
  const bases: Bases = { residents: d0 - 400 * DAY, venues: d0 - 200 * DAY };
  const seq = await numberSource(db, CHUNK);
  const official = { id: newId(now), platform: 'dev', platformUid: 'bench-official', residentId: null, role: 'official' as const, displayName: '基准测试', createdAt: new Date(now) };
  await new AccountsRepository(db).insert(official);

  // Residents: TEMPLATES sealed people, repeated with distinct ids, code ids and lookup hashes.
  let step = Date.now();
  await db.schema.createTable('bench_people', (t) => {
    t.integer('k').primary();
    t.text('name_enc').notNullable();
    t.text('id_number_enc').notNullable();
    t.text('phone_enc').notNullable();
    t.string('birth_date', 10).notNullable();
    t.string('sex', 6).notNullable();
  });
  const people = Array.from({ length: TEMPLATES }, (_, k) => {
    const sex = k % 2 ? ('male' as const) : ('female' as const);
    const birthDate = `${1950 + (k % 66)}-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`;
    return {
      k,
      name_enc: crypto.encrypt(SURNAMES[k % SURNAMES.length] + GIVEN[Math.floor(k / SURNAMES.length) % GIVEN.length]),
      id_number_enc: crypto.encrypt(makeIdNumber({ region: REGIONS[k % REGIONS.length], birthDate, sex, seq: k })),
      phone_enc: crypto.encrypt(`139${String(10_000_000 + ((k * 7919) % 90_000_000))}`),
      birth_date: birthDate,
      sex,
    };
  });
  for (let i = 0; i < people.length; i += 500) await db('bench_people').insert(people.slice(i, i + 500));
  await withoutSecondaryIndexes(
    db,
    'residents',
    async () => {
      for (let from = 1; from <= spec.residents; from += CHUNK) {
        const to = Math.min(spec.residents, from + CHUNK - 1);
        await db.raw(`
          INSERT INTO residents (id, code_id, name_enc, id_number_enc, id_number_hash, phone_enc, phone_hash, birth_date, sex, region, independent, created_at, updated_at)
          SELECT ${residentId(bases, 's.seq')}, MD5(CONCAT('code', s.seq)), p.name_enc, p.id_number_enc,
                 SHA2(CONCAT('bench-id:', s.seq), 256), p.phone_enc, SHA2(CONCAT('bench-phone:', s.seq), 256),
                 p.birth_date, p.sex, ${regionOf('s.seq')}, 1, ${datetime(residentMs(bases, 's.seq'))}, ${datetime(residentMs(bases, 's.seq'))}
            FROM ${seq(from, to)} s STRAIGHT_JOIN bench_people p ON p.k = s.seq MOD ${TEMPLATES}`);
        log(`  residents ${to.toLocaleString('en')} / ${spec.residents.toLocaleString('en')} (${secondsSince(step).toFixed(0)} s)`);
      }
    },
    log,
  );
  const residentsSeconds = secondsSince(step);

  // Venues: passed venue codes, in the default (non-mobile) categories.
  step = Date.now();
  const categories = (await db('venue_categories').where({ mobile: false }).orderBy('position').select('id', 'name_zh')) as Array<{ id: string; name_zh: string }>;
  const category = (n: string, col: 'id' | 'name_zh') => `ELT(1 + (${n}) MOD ${categories.length}, ${categories.map((c) => db.raw('?', [c[col]]).toQuery()).join(', ')})`;
  const usccs = REGIONS.map((r, i) => `'${makeSocialCreditCode(1000 + i, r)}'`).join(', ');
  for (let from = 1; from <= spec.venues; from += CHUNK) {
    const to = Math.min(spec.venues, from + CHUNK - 1);
    await db.raw(
      `
      INSERT INTO venues (id, owner_resident_id, applicant_account_id, name, category_id, address, region, uscc, unit_name,
                          contact_phone_enc, contact_phone_hash, mobile, status, reviewed_by, reviewed_at, code_id, created_at, updated_at)
      SELECT ${venueId(bases, 's.seq')}, ${residentId(bases, `1 + s.seq MOD ${spec.residents}`)}, ?,
             CONCAT(${category('s.seq', 'name_zh')}, ' ', s.seq, '号'), ${category('s.seq', 'id')},
             CONCAT('基准路', s.seq, '号'), ${regionOf('s.seq')}, ELT(1 + s.seq MOD ${REGIONS.length}, ${usccs}),
             CONCAT('基准测试单位', s.seq), ?, SHA2(CONCAT('bench-venue-phone:', s.seq), 256), 0, 'passed', ?,
             ${datetime(venueMs(bases, 's.seq'))}, MD5(CONCAT('venue-code', s.seq)), ${datetime(venueMs(bases, 's.seq'))}, ${datetime(venueMs(bases, 's.seq'))}
        FROM ${seq(from, to)} s`,
      [official.id, crypto.encrypt('13900000000'), official.id],
    );
  }
  const venuesSeconds = secondsSince(step);
  log(`  venues ${spec.venues.toLocaleString('en')} (${venuesSeconds.toFixed(0)} s)`);

  // Scans: evenly through local 07:00-23:00 of each day, in time order (ids ascend, as newId's
  // do); a random resident; half at the busiest tenth of the venues, half anywhere.
  step = Date.now();
  const perDay = Math.ceil(spec.scans / spec.days);
  const { indexSeconds: scanIndexes } = await withoutSecondaryIndexes(
    db,
    'scans',
    async () => {
      for (let from = 1; from <= spec.scans; from += CHUNK) {
        const to = Math.min(spec.scans, from + CHUNK - 1);
        await db.raw(`
          INSERT INTO scans (id, resident_id, venue_id, region, scanned_at, account_id, by_guardian, client_request_id, request_hash)
          SELECT ${uuid7('x.ms', "CONCAT('scan', x.s)", 'x.s')}, ${residentId(bases, 'x.r')}, ${venueId(bases, 'x.v')}, ${regionOf('x.v')},
                 ${datetime('x.ms')}, ${accountId(bases, 'x.r')}, 0, MD5(CONCAT('request', x.s)), SHA2(CONCAT('bench-request:', x.s), 256)
            FROM (SELECT seq AS s,
                         1 + CRC32(CONCAT('r', seq)) MOD ${spec.residents} AS r,
                         1 + (CRC32(CONCAT('v', seq)) >> 1) MOD IF(CRC32(CONCAT('v', seq)) & 1, ${hot(spec)}, ${spec.venues}) AS v,
                         ${d0} + ((seq - 1) DIV ${perDay}) * ${DAY} + ${7 * HOUR} + (((seq - 1) MOD ${perDay}) * ${16 * HOUR}) DIV ${perDay} AS ms
                    FROM ${seq(from, to)}) x`);
        log(`  scans ${to.toLocaleString('en')} / ${spec.scans.toLocaleString('en')} (${secondsSince(step).toFixed(0)} s)`);
      }
    },
    log,
  );
  const scansSeconds = secondsSince(step);

  // The cases: people of their own (sealed through the repository), each with exactly
  // `caseVisits` scans on days 1..days-1, local 08:00-22:00, half at busy venues.
  const residents = new ResidentsRepository(db, crypto);
  const scans = new ScansRepository(db);
  const caseResidentIds: string[] = [];
  for (let c = 0; c < spec.cases; c++) {
    const rand = prng(1000 + c);
    const id = newId(now);
    const birthDate = `19${70 + c}-05-0${1 + (c % 9)}`;
    await residents.insert({
      id,
      codeId: createHash('md5').update(`case-code-${c}`).digest('hex'),
      name: `${SURNAMES[c % SURNAMES.length]}病例${'一二三四五六七八九十'[c % 10]}`,
      idNumber: makeIdNumber({ region: '440305', birthDate, sex: c % 2 ? 'male' : 'female', seq: 900 + c }),
      phone: `13700000${String(100 + c).padStart(3, '0')}`,
      birthDate,
      sex: c % 2 ? 'male' : 'female',
      region: '440305',
      independent: true,
      createdAt: new Date(now),
      updatedAt: new Date(now),
    });
    caseResidentIds.push(id);
    const accountFor = newId(now);
    for (let i = 0; i < spec.caseVisits; i++) {
      const day = 1 + Math.floor((i * (spec.days - 1)) / spec.caseVisits);
      const at = d0 + day * DAY + 8 * HOUR + Math.floor(rand() * 14 * HOUR);
      const v = 1 + Math.floor(rand() * (rand() < 0.5 ? hot(spec) : spec.venues));
      const [venue] = (await db.raw(`SELECT ${venueId(bases, String(v))} AS id, ${regionOf(String(v))} AS region`)) as [Array<{ id: string; region: string }>];
      await scans.insert({
        id: newId(at),
        residentId: id,
        venueId: venue[0].id,
        region: venue[0].region,
        scannedAt: new Date(at),
        accountId: accountFor,
        byGuardian: false,
        clientRequestId: newId(at),
        requestHash: createHash('sha256').update(`case-${c}-${i}`).digest('hex'),
      });
    }
  }
  await db.raw('ANALYZE TABLE residents, venues, scans');

  const fillSeconds = secondsSince(started);
  log(`filled in ${fillSeconds.toFixed(0)} s (residents ${residentsSeconds.toFixed(0)} s, scans with their indexes ${scansSeconds.toFixed(0)} s)`);
  const data: TracingData = {
    spec,
    nowMs: now,
    caseResidentIds,
    officialAccountId: official.id,
    fillSeconds,
    fillSteps: { residents: residentsSeconds, venues: venuesSeconds, scanRows: scansSeconds - scanIndexes, scanIndexes },
    filledAt: new Date(now).toISOString(),
    reused: false,
  };
  await db('bench_fill').where({ name: 'tracing' }).update({ state: 'done', data: JSON.stringify(data) });
  return data;
}
