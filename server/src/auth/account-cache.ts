import { boundedCache } from '../lib/bounded-cache';
import type { Invalidations } from '../lib/invalidations';
import type { Account, AccountsRepository } from './accounts.repository';

/**
 * The account behind a session, for a few seconds: it was the one query every authenticated
 * request made (issue 7). A role taken back or a registration made is published on the
 * invalidation channel after its commit and dropped in every process at once; a lost message
 * is bounded by the lifetime. An unknown account is never kept.
 */
export class AccountCache {
  private readonly cache = boundedCache<string, Account>(60_000);

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly invalidations: Invalidations,
    private readonly ttlMs: number,
  ) {
    invalidations.on((m) => {
      if (m.kind === 'account') this.cache.delete(m.accountId);
    });
  }

  async findById(id: string): Promise<Account | null> {
    if (this.ttlMs > 0) {
      const hit = this.cache.get(id);
      if (hit) return hit;
    }
    const account = await this.accounts.findById(id);
    if (account && this.ttlMs > 0) this.cache.set(id, account, { ttl: this.ttlMs });
    return account;
  }

  /** Call after the change has committed, so no reader can cache the old row again. */
  changed(accountId: string): void {
    this.invalidations.publish({ kind: 'account', accountId });
  }
}
