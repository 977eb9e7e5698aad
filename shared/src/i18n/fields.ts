import { format, type Catalogue, type Lang, type Params } from './types';

/** Messages for one field at fault, keyed by the stable code in `details.fields[].code`. */
export const fieldMessages = {
  REQUIRED: { zh: '必填', en: 'Required' },
  INVALID_TYPE: { zh: '格式不对（应为{expected}）', en: 'Wrong type (expected {expected})' },
  INVALID_VALUE: { zh: '取值无效', en: 'Not a valid value' },
  TOO_SHORT: { zh: '太短（至少 {minimum}）', en: 'Too short (at least {minimum})' },
  TOO_LONG: { zh: '太长（至多 {maximum}）', en: 'Too long (at most {maximum})' },
  TOO_SMALL: { zh: '太小（至少 {minimum}）', en: 'Too small (at least {minimum})' },
  TOO_BIG: { zh: '太大（至多 {maximum}）', en: 'Too big (at most {maximum})' },
  UNKNOWN_FIELD: { zh: '不认识的字段', en: 'Unknown field' },
  INVALID_FORMAT: { zh: '格式不对', en: 'Wrong format' },
  INVALID_DATE: { zh: '不是有效的时间', en: 'Not a valid date or time' },
  ID_NUMBER_FORMAT: { zh: '身份证号应为 18 位（最后一位可以是 X）', en: 'An ID number has 18 characters (the last may be X)' },
  ID_NUMBER_REGION: { zh: '身份证号的地区码不存在', en: 'The region part of the ID number does not exist' },
  ID_NUMBER_BIRTH_DATE: { zh: '身份证号中的出生日期无效', en: 'The birth date in the ID number is not valid' },
  ID_NUMBER_CHECKSUM: { zh: '身份证号校验位不对，请核对每一位', en: 'The ID number check character is wrong; please check each digit' },
  USCC_FORMAT: { zh: '统一社会信用代码应为 18 位数字或大写字母', en: 'A social credit code has 18 digits or capital letters' },
  USCC_CHECKSUM: { zh: '统一社会信用代码校验位不对', en: 'The social credit code check character is wrong' },
  PHONE_FORMAT: { zh: '请填写 11 位手机号', en: 'Enter an 11-digit mobile number' },
  NAME_FORMAT: { zh: '请填写证件上的姓名', en: 'Enter the name as on the ID card' },
  SMS_CODE_FORMAT: { zh: '验证码为 6 位数字', en: 'The code has 6 digits' },
  REGION_FORMAT: { zh: '地区码为 6 位数字', en: 'A region code has 6 digits' },
  TEMPERATURE_RANGE: { zh: '体温应在 34.0 到 43.0 ℃ 之间', en: 'Temperature must be between 34.0 and 43.0 °C' },
  DATE_ORDER: { zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  FUTURE_TIME: { zh: '时间不能晚于现在', en: 'The time cannot be in the future' },
  DUPLICATE_IN_BATCH: { zh: '同一批次中记录编号重复', en: 'The record id appears twice in this batch' },
  RECORD_ID_FORMAT: { zh: '记录编号应为 1 到 64 个可见的英文字符', en: 'A record id has 1 to 64 printable ASCII characters' },
  RECORD_ID_REUSED: { zh: '该记录编号已用于内容不同的记录；更正记录请使用新的编号', en: 'This record id was already used for a record with different content; send a correction under a new record id' },
  NAME_ID_MISMATCH: { zh: '姓名与该身份证号登记的姓名不一致', en: 'The name does not match the name on record for this ID number' },
  REPORTED_BEFORE_SAMPLED: { zh: '报告时间不能早于采样时间', en: 'The report time cannot be before the sampling time' },
  TRIP_TOO_OLD: { zh: '只需申报最近 {days} 天内的行程', en: 'Declare only trips within the last {days} days' },
  DEVICE_KEY_FORMAT: { zh: '设备公钥应为 Ed25519 公钥（base64url，43 个字符）', en: 'The device key must be an Ed25519 public key (base64url, 43 characters)' },
  CLIENT_REQUEST_ID_FORMAT: { zh: '请求编号应为 8 到 64 位字母、数字、- 或 _', en: 'A request id has 8 to 64 letters, digits, - or _' },
  EVIDENCE_FORMAT: { zh: '证明材料应为 PNG 或 JPEG 图片（base64）', en: 'Evidence must be a PNG or JPEG image (base64)' },
  EVIDENCE_TOO_LARGE: { zh: '图片不能超过 1 MB', en: 'The image must be at most 1 MB' },
  DUPLICATE_VALUE: { zh: '有重复的选项', en: 'A value appears twice' },
  PERSON_ONE_OF: { zh: '请填写居民编号或身份证号，二者选一', en: 'Give either the resident id or the ID number, one of the two' },
  VENUE_CATEGORY_UNKNOWN: { zh: '没有这个场所类别（或已停用），请从类别列表中选择；列表中没有的可申请增加', en: 'No such venue category (or it is no longer used); pick one from the list, or ask for a missing one' },
  PLATE_FORMAT: { zh: '流动场所请填写车牌号或船舶编号（3 到 16 位字母、数字或汉字）', en: 'For a mobile venue, enter the plate or vessel number (3 to 16 letters, digits or Chinese characters)' },
  REGION_UNKNOWN: { zh: '没有这个行政区划代码，请填写场所所在区县的 6 位代码', en: 'There is no such division code; enter the 6-digit code of the venue’s district or county' },
} satisfies Catalogue;

export type FieldCode = keyof typeof fieldMessages;

export function fieldMessage(code: string, lang: Lang, params?: Params): string {
  const message = (fieldMessages as Catalogue)[code] ?? fieldMessages.INVALID_VALUE;
  return format(message, lang, params);
}
