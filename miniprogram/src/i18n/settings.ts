import type { Catalogue } from './types';

/** The settings page: language, elder mode, staff invitations, logout. */
export const settings = {
  'settings.title': { zh: '设置', en: 'Settings' },
  'settings.language': { zh: '语言', en: 'Language' },
  'settings.lang.zh': { zh: '中文', en: '中文 (Chinese)' },
  'settings.lang.en': { zh: 'English（英文）', en: 'English' },
  'settings.elder': { zh: '长辈模式', en: 'Elder mode' },
  'settings.elderHint': { zh: '所有页面使用更大的字和按钮', en: 'Larger type and buttons on every page' },
  'settings.staff': { zh: '工作人员邀请码', en: 'Staff invitation code' },
  'settings.staffHint': {
    zh: '查验人员和卫健工作人员请输入同事发给您的邀请码，本账号将成为对应的工作人员账号。',
    en: 'Checkpoint and health staff: enter the invitation code a colleague gave you; this account then takes up that staff role.',
  },
  'settings.staffCode': { zh: '邀请码', en: 'Invitation code' },
  'settings.staffCodePlaceholder': { zh: '请输入邀请码', en: 'Enter the invitation code' },
  'settings.redeem': { zh: '使用邀请码', en: 'Redeem' },
  'settings.redeemed': { zh: '您已成为{role}：{name}', en: 'You are now {role}: {name}' },
  'settings.currentRole': { zh: '当前身份：{role}', en: 'Current role: {role}' },
  'role.resident': { zh: '居民', en: 'resident' },
  'role.official': { zh: '卫健工作人员', en: 'health official' },
  'role.reviewer': { zh: '审核人员', en: 'reviewer' },
  'role.tracer': { zh: '流调人员', en: 'contact tracer' },
  'role.checkpoint': { zh: '查验人员', en: 'checkpoint staff' },
  'settings.toCheckpoint': { zh: '进入核验模式', en: 'Open checkpoint mode' },
  'settings.logout': { zh: '退出登录', en: 'Log out' },
  'settings.logoutConfirm': { zh: '退出后需要重新登录，本机保存的本人健康码和记录会被清除。确定退出？', en: 'You will need to log in again, and your own code and records kept on this phone are cleared. Log out?' },
  'settings.loggedOut': { zh: '已退出登录', en: 'Logged out' },
} satisfies Catalogue;
