import type { Context, Next } from 'koa';
import type { InstitutionsService } from './institutions.service';

/**
 * Reads `Authorization: Bearer inst_<keyId>.<secret>` (institution API credentials, R28, R29)
 * and, when valid, sets ctx.state.institution. Like session tokens, a bad key only explains a
 * 401 on the routes that need an institution; session tokens are left to `authenticate`.
 */
export function institutionAuth(institutions: InstitutionsService) {
  return async function institutionAuthMiddleware(ctx: Context, next: Next): Promise<void> {
    const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
    if (match && match[1].startsWith('inst_')) {
      const institution = await institutions.authenticate(match[1]);
      if (institution) ctx.state.institution = institution;
      else ctx.state.institutionAuthError = 'INSTITUTION_AUTH_INVALID';
    }
    await next();
  };
}
