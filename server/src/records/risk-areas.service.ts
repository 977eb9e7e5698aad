import type { Knex } from 'knex';
import type { AuditLog } from '../audit/audit';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { AuthState } from '../http/route';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { RiskArea, RiskAreasRepository, RiskLevel } from './risk-areas.repository';

/**
 * Officials maintain medium and high risk areas (R31); residents and the colour rules read
 * them (R4, R30). Each change is audited in its transaction (R33).
 */
export class RiskAreasService {
  constructor(
    private readonly db: Knex,
    private readonly repo: RiskAreasRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    /** A risk area can change anyone's colour (R4): every cached colour is dropped. */
    private readonly colourChangedForEveryone: () => void = () => undefined,
  ) {}

  async create(actor: AuthState, input: { region: string; level: RiskLevel; startsAt: string; endsAt?: string }): Promise<RiskArea> {
    const now = this.clock.now();
    const area: RiskArea = {
      id: newId(now.getTime()),
      region: input.region,
      level: input.level,
      startsAt: new Date(input.startsAt),
      endsAt: input.endsAt ? new Date(input.endsAt) : null,
      createdBy: actor.accountId,
      createdAt: now,
    };
    await this.db.transaction(async (trx) => {
      await this.repo.insert(area, trx);
      await this.audit.write(
        {
          actorId: actor.accountId,
          actorRole: actor.role,
          action: 'risk_area.create',
          targetType: 'risk_area',
          targetId: area.id,
          details: { region: area.region, level: area.level, startsAt: area.startsAt.toISOString(), endsAt: area.endsAt?.toISOString() ?? null },
        },
        trx,
      );
    });
    this.colourChangedForEveryone();
    return area;
  }

  /**
   * Ends an area now or at a given time. An area announced for later and ended before it began
   * is called off: its period becomes empty.
   */
  async end(actor: AuthState, id: string, endsAtInput?: string): Promise<{ area: RiskArea; now: Date }> {
    const ended = await this.db.transaction(async (trx) => {
      const area = await this.repo.findById(id, trx);
      if (!area) throw new NotFoundError('RISK_AREA_NOT_FOUND');
      const now = this.clock.now();
      if (area.endsAt && area.endsAt.getTime() <= now.getTime()) throw new ConflictError('RISK_AREA_ALREADY_ENDED');
      let endsAt = endsAtInput ? new Date(endsAtInput) : now;
      if (endsAt.getTime() < area.startsAt.getTime()) {
        if (endsAtInput) throw new ValidationError('VALIDATION_FAILED', { fields: [{ path: 'endsAt', code: 'DATE_ORDER' }] });
        endsAt = area.startsAt;
      }
      await this.repo.setEnd(id, endsAt, trx);
      await this.audit.write(
        {
          actorId: actor.accountId,
          actorRole: actor.role,
          action: 'risk_area.end',
          targetType: 'risk_area',
          targetId: id,
          details: { region: area.region, level: area.level, endsAt: endsAt.toISOString(), previousEndsAt: area.endsAt?.toISOString() ?? null },
        },
        trx,
      );
      return { area: { ...area, endsAt }, now };
    });
    this.colourChangedForEveryone();
    return ended;
  }

  /** Areas in force now and those announced for later (public: people need to know). */
  currentAndUpcoming(): Promise<{ areas: RiskArea[]; now: Date }> {
    const now = this.clock.now();
    return this.repo.currentAndUpcoming(now).then((areas) => ({ areas, now }));
  }
}
