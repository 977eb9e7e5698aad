import type { Catalogue } from '../types';

/** Confirmed cases and contact tracing (R31, R32). */
export const tracingErrors = {
  CASE_ALREADY_OPEN: {
    zh: '此人已有未结案的确诊病例记录，请在原病例上继续流调或先结案',
    en: 'This person already has an open confirmed case: continue tracing on that case, or close it first',
  },
  CASE_NOT_FOUND: { zh: '找不到这个病例', en: 'No such case' },
  CASE_ALREADY_CLOSED: { zh: '该病例已经结案', en: 'This case is already closed' },
} satisfies Catalogue;
