import type { Catalogue } from './types';

/** Login and real-name registration (R1-R3). */
export const account = {
  'login.title': { zh: '实名注册', en: 'Register with your real name' },
  'login.intro': { zh: '申领健康码需要实名认证。身份证号和手机号加密保存，只显示部分号码。', en: 'A health code needs your real name. ID and phone numbers are stored encrypted and only ever shown in part.' },
  'login.h5User': { zh: '浏览器用户名（开发环境）', en: 'Browser user id (development)' },
  'login.h5Login': { zh: '登录', en: 'Log in' },
  'login.loggedInAs': { zh: '当前登录：{id}', en: 'Logged in as {id}' },
  'login.switchUser': { zh: '切换用户', en: 'Switch user' },
  'login.name': { zh: '姓名', en: 'Full name' },
  'login.idNumber': { zh: '身份证号', en: 'ID number' },
  'login.phone': { zh: '手机号', en: 'Mobile number' },
  'login.smsCode': { zh: '短信验证码', en: 'SMS code' },
  'login.sendCode': { zh: '获取验证码', en: 'Send code' },
  'login.resendIn': { zh: '{s} 秒后重发', en: 'Resend in {s} s' },
  'login.sent': { zh: '验证码已发送', en: 'Code sent' },
  'login.submit': { zh: '提交注册', en: 'Register' },
  'login.done': { zh: '注册成功', en: 'Registered' },
  'login.linked': { zh: '已关联到您已有的实名信息', en: 'Linked to your existing registration' },
  'login.devCode': { zh: '开发环境验证码：{code}', en: 'Development code: {code}' },
} satisfies Catalogue;
