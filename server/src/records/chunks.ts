/**
 * Batch sizes for bulk SQL: a multi-row insert on SQLite is a compound SELECT (at most 500
 * terms), and IN lists stay well under either database's bound-parameter limit.
 */
export const INSERT_CHUNK = 400;
export const LOOKUP_CHUNK = 500;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
