import type { Knex } from 'knex';
import { forUpdate, insertIgnore, toBool, toDate } from '../db/dialect';
import type { DataCrypto } from '../lib/data-crypto';

/** A person known to the system: registered by himself (independent) or known as someone's relative. */
export interface Resident {
  id: string;
  codeId: string;
  name: string;
  idNumber: string;
  phone: string | null;
  birthDate: string;
  sex: 'male' | 'female';
  region: string;
  independent: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Lookup-hash domains: a hash of one kind of number never matches a hash of another. */
export const HASH_DOMAIN = { idNumber: 'id', phone: 'phone', name: 'name' } as const;

/**
 * Residents, with ID and phone numbers and names sealed at rest (R34). Lookups go through the
 * keyed hash; decryption happens here, so callers only ever see Resident objects.
 */
export class ResidentsRepository {
  constructor(
    private readonly db: Knex,
    private readonly crypto: DataCrypto,
  ) {}

  idNumberHash(idNumber: string): string {
    return this.crypto.hash(HASH_DOMAIN.idNumber, idNumber);
  }

  phoneHash(phone: string): string {
    return this.crypto.hash(HASH_DOMAIN.phone, phone);
  }

  private fromRow(row: Record<string, unknown>): Resident {
    return {
      id: row.id as string,
      codeId: row.code_id as string,
      name: this.crypto.decrypt(row.name_enc as string),
      idNumber: this.crypto.decrypt(row.id_number_enc as string),
      phone: row.phone_enc ? this.crypto.decrypt(row.phone_enc as string) : null,
      birthDate: row.birth_date as string,
      sex: row.sex as 'male' | 'female',
      region: row.region as string,
      independent: toBool(row.independent),
      createdAt: toDate(row.created_at),
      updatedAt: toDate(row.updated_at),
    };
  }

  async findById(id: string, trx: Knex | Knex.Transaction = this.db): Promise<Resident | null> {
    const row = await trx('residents').where({ id }).first();
    return row ? this.fromRow(row) : null;
  }

  async findByIds(ids: string[]): Promise<Resident[]> {
    if (ids.length === 0) return [];
    const rows = await this.db('residents').whereIn('id', ids);
    return rows.map((r) => this.fromRow(r));
  }

  async findByCodeId(codeId: string): Promise<Resident | null> {
    const row = await this.db('residents').where({ code_id: codeId }).first();
    return row ? this.fromRow(row) : null;
  }

  async findByIdNumber(idNumber: string, trx: Knex | Knex.Transaction = this.db): Promise<Resident | null> {
    const row = await trx('residents').where({ id_number_hash: this.idNumberHash(idNumber) }).first();
    return row ? this.fromRow(row) : null;
  }

  /**
   * Batch lookup by ID number (institution uploads): one query for thousands of rows. `lock`
   * makes it a locking read on MySQL, which sees rows another transaction committed after this
   * one's snapshot (a simultaneous upload creating the same person).
   */
  async findByIdNumbers(idNumbers: string[], trx: Knex | Knex.Transaction = this.db, opts: { lock?: boolean } = {}): Promise<Map<string, Resident>> {
    const byHash = new Map(idNumbers.map((n) => [this.idNumberHash(n), n]));
    const found = new Map<string, Resident>();
    const hashes = [...byHash.keys()];
    for (let i = 0; i < hashes.length; i += 500) {
      const query = trx('residents').whereIn('id_number_hash', hashes.slice(i, i + 500));
      const rows = await (opts.lock ? query.forShare() : query);
      for (const row of rows) {
        const resident = this.fromRow(row);
        found.set(resident.idNumber, resident);
      }
    }
    return found;
  }

  async insert(r: Resident, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('residents').insert({
      id: r.id,
      code_id: r.codeId,
      name_enc: this.crypto.encrypt(r.name),
      id_number_enc: this.crypto.encrypt(r.idNumber),
      id_number_hash: this.idNumberHash(r.idNumber),
      phone_enc: r.phone ? this.crypto.encrypt(r.phone) : null,
      phone_hash: r.phone ? this.phoneHash(r.phone) : null,
      birth_date: r.birthDate,
      sex: r.sex,
      region: r.region,
      independent: r.independent,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
    });
  }

  /**
   * Inserts many people at once (institution uploads), skipping any whose ID number is already
   * there: a simultaneous upload may have just created the same person. Callers read back.
   */
  async insertManyIgnoringExisting(people: Resident[], trx: Knex | Knex.Transaction = this.db): Promise<void> {
    for (let i = 0; i < people.length; i += 400) {
      const rows = people.slice(i, i + 400).map((r) => ({
        id: r.id,
        code_id: r.codeId,
        name_enc: this.crypto.encrypt(r.name),
        id_number_enc: this.crypto.encrypt(r.idNumber),
        id_number_hash: this.idNumberHash(r.idNumber),
        phone_enc: r.phone ? this.crypto.encrypt(r.phone) : null,
        phone_hash: r.phone ? this.phoneHash(r.phone) : null,
        birth_date: r.birthDate,
        sex: r.sex,
        region: r.region,
        independent: r.independent,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
      }));
      await insertIgnore(trx, 'residents', rows);
    }
  }

  /** A person known only as a relative or from a record registers himself (R2). */
  async markIndependent(id: string, phone: string, at: Date, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('residents')
      .where({ id })
      .update({
        independent: true,
        phone_enc: this.crypto.encrypt(phone),
        phone_hash: this.phoneHash(phone),
        updated_at: at,
      });
  }

  /**
   * Locking reads for the family-code limits (R22): the row stays locked until the transaction
   * ends, so two binds touching the same guardian or relative run one after the other.
   */
  async findByIdForUpdate(id: string, trx: Knex.Transaction): Promise<Resident | null> {
    const row = await forUpdate(trx, trx('residents').where({ id })).first();
    return row ? this.fromRow(row) : null;
  }

  async findByIdNumberForUpdate(idNumber: string, trx: Knex.Transaction): Promise<Resident | null> {
    const row = await forUpdate(trx, trx('residents').where({ id_number_hash: this.idNumberHash(idNumber) })).first();
    return row ? this.fromRow(row) : null;
  }
}
