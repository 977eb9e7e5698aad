import type { Catalogue } from '../types';

/** Institutions, uploaded records, declarations and risk areas (R28, R29, R31, R36). */
export const recordErrors = {
  INSTITUTION_NOT_FOUND: { zh: '找不到这个机构', en: 'No such institution' },
  INSTITUTION_ALREADY_REVOKED: { zh: '该机构的接口凭证已经吊销', en: "This institution's API credentials are already revoked" },
  INSTITUTION_KIND_FORBIDDEN: {
    zh: '本机构不能上传此类记录：检测机构只上传核酸检测结果，接种单位只上传疫苗接种记录',
    en: 'This institution cannot upload this kind of record: testing institutions upload test results, vaccination units upload vaccinations',
  },
  RISK_AREA_NOT_FOUND: { zh: '找不到这个风险地区', en: 'No such risk area' },
  RISK_AREA_ALREADY_ENDED: { zh: '该风险地区已经解除', en: 'This risk area has already ended' },
} satisfies Catalogue;
