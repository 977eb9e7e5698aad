import type { Knex } from 'knex';
import { insertIgnore, toDate } from '../db/dialect';
import { chunks, INSERT_CHUNK, LOOKUP_CHUNK } from './chunks';

export type TestOutcome = 'negative' | 'positive';

export interface TestResult {
  id: string;
  residentId: string;
  institutionId: string;
  /** The institution's own record number. */
  externalId: string;
  result: TestOutcome;
  sampledAt: Date;
  reportedAt: Date;
  createdAt: Date;
}

function fromRow(row: Record<string, unknown>): TestResult {
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    institutionId: row.institution_id as string,
    externalId: row.external_id as string,
    result: row.result as TestOutcome,
    sampledAt: toDate(row.sampled_at),
    reportedAt: toDate(row.reported_at),
    createdAt: toDate(row.created_at),
  };
}

/** Nucleic acid test results submitted by testing institutions (R28). */
export class TestResultsRepository {
  constructor(private readonly db: Knex) {}

  /**
   * One institution's records by its own record numbers. `lock` is a locking read on MySQL, to
   * see a row that a simultaneous upload committed after this transaction's snapshot.
   */
  async findByExternalIds(institutionId: string, externalIds: string[], trx: Knex | Knex.Transaction = this.db, opts: { lock?: boolean } = {}): Promise<Map<string, TestResult>> {
    const found = new Map<string, TestResult>();
    for (const part of chunks(externalIds, LOOKUP_CHUNK)) {
      const query = trx('test_results').where({ institution_id: institutionId }).whereIn('external_id', part);
      for (const row of await (opts.lock ? query.forShare() : query)) {
        const r = fromRow(row);
        found.set(r.externalId, r);
      }
    }
    return found;
  }

  /** Chunked multi-row insert; a row whose (institution, record number) exists is skipped. */
  async insertManyIgnoringExisting(records: TestResult[], trx: Knex | Knex.Transaction = this.db): Promise<void> {
    for (const part of chunks(records, INSERT_CHUNK)) {
      await insertIgnore(
        trx,
        'test_results',
        part.map((r) => ({
          id: r.id,
          resident_id: r.residentId,
          institution_id: r.institutionId,
          external_id: r.externalId,
          result: r.result,
          sampled_at: r.sampledAt,
          reported_at: r.reportedAt,
          created_at: r.createdAt,
        })),
      );
    }
  }

  /** A resident's own results, newest sample first, with the institution's name. */
  async listForResident(residentId: string, limit = 100): Promise<Array<TestResult & { institutionName: string }>> {
    const rows = await this.db('test_results as t')
      .join('institutions as i', 'i.id', 't.institution_id')
      .where('t.resident_id', residentId)
      .orderBy('t.sampled_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(limit)
      .select('t.*', 'i.name as institution_name');
    return rows.map((row) => ({ ...fromRow(row), institutionName: row.institution_name as string }));
  }

  /** What the colour rules read (R4): results sampled since `since`, newest first. */
  async forResident(residentId: string, since: Date): Promise<Array<{ sampledAt: Date; result: TestOutcome; institutionName: string; reportedAt: Date }>> {
    const rows = await this.db('test_results as t')
      .join('institutions as i', 'i.id', 't.institution_id')
      .where('t.resident_id', residentId)
      .andWhere('t.sampled_at', '>=', since)
      .orderBy('t.sampled_at', 'desc')
      .select('t.sampled_at', 't.result', 't.reported_at', 'i.name as institution_name');
    return rows.map((row) => ({
      sampledAt: toDate(row.sampled_at),
      result: row.result as TestOutcome,
      institutionName: row.institution_name as string,
      reportedAt: toDate(row.reported_at),
    }));
  }
}
