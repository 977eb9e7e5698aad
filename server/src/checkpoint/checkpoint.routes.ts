import { verifyCodeRequest, verifyCodeResponse } from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import type { Services } from '../services';

export function checkpointRoutes(s: Services): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/checkpoint/verify',
      summary: 'Verify a scanned personal code online: the current colour wins (R8, audited)',
      tag: 'checkpoint',
      access: ['checkpoint', 'official'],
      limit: 'verify',
      body: verifyCodeRequest,
      response: verifyCodeResponse,
      errors: [
        'CODE_MALFORMED', 'CODE_ALG_NOT_ALLOWED', 'CODE_UNKNOWN_KEY', 'CODE_KEY_REVOKED', 'CODE_SIGNATURE_INVALID',
        'CODE_PROOF_INVALID', 'CODE_CREDENTIAL_EXPIRED', 'CODE_EXPIRED', 'CODE_NOT_YET_VALID', 'CODE_OFFLINE_EXPIRED', 'CODE_REPLAYED', 'CODE_HOLDER_UNKNOWN',
      ],
      async handler(_ctx, { auth, body }) {
        return s.checkpoint.verify(auth, body.code);
      },
    }),
  ];
}
