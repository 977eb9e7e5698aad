import type { Knex } from 'knex';
import { newId } from '../lib/ids';
import type { Clock } from '../lib/clock';

export interface AuditEntry {
  actorId: string | null;
  actorRole: string;
  action: string;
  targetType?: string;
  targetId?: string;
  /** Never whole ID or phone numbers: masked values or ids only. */
  details?: Record<string, unknown>;
}

/**
 * The append-only audit log (R33): every official action and every read of another person's
 * data. Written in the caller's transaction when there is one, so the action and its record
 * stand or fall together.
 */
export class AuditLog {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  async write(entry: AuditEntry, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('audit_log').insert({
      id: newId(),
      at: this.clock.now(),
      actor_id: entry.actorId,
      actor_role: entry.actorRole,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    });
  }
}
