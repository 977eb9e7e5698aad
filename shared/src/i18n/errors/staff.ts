import type { Catalogue } from '../types';

/** Staff accounts: invitations to a role, and taking a role back. */
export const staffErrors = {
  INVITATION_NOT_FOUND: { zh: '邀请码无效，请向邀请您的工作人员核对', en: 'This invitation code is not valid: check it with the official who invited you' },
  INVITATION_USED: { zh: '该邀请码已经使用过', en: 'This invitation code has already been used' },
  INVITATION_EXPIRED: { zh: '邀请码已过期（有效期 3 天），请重新申请', en: 'This invitation code has expired (codes last 3 days): ask for a new one' },
  STAFF_NOT_FOUND: { zh: '找不到这个工作人员账号', en: 'No such staff account' },
  STAFF_SELF_REVOKE: { zh: '不能撤销自己的工作人员身份', en: 'You cannot take away your own staff role' },
} satisfies Catalogue;
