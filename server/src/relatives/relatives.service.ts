import type { Knex } from 'knex';
import {
  ageOn,
  checkIdNumber,
  FACE_CHECK_FROM_AGE,
  MAX_GUARDIANS_PER_RELATIVE,
  MAX_RELATIVES_PER_GUARDIAN,
  relativeAgeAllowed,
  UNBIND_AFTER_HOURS,
  type Relationship,
} from '@health-code/shared';
import { isDeadlock, isUniqueViolation } from '../db/dialect';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, ServiceUnavailableError, ValidationError } from '../http/errors';
import type { Clock } from '../lib/clock';
import { newId, randomToken } from '../lib/ids';
import type { AccountsRepository } from '../auth/accounts.repository';
import type { Platform } from '../auth/providers/types';
import type { Resident, ResidentsRepository } from '../residents/residents.repository';
import type { Binding, IdentityConfirmation, RelativesRepository } from './relatives.repository';
import { FaceCheckUnavailable, type FaceCheckOutcome, type FaceCheckProvider } from './face-check';

const HOUR = 3600 * 1000;
/** A bind that lost a deadlock or a unique-key race runs again, as it stands then. */
const MAX_ATTEMPTS = 5;

export interface BindInput {
  name: string;
  idNumber: string;
  relationship?: Relationship;
  faceCheckToken?: string;
}

/** A relative as his guardian's list shows him. */
export interface BoundRelative {
  binding: Binding;
  person: Resident;
  age: number;
  unbindableAt: Date;
}

/** The relative to start a face check for (R24, platforms whose check the server starts). */
export interface FaceCheckStartInput {
  name: string;
  idNumber: string;
}

export interface StartedFaceCheck {
  faceCheckId: string;
  certifyId: string;
  certifyUrl: string;
  expiresAt: Date;
}

interface Confirmation {
  confirmedBy: IdentityConfirmation;
  provider: string | null;
  reference: string | null;
  /** Marks a one-use check used in the binding's transaction (false: another binding took it). */
  consume?: (trx: Knex.Transaction, now: Date) => Promise<boolean>;
}

/**
 * Family codes (R21-R26): a guardian binds relatives aged 0-16 or 60+ by name and ID number,
 * at most 8 of them, each relative bound by at most 3 guardians; a relative aged 7+ is
 * confirmed by a face check first. Bindings belong to the guardian's resident record, so all
 * his logins share them. Whoever is not a bound guardian learns nothing about a relative: one
 * answer, RELATIVE_NOT_FOUND, whether the person exists or not.
 */
export class RelativesService {
  constructor(
    private readonly db: Knex,
    private readonly repo: RelativesRepository,
    private readonly residents: ResidentsRepository,
    private readonly accounts: AccountsRepository,
    private readonly faceCheck: FaceCheckProvider,
    private readonly clock: Clock,
    private readonly hotline: string,
  ) {}

  async bind(guardianId: string, accountId: string, input: BindInput): Promise<BoundRelative> {
    const now = this.clock.now();
    const check = checkIdNumber(input.idNumber, now);
    if (!check.ok) throw new ValidationError('RELATIVE_ID_NUMBER_INVALID', { fields: [{ path: 'idNumber', code: check.problem }] });
    const { idNumber, birthDate } = check.info;
    const age = ageOn(birthDate, now);
    if (!relativeAgeAllowed(age)) throw new ValidationError('RELATIVE_AGE_NOT_ALLOWED', { params: { age }, fields: [{ path: 'idNumber', code: 'INVALID_VALUE' }] });

    // Refuse now what the locked re-check below would refuse, before anyone's face is checked.
    await this.checkBindable(guardianId, await this.residents.findByIdNumber(idNumber), input.name, this.db);
    const confirmation = await this.confirmIdentity(guardianId, accountId, input, idNumber, age, now);

    for (let attempt = 1; ; attempt++) {
      try {
        const { binding, person } = await this.db.transaction((trx) => this.bindLocked(trx, guardianId, accountId, input, check.info, confirmation));
        return this.view(binding, person, now);
      } catch (err) {
        if (attempt < MAX_ATTEMPTS && (isDeadlock(err) || isUniqueViolation(err))) {
          // A little jitter, so binds that collided once do not collide again in step.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
          continue;
        }
        throw err;
      }
    }
  }

  /**
   * The checks and the insert under locks: the guardian's row first, then the relative's, so
   * two binds for the same guardian (R22: the ninth) or the same relative (the fourth guardian)
   * run one after the other and the second counts what the first added.
   */
  private async bindLocked(
    trx: Knex.Transaction,
    guardianId: string,
    accountId: string,
    input: BindInput,
    info: { idNumber: string; birthDate: string; sex: 'male' | 'female'; region: string },
    confirmation: Confirmation,
  ): Promise<{ binding: Binding; person: Resident }> {
    const now = this.clock.now();
    if (!(await this.residents.findByIdForUpdate(guardianId, trx))) throw new NotFoundError('RESIDENT_NOT_FOUND');
    let person = await this.residents.findByIdNumberForUpdate(info.idNumber, trx);
    await this.checkBindable(guardianId, person, input.name, trx);
    if (!person) {
      // First known as this guardian's relative: he may register himself later (R2, R23).
      person = {
        id: newId(now.getTime()),
        codeId: randomToken(16),
        name: input.name,
        idNumber: info.idNumber,
        phone: null,
        birthDate: info.birthDate,
        sex: info.sex,
        region: info.region,
        independent: false,
        createdAt: now,
        updatedAt: now,
      };
      await this.residents.insert(person, trx);
    }
    const binding: Binding = {
      id: newId(now.getTime()),
      guardianId,
      relativeId: person.id,
      relationship: input.relationship ?? null,
      confirmedBy: confirmation.confirmedBy,
      faceCheckProvider: confirmation.provider,
      faceCheckRef: confirmation.reference,
      boundBy: accountId,
      createdAt: now,
    };
    // Under the same transaction as the binding: a check binds once, even when two binds race.
    if (confirmation.consume && !(await confirmation.consume(trx, now))) throw faceCheckRefused('used');
    await this.repo.insert(binding, trx);
    return { binding, person };
  }

  /** Every refusal that depends on who is already known and bound (R22, R23, name). */
  private async checkBindable(guardianId: string, person: Resident | null, name: string, trx: Knex | Knex.Transaction): Promise<void> {
    if (person) {
      if (person.id === guardianId) throw new ValidationError('RELATIVE_IS_SELF', { fields: [{ path: 'idNumber', code: 'INVALID_VALUE' }] });
      // The stored name is never shown: the guardian must know it.
      if (person.name !== name) throw new ValidationError('RELATIVE_NAME_MISMATCH', { params: { hotline: this.hotline }, fields: [{ path: 'name', code: 'INVALID_VALUE' }] });
      if (person.independent) throw new ConflictError('RELATIVE_REGISTERED_INDEPENDENTLY');
      if (await this.repo.find(guardianId, person.id, trx)) throw new ConflictError('RELATIVE_ALREADY_BOUND');
    }
    if ((await this.repo.countForGuardian(guardianId, trx)) >= MAX_RELATIVES_PER_GUARDIAN) {
      throw new ConflictError('RELATIVE_LIMIT_REACHED', { params: { max: MAX_RELATIVES_PER_GUARDIAN } });
    }
    if (person && (await this.repo.countForRelative(person.id, trx)) >= MAX_GUARDIANS_PER_RELATIVE) {
      throw new ConflictError('RELATIVE_GUARDIAN_LIMIT_REACHED', { params: { max: MAX_GUARDIANS_PER_RELATIVE } });
    }
  }

  /**
   * R24: a child under 7 is bound without a face check, and the binding says so; from 7 on,
   * the provider must confirm a passed check for this name and ID number on this account.
   */
  private async confirmIdentity(guardianId: string, accountId: string, input: BindInput, idNumber: string, age: number, now: Date): Promise<Confirmation> {
    if (age < FACE_CHECK_FROM_AGE) return { confirmedBy: 'child-under-7', provider: null, reference: null };
    if (!input.faceCheckToken) {
      throw new ValidationError('RELATIVE_FACE_CHECK_REQUIRED', { params: { age }, fields: [{ path: 'faceCheckToken', code: 'REQUIRED' }] });
    }
    const account = await this.accounts.findById(accountId);
    if (!account) throw new NotFoundError('NOT_FOUND');
    const token = input.faceCheckToken;
    const outcome: FaceCheckOutcome = await this.askProvider(() =>
      this.faceCheck.confirm({ platform: account.platform as Platform, platformUid: account.platformUid, residentId: guardianId, token, name: input.name, idNumber, now }),
    );
    if (outcome.status === 'unsupported') throw new ForbiddenError('RELATIVE_FACE_CHECK_UNSUPPORTED');
    if (outcome.status === 'refused') throw faceCheckRefused(outcome.reason);
    return { confirmedBy: 'face', provider: outcome.provider, reference: outcome.reference.slice(0, 128), consume: outcome.consume };
  }

  /**
   * R24 on platforms whose face check the server starts with the identity to check (Alipay):
   * the same refusals as a bind would meet first, so no check is started (and paid for) that
   * could not lead to a binding. WeChat's check starts in the mini program: told so.
   */
  async startFaceCheck(guardianId: string, accountId: string, input: FaceCheckStartInput): Promise<StartedFaceCheck> {
    const now = this.clock.now();
    const check = checkIdNumber(input.idNumber, now);
    if (!check.ok) throw new ValidationError('RELATIVE_ID_NUMBER_INVALID', { fields: [{ path: 'idNumber', code: check.problem }] });
    const { idNumber, birthDate } = check.info;
    const age = ageOn(birthDate, now);
    if (!relativeAgeAllowed(age)) throw new ValidationError('RELATIVE_AGE_NOT_ALLOWED', { params: { age }, fields: [{ path: 'idNumber', code: 'INVALID_VALUE' }] });
    if (age < FACE_CHECK_FROM_AGE) throw new ValidationError('RELATIVE_FACE_CHECK_NOT_NEEDED', { fields: [{ path: 'idNumber', code: 'INVALID_VALUE' }] });
    await this.checkBindable(guardianId, await this.residents.findByIdNumber(idNumber), input.name, this.db);
    const account = await this.accounts.findById(accountId);
    if (!account) throw new NotFoundError('NOT_FOUND');
    const start = this.faceCheck.start?.bind(this.faceCheck);
    if (!start) throw new ForbiddenError('RELATIVE_FACE_CHECK_UNSUPPORTED');
    const outcome = await this.askProvider(() => start({ platform: account.platform as Platform, platformUid: account.platformUid, residentId: guardianId, name: input.name, idNumber, now }));
    switch (outcome.status) {
      case 'started':
        return { faceCheckId: outcome.faceCheckId, certifyId: outcome.certifyId, certifyUrl: outcome.certifyUrl, expiresAt: outcome.expiresAt };
      case 'in-app':
        throw new BadRequestError('RELATIVE_FACE_CHECK_IN_APP', { extra: { flow: outcome.platform } });
      case 'refused':
        throw new ValidationError('RELATIVE_FACE_CHECK_FAILED', { fields: [{ path: 'idNumber', code: 'INVALID_VALUE' }], extra: { reason: outcome.reason } });
      default:
        throw new ForbiddenError('RELATIVE_FACE_CHECK_UNSUPPORTED');
    }
  }

  /** A provider that cannot be reached, or answers nonsense, is a 503 with Retry-After. */
  private async askProvider<T>(ask: () => Promise<T>): Promise<T> {
    try {
      return await ask();
    } catch (err) {
      if (err instanceof FaceCheckUnavailable) throw new ServiceUnavailableError('RELATIVE_FACE_CHECK_UNAVAILABLE');
      throw err;
    }
  }

  /** The guardian's relatives, in the order he bound them. */
  async list(guardianId: string): Promise<BoundRelative[]> {
    const bindings = await this.repo.listForGuardian(guardianId);
    const people = new Map((await this.residents.findByIds(bindings.map((b) => b.relativeId))).map((p) => [p.id, p]));
    const now = this.clock.now();
    return bindings.filter((b) => people.has(b.relativeId)).map((b) => this.view(b, people.get(b.relativeId)!, now));
  }

  /** One of the guardian's relatives; anyone else's, or nobody, is the same RELATIVE_NOT_FOUND. */
  async get(guardianId: string, relativeId: string): Promise<BoundRelative> {
    const binding = await this.binding(guardianId, relativeId);
    const person = await this.residents.findById(relativeId);
    if (!person) throw new NotFoundError('RELATIVE_NOT_FOUND');
    return this.view(binding, person, this.clock.now());
  }

  /**
   * The relative's resident id, once the caller is known to be his guardian (R26). The binding
   * alone answers it (its foreign key holds the person): one read on every scan for a relative.
   */
  async requireBound(guardianId: string, relativeId: string): Promise<string> {
    return (await this.binding(guardianId, relativeId)).relativeId;
  }

  /** The binding; without one, the same not-found whether the person exists or not (nobody learns who is registered). */
  private async binding(guardianId: string, relativeId: string) {
    const binding = await this.repo.find(guardianId, relativeId);
    if (!binding) throw new NotFoundError('RELATIVE_NOT_FOUND');
    return binding;
  }

  /** R25: only 24 hours after binding; the refusal says how long is left. */
  async unbind(guardianId: string, relativeId: string): Promise<void> {
    const binding = await this.binding(guardianId, relativeId);
    const now = this.clock.now();
    const unbindableAt = this.unbindableAt(binding);
    if (now.getTime() < unbindableAt.getTime()) {
      const minutesLeft = Math.ceil((unbindableAt.getTime() - now.getTime()) / 60_000);
      throw new ConflictError('RELATIVE_UNBIND_TOO_SOON', {
        params: { hours: Math.floor(minutesLeft / 60), minutes: minutesLeft % 60 },
        extra: { unbindableAt: unbindableAt.toISOString() },
      });
    }
    await this.repo.delete(binding.id);
  }

  private unbindableAt(binding: Binding): Date {
    return new Date(binding.createdAt.getTime() + UNBIND_AFTER_HOURS * HOUR);
  }

  private view(binding: Binding, person: Resident, now: Date): BoundRelative {
    return { binding, person, age: ageOn(person.birthDate, now), unbindableAt: this.unbindableAt(binding) };
  }
}

function faceCheckRefused(reason: string): ValidationError {
  return new ValidationError('RELATIVE_FACE_CHECK_FAILED', { fields: [{ path: 'faceCheckToken', code: 'INVALID_VALUE' }], extra: { reason } });
}
