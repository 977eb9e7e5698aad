import type { Knex } from 'knex';
import type { Clock } from '../lib/clock';
import type { DataCrypto } from '../lib/data-crypto';
import { newId, randomToken } from '../lib/ids';
import { ConflictError, ForbiddenError, GoneError, NotFoundError } from '../http/errors';
import type { AuthState, Role } from '../http/route';
import type { AuditLog } from '../audit/audit';
import type { StaffRepository } from './staff.repository';

/** An invitation lives three days: long enough to reach a colleague, short enough to go stale. */
const INVITATION_TTL_MS = 72 * 3600 * 1000;

/**
 * Staff accounts (issue 6 item 4): an official invites a colleague to a role with a one-time
 * code; the colleague redeems it with his own login. Officials list staff and take a role
 * back. Every step is audited (R33).
 */
export class StaffService {
  constructor(
    private readonly db: Knex,
    private readonly repo: StaffRepository,
    private readonly crypto: DataCrypto,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    /** Told after the commit: the account's role changed (its cached copy is stale). */
    private readonly accountChanged: (accountId: string) => void = () => {},
  ) {}

  async invite(actor: AuthState, input: { role: Role; displayName: string }) {
    const now = this.clock.now();
    const code = `inv_${randomToken(18)}`;
    const invitation = {
      id: newId(now.getTime()),
      codeHash: this.crypto.hash('invitation', code),
      role: input.role,
      displayName: input.displayName,
      createdBy: actor.accountId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      redeemedBy: null,
      redeemedAt: null,
    };
    await this.repo.insert(invitation);
    await this.audit.write({ actorId: actor.accountId, actorRole: actor.role, action: 'staff.invite', targetType: 'invitation', targetId: invitation.id, details: { role: input.role, displayName: input.displayName } });
    return { id: invitation.id, code, role: invitation.role, displayName: invitation.displayName, expiresAt: invitation.expiresAt };
  }

  async redeem(actor: AuthState, code: string) {
    const invitation = await this.repo.findByCodeHash(this.crypto.hash('invitation', code));
    if (!invitation) throw new NotFoundError('INVITATION_NOT_FOUND');
    if (invitation.redeemedAt) throw new ConflictError('INVITATION_USED');
    const now = this.clock.now();
    if (invitation.expiresAt.getTime() <= now.getTime()) throw new GoneError('INVITATION_EXPIRED');
    await this.db.transaction(async (trx) => {
      if (!(await this.repo.redeem(invitation, actor.accountId, now, trx))) throw new ConflictError('INVITATION_USED');
      await this.audit.write({ actorId: actor.accountId, actorRole: invitation.role, action: 'staff.redeem', targetType: 'invitation', targetId: invitation.id, details: { role: invitation.role } }, trx);
    });
    this.accountChanged(actor.accountId);
    return { role: invitation.role, displayName: invitation.displayName };
  }

  list() {
    return this.repo.staffAccounts();
  }

  async revoke(actor: AuthState, accountId: string, reason: string): Promise<void> {
    if (accountId === actor.accountId) throw new ForbiddenError('STAFF_SELF_REVOKE');
    await this.db.transaction(async (trx) => {
      if ((await this.repo.setRole(accountId, 'resident', trx)) !== 1) throw new NotFoundError('STAFF_NOT_FOUND');
      await this.audit.write({ actorId: actor.accountId, actorRole: actor.role, action: 'staff.revoke', targetType: 'account', targetId: accountId, details: { reason } }, trx);
    });
    this.accountChanged(accountId);
  }
}
