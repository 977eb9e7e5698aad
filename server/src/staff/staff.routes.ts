import { z } from 'zod';
import { inviteStaffRequest, inviteStaffResponse, redeemInvitationRequest, redeemInvitationResponse, revokeStaffRequest, staffListResponse } from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import type { Services } from '../services';

const accountParam = z.object({ id: z.string().min(1).max(64) });

export function staffRoutes(s: Services): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/officials/staff/invitations',
      summary: 'Invite a colleague to a staff role: a one-time code, valid 3 days (audited)',
      tag: 'officials',
      access: ['official'],
      body: inviteStaffRequest,
      response: inviteStaffResponse,
      status: 201,
      async handler(ctx, { auth, body }) {
        const made = await s.staff.invite(auth, body);
        ctx.set('Cache-Control', 'no-store');
        return { ...made, expiresAt: made.expiresAt.toISOString() };
      },
    }),
    route({
      method: 'post',
      path: '/staff/redeem',
      summary: 'Take up a staff role with an invitation code, on one’s own login (audited)',
      tag: 'auth',
      access: 'account',
      body: redeemInvitationRequest,
      response: redeemInvitationResponse,
      errors: ['INVITATION_NOT_FOUND', 'INVITATION_USED', 'INVITATION_EXPIRED'],
      async handler(_ctx, { auth, body }) {
        return s.staff.redeem(auth, body.code);
      },
    }),
    route({
      method: 'get',
      path: '/officials/staff',
      summary: 'Staff accounts and their roles',
      tag: 'officials',
      access: ['official'],
      response: staffListResponse,
      async handler() {
        return { staff: (await s.staff.list()).map((x) => ({ ...x, lastLoginAt: x.lastLoginAt?.toISOString() ?? null })) };
      },
    }),
    route({
      method: 'post',
      path: '/officials/staff/:id/revoke',
      summary: 'Take a staff role back: the account is a resident account again (audited)',
      tag: 'officials',
      access: ['official'],
      params: accountParam,
      body: revokeStaffRequest,
      errors: ['STAFF_NOT_FOUND', 'STAFF_SELF_REVOKE'],
      async handler(_ctx, { auth, params, body }) {
        await s.staff.revoke(auth, params.id, body.reason);
      },
    }),
  ];
}
