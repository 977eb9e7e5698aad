import type { Catalogue } from '../types';

/** Colour appeals (the correction interface of GB/T 38963). */
export const appealErrors = {
  APPEAL_NOTHING_TO_APPEAL: {
    zh: '当前为绿码，无需申诉',
    en: 'The code is green: there is nothing to appeal',
  },
  APPEAL_ALREADY_OPEN: {
    zh: '已有一项申诉正在处理中，请等待答复后再提交',
    en: 'An appeal is already being handled: wait for its answer before filing another',
  },
  APPEAL_NOT_FOUND: { zh: '找不到这项申诉', en: 'No such appeal' },
  APPEAL_ALREADY_ANSWERED: {
    zh: '这项申诉已经答复过了',
    en: 'This appeal has already been answered',
  },
  APPEAL_EVIDENCE_NOT_FOUND: { zh: '这项申诉没有附上证明材料', en: 'This appeal has no evidence attached' },
} satisfies Catalogue;
