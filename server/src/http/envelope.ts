import type { Context, Next } from 'koa';
import { errorMessage, fieldMessage, pickLang } from '@health-code/shared';
import { isUnavailable } from '../db/dialect';
import {
  AppError,
  BadRequestError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
  statusOf,
} from './errors';
import type { Logger } from '../lib/logger';

/**
 * The one error envelope. Every failure leaves as `{ error: { code, message, details } }` in
 * the caller's language; a database that is away answers 503 with Retry-After; anything
 * unexpected is logged (never with the request body) and answers a plain 500 with no stack.
 */
export function errorEnvelope(logger: Logger) {
  return async function envelope(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new NotFoundError('ROUTE_NOT_FOUND');
    } catch (caught) {
      const err = toAppError(caught);
      const status = err ? statusOf(err) : 500;
      if (!err) {
        logger.error({ err: caught, method: ctx.method, path: ctx.path, requestId: ctx.state.requestId }, 'unhandled error');
      }
      const lang = pickLang(ctx.get('accept-language'));
      const code = err?.code ?? 'INTERNAL_ERROR';
      const options = err?.options ?? {};
      const fields = options.fields?.map((f) => ({ path: f.path, code: f.code, message: fieldMessage(f.code, lang, f.params) }));
      ctx.status = status;
      if (status === 503) ctx.set('Retry-After', '5');
      for (const [k, v] of Object.entries(options.headers ?? {})) ctx.set(k, v);
      const details = fields || options.extra ? { ...(fields ? { fields } : {}), ...options.extra } : undefined;
      ctx.body = { error: { code, message: errorMessage(code, lang, options.params), ...(details ? { details } : {}) } };
    }
  };
}

/** Maps errors thrown by middleware (koa-body, http-errors) and the database to AppErrors. */
function toAppError(caught: unknown): AppError | null {
  if (caught instanceof AppError) return caught;
  if (isUnavailable(caught)) return new ServiceUnavailableError('SERVICE_UNAVAILABLE');
  const e = caught as { status?: number; name?: string };
  switch (e?.status) {
    case 400:
      return new BadRequestError('MALFORMED_BODY');
    case 405:
    case 501:
      return new MethodNotAllowedError('METHOD_NOT_ALLOWED');
    case 413:
      return new PayloadTooLargeError('BODY_TOO_LARGE');
    case 415:
      return new UnsupportedMediaTypeError('UNSUPPORTED_MEDIA_TYPE');
    default:
      return null;
  }
}
