import type { Catalogue } from '../types';

export const authErrors = {
  AUTH_REQUIRED: { zh: '请先登录', en: 'Please log in first' },
  SESSION_EXPIRED: { zh: '登录已过期，请重新进入小程序', en: 'Your session has expired; please open the app again' },
  SESSION_INVALID: { zh: '登录凭证无效，请重新登录', en: 'The login token is not valid; please log in again' },
  REGISTRATION_REQUIRED: { zh: '请先完成实名登记', en: 'Please complete real-name registration first' },
  ROLE_FORBIDDEN: { zh: '您的账号无权进行此操作', en: 'Your account is not allowed to do this' },
  INSTITUTION_AUTH_REQUIRED: { zh: '需要机构接口凭证', en: 'Institution API credentials are required' },
  INSTITUTION_AUTH_INVALID: { zh: '机构接口凭证无效或已吊销', en: 'The institution API credentials are not valid or were revoked' },
  LOGIN_PLATFORM_UNSUPPORTED: { zh: '不支持该登录平台', en: 'This login platform is not supported' },
  LOGIN_CODE_REFUSED: { zh: '登录失败：平台拒绝了登录凭证，请重新打开小程序', en: 'Login failed: the platform refused the login code; please reopen the app' },
  LOGIN_PLATFORM_UNAVAILABLE: { zh: '暂时无法连接{platform}，请稍后再试', en: 'Cannot reach {platform} right now; please try again shortly' },
} satisfies Catalogue;
