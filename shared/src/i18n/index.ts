import { commonErrors } from './errors/common';
import { authErrors } from './errors/auth';
import { residentErrors } from './errors/residents';
import { recordErrors } from './errors/records';
import { codeErrors } from './errors/codes';
import { relativeErrors } from './errors/relatives';
import { scanErrors } from './errors/scans';
import { appealErrors } from './errors/appeals';
import { staffErrors } from './errors/staff';
import { tracingErrors } from './errors/tracing';
import { venueErrors } from './errors/venues';
import { format, type Lang, type Message, type Params } from './types';

export * from './types';
export { fieldMessages, fieldMessage, type FieldCode } from './fields';

/** Every error code the API can answer with, and its message in both languages. */
export const errorMessages = {
  ...commonErrors,
  ...authErrors,
  ...residentErrors,
  ...recordErrors,
  ...codeErrors,
  ...relativeErrors,
  ...scanErrors,
  ...appealErrors,
  ...staffErrors,
  ...tracingErrors,
  ...venueErrors,
} as const;

export type ErrorCode = keyof typeof errorMessages;

export function errorMessage(code: ErrorCode, lang: Lang, params?: Params): string {
  const message: Message = errorMessages[code];
  return format(message, lang, params);
}
