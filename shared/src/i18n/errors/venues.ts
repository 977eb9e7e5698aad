import type { Catalogue } from '../types';

/**
 * Venue (place) codes: applications, review, posters and categories (R9-R14, R31). The
 * refusals at scan time (VENUE_CODE_INVALID, VENUE_CODE_FORGED, VENUE_REVOKED,
 * VENUE_RETIRED) are in scans.ts.
 */
export const venueErrors = {
  VENUE_NOT_FOUND: {
    zh: '找不到这个场所码申请；请在“我的场所码”中查看您提交的申请',
    en: 'There is no such venue code application; see your applications under "My venue codes"',
  },
  VENUE_APPLICATION_DUPLICATE: {
    zh: '您已为这个场所提交过内容完全相同的申请（审核中或已通过），无需重复提交；如需更正信息，请修改有误的项目后重新申请',
    en: 'You have already applied for this venue with exactly these details (under review or passed); there is no need to apply twice. To correct a mistake, apply again with the corrected details',
  },
  VENUE_ALREADY_REVIEWED: {
    zh: '该申请已审核完毕，不能再次审核；审核通过的场所码不能修改，如有问题请停用该场所码',
    en: 'This application has already been reviewed and cannot be reviewed again; a passed code cannot be changed, only revoked',
  },
  VENUE_CODE_NOT_ACTIVE: {
    zh: '只有审核通过且仍在使用的场所码才能停用或注销；该场所码尚未通过审核，或已被停用、注销',
    en: 'Only a passed code still in use can be revoked or retired; this one has not passed review, or was already revoked or retired',
  },
  VENUE_POSTER_UNAVAILABLE: {
    zh: '只有审核通过且仍在使用的场所码才能下载海报；审核中、未通过、已停用或已注销的申请没有海报',
    en: 'A poster can only be downloaded for a passed code still in use; an application under review, failed, revoked or retired has none',
  },
  VENUE_CATEGORY_NOT_FOUND: {
    zh: '找不到这个场所类别',
    en: 'There is no such venue category',
  },
  VENUE_CATEGORY_EXISTS: {
    zh: '已有名为“{name}”的场所类别，可直接在类别列表中选择',
    en: 'A venue category named "{name}" already exists; pick it from the list',
  },
  VENUE_CATEGORY_REQUEST_PENDING: {
    zh: '您已申请过增加“{name}”类别，卫健部门处理后会在“我的类别申请”中答复，请耐心等待',
    en: 'You have already asked for the category "{name}"; the health authority will answer under "My category requests"',
  },
  VENUE_CATEGORY_REQUEST_NOT_FOUND: {
    zh: '找不到这条类别申请',
    en: 'There is no such category request',
  },
  VENUE_CATEGORY_REQUEST_ANSWERED: {
    zh: '这条类别申请已经答复过，不能再次答复',
    en: 'This category request has already been answered',
  },
} satisfies Catalogue;
