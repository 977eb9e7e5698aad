import type { ErrorCode, Params } from '@health-code/shared';

/** One field at fault: its path in the body/query, a stable code, and (filled at answer time) a message. */
export interface FieldIssue {
  path: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface ErrorOptions {
  /** Placeholders of the message ({seconds}, {hours}, ...). */
  params?: Params;
  fields?: FieldIssue[];
  /** Machine-readable extras returned as they are (never personal data). */
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * The error hierarchy (after Strapi's): services throw these with a stable code; the envelope
 * middleware turns them into `{ error: { code, message, details } }` with the class's status.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly options: ErrorOptions = {},
  ) {
    super(code);
    this.name = new.target.name;
  }
}
export class BadRequestError extends AppError {}
export class ValidationError extends AppError {}
export class UnauthorizedError extends AppError {}
export class ForbiddenError extends AppError {}
export class NotFoundError extends AppError {}
export class MethodNotAllowedError extends AppError {}
export class ConflictError extends AppError {}
export class GoneError extends AppError {}
export class PayloadTooLargeError extends AppError {}
export class UnsupportedMediaTypeError extends AppError {}
export class TooManyRequestsError extends AppError {}
export class ServiceUnavailableError extends AppError {}
export class UpstreamError extends AppError {}

/** The one table from error class to HTTP status. */
export const STATUS_OF = new Map<Function, number>([
  [BadRequestError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [MethodNotAllowedError, 405],
  [ConflictError, 409],
  [GoneError, 410],
  [PayloadTooLargeError, 413],
  [UnsupportedMediaTypeError, 415],
  [ValidationError, 422],
  [TooManyRequestsError, 429],
  [UpstreamError, 502],
  [ServiceUnavailableError, 503],
]);

export function statusOf(err: AppError): number {
  return STATUS_OF.get(err.constructor) ?? 500;
}
