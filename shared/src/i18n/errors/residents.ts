import type { Catalogue } from '../types';

export const residentErrors = {
  SMS_RESEND_TOO_SOON: { zh: '验证码已发送，请 {seconds} 秒后再重新获取', en: 'A code was just sent; you can ask for a new one in {seconds} s' },
  SMS_UNAVAILABLE: { zh: '短信暂时发不出去，请稍后再试', en: 'Text messages cannot be sent right now; please try again shortly' },
  SMS_CODE_NOT_SENT: { zh: '请先获取短信验证码', en: 'Please ask for a text-message code first' },
  SMS_CODE_EXPIRED: { zh: '验证码已过期（5 分钟内有效），请重新获取', en: 'The code has expired (it is valid for 5 minutes); please ask for a new one' },
  SMS_CODE_WRONG: { zh: '验证码不对，还可以再试 {left} 次', en: 'The code is wrong; {left} tries left' },
  SMS_CODE_TOO_MANY_TRIES: { zh: '验证码输错次数过多，请重新获取', en: 'Too many wrong tries; please ask for a new code' },
  ACCOUNT_ALREADY_REGISTERED: { zh: '这个账号已经完成实名登记', en: 'This account has already completed real-name registration' },
  REAL_NAME_MISMATCH_NAME: {
    zh: '填写的姓名与{platform}实名认证的姓名不一致。请按身份证填写本人姓名；如果{platform}上的实名信息有误，请先在{platform}中更正。',
    en: 'The name does not match the real name verified by {platform}. Enter your own name as on your ID card; if {platform} holds a wrong name, correct it there first.',
  },
  REAL_NAME_MISMATCH_ID: {
    zh: '填写的身份证号与{platform}实名认证的证件号不一致。请只为本人登记；为家人申请请使用“亲属码”。',
    en: 'The ID number does not match the one verified by {platform}. Register only yourself; for family members use Family codes.',
  },
  NAME_ID_MISMATCH: {
    zh: '姓名与该身份证号登记的姓名不一致，请核对后重试；如确认无误，请拨打 {hotline} 咨询。',
    en: 'The name does not match the name on record for this ID number. Please check it; if it is right, call {hotline}.',
  },
  ALREADY_REGISTERED_SAME_PLATFORM: {
    zh: '该身份证号已由另一个{platform}账号登记。请用那个账号登录；如果不是您本人操作，请拨打 {hotline}。',
    en: 'This ID number is already registered by another {platform} account. Log in with that account; if you did not do this, call {hotline}.',
  },
  ALREADY_REGISTERED_OTHER_PHONE: {
    zh: '该身份证号已登记，预留手机号为 {phone}。请用该手机号接收验证码以关联本账号；手机号已停用请拨打 {hotline}。',
    en: 'This ID number is already registered with the phone {phone}. Use that phone to receive the code to link this account; if that phone is out of use, call {hotline}.',
  },
  RESIDENT_NOT_FOUND: { zh: '找不到这个人', en: 'No such person' },
} satisfies Catalogue;
