import type { Context, Next } from 'koa';
import { BadRequestError } from './errors';

/**
 * The deepest nesting a request body may have. The deepest body of the API is 3 levels
 * (a batch's records, a declaration's trips); JSON.parse takes any depth, but a recursive walk
 * (validation, logging, JSON.stringify) of a body nested thousands deep overflows the stack.
 */
export const MAX_JSON_DEPTH = 16;

/** Whether `value` nests arrays and objects deeper than `limit`; iterative, so it cannot overflow itself. */
export function deeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** Runs after the body parser: a body nested deeper than MAX_JSON_DEPTH is 400 BODY_TOO_DEEP. */
export async function jsonDepthLimit(ctx: Context, next: Next): Promise<void> {
  if (deeperThan(ctx.request.body, MAX_JSON_DEPTH)) throw new BadRequestError('BODY_TOO_DEEP', { params: { depth: MAX_JSON_DEPTH } });
  await next();
}
