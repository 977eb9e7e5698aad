import type { Knex } from 'knex';
import { newId } from '../lib/ids';
import { fromJson, isDeadlock, isUnavailable, toDate } from '../db/dialect';
import { GroupCommit } from '../lib/group-commit';
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
 * stand or fall together. Alone, it goes through a group commit: a checkpoint's verifications
 * (one record each) are written together under load, each answered only once its row committed.
 */
export class AuditLog {
  private readonly alone: GroupCommit<Record<string, unknown>>;

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {
    const insert = (rows: Record<string, unknown> | Array<Record<string, unknown>>) => this.db('audit_log').insert(rows).then(() => undefined);
    this.alone = new GroupCommit(insert, insert, { maxConcurrent: 2, maxRows: 500, unavailable: isUnavailable, retry: isDeadlock });
  }

  async write(entry: AuditEntry, trx?: Knex | Knex.Transaction): Promise<void> {
    const row = {
      id: newId(),
      at: this.clock.now(),
      actor_id: entry.actorId,
      actor_role: entry.actorRole,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    };
    if (trx) await trx('audit_log').insert(row);
    else await this.alone.add(row);
  }

  /** Lets the records still being written finish: for a graceful shutdown. */
  drain(): Promise<void> {
    return this.alone.drain();
  }
}

export interface AuditQuery {
  actorId?: string;
  targetId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export interface AuditRecord {
  id: string;
  at: Date;
  actorId: string | null;
  actorRole: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

/** Reads the log, newest first, for officials (R33). There is no write path but `write`. */
export class AuditReader {
  constructor(private readonly db: Knex) {}

  async search(q: AuditQuery): Promise<{ total: number; records: AuditRecord[] }> {
    const where = (qb: Knex.QueryBuilder) => {
      if (q.actorId) qb.where('actor_id', q.actorId);
      if (q.targetId) qb.where('target_id', q.targetId);
      // An action prefix: 'colour.' finds overrides and their clearing.
      // SUBSTR reads the same on SQLite and MySQL; LIKE's escaping does not.
      if (q.action) qb.whereRaw('substr(action, 1, ?) = ?', [q.action.length, q.action]);
      if (q.from) qb.where('at', '>=', q.from);
      if (q.to) qb.where('at', '<', q.to);
    };
    const [rows, count] = await Promise.all([
      this.db('audit_log').modify(where).orderBy('at', 'desc').orderBy('id', 'desc').offset((q.page - 1) * q.pageSize).limit(q.pageSize),
      this.db('audit_log').modify(where).count({ n: '*' }).first(),
    ]);
    return {
      total: Number(count?.n ?? 0),
      records: rows.map((r: Record<string, unknown>) => ({
        id: r.id as string,
        at: toDate(r.at),
        actorId: (r.actor_id as string | null) ?? null,
        actorRole: r.actor_role as string,
        action: r.action as string,
        targetType: (r.target_type as string | null) ?? null,
        targetId: (r.target_id as string | null) ?? null,
        details: fromJson<Record<string, unknown>>(r.details, {}),
      })),
    };
  }
}
