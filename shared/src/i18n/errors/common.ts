import type { Catalogue } from '../types';

export const commonErrors = {
  VALIDATION_FAILED: { zh: '提交的信息有误，请检查标出的项目', en: 'Some fields are not valid; please check the marked fields' },
  MALFORMED_BODY: { zh: '请求内容无法解析（需要 JSON）', en: 'The request body could not be read (JSON expected)' },
  BODY_TOO_LARGE: { zh: '请求内容过大', en: 'The request body is too large' },
  BODY_TOO_DEEP: { zh: '请求内容嵌套过深（最多 {depth} 层）', en: 'The request body is nested too deeply (at most {depth} levels)' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的内容类型，请使用 application/json', en: 'Unsupported content type; use application/json' },
  NOT_FOUND: { zh: '找不到请求的内容', en: 'The requested resource was not found' },
  ROUTE_NOT_FOUND: { zh: '没有这个接口', en: 'There is no such endpoint' },
  METHOD_NOT_ALLOWED: { zh: '此接口不支持该请求方法', en: 'This endpoint does not support that method' },
  RATE_LIMITED: { zh: '操作太频繁，请 {seconds} 秒后再试', en: 'Too many requests; try again in {seconds} s' },
  SERVICE_UNAVAILABLE: { zh: '服务繁忙，请稍后再试', en: 'The service is busy; please try again shortly' },
  SERVER_BUSY: { zh: '当前使用人数过多，请 {seconds} 秒后再试', en: 'Too many people are using the service right now; try again in {seconds} s' },
  INTERNAL_ERROR: { zh: '系统出了点问题，请稍后再试', en: 'Something went wrong on our side; please try again later' },
} satisfies Catalogue;
