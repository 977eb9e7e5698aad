import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_REFUSALS, errorMessages } from '@health-code/shared';
import type { Access, RouteDef } from '../http/route';
import { STATUS_OF } from '../http/errors';

/**
 * The HTTP status of an error code is that of the class it is thrown with (STATUS_OF in
 * http/errors.ts), and the throw sites say which: `new ConflictError('CODE')`. So the statuses
 * are read from the server's own modules (its .ts sources, or the .js that tsc made of them,
 * where `new errors_1.ConflictError('CODE')` keeps class and code), once, when the document is
 * first built; nobody has to copy a status into a second table.
 *
 * Only codes thrown through a variable need an entry here.
 */
export const INDIRECT_STATUSES: Record<string, readonly number[]> = {
  // ctx.state.authError / institutionAuthError, answered by checkAccess as UnauthorizedError
  SESSION_EXPIRED: [401],
  SESSION_INVALID: [401],
  INSTITUTION_AUTH_INVALID: [401],
  // every refusal of the shared verifier is one ValidationError in checkpoint.service.ts
  ...Object.fromEntries(CODE_REFUSALS.map((code) => [code, [422]])),
  // the venue verifier's refusals, one ValidationError in scans.service.ts
  VENUE_CODE_INVALID: [422],
  VENUE_CODE_FORGED: [422],
  // the envelope's answer to anything unexpected
  INTERNAL_ERROR: [500],
  // catalogued for rate limits; 429 is the only status it can mean
  RATE_LIMITED: [429],
};

const SERVER_SRC = join(__dirname, '..');

let scanned: Map<string, number[]> | undefined;

/** Code -> statuses it is thrown with in `dir`, the most frequent first. */
export function scanThrownStatuses(dir: string = SERVER_SRC): Map<string, number[]> {
  const statusOfClass = new Map([...STATUS_OF].map(([cls, status]) => [cls.name, status]));
  const counts = new Map<string, Map<number, number>>();
  for (const file of sourceFiles(dir)) {
    // new ConflictError('CODE', ...), new errors_1.ConflictError('CODE'), new UnauthorizedError(reason ?? 'CODE')
    for (const m of readFileSync(file, 'utf8').matchAll(/new (?:[\w$]+\.)?(\w+Error)\(([^,)]*)/g)) {
      const status = statusOfClass.get(m[1]);
      if (status === undefined) continue;
      for (const lit of m[2].matchAll(/['"]([A-Z][A-Z0-9_]+)['"]/g)) {
        // Catalogue codes only: the type system refuses others, and comments show placeholders.
        if (!Object.hasOwn(errorMessages, lit[1])) continue;
        const byStatus = counts.get(lit[1]) ?? new Map<number, number>();
        byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
        counts.set(lit[1], byStatus);
      }
    }
  }
  return new Map([...counts].map(([code, byStatus]) => [code, [...byStatus].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([s]) => s)]));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every status a code is answered with, the usual one first; [] for a code not in use yet. */
export function statusesOf(code: string): number[] {
  scanned ??= scanThrownStatuses();
  return [...new Set([...(scanned.get(code) ?? []), ...(INDIRECT_STATUSES[code] ?? [])])];
}

export function statusOfCode(code: string): number | null {
  return statusesOf(code)[0] ?? null;
}

export interface CatalogueEntry {
  code: string;
  /** The usual status (null: catalogued, not answered by any route yet). */
  status: number | null;
  statuses: number[];
  zh: string;
  en: string;
}

/** Every error code with its status(es) and both messages, in catalogue order. */
export function errorCatalogue(): CatalogueEntry[] {
  return Object.entries(errorMessages).map(([code, message]) => {
    const statuses = statusesOf(code);
    return { code, status: statuses[0] ?? null, statuses, zh: message.zh, en: message.en };
  });
}

const SESSION_ERRORS = ['AUTH_REQUIRED', 'SESSION_EXPIRED', 'SESSION_INVALID'];

/** The codes `checkAccess` (http/route.ts) and the auth middlewares answer for an access level. */
export function accessErrors(access: Access): string[] {
  if (access === 'public') return [];
  if (access === 'institution') return ['INSTITUTION_AUTH_REQUIRED', 'INSTITUTION_AUTH_INVALID'];
  if (access === 'account') return SESSION_ERRORS;
  if (access === 'resident') return [...SESSION_ERRORS, 'REGISTRATION_REQUIRED'];
  return [...SESSION_ERRORS, 'ROLE_FORBIDDEN'];
}

/**
 * Every code one route can answer: its own list, its access level's, the input ones (validation,
 * and for a body the parser's), and the ones any route can answer (database away, overload, a
 * bug; health checks are never refused as overloaded).
 */
export function routeErrors(def: RouteDef): string[] {
  const codes = [...accessErrors(def.access)];
  if (def.body) codes.push('MALFORMED_BODY', 'BODY_TOO_LARGE', 'BODY_TOO_DEEP', 'UNSUPPORTED_MEDIA_TYPE');
  if (def.body || def.query || def.params) codes.push('VALIDATION_FAILED');
  if (def.limit) codes.push('RATE_LIMITED');
  codes.push(...(def.errors ?? []), 'SERVICE_UNAVAILABLE');
  if (def.tag !== 'health') codes.push('SERVER_BUSY');
  codes.push('INTERNAL_ERROR');
  return [...new Set(codes)];
}
