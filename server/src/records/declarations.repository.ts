import type { Knex } from 'knex';
import type { z } from 'zod';
import type { symptomField } from '@health-code/shared';
import { fromJson, toDate } from '../db/dialect';

export type DeclaredSymptom = z.infer<typeof symptomField>;

export interface DeclaredTrip {
  region: string;
  /** YYYY-MM-DD */
  from: string;
  /** YYYY-MM-DD */
  to: string;
}

export interface Declaration {
  id: string;
  /** Whose health is declared. */
  residentId: string;
  /** Who declared it: the resident's own account, or a guardian's for a relative (R36). */
  accountId: string;
  symptoms: DeclaredSymptom[];
  temperature: number | null;
  trips: DeclaredTrip[];
  declaredAt: Date;
}

function fromRow(row: Record<string, unknown>): Declaration {
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    accountId: row.account_id as string,
    symptoms: fromJson<DeclaredSymptom[]>(row.symptoms, []),
    // DECIMAL comes back as a string from MySQL, a number from SQLite.
    temperature: row.temperature === null || row.temperature === undefined ? null : Number(row.temperature),
    trips: fromJson<DeclaredTrip[]>(row.trips, []),
    declaredAt: toDate(row.declared_at),
  };
}

/** Health and trip declarations (R36). */
export class DeclarationsRepository {
  constructor(private readonly db: Knex) {}

  async insert(d: Declaration, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('declarations').insert({
      id: d.id,
      resident_id: d.residentId,
      account_id: d.accountId,
      symptoms: JSON.stringify(d.symptoms),
      temperature: d.temperature,
      trips: JSON.stringify(d.trips),
      declared_at: d.declaredAt,
    });
  }

  /** Declarations about one resident since `since`, newest first, whoever made them. */
  async listForResident(residentId: string, since: Date): Promise<Declaration[]> {
    const rows = await this.db('declarations').where({ resident_id: residentId }).andWhere('declared_at', '>=', since).orderBy('declared_at', 'desc').orderBy('id', 'desc');
    return rows.map(fromRow);
  }

  /** What the colour rules and the travel card read (R4, R30, R36). */
  async forResident(
    residentId: string,
    since: Date,
  ): Promise<Array<{ declaredAt: Date; symptoms: DeclaredSymptom[]; temperature: number | null; trips: DeclaredTrip[] }>> {
    const list = await this.listForResident(residentId, since);
    return list.map(({ declaredAt, symptoms, temperature, trips }) => ({ declaredAt, symptoms, temperature, trips }));
  }
}
