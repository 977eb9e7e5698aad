import type { Knex } from 'knex';
import { insertIgnore, toDate } from '../db/dialect';
import { chunks, INSERT_CHUNK, LOOKUP_CHUNK } from './chunks';

export interface Vaccination {
  id: string;
  residentId: string;
  institutionId: string;
  /** The vaccination unit's own record number. */
  externalId: string;
  doseNumber: number;
  vaccine: string;
  vaccinatedAt: Date;
  createdAt: Date;
}

function fromRow(row: Record<string, unknown>): Vaccination {
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    institutionId: row.institution_id as string,
    externalId: row.external_id as string,
    doseNumber: Number(row.dose_number),
    vaccine: row.vaccine as string,
    vaccinatedAt: toDate(row.vaccinated_at),
    createdAt: toDate(row.created_at),
  };
}

/** Vaccination records submitted by vaccination units (R7, R29). */
export class VaccinationsRepository {
  constructor(private readonly db: Knex) {}

  /** One unit's records by its own record numbers (`lock`: see TestResultsRepository). */
  async findByExternalIds(institutionId: string, externalIds: string[], trx: Knex | Knex.Transaction = this.db, opts: { lock?: boolean } = {}): Promise<Map<string, Vaccination>> {
    const found = new Map<string, Vaccination>();
    for (const part of chunks(externalIds, LOOKUP_CHUNK)) {
      const query = trx('vaccinations').where({ institution_id: institutionId }).whereIn('external_id', part);
      for (const row of await (opts.lock ? query.forShare() : query)) {
        const v = fromRow(row);
        found.set(v.externalId, v);
      }
    }
    return found;
  }

  async insertManyIgnoringExisting(records: Vaccination[], trx: Knex | Knex.Transaction = this.db): Promise<void> {
    for (const part of chunks(records, INSERT_CHUNK)) {
      await insertIgnore(
        trx,
        'vaccinations',
        part.map((v) => ({
          id: v.id,
          resident_id: v.residentId,
          institution_id: v.institutionId,
          external_id: v.externalId,
          dose_number: v.doseNumber,
          vaccine: v.vaccine,
          vaccinated_at: v.vaccinatedAt,
          created_at: v.createdAt,
        })),
      );
    }
  }

  /** A resident's own vaccinations, newest first, with the unit's name. */
  async listForResident(residentId: string): Promise<Array<Vaccination & { institutionName: string }>> {
    const rows = await this.db('vaccinations as v')
      .join('institutions as i', 'i.id', 'v.institution_id')
      .where('v.resident_id', residentId)
      .orderBy('v.vaccinated_at', 'desc')
      .orderBy('v.id', 'desc')
      .select('v.*', 'i.name as institution_name');
    return rows.map((row) => ({ ...fromRow(row), institutionName: row.institution_name as string }));
  }

  /** What the colour rules read (R7): every dose, wherever it was given, oldest first. */
  async forResident(residentId: string): Promise<Array<{ doseNumber: number; vaccine: string; vaccinatedAt: Date; institutionName: string }>> {
    const rows = await this.db('vaccinations as v')
      .join('institutions as i', 'i.id', 'v.institution_id')
      .where('v.resident_id', residentId)
      .orderBy('v.vaccinated_at', 'asc')
      .select('v.dose_number', 'v.vaccine', 'v.vaccinated_at', 'i.name as institution_name');
    return rows.map((row) => ({
      doseNumber: Number(row.dose_number),
      vaccine: row.vaccine as string,
      vaccinatedAt: toDate(row.vaccinated_at),
      institutionName: row.institution_name as string,
    }));
  }
}
