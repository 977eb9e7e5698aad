import { z } from 'zod';

export const staffRoleField = z.enum(['official', 'reviewer', 'tracer', 'checkpoint']);

export const inviteStaffRequest = z.strictObject({
  role: staffRoleField,
  /** How the colleague appears in the console and the audit log (a name or a post). */
  displayName: z.string().trim().min(2).max(64),
});
export const inviteStaffResponse = z.object({
  id: z.string(),
  /** Shown once: hand it to the colleague, who redeems it with his own login. */
  code: z.string(),
  role: staffRoleField,
  displayName: z.string(),
  expiresAt: z.string(),
});
export const redeemInvitationRequest = z.strictObject({ code: z.string().trim().min(8).max(64) });
export const redeemInvitationResponse = z.object({ role: staffRoleField, displayName: z.string() });
export const staffListResponse = z.object({
  staff: z.array(z.object({ id: z.string(), role: staffRoleField, displayName: z.string().nullable(), platform: z.string(), lastLoginAt: z.string().nullable() })),
});
export const revokeStaffRequest = z.strictObject({ reason: z.string().trim().min(4).max(500) });
