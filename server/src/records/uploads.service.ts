import type { Knex } from 'knex';
import type { z } from 'zod';
import { checkIdNumber, testResultRow, vaccinationRow } from '@health-code/shared';
import { ForbiddenError } from '../http/errors';
import type { InstitutionState } from '../http/route';
import { toFieldIssue } from '../http/validate';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { PeopleService } from '../residents/people.service';
import type { Resident } from '../residents/residents.repository';
import type { TestResult, TestResultsRepository } from './test-results.repository';
import type { Vaccination, VaccinationsRepository } from './vaccinations.repository';

export type RowStatus = 'accepted' | 'duplicate' | 'refused';

/** One row's fate. A refusal names a field code (i18n/fields.ts) and the field at fault. */
export interface RowReport {
  index: number;
  recordId: string | null;
  status: RowStatus;
  code?: string;
  field?: string;
  params?: Record<string, string | number>;
}

export interface BatchReport {
  accepted: number;
  duplicates: number;
  refused: number;
  rows: RowReport[];
}

type Refusal = { code: string; field?: string; params?: Record<string, string | number> };

/** Institutions' clocks run a little fast or slow: a time this far ahead is not "the future". */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** No record of this kind predates it: an older time is a typing error (and beyond MySQL's range). */
const EARLIEST = Date.parse('2019-12-01T00:00:00Z');
const DEADLOCK_RETRIES = 2;

interface RowBase {
  recordId: string;
  name: string;
  idNumber: string;
}

interface Candidate<R extends RowBase> {
  index: number;
  row: R;
  /** Normalised and checked. */
  idNumber: string;
}

/** What differs between test results and vaccinations; the rest of an upload is the same. */
interface RecordKind<R extends RowBase, S extends { id: string; residentId: string; externalId: string }> {
  institutionKind: InstitutionState['kind'];
  schema: z.ZodType<R>;
  /** Checks that need the clock: times in the future, or impossible. */
  check(row: R, now: Date): Refusal | null;
  find(institutionId: string, recordIds: string[], trx: Knex.Transaction, lock: boolean): Promise<Map<string, S>>;
  /** Whether a stored record is this row sent again. */
  same(row: R, residentId: string, stored: S): boolean;
  build(row: R, residentId: string, institutionId: string, now: Date): S;
  insert(records: S[], trx: Knex.Transaction): Promise<void>;
}

function timeCheck(field: string, value: string, now: Date): Refusal | null {
  const at = Date.parse(value);
  if (!Number.isFinite(at) || at < EARLIEST) return { code: 'INVALID_DATE', field };
  if (at > now.getTime() + CLOCK_SKEW_MS) return { code: 'FUTURE_TIME', field };
  return null;
}

/**
 * Batch uploads from testing institutions and vaccination units (R28, R29). Each row is judged
 * on its own and answered in a per-row report; the institution's record number makes a resent
 * batch change nothing. Built for thousands of rows: bulk lookups and chunked multi-row inserts
 * in one transaction, never a round trip per row.
 */
export class UploadsService {
  private readonly testKind: RecordKind<z.infer<typeof testResultRow>, TestResult>;
  private readonly vaccinationKind: RecordKind<z.infer<typeof vaccinationRow>, Vaccination>;

  constructor(
    private readonly db: Knex,
    private readonly people: PeopleService,
    testResults: TestResultsRepository,
    vaccinations: VaccinationsRepository,
    private readonly clock: Clock,
    /** Accepted records change their people's colour (R4): the colour cache hears of it. */
    private readonly colourChanged: (residentId: string) => void = () => undefined,
  ) {
    this.testKind = {
      institutionKind: 'testing',
      schema: testResultRow,
      check(row, now) {
        const sampled = timeCheck('sampledAt', row.sampledAt, now);
        if (sampled) return sampled;
        if (row.reportedAt === undefined) return null;
        const reported = timeCheck('reportedAt', row.reportedAt, now);
        if (reported) return reported;
        if (Date.parse(row.reportedAt) < Date.parse(row.sampledAt)) return { code: 'REPORTED_BEFORE_SAMPLED', field: 'reportedAt' };
        return null;
      },
      find: (institutionId, ids, trx, lock) => testResults.findByExternalIds(institutionId, ids, trx, { lock }),
      same: (row, residentId, s) =>
        s.residentId === residentId &&
        s.result === row.result &&
        s.sampledAt.getTime() === Date.parse(row.sampledAt) &&
        // Without a report time the first upload's arrival time stands; a resend is still the same record.
        (row.reportedAt === undefined || s.reportedAt.getTime() === Date.parse(row.reportedAt)),
      build: (row, residentId, institutionId, now) => ({
        id: newId(now.getTime()),
        residentId,
        institutionId,
        externalId: row.recordId,
        result: row.result,
        sampledAt: new Date(row.sampledAt),
        reportedAt: row.reportedAt ? new Date(row.reportedAt) : now,
        createdAt: now,
      }),
      insert: (records, trx) => testResults.insertManyIgnoringExisting(records, trx),
    };
    this.vaccinationKind = {
      institutionKind: 'vaccination',
      schema: vaccinationRow,
      check: (row, now) => timeCheck('vaccinatedAt', row.vaccinatedAt, now),
      find: (institutionId, ids, trx, lock) => vaccinations.findByExternalIds(institutionId, ids, trx, { lock }),
      same: (row, residentId, s) =>
        s.residentId === residentId && s.doseNumber === row.doseNumber && s.vaccine === row.vaccine && s.vaccinatedAt.getTime() === Date.parse(row.vaccinatedAt),
      build: (row, residentId, institutionId, now) => ({
        id: newId(now.getTime()),
        residentId,
        institutionId,
        externalId: row.recordId,
        doseNumber: row.doseNumber,
        vaccine: row.vaccine,
        vaccinatedAt: new Date(row.vaccinatedAt),
        createdAt: now,
      }),
      insert: (records, trx) => vaccinations.insertManyIgnoringExisting(records, trx),
    };
  }

  uploadTestResults(institution: InstitutionState, rows: unknown[]): Promise<BatchReport> {
    return this.upload(this.testKind, institution, rows);
  }

  uploadVaccinations(institution: InstitutionState, rows: unknown[]): Promise<BatchReport> {
    return this.upload(this.vaccinationKind, institution, rows);
  }

  private async upload<R extends RowBase, S extends { id: string; residentId: string; externalId: string }>(
    kind: RecordKind<R, S>,
    institution: InstitutionState,
    rows: unknown[],
  ): Promise<BatchReport> {
    if (institution.kind !== kind.institutionKind) throw new ForbiddenError('INSTITUTION_KIND_FORBIDDEN');
    const now = this.clock.now();
    const reports: RowReport[] = rows.map((raw, index) => ({ index, recordId: recordIdOf(raw), status: 'refused' }));
    const candidates = this.judgeRows(kind, rows, reports, now);

    // A deadlock between two uploads creating the same people is retried; the rows are judged again.
    let outcomes: Map<number, RowReport> | undefined;
    const changed = new Set<string>();
    for (let attempt = 0; !outcomes; attempt++) {
      changed.clear();
      try {
        outcomes = await this.db.transaction((trx) => this.store(kind, institution, candidates, now, trx, changed));
      } catch (err) {
        if ((err as { code?: string }).code !== 'ER_LOCK_DEADLOCK' || attempt >= DEADLOCK_RETRIES) throw err;
      }
    }
    for (const [index, report] of outcomes) reports[index] = report;
    for (const residentId of changed) this.colourChanged(residentId);
    return {
      accepted: reports.filter((r) => r.status === 'accepted').length,
      duplicates: reports.filter((r) => r.status === 'duplicate').length,
      refused: reports.filter((r) => r.status === 'refused').length,
      rows: reports,
    };
  }

  /** What can be judged from the rows alone: shape, ID number, times, repeats within the batch. */
  private judgeRows<R extends RowBase, S extends { id: string; residentId: string; externalId: string }>(
    kind: RecordKind<R, S>,
    rows: unknown[],
    reports: RowReport[],
    now: Date,
  ): Candidate<R>[] {
    const candidates: Candidate<R>[] = [];
    const seen = new Set<string>();
    rows.forEach((raw, index) => {
      const refuse = (r: Refusal) => Object.assign(reports[index], { status: 'refused', ...r });
      // The first row carrying a record number owns it in this batch, even when it is refused.
      const recordId = reports[index].recordId;
      const firstInBatch = recordId === null || !seen.has(recordId);
      if (recordId !== null) seen.add(recordId);

      const parsed = kind.schema.safeParse(raw, { reportInput: true });
      if (!parsed.success) {
        const issue = toFieldIssue(parsed.error.issues[0]);
        return refuse({ code: issue.code, field: issue.path === '(body)' ? undefined : issue.path, params: issue.params });
      }
      if (!firstInBatch) return refuse({ code: 'DUPLICATE_IN_BATCH', field: 'recordId' });
      const id = checkIdNumber(parsed.data.idNumber, now);
      if (!id.ok) return refuse({ code: id.problem, field: 'idNumber' });
      const timeRefusal = kind.check(parsed.data, now);
      if (timeRefusal) return refuse(timeRefusal);
      candidates.push({ index, row: parsed.data, idNumber: id.info.idNumber });
    });
    return candidates;
  }

  /** The rows that passed alone, against the database: people, names, record numbers. */
  private async store<R extends RowBase, S extends { id: string; residentId: string; externalId: string }>(
    kind: RecordKind<R, S>,
    institution: InstitutionState,
    candidates: Candidate<R>[],
    now: Date,
    trx: Knex.Transaction,
    changed: Set<string>,
  ): Promise<Map<number, RowReport>> {
    const out = new Map<number, RowReport>();
    const report = (c: Candidate<R>, status: RowStatus, refusal?: Refusal) => out.set(c.index, { index: c.index, recordId: c.row.recordId, status, ...refusal });
    const nameMismatch: Refusal = { code: 'NAME_ID_MISMATCH', field: 'name' };
    const reused: Refusal = { code: 'RECORD_ID_REUSED', field: 'recordId' };

    // People already known, and records already stored under these record numbers (a resend).
    const known = await this.people.findExisting(candidates.map((c) => c.idNumber), trx);
    const stored = await kind.find(institution.id, candidates.map((c) => c.row.recordId), trx, false);
    let pending: Candidate<R>[] = [];
    for (const c of candidates) {
      const person = known.get(c.idNumber);
      const previous = stored.get(c.row.recordId);
      if (previous) {
        if (person && kind.same(c.row, person.id, previous)) report(c, 'duplicate');
        else report(c, 'refused', reused);
      } else if (person && person.name !== c.row.name) report(c, 'refused', nameMismatch);
      else pending.push(c);
    }

    // Unknown people are created (the first name given in the batch for an ID number stands).
    const unknown = pending.filter((c) => !known.has(c.idNumber));
    const people: Map<string, Resident> = unknown.length
      ? new Map([...known, ...(await this.people.findOrCreateMany(unknown.map((c) => ({ name: c.row.name, idNumber: c.idNumber })), trx))])
      : known;
    pending = pending.filter((c) => {
      if (people.get(c.idNumber)!.name === c.row.name) return true;
      report(c, 'refused', nameMismatch);
      return false;
    });

    // Insert, skipping record numbers a simultaneous upload took meanwhile; read back to tell.
    const records = pending.map((c) => kind.build(c.row, people.get(c.idNumber)!.id, institution.id, now));
    await kind.insert(records, trx);
    const after = await kind.find(institution.id, pending.map((c) => c.row.recordId), trx, true);
    pending.forEach((c, i) => {
      const row = after.get(c.row.recordId);
      if (row?.id === records[i].id) {
        report(c, 'accepted');
        changed.add(records[i].residentId);
      } else if (row && kind.same(c.row, records[i].residentId, row)) report(c, 'duplicate');
      else report(c, 'refused', reused);
    });
    return out;
  }
}

function recordIdOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as { recordId?: unknown }).recordId;
  return typeof id === 'string' ? id.slice(0, 64) : null;
}
