import { createHash } from 'node:crypto';
import type { LRUCache } from 'lru-cache';
import { boundedCache } from '../lib/bounded-cache';
import { maskName, verifyVenueCode } from '@health-code/shared';
import { GroupCommit } from '../lib/group-commit';
import type { Invalidations } from '../lib/invalidations';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import { isDeadlock, isUnavailable, isUniqueViolation } from '../db/dialect';
import { ConflictError, GoneError, NotFoundError, ValidationError } from '../http/errors';
import type { AuthState } from '../http/route';
import type { KeysService } from '../keys/keys.service';
import type { ColourService } from '../colour/colour.service';
import type { ResidentsRepository } from '../residents/residents.repository';
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
  /** Venue codes whose signature was checked: a poster's text never changes (R14). */
  private readonly verified = boundedCache<string, { venueCodeId: string; kid: string }>(50_000);
  /** Passed venues by code id, for a few seconds; a revoked or retired one is dropped at once. */
  private readonly venueCache: LRUCache<string, ScanVenue>;
  /** Masked names by resident id: a registered name does not change. */
  private readonly names = boundedCache<string, string>(60_000, { ttl: 10 * 60_000 });
  private readonly writes: GroupCommit<Scan>;

  constructor(
    private readonly scans: ScansRepository,
    private readonly venues: VenueLookup,
    private readonly requireBound: RequireBound,
    private readonly residents: ResidentsRepository,
    private readonly colour: ColourService,
    private readonly keys: KeysService,
    private readonly clock: Clock,
    options: { venueCacheMs?: number; invalidations?: Invalidations; batch?: { maxConcurrent: number; maxRows: number } } = {},
  ) {
    this.venueCache = boundedCache(50_000, { ttl: Math.max(1, options.venueCacheMs ?? 0) });
    this.venueCacheMs = options.venueCacheMs ?? 0;
    options.invalidations?.on((m) => {
      if (m.kind === 'venue') this.venueCache.delete(m.codeId);
    });
    this.writes = new GroupCommit<Scan>(
      (rows) => this.scans.insertMany(rows),
      (row) => this.scans.insert(row),
      { ...(options.batch ?? { maxConcurrent: 4, maxRows: 500 }), unavailable: isUnavailable, retry: isDeadlock },
    );
  }

  private readonly venueCacheMs: number;

  /** Lets the scans still being written finish: for a graceful shutdown. */
  drain(): Promise<void> {
    return this.writes.drain();
  }

  async scan(actor: AuthState, input: ScanInput) {
    const requestHash = createHash('sha256').update(JSON.stringify([input.venueCode, input.relativeId ?? null])).digest('hex');
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
      // No look-up first: a resent request is the rare case, told by the unique key (R17).
      await this.writes.add(scan);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const earlier = await this.scans.findByRequest(actor.accountId, input.clientRequestId);
      if (!earlier) throw err;
      return this.replay(earlier, requestHash);
    }
    await this.colour.visited(residentId, venue.region, scannedAt);
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
    const keys = await this.keys.keySet();
    const field = [{ path: 'venueCode', code: 'INVALID_VALUE' }];
    let known = this.verified.get(text);
    // A cached verdict holds while its key is published and not revoked.
    if (known && (keys.revoked.includes(known.kid) || !keys.keys.some((k) => k.kid === known!.kid))) {
      this.verified.delete(text);
      known = undefined;
    }
    if (!known) {
      const verified = verifyVenueCode(text, keys, this.keys.verifySignature);
      if (!verified.ok) throw new ValidationError(verified.refusal, { fields: field });
      known = { venueCodeId: verified.venueCodeId, kid: verified.kid };
      this.verified.set(text, known);
    }
    const venue = await this.venueByCodeId(known.venueCodeId);
    if (!venue) throw new ValidationError('VENUE_CODE_INVALID', { fields: field });
    if (venue.status === 'revoked') throw new GoneError('VENUE_REVOKED');
    if (venue.status === 'retired') throw new GoneError('VENUE_RETIRED');
    if (venue.status !== 'passed') throw new ValidationError('VENUE_CODE_INVALID', { fields: field });
    return venue;
  }

  private async venueByCodeId(codeId: string): Promise<ScanVenue | null> {
    if (this.venueCacheMs > 0) {
      const hit = this.venueCache.get(codeId);
      if (hit) return hit;
    }
    const venue = await this.venues.findByCodeId(codeId);
    // Only passed venues are kept: one under review or refused is read again next time.
    if (venue && venue.status === 'passed' && this.venueCacheMs > 0) this.venueCache.set(codeId, venue, { ttl: this.venueCacheMs });
    return venue;
  }

  private async maskedName(residentId: string): Promise<string> {
    const hit = this.names.get(residentId);
    if (hit !== undefined) return hit;
    const resident = await this.residents.findById(residentId);
    const name = resident ? maskName(resident.name) : '';
    if (resident) this.names.set(residentId, name);
    return name;
  }

  /** Venue, entry time, the person's current colour and latest test (R16). */
  private async answer(scan: Scan, venue: ScanVenue) {
    const [name, colour, latest] = await Promise.all([
      this.maskedName(scan.residentId),
      this.colour.current(scan.residentId),
      this.colour.latestTest(scan.residentId),
    ]);
    return {
      scanId: scan.id,
      venue: { name: venue.name, category: venue.categoryName, address: venue.address, region: venue.region },
      enteredAt: scan.scannedAt.toISOString(),
      person: { name, relative: scan.byGuardian },
      colour,
      latestTest: latest ? { sampledAt: latest.sampledAt.toISOString(), result: latest.result, institutionName: latest.institutionName } : null,
    };
  }
}
