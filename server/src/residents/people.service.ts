import type { Knex } from 'knex';
import { checkIdNumber, normaliseIdNumber } from '@health-code/shared';
import type { Clock } from '../lib/clock';
import { newId, randomToken } from '../lib/ids';
import type { Resident, ResidentsRepository } from './residents.repository';

/**
 * People known from records before they register (R28, R29): a test result or a vaccination
 * for an ID number nobody registered creates a non-independent resident, who finds the
 * records there when he registers himself (R2).
 */
export class PeopleService {
  constructor(
    private readonly residents: ResidentsRepository,
    private readonly clock: Clock,
  ) {}

  /** The people already known by these ID numbers, keyed by the normalised number. */
  findExisting(idNumbers: string[], trx: Knex | Knex.Transaction): Promise<Map<string, Resident>> {
    return this.residents.findByIdNumbers([...new Set(idNumbers.map(normaliseIdNumber))], trx);
  }

  /** The person with this ID number (whatever name he is on record with), created when unknown. */
  async findOrCreate(name: string, idNumber: string, trx: Knex | Knex.Transaction): Promise<Resident> {
    const found = await this.findOrCreateMany([{ name, idNumber }], trx);
    return found.get(normaliseIdNumber(idNumber))!;
  }

  /**
   * Many at once, keyed by the (normalised) ID number: one bulk lookup, one chunked insert of
   * the unknown, one read-back. The first name given for an unknown ID number is the one
   * recorded; callers compare names. Two uploads creating the same person meet at the unique
   * ID-number hash: the loser's insert is skipped and the read-back answers the winner.
   */
  async findOrCreateMany(people: Array<{ name: string; idNumber: string }>, trx: Knex | Knex.Transaction): Promise<Map<string, Resident>> {
    const claims = new Map<string, string>();
    for (const p of people) {
      const id = normaliseIdNumber(p.idNumber);
      if (!claims.has(id)) claims.set(id, p.name);
    }
    const found = await this.residents.findByIdNumbers([...claims.keys()], trx);
    const missing = [...claims.keys()].filter((id) => !found.has(id));
    if (missing.length === 0) return found;

    const now = this.clock.now();
    const fresh: Resident[] = missing.map((idNumber) => {
      const check = checkIdNumber(idNumber, now);
      if (!check.ok) throw new Error(`findOrCreateMany needs checked ID numbers (${check.problem})`);
      return {
        id: newId(now.getTime()),
        codeId: randomToken(16),
        name: claims.get(idNumber)!,
        idNumber,
        phone: null,
        birthDate: check.info.birthDate,
        sex: check.info.sex,
        region: check.info.region,
        independent: false,
        createdAt: now,
        updatedAt: now,
      };
    });
    await this.residents.insertManyIgnoringExisting(fresh, trx);
    const created = await this.residents.findByIdNumbers(missing, trx, { lock: true });
    for (const idNumber of missing) {
      const person = created.get(idNumber);
      if (!person) throw new Error('a person inserted in this transaction could not be read back');
      found.set(idNumber, person);
    }
    return found;
  }
}

