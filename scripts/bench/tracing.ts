/**
 * Issue 4's criterion: tracing a 50-visit case over 10 million scans on MariaDB answers in
 * under 1 s. Times the service path the API runs (TracingService through createServices, as
 * POST /officials/cases does), against a baseline of one indexed range read measured in the
 * same run, reads the plans of the statements that path issued, and writes it all into
 * docs/performance.md (section `bench:tracing`).
 *   npm run bench -- tracing
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import type { Knex } from 'knex';
import { loadConfig } from '../../server/src/config';
import type { Deps } from '../../server/src/deps';
import type { AuthState } from '../../server/src/http/route';
import { ManualClock } from '../../server/src/lib/clock';
import { DataCrypto } from '../../server/src/lib/data-crypto';
import { createLogger } from '../../server/src/lib/logger';
import { createServices, type Services } from '../../server/src/services';
import { DevSms } from '../../server/src/sms/dev';
import { mergeRanges } from '../../server/src/tracing/tracing.service';
import type { Bench } from './lib/bench';
import { machineLine } from './lib/machine';
import { databaseName, serverInfo, tableSizeMiB } from './lib/mariadb';
import { writeSection } from './lib/performance-doc';
import { ms, summarise, timeOnce, timeRuns, timingLine, type Timing } from './lib/timing';
import { prepareTracingData, type TracingData } from './tracing-data';

const DAY = 24 * 3600 * 1000;
const MINUTE = 60 * 1000;
const TARGET_MS = 1000;
const DEFAULT_URL = 'mysql://root@127.0.0.1:3306/bench';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got ${raw}`);
  return n;
}

/** Fixed keys for the bench's synthetic people, so data filled once stays readable on later runs. */
const benchKey = (what: string) => createHash('sha256').update(`health-code bench ${what}`).digest('base64');

const log = (line: string) => process.stdout.write(`${line}\n`);
const localDate = (at: number) => new Date(at + 8 * 3600 * 1000).toISOString().slice(0, 10);
const n = (v: number) => v.toLocaleString('en');
const loadNow = () => loadavg()[0].toFixed(1);

interface Statement {
  sql: string;
  bindings: readonly unknown[];
}

/** A statement as the plan table shows it: no backticks, the OR-ed windows folded into one. */
function shortSql(sql: string): string {
  const plain = sql.replace(/`/g, '').replace(/\((\?, )+\?\)/g, (list) => `(… ${list.split('?').length - 1} values)`);
  const range = /\(venue_id = \? and scanned_at >= \? and scanned_at <= \?\)/g;
  const count = plain.match(range)?.length ?? 0;
  if (count <= 1) return plain;
  let seen = 0;
  return plain.replace(/ or \(venue_id = \? and scanned_at >= \? and scanned_at <= \?\)/g, () => (++seen === 1 ? ` or … (${count} windows OR-ed)` : ''));
}

/** Long strings in a JSON plan (the 50 windows' condition) cut to a readable length. */
function trimPlan(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 160 ? `${value.slice(0, 160)}… (${value.length} chars)` : value;
  if (Array.isArray(value)) return value.map(trimPlan);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimPlan(v)]));
  return value;
}

interface PlanRow {
  table: string;
  type: string;
  key: string | null;
  rows: number | null;
  r_rows: number | null;
  Extra: string | null;
}

/** ANALYZE (runs the statement) of every SELECT the path issued; the JSON plan of the scans reads. */
async function plans(db: Knex, statements: Statement[]): Promise<{ table: string; json: string[]; windowsKey: string; indexOnly: boolean }> {
  let windowsKey = '?';
  let indexOnly = false;
  const lines = ['| # | statement (the tracing path, in order) | table | type | key | rows (est.) | r_rows | Extra |', '| --- | --- | --- | --- | --- | --- | --- | --- |'];
  const json: string[] = [];
  let i = 0;
  for (const s of statements) {
    if (!/^select /i.test(s.sql)) continue;
    i++;
    const [rows] = (await db.raw(`ANALYZE ${s.sql}`, s.bindings as Knex.RawBinding[])) as [PlanRow[]];
    for (const r of rows) {
      if (/venue_id` = \?/.test(s.sql) && r.table === 'scans') {
        windowsKey = r.key ?? '(none)';
        indexOnly = /Using index(?! condition)/.test(r.Extra ?? '');
      }
      lines.push(`| ${i} | \`${shortSql(s.sql)}\` | ${r.table} | ${r.type} | ${r.key ? `\`${r.key}\`` : '—'} | ${r.rows ?? '—'} | ${r.r_rows ?? '—'} | ${r.Extra ?? ''} |`);
    }
    if (/from `scans`/.test(s.sql)) {
      const [out] = (await db.raw(`ANALYZE FORMAT=JSON ${s.sql}`, s.bindings as Knex.RawBinding[])) as [Array<{ ANALYZE: string }>];
      json.push(`Statement ${i}, \`${shortSql(s.sql)}\`:\n\n\`\`\`json\n${JSON.stringify(trimPlan(JSON.parse(out[0].ANALYZE)), null, 2)}\n\`\`\``);
    }
  }
  if (lines.some((l) => l.includes('no matching row in const table'))) {
    lines.push('', '"no matching row in const table": a unique-key lookup that found nothing (the person has no open case yet), answered while optimizing.');
  }
  return { table: lines.join('\n'), json, windowsKey, indexOnly };
}

async function closeOpenCases(services: Services, actor: AuthState, residentIds: string[]): Promise<void> {
  for (const id of residentIds) {
    const open = await services.cases.openCaseOf(id);
    if (open) await services.tracing.close(actor, open.id, 'bench: left open by an interrupted run');
  }
}

async function run(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL || DEFAULT_URL;
  const reps = intEnv('BENCH_REPS', 20);
  const coldCases = 5;
  const spec = {
    scans: intEnv('BENCH_SCANS', 10_000_000),
    residents: intEnv('BENCH_RESIDENTS', 2_000_000),
    venues: intEnv('BENCH_VENUES', 50_000),
    days: 14,
    cases: 1 + coldCases,
    caseVisits: 50,
  };
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    SESSION_SECRET: benchKey('session secret, never used to sign anything real'),
    DATA_KEY: benchKey('DATA_KEY'),
    HASH_KEY: benchKey('HASH_KEY'),
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    RATE_LIMITS: 'off',
  });
  const crypto = new DataCrypto(config.DATA_KEY, config.HASH_KEY);
  log(`tracing bench on ${url.replace(/\/\/[^@/]*@/, '//…@')}: ${n(spec.scans)} scans, ${n(spec.venues)} venues, ${n(spec.residents)} residents`);
  const { db, data } = await prepareTracingData(url, spec, crypto, log);
  const loadStart = loadNow();
  const clock = new ManualClock(data.nowMs);
  const deps: Deps = { config, db, logger: createLogger('silent'), clock, crypto, loginProviders: {}, sms: new DevSms() };
  const services = createServices(deps);
  try {
    const results = await measure(db, services, data, reps, { before: config.TRACE_WINDOW_BEFORE_MINUTES * MINUTE, after: config.TRACE_WINDOW_AFTER_MINUTES * MINUTE });
    const info = await serverInfo(db);
    const sizes = await tableSizeMiB(db, 'scans');
    const [counts] = (await db.raw('SELECT (SELECT COUNT(*) FROM residents) AS residents, (SELECT COUNT(*) FROM venues) AS venues')) as [Array<{ residents: number; venues: number }>];
    const section = report({ url, spec, data, reps, info, sizes, counts: counts[0], settings: config, ...results, load: `${loadStart} at the start, ${loadNow()} at the end` });
    if (process.env.BENCH_DOCS === 'off') log('BENCH_DOCS=off: docs/performance.md left as it was');
    else {
      writeSection('tracing', section);
      log('wrote the tracing section of docs/performance.md');
    }
  } finally {
    await services.shutdown();
    await db.destroy();
  }
}

async function measure(db: Knex, services: Services, data: TracingData, reps: number, window: { before: number; after: number }) {
  const actor: AuthState = { accountId: data.officialAccountId, role: 'official', residentId: null, platform: 'dev' };
  const [caseResident, ...otherCases] = data.caseResidentIds;
  // Onset 10 days ago: with the 4 lead days the period reaches the 14-day limit, so all 50 visits count.
  const onsetDate = localDate(data.nowMs - 10 * DAY);
  await closeOpenCases(services, actor, data.caseResidentIds);
  let caseId = '';
  const record = async (residentId: string) => {
    caseId = (await services.tracing.record(actor, { residentId, onsetDate, note: 'bench' })).case.id;
  };
  const close = () => services.tracing.close(actor, caseId, 'bench');

  // The first run of the process pays for connections and compiling; two untimed runs warm it.
  const firstRun = await timeOnce(() => record(caseResident));
  await close();
  await record(caseResident);
  await close();
  log(`first run of the process: ${ms(firstRun)} ms`);

  // Other cases, traced once each: their venues' pages have not been read in this run.
  const cold: number[] = [];
  for (const id of otherCases) {
    cold.push(await timeOnce(() => record(id)));
    await close();
  }
  log(`first trace of ${otherCases.length} other cases: ${cold.map(ms).join(', ')} ms`);

  const recordTiming = await timeRuns(reps, () => record(caseResident), { between: close });
  log(`record + trace + report (TracingService.record): ${timingLine(recordTiming)}`);

  // The plans: every statement of one more run, as the database received it.
  const statements: Statement[] = [];
  const onQuery = (q: { sql: string; bindings?: readonly unknown[] }) => statements.push({ sql: q.sql, bindings: q.bindings ?? [] });
  db.on('query', onQuery);
  await record(caseResident);
  db.off('query', onQuery);
  const traced = (await db('audit_log').where({ target_id: caseId, action: 'case.trace' }).first()) as { details: string };
  const stats = JSON.parse(traced.details) as { caseVisits: number; venues: number; contactScans: number; contacts: number };
  const roundTrips = statements.length;

  const retraceTiming = await timeRuns(reps, () => services.tracing.retrace(actor, caseId), { warmup: 1 });
  log(`trace again (TracingService.retrace): ${timingLine(retraceTiming)}`);
  const theCase = (await services.cases.findById(caseId))!;
  await close();

  // The two reads of scans alone, through the repository: the case's visits, then the windows.
  const { before, after } = window;
  const period = services.tracing.periodOf(theCase, new Date(data.nowMs));
  const queriesTiming = await timeRuns(
    reps,
    async () => {
      const visits = await services.scanVisits.ofResident(caseResident, period.from, period.to);
      await services.scanVisits.inRanges(mergeRanges(visits, before, after), caseResident);
    },
    { warmup: 1 },
  );
  log(`the two scans queries (ofResident + inRanges): ${timingLine(queriesTiming)}`);

  // Baseline: one visit's window, the same repository call with one range; each visit in turn.
  const visits = await services.scanVisits.ofResident(caseResident, period.from, period.to);
  const at = (i: number) => ((i % visits.length) + visits.length) % visits.length;
  const baseline = await timeRuns(visits.length, (i) => services.scanVisits.inRanges(mergeRanges([visits[at(i)]], before, after), caseResident), { warmup: 5 });
  log(`baseline, one visit's window (inRanges, 1 range): ${timingLine(baseline)}`);

  const keys = (await db('scans').where({ resident_id: caseResident }).select('account_id', 'client_request_id')) as Array<{ account_id: string; client_request_id: string }>;
  const pointTiming = await timeRuns(keys.length, (i) => services.scanRecords.findByRequest(keys[at(i)].account_id, keys[at(i)].client_request_id), { warmup: 5 });
  log(`reference, one scan by unique key (ScansRepository.findByRequest): ${timingLine(pointTiming)}`);

  const explained = await plans(db, statements);
  return { firstRun, cold: summarise(cold), recordTiming, retraceTiming, queriesTiming, baseline, pointTiming, stats, roundTrips, explained, windows: mergeRanges(visits, before, after).length };
}

function report(r: {
  url: string;
  spec: TracingData['spec'];
  data: TracingData;
  reps: number;
  info: { version: string; bufferPoolMiB: number; flushAtCommit: number; flushMethod: string };
  sizes: { data: number; index: number };
  counts: { residents: number; venues: number };
  settings: { TRACE_WINDOW_BEFORE_MINUTES: number; TRACE_WINDOW_AFTER_MINUTES: number; TRACE_ONSET_LEAD_DAYS: number };
  firstRun: number;
  cold: Timing;
  recordTiming: Timing;
  retraceTiming: Timing;
  queriesTiming: Timing;
  baseline: Timing;
  pointTiming: Timing;
  stats: { caseVisits: number; venues: number; contactScans: number; contacts: number };
  roundTrips: number;
  explained: { table: string; json: string[]; windowsKey: string; indexOnly: boolean };
  windows: number;
  load: string;
}): string {
  const met = r.recordTiming.p95 < TARGET_MS;
  const ratio = r.recordTiming.median / r.baseline.median;
  const row = (what: string, t: Timing) => `| ${what} | ${t.runs} | ${ms(t.min)} | ${ms(t.median)} | ${ms(t.p95)} | ${ms(t.max)} |`;
  const coldNote =
    r.cold.max < TARGET_MS
      ? `A first trace whose rows must come from disk stays under 1 s too (${r.cold.runs} other cases: ${ms(r.cold.min)} to ${ms(r.cold.max)} ms).`
      : `A first trace whose rows must come from disk does **not** always stay under 1 s here (${r.cold.runs} other cases: ${ms(r.cold.min)} to ${ms(r.cold.max)} ms): ` +
        `with a ${r.info.bufferPoolMiB} MiB buffer pool nearly every page it touches is a disk read on a busy machine, above all the flagged people's rows. ` +
        'The lever is a buffer pool that holds the recent scans and the people (MariaDB\'s default is meant for a laptop).';
  const f = r.data.fillSteps;
  const filled =
    `${r.data.reused ? `filled on ${r.data.filledAt.slice(0, 10)} by an earlier run and re-used by this one; that fill took` : 'filled by this run in'} ` +
    `${(r.data.fillSeconds / 60).toFixed(1)} min, all generated inside MariaDB (residents ${f.residents.toFixed(0)} s, venues ${f.venues.toFixed(0)} s, ` +
    `scan rows ${f.scanRows.toFixed(0)} s, then the scans' four secondary indexes built in one pass, ${f.scanIndexes.toFixed(0)} s)`;
  return `
## Tracing a case over 10 million scans (MariaDB)

**Criterion** (issue 4): tracing a 50-visit case over 10 million scans on MariaDB answers in under 1 s.
**${met ? 'Met' : 'Not met'}** (${r.recordTiming.runs} runs after a warm-up): recording the case, tracing it and answering the report takes
**${ms(r.recordTiming.median)} ms** (median; p95 ${ms(r.recordTiming.p95)} ms), that is
**${ratio.toFixed(0)} × one indexed range read** (the baseline below, measured in the same run).
${coldNote}

- Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench -- tracing\`
  (\`scripts/bench/tracing.ts\`, data by \`scripts/bench/tracing-data.ts\`).
- Machine: ${machineLine()}; shared with other work while measuring (load average ${r.load}).
  Numbers move by a factor of 2 between runs on this machine: compare the ratio, not the milliseconds.
- Database: MariaDB ${r.info.version} (database \`${databaseName(r.url)}\`), default settings:
  \`innodb_buffer_pool_size\` ${r.info.bufferPoolMiB} MiB, far smaller than the data, and
  \`innodb_flush_log_at_trx_commit\` ${r.info.flushAtCommit}; pages not in the pool are read from disk (\`innodb_flush_method\` ${r.info.flushMethod}).
- Data: **${n(r.spec.scans + r.spec.cases * r.spec.caseVisits)} scans** over ${r.spec.days} days (local 07:00-23:00, half of them at the
  busiest tenth of the venues), ${n(Number(r.counts.venues))} venues, ${n(Number(r.counts.residents))} residents; \`scans\` takes
  ${n(r.sizes.data)} MiB of rows and ${n(r.sizes.index)} MiB of indexes. The tables come from the project's migrations;
  ${filled}.
- The case: ${r.stats.caseVisits} visits at ${r.stats.venues} venues over 13 days (${r.windows} windows after merging); tracing reads
  ${n(r.stats.contactScans)} contact scans of ${n(r.stats.contacts)} people and the whole run issues ${r.roundTrips} statements
  (reads, inserts of the visits and flags, the audit entry, the report).
- Window ${r.settings.TRACE_WINDOW_BEFORE_MINUTES} min before to ${r.settings.TRACE_WINDOW_AFTER_MINUTES} min after, onset lead ${r.settings.TRACE_ONSET_LEAD_DAYS} days (the defaults unless set).

| what is timed (ms) | runs | min | median | p95 | max |
| --- | --- | --- | --- | --- | --- |
${row('**record a case, trace it, answer the report**: `TracingService.record` as `POST /officials/cases` runs it (one transaction), case closed between runs, untimed', r.recordTiming)}
${row('trace the same case again: `TracingService.retrace` (`POST /officials/cases/:id/trace`, finds nothing new)', r.retraceTiming)}
${row("the two reads of scans alone: `ScanVisitsRepository.ofResident` + `inRanges` (the case's visits, then all windows in one statement)", r.queriesTiming)}
${row(`first trace of ${r.cold.runs} other 50-visit cases, once each (${r.cold.all.map(ms).join(', ')}): venues, scans and people this run had not read yet, so mostly read from disk`, r.cold)}
${row("**baseline**: one visit's window, one indexed (venue_id, scanned_at) range read (`inRanges` with one range), each of the 50 visits in turn", r.baseline)}
${row('reference: one scan by its unique key (`ScansRepository.findByRequest`)', r.pointTiming)}

Every timed run records a new case, so it writes the same visits and flags as the first. Two untimed runs came
before them: the very first run of the process took ${ms(r.firstRun)} ms (opening connections, loading modules and the
region table, reading the case's pages from disk), what a server's first tracing after a start would take.

Where the time goes: the two reads of \`scans\` are ${ms(r.queriesTiming.median)} ms of the ${ms(r.recordTiming.median)} ms. The rest is writing the
visits and the ${n(r.stats.contactScans)} flags (each flag's foreign keys checked against \`residents\` and \`venues\`), the audit
entries, the commit, and the report (the flagged people read back by id and their names and numbers decrypted). A
first trace is slower because the pages it touches come from disk: the windows' index pages${
    r.explained.indexOnly ? '' : ' and the scan row behind each index entry (one primary-key lookup each, for `resident_id` and `region`)'
  }, and above all the ${n(r.stats.contacts)} flagged people's rows, which the flags' foreign-key checks read one random page at a time
(the report then finds them in memory).

### The plans

\`ANALYZE\` of every SELECT the recording run issued (MariaDB runs each and reports the rows it read as \`r_rows\`):

${r.explained.table}

The two reads of \`scans\` in full (\`ANALYZE FORMAT=JSON\`, long conditions cut). The contacts statement reads only
the windows' ranges of \`${r.explained.windowsKey}\`, one range per window, so its cost follows the scans inside
the windows, not the size of the table; ${
    r.explained.indexOnly
      ? 'the index holds every column the statement needs (`Using index`), so no row of the table is read.'
      : 'each row found then costs one primary-key lookup (`resident_id`, `region`).'
  }

${r.explained.json.join('\n\n')}

### Running it

\`npm run bench -- tracing\` (or \`npm run bench\` for every bench). The first run fills the database, later runs
re-use the data while its size matches (the bench drops and refills its own database otherwise). Settings:

| variable | default | meaning |
| --- | --- | --- |
| \`BENCH_DATABASE_URL\` | \`${DEFAULT_URL}\` | the bench's own MariaDB database (created when missing; never \`test\`) |
| \`BENCH_SCANS\` | \`10000000\` | scans generated (plus 50 for each of the 6 cases) |
| \`BENCH_VENUES\` | \`50000\` | venues |
| \`BENCH_RESIDENTS\` | \`2000000\` | residents |
| \`BENCH_REPS\` | \`20\` | timed runs of each measurement |
| \`BENCH_DOCS\` | (on) | \`off\`: print only, leave this file alone (for trial runs on small data) |
| \`TRACE_WINDOW_BEFORE_MINUTES\`, \`TRACE_WINDOW_AFTER_MINUTES\`, \`TRACE_ONSET_LEAD_DAYS\` | 30, 120, 4 | the tracing settings, as for the server |
`;
}

export const tracingBench: Bench = {
  name: 'tracing',
  summary: 'tracing a 50-visit case over 10 million scans on MariaDB (issue 4), against one indexed range read',
  run,
};
