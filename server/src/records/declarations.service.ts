import { TRIP_LOOKBACK_DAYS } from '@health-code/shared';
import { ValidationError, type FieldIssue } from '../http/errors';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { Declaration, DeclarationsRepository, DeclaredSymptom, DeclaredTrip } from './declarations.repository';

const DAY = 24 * 3600 * 1000;
/** Trip dates are calendar days where the resident lives: China Standard Time, UTC+8, no DST. */
const LOCAL_OFFSET_MS = 8 * 3600 * 1000;
/** A resident sees his declarations of the last 14 days (the window the colour rules use). */
const LIST_DAYS = 14;

export interface DeclarationInput {
  symptoms: DeclaredSymptom[];
  temperature?: number;
  trips: DeclaredTrip[];
}

function localDate(at: number): string {
  return new Date(at + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Health and trip declarations (R36). The resident a declaration is about and the account
 * that made it are kept apart, so a guardian declares for a relative through the same call.
 * A declaration only adds to what the colour rules read; it never clears another record.
 */
export class DeclarationsService {
  constructor(
    private readonly repo: DeclarationsRepository,
    private readonly clock: Clock,
    private readonly colourChanged: (residentId: string) => void = () => undefined,
  ) {}

  async declare(residentId: string, accountId: string, input: DeclarationInput): Promise<Declaration> {
    const now = this.clock.now();
    // Checks that need today's date (the schema checked shapes and date order).
    const today = localDate(now.getTime());
    const earliest = localDate(now.getTime() - TRIP_LOOKBACK_DAYS * DAY);
    const fields: FieldIssue[] = [];
    input.trips.forEach((trip, i) => {
      for (const key of ['from', 'to'] as const) {
        if (trip[key] > today) fields.push({ path: `trips.${i}.${key}`, code: 'FUTURE_TIME' });
        else if (trip[key] < earliest) fields.push({ path: `trips.${i}.${key}`, code: 'TRIP_TOO_OLD', params: { days: TRIP_LOOKBACK_DAYS } });
      }
    });
    if (fields.length) throw new ValidationError('VALIDATION_FAILED', { fields });

    const declaration: Declaration = {
      id: newId(now.getTime()),
      residentId,
      accountId,
      symptoms: input.symptoms,
      // Stored as DECIMAL(4,1): round here so both databases keep the same value.
      temperature: input.temperature === undefined ? null : Math.round(input.temperature * 10) / 10,
      trips: input.trips.map(({ region, from, to }) => ({ region, from, to })),
      declaredAt: now,
    };
    await this.repo.insert(declaration);
    this.colourChanged(residentId);
    return declaration;
  }

  /** Declarations about this resident in the last 14 days, newest first. */
  recent(residentId: string): Promise<Declaration[]> {
    return this.repo.listForResident(residentId, new Date(this.clock.now().getTime() - LIST_DAYS * DAY));
  }
}
