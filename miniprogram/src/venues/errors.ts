import { ApiError } from '../services/api';

/** Anything thrown on the way becomes an ApiError to show (a bug's text rather than nothing). */
export const asApiError = (err: unknown): ApiError => (err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', String(err)));

/** Whether the platform refused the album (permission), as against a failed download. */
export const albumDenied = (err: unknown): boolean => /auth|denied|permission/i.test(String((err as { errMsg?: string })?.errMsg ?? ''));
