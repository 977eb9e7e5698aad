import type { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors';

/**
 * Parses input with a schema from @health-code/shared; on failure throws a 422 naming every
 * field at fault with a stable code. Custom refinements put a field-message code in `message`.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  // reportInput: zod v4 leaves `input` out of issues otherwise, and a wrong type would read as missing.
  const result = schema.safeParse(input ?? {}, { reportInput: true });
  if (result.success) return result.data;
  throw new ValidationError('VALIDATION_FAILED', { fields: result.error.issues.map(toFieldIssue) });
}

/** One zod issue as a field issue with a stable code (also used for the rows of institution batches). */
export function toFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  const path = issue.path.map(String).join('.') || '(body)';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { path, code: 'REQUIRED' }
        : { path, code: 'INVALID_TYPE', params: { expected: String(issue.expected) } };
    case 'too_small':
      return { path, code: issue.origin === 'string' || issue.origin === 'array' ? 'TOO_SHORT' : 'TOO_SMALL', params: { minimum: String(issue.minimum) } };
    case 'too_big':
      return { path, code: issue.origin === 'string' || issue.origin === 'array' ? 'TOO_LONG' : 'TOO_BIG', params: { maximum: String(issue.maximum) } };
    case 'unrecognized_keys':
      return { path: [...issue.path, issue.keys[0]].join('.'), code: 'UNKNOWN_FIELD' };
    case 'invalid_format':
      return { path, code: 'INVALID_FORMAT' };
    case 'custom':
      return { path, code: /^[A-Z_]+$/.test(issue.message) ? issue.message : 'INVALID_VALUE' };
    default:
      return { path, code: /^[A-Z_]+$/.test(issue.message) ? issue.message : 'INVALID_VALUE' };
  }
}
