import type { Catalogue } from '../types';

/** Family codes: binding relatives and acting for them (R21-R26). */
export const relativeErrors = {
  RELATIVE_ID_NUMBER_INVALID: {
    zh: '亲属的身份证号无效，请对照证件逐位核对（具体原因见标出的项目）',
    en: "The relative's ID number is not valid; check it digit by digit against the ID card (the marked field says why)",
  },
  RELATIVE_AGE_NOT_ALLOWED: {
    zh: '亲属码只能为 16 周岁及以下的儿童或 60 周岁及以上的老人申领；该身份证号对应 {age} 周岁，请本人自行实名登记',
    en: 'Family codes are only for children aged 16 or under and people aged 60 or over; this ID number is {age} years old, so the person should register by themselves',
  },
  RELATIVE_IS_SELF: {
    zh: '不能把自己添加为亲属；本人的健康码请在首页查看',
    en: 'You cannot add yourself as a relative; your own code is on the home page',
  },
  RELATIVE_REGISTERED_INDEPENDENTLY: {
    zh: '此人已用自己的微信或支付宝完成实名登记，不能再被添加为亲属；请让其在自己的手机上出示健康码',
    en: 'This person has registered with their own WeChat or Alipay account and cannot be added as a relative; they show their code on their own phone',
  },
  RELATIVE_ALREADY_BOUND: {
    zh: '您已经添加过这位亲属，可在亲属列表中切换查看',
    en: 'You have already added this relative; switch to them from your list of relatives',
  },
  RELATIVE_NAME_MISMATCH: {
    zh: '姓名与该身份证号登记的姓名不一致，请按证件核对姓名；如确认无误，请拨打 {hotline} 咨询',
    en: 'The name does not match the name on record for this ID number; check it against the ID card, and if it is right, call {hotline}',
  },
  RELATIVE_LIMIT_REACHED: {
    zh: '每个账号最多添加 {max} 位亲属；请先解除一位亲属的绑定',
    en: 'An account can add at most {max} relatives; remove one first',
  },
  RELATIVE_GUARDIAN_LIMIT_REACHED: {
    zh: '这位亲属已被 {max} 个账号绑定，已达上限；请其他家人先解除绑定',
    en: 'This relative is already bound by {max} accounts, the most allowed; another family member must remove their binding first',
  },
  RELATIVE_FACE_CHECK_REQUIRED: {
    zh: '为 7 周岁及以上的亲属申领亲属码，需要先用您的手机对亲属本人进行人脸核验',
    en: 'A relative aged 7 or over must first pass a face check with your phone',
  },
  RELATIVE_FACE_CHECK_FAILED: {
    zh: '人脸核验未通过或已失效，请让亲属本人面对手机重新核验（核验须与填写的姓名和身份证号一致）',
    en: 'The face check did not pass or has expired; have the relative face the phone and try again (it must be for the name and ID number entered)',
  },
  RELATIVE_FACE_CHECK_UNSUPPORTED: {
    zh: '当前登录平台暂不支持为亲属进行人脸核验；7 周岁及以上的亲属请在微信或支付宝小程序中添加',
    en: 'This login platform cannot run a face check for a relative yet; add relatives aged 7 or over in the WeChat or Alipay mini program',
  },
  RELATIVE_FACE_CHECK_IN_APP: {
    zh: '微信中的人脸核验直接在小程序内发起，无需此步骤；核验通过后，添加亲属时提交核验结果即可',
    en: 'In WeChat the face check is started in the mini program itself, without this step; send its result when adding the relative',
  },
  RELATIVE_FACE_CHECK_NOT_NEEDED: {
    zh: '7 周岁以下的儿童无需人脸核验，可直接添加',
    en: 'A child under 7 needs no face check and can be added directly',
  },
  RELATIVE_FACE_CHECK_UNAVAILABLE: {
    zh: '人脸核验服务暂时无法连接，请稍后再试',
    en: 'The face check service cannot be reached right now; please try again shortly',
  },
  RELATIVE_UNBIND_TOO_SOON: {
    zh: '绑定满 24 小时后才能解除，还需等待 {hours} 小时 {minutes} 分钟',
    en: 'A binding can be removed 24 hours after it was made: {hours} h {minutes} min to go',
  },
  RELATIVE_NOT_FOUND: { zh: '您的亲属列表中没有这个人', en: 'There is no such person among your relatives' },
} satisfies Catalogue;
