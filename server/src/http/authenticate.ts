import type { Context, Next } from 'koa';
import type { Sessions } from '../auth/sessions';
import type { Account } from '../auth/accounts.repository';

/**
 * Reads `Authorization: Bearer <session>` and, when valid, sets ctx.state.auth from the
 * account as stored now (through the account cache, which every role change and registration
 * clears: a role taken away or a registration made takes effect at once).
 * Routes decide whether a caller is required; a bad token is remembered to explain a 401.
 */
export function authenticate(sessions: Sessions, accounts: { findById(id: string): Promise<Account | null> }) {
  return async function authenticateMiddleware(ctx: Context, next: Next): Promise<void> {
    const header = ctx.get('authorization');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match && !match[1].startsWith('inst_')) {
      const claims = sessions.verify(match[1]);
      if ('refused' in claims) {
        ctx.state.authError = claims.refused;
      } else {
        const account = await accounts.findById(claims.sub);
        if (account) {
          ctx.state.auth = { accountId: account.id, role: account.role, residentId: account.residentId, platform: account.platform };
        } else {
          ctx.state.authError = 'SESSION_INVALID';
        }
      }
    }
    await next();
  };
}
