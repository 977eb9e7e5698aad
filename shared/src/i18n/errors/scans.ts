import type { Catalogue } from '../types';

/** Scanning a venue code (R15, R16, R17). */
export const scanErrors = {
  VENUE_CODE_INVALID: {
    zh: '这不是有效的场所码，请扫描场所张贴的场所码',
    en: 'This is not a valid venue code: please scan the code posted at the place',
  },
  VENUE_CODE_FORGED: {
    zh: '场所码校验失败，可能是伪造或被篡改的场所码，请向场所工作人员反映',
    en: 'This venue code failed its check: it may be forged or altered; please tell the staff of the place',
  },
  VENUE_REVOKED: {
    zh: '该场所码已被卫健部门停用，请向场所工作人员反映',
    en: 'This venue code has been revoked by the health authority: please tell the staff of the place',
  },
  VENUE_RETIRED: {
    zh: '该场所码已被场所负责人注销，请扫描场所新张贴的场所码',
    en: 'This venue code has been retired by the venue: please scan the new code posted at the place',
  },
  SCAN_REQUEST_ID_REUSED: {
    zh: '该扫码请求编号已用于另一次扫码，请重新扫码',
    en: 'This request id was already used for a different scan: please scan again',
  },
  SCAN_TIME_OUT_OF_RANGE: {
    zh: '扫码时间无效：离线保存的扫码记录须在 24 小时内上传，且不能晚于当前时间',
    en: 'The scan time is not valid: a scan kept offline must be sent within 24 hours, and cannot be in the future',
  },
} satisfies Catalogue;
