/** Days on the dashboard are local calendar days where residents live: China Standard Time, UTC+8, no DST. */
const LOCAL_OFFSET_MS = 8 * 3600 * 1000;
const DAY = 24 * 3600 * 1000;

/** The local day (YYYY-MM-DD) of an instant. */
export const localDay = (at: Date): string => new Date(at.getTime() + LOCAL_OFFSET_MS).toISOString().slice(0, 10);

/** The local day `n` days before `day`. */
export const dayBefore = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00.000Z`) - n * DAY).toISOString().slice(0, 10);
