import type { Knex } from 'knex';
import { toDate, toDateOrNull } from '../db/dialect';
import type { Role } from '../http/route';

export interface Invitation {
  id: string;
  codeHash: string;
  role: Role;
  displayName: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  redeemedBy: string | null;
  redeemedAt: Date | null;
}

function fromRow(row: Record<string, unknown>): Invitation {
  return {
    id: row.id as string,
    codeHash: row.code_hash as string,
    role: row.role as Role,
    displayName: row.display_name as string,
    createdBy: row.created_by as string,
    createdAt: toDate(row.created_at),
    expiresAt: toDate(row.expires_at),
    redeemedBy: (row.redeemed_by as string | null) ?? null,
    redeemedAt: toDateOrNull(row.redeemed_at),
  };
}

/** Staff invitations and the staff accounts they made. */
export class StaffRepository {
  constructor(private readonly db: Knex) {}

  async insert(i: Invitation): Promise<void> {
    await this.db('staff_invitations').insert({
      id: i.id,
      code_hash: i.codeHash,
      role: i.role,
      display_name: i.displayName,
      created_by: i.createdBy,
      created_at: i.createdAt,
      expires_at: i.expiresAt,
    });
  }

  async findByCodeHash(codeHash: string): Promise<Invitation | null> {
    const row = await this.db('staff_invitations').where({ code_hash: codeHash }).first();
    return row ? fromRow(row) : null;
  }

  /** Marks the invitation used by `accountId` and gives the account its role, in one go; false if it was used meanwhile. */
  async redeem(i: Invitation, accountId: string, at: Date, trx: Knex.Transaction): Promise<boolean> {
    const n = await trx('staff_invitations').where({ id: i.id }).whereNull('redeemed_at').update({ redeemed_by: accountId, redeemed_at: at });
    if (Number(n) !== 1) return false;
    await trx('accounts').where({ id: accountId }).update({ role: i.role, display_name: i.displayName });
    return true;
  }

  async staffAccounts(): Promise<Array<{ id: string; role: Role; displayName: string | null; platform: string; lastLoginAt: Date | null }>> {
    const rows = await this.db('accounts').whereNot({ role: 'resident' }).orderBy('role').orderBy('display_name').limit(500).select('id', 'role', 'display_name', 'platform', 'last_login_at');
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id as string,
      role: r.role as Role,
      displayName: (r.display_name as string | null) ?? null,
      platform: r.platform as string,
      lastLoginAt: toDateOrNull(r.last_login_at),
    }));
  }

  async setRole(accountId: string, role: Role, trx: Knex.Transaction): Promise<number> {
    return Number(await trx('accounts').where({ id: accountId }).whereNot({ role: 'resident' }).update({ role }));
  }
}
