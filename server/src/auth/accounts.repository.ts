import type { Knex } from 'knex';
import { toDate } from '../db/dialect';
import type { Role } from '../http/route';

export interface Account {
  id: string;
  platform: string;
  platformUid: string;
  residentId: string | null;
  role: Role;
  displayName: string | null;
  createdAt: Date;
}

function fromRow(row: Record<string, unknown>): Account {
  return {
    id: row.id as string,
    platform: row.platform as string,
    platformUid: row.platform_uid as string,
    residentId: (row.resident_id as string | null) ?? null,
    role: row.role as Role,
    displayName: (row.display_name as string | null) ?? null,
    createdAt: toDate(row.created_at),
  };
}

export class AccountsRepository {
  constructor(private readonly db: Knex) {}

  async findById(id: string): Promise<Account | null> {
    const row = await this.db('accounts').where({ id }).first();
    return row ? fromRow(row) : null;
  }

  async findByPlatform(platform: string, platformUid: string): Promise<Account | null> {
    const row = await this.db('accounts').where({ platform, platform_uid: platformUid }).first();
    return row ? fromRow(row) : null;
  }

  async findByResident(residentId: string, trx: Knex | Knex.Transaction = this.db): Promise<Account[]> {
    const rows = await trx('accounts').where({ resident_id: residentId });
    return rows.map(fromRow);
  }

  async insert(account: Account, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('accounts').insert({
      id: account.id,
      platform: account.platform,
      platform_uid: account.platformUid,
      resident_id: account.residentId,
      role: account.role,
      display_name: account.displayName,
      created_at: account.createdAt,
      last_login_at: account.createdAt,
    });
  }

  /** Records the login, and the hashes of the real-name record the platform shared (R3). */
  async touchLogin(id: string, at: Date, realName: { nameHash: string; idHash: string } | null): Promise<void> {
    await this.db('accounts')
      .where({ id })
      .update({ last_login_at: at, platform_name_hash: realName?.nameHash ?? null, platform_id_hash: realName?.idHash ?? null });
  }

  async platformRealName(id: string): Promise<{ nameHash: string; idHash: string } | null> {
    const row = await this.db('accounts').where({ id }).first('platform_name_hash', 'platform_id_hash');
    return row?.platform_name_hash && row?.platform_id_hash ? { nameHash: row.platform_name_hash, idHash: row.platform_id_hash } : null;
  }

  async linkResident(id: string, residentId: string, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('accounts').where({ id }).update({ resident_id: residentId });
  }

  async setRole(id: string, role: Role, displayName: string | null): Promise<void> {
    await this.db('accounts').where({ id }).update({ role, display_name: displayName });
  }
}
