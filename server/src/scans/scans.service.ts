import { createHash } from 'node:crypto';
import { maskName, verifyVenueCode } from '@health-code/shared';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import { isUniqueViolation } from '../db/dialect';
import { ConflictError, GoneError, NotFoundError, ValidationError } from '../http/errors';
import type { AuthState } from '../http/route';
import type { KeysService } from '../keys/keys.service';
import type { ColourService } from '../colour/colour.service';
import type { ResidentsRepository } from '../residents/residents.repository';
import type { TestResultsRepository } from '../records/test-results.repository';
import type { Scan, ScansRepository } from './scans.repository';

const DAY = 24 * 3600 * 1000;
/** R19: residents see the last 14 days. */
export const HISTORY_DAYS = 14;

/** What scanning needs to know of a venue, from the venues feature. */
export interface ScanVenue {
  id: string;
  name: string;
  categoryName: string;
  address: string;
  region: string;
  status: string;
}
export interface VenueLookup {
  findByCodeId(codeId: string): Promise<ScanVenue | null>;
  findById(id: string): Promise<ScanVenue | null>;
}
/**
 * Passes when the guardian is bound to the relative (R18), from the relatives feature; throws
 * the same not-found error whether the person exists or not.
 */
export type RequireBound = (guardianResidentId: string, relativeId: string) => Promise<unknown>;

export interface ScanInput {
  venueCode: string;
  clientRequestId: string;
  relativeId?: string;
  /** A scan the app kept while offline carries the time the phone read the code (R17). */
  scannedAt?: string;
}

/** How late an offline scan may arrive, and how far ahead a phone's clock may run. */
export const OFFLINE_SCAN_MAX_AGE_MS = DAY;
const CLOCK_SKEW_MS = 2 * 60 * 1000;

/**
 * Scanning in (R15-R18): the venue code is checked by the shared verifier, then the venue's
 * state; the entry is recorded once per client request id, so a phone on a flaky network can
 * resend freely; the answer is what the app shows as it lifts the veil.
 */
export class ScansService {
  constructor(
    private readonly scans: ScansRepository,
    private readonly venues: VenueLookup,
    private readonly requireBound: RequireBound,
    private readonly residents: ResidentsRepository,
    private readonly testResults: TestResultsRepository,
    private readonly colour: ColourService,
    private readonly keys: KeysService,
    private readonly clock: Clock,
  ) {}

  async scan(actor: AuthState, input: ScanInput) {
    const requestHash = createHash('sha256').update(JSON.stringify([input.venueCode, input.relativeId ?? null])).digest('hex');
    const earlier = await this.scans.findByRequest(actor.accountId, input.clientRequestId);
    if (earlier) return this.replay(earlier, requestHash);

    const residentId = input.relativeId ?? actor.residentId!;
    if (input.relativeId) await this.requireBound(actor.residentId!, input.relativeId);
    const venue = await this.checkVenue(input.venueCode);
    const scannedAt = this.entryTime(input.scannedAt);
    const scan: Scan = {
      id: newId(this.clock.now().getTime()),
      residentId,
      venueId: venue.id,
      region: venue.region,
      scannedAt,
      accountId: actor.accountId,
      byGuardian: Boolean(input.relativeId),
      clientRequestId: input.clientRequestId,
      requestHash,
    };
    try {
      await this.scans.insert(scan);
    } catch (err) {
      // The same request arrived twice at once: the other one recorded it.
      if (!isUniqueViolation(err)) throw err;
      const winner = await this.scans.findByRequest(actor.accountId, input.clientRequestId);
      if (!winner) throw err;
      return this.replay(winner, requestHash);
    }
    return { ...(await this.answer(scan, venue)), repeated: false };
  }

  /** The server's time, or the phone's for a scan kept offline: never ahead of now, at most 24 h back. */
  private entryTime(claimed: string | undefined): Date {
    const now = this.clock.now();
    if (claimed === undefined) return now;
    const at = new Date(claimed);
    const age = now.getTime() - at.getTime();
    if (age < -CLOCK_SKEW_MS || age > OFFLINE_SCAN_MAX_AGE_MS) {
      throw new ValidationError('SCAN_TIME_OUT_OF_RANGE', { fields: [{ path: 'scannedAt', code: 'INVALID_VALUE' }] });
    }
    return age < 0 ? now : at;
  }

  async history(residentId: string) {
    const since = new Date(this.clock.now().getTime() - HISTORY_DAYS * DAY);
    const rows = await this.scans.history(residentId, since);
    return rows.map((s) => ({ id: s.id, venueName: s.venueName, venueAddress: s.venueAddress, region: s.region, enteredAt: s.scannedAt.toISOString(), byGuardian: s.byGuardian }));
  }

  private async replay(earlier: Scan, requestHash: string) {
    if (earlier.requestHash !== requestHash) throw new ConflictError('SCAN_REQUEST_ID_REUSED', { fields: [{ path: 'clientRequestId', code: 'INVALID_VALUE' }] });
    const venue = await this.venues.findById(earlier.venueId);
    if (!venue) throw new NotFoundError('VENUE_NOT_FOUND');
    return { ...(await this.answer(earlier, venue)), repeated: true };
  }

  private async checkVenue(text: string): Promise<ScanVenue> {
    const verified = verifyVenueCode(text, await this.keys.keySet());
    const field = [{ path: 'venueCode', code: 'INVALID_VALUE' }];
    if (!verified.ok) throw new ValidationError(verified.refusal, { fields: field });
    const venue = await this.venues.findByCodeId(verified.venueCodeId);
    if (!venue) throw new ValidationError('VENUE_CODE_INVALID', { fields: field });
    if (venue.status === 'revoked') throw new GoneError('VENUE_REVOKED');
    if (venue.status === 'retired') throw new GoneError('VENUE_RETIRED');
    if (venue.status !== 'passed') throw new ValidationError('VENUE_CODE_INVALID', { fields: field });
    return venue;
  }

  /** Venue, entry time, the person's current colour and latest test (R16). */
  private async answer(scan: Scan, venue: ScanVenue) {
    const resident = await this.residents.findById(scan.residentId);
    const [colour, tests] = await Promise.all([
      this.colour.current(scan.residentId),
      this.testResults.forResident(scan.residentId, new Date(this.clock.now().getTime() - HISTORY_DAYS * DAY)),
    ]);
    const latest = tests[0];
    return {
      scanId: scan.id,
      venue: { name: venue.name, category: venue.categoryName, address: venue.address, region: venue.region },
      enteredAt: scan.scannedAt.toISOString(),
      person: { name: resident ? maskName(resident.name) : '', relative: scan.byGuardian },
      colour,
      latestTest: latest ? { sampledAt: latest.sampledAt.toISOString(), result: latest.result, institutionName: latest.institutionName } : null,
    };
  }
}
