import type { Knex } from 'knex';
import type { Colour } from '@health-code/shared';
import { maskIdNumber, maskName } from '@health-code/shared';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import { NotFoundError, ValidationError } from '../http/errors';
import type { AuthState } from '../http/route';
import type { AuditLog } from '../audit/audit';
import type { ResidentsRepository, Resident } from '../residents/residents.repository';
import type { OverridesRepository } from './overrides.repository';
import type { ColourService } from './colour.service';

/**
 * What officials do to a person's colour (R31) and how they find the person, each step
 * written to the audit log (R33) in the same transaction as the change it records.
 */
export class ColourAdminService {
  constructor(
    private readonly db: Knex,
    private readonly residents: ResidentsRepository,
    private readonly overrides: OverridesRepository,
    private readonly colour: ColourService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Finds a person by ID number; the lookup itself is a view of personal data, so it is audited. */
  async lookup(actor: AuthState, idNumber: string) {
    const resident = await this.residents.findByIdNumber(idNumber);
    await this.audit.write({
      actorId: actor.accountId,
      actorRole: actor.role,
      action: 'resident.lookup',
      targetType: 'resident',
      targetId: resident?.id,
      details: { idNumber: maskIdNumber(idNumber), found: Boolean(resident) },
    });
    if (!resident) throw new NotFoundError('RESIDENT_NOT_FOUND');
    return this.view(resident);
  }

  async colourOf(actor: AuthState, residentId: string) {
    const resident = await this.mustFind(residentId);
    await this.audit.write({ actorId: actor.accountId, actorRole: actor.role, action: 'resident.colour.view', targetType: 'resident', targetId: resident.id });
    return this.view(resident);
  }

  async override(actor: AuthState, residentId: string, input: { colour: Colour; reason: string; expiresAt?: string }) {
    const resident = await this.mustFind(residentId);
    const now = this.clock.now();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime()) {
      throw new ValidationError('VALIDATION_FAILED', { fields: [{ path: 'expiresAt', code: 'INVALID_DATE' }] });
    }
    const before = await this.colour.current(resident.id);
    await this.db.transaction(async (trx) => {
      await this.overrides.clear(resident.id, actor.accountId, now, trx);
      await this.overrides.insert(
        { id: newId(now.getTime()), residentId: resident.id, colour: input.colour, reason: input.reason, officialId: actor.accountId, createdAt: now, expiresAt, clearedAt: null },
        trx,
      );
      await this.audit.write(
        {
          actorId: actor.accountId,
          actorRole: actor.role,
          action: 'colour.override',
          targetType: 'resident',
          targetId: resident.id,
          details: { from: before.colour, to: input.colour, reason: input.reason, expiresAt: expiresAt?.toISOString() ?? null },
        },
        trx,
      );
    });
    this.colour.changed(resident.id);
    return this.view(resident);
  }

  async clear(actor: AuthState, residentId: string, reason: string) {
    const resident = await this.mustFind(residentId);
    const now = this.clock.now();
    await this.db.transaction(async (trx) => {
      const cleared = await this.overrides.clear(resident.id, actor.accountId, now, trx);
      await this.audit.write(
        { actorId: actor.accountId, actorRole: actor.role, action: 'colour.override.clear', targetType: 'resident', targetId: resident.id, details: { reason, cleared } },
        trx,
      );
    });
    this.colour.changed(resident.id);
    return this.view(resident);
  }

  private async mustFind(id: string): Promise<Resident> {
    const resident = await this.residents.findById(id);
    if (!resident) throw new NotFoundError('RESIDENT_NOT_FOUND');
    return resident;
  }

  private async view(resident: Resident) {
    const colour = await this.colour.current(resident.id);
    const override = await this.overrides.current(resident.id, this.clock.now());
    return {
      resident: { id: resident.id, name: maskName(resident.name), idNumber: maskIdNumber(resident.idNumber), birthDate: resident.birthDate, region: resident.region },
      colour,
      override: override ? { colour: override.colour, reason: override.reason, createdAt: override.createdAt.toISOString(), expiresAt: override.expiresAt?.toISOString() ?? null } : null,
    };
  }
}
