import type { Knex } from 'knex';
import { maskName, normalisePlate, checkPlate } from '@health-code/shared';
import type { AuditLog } from '../audit/audit';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../http/errors';
import type { AuthState } from '../http/route';
import type { Clock } from '../lib/clock';
import { newId, randomToken } from '../lib/ids';
import { lookup as lookupRegion } from '../regions/regions';
import type { ResidentsRepository } from '../residents/residents.repository';
import type { VenueCategoriesService } from './venue-categories.service';
import type { Page, Venue, VenuesRepository, VenueStatus } from './venues.repository';

export interface VenueApplication {
  name: string;
  categoryId: string;
  address: string;
  region: string;
  socialCreditCode: string;
  unitName: string;
  contactPhone: string;
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

const toPage = (p: PageRequest): Page => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });

/**
 * Venue codes (R9-R12): a registered resident applies as the person in charge; an official
 * or reviewer passes (a code id is assigned) or fails it with a reason; an official revokes a
 * passed code with a reason; the owner retires his own. Nothing edits or deletes an
 * application: a mistake is fixed by applying again, and every row stays. Officials' actions
 * and views are audited in their transaction (R33).
 */
export class VenuesService {
  constructor(
    private readonly db: Knex,
    private readonly venues: VenuesRepository,
    private readonly categories: VenueCategoriesService,
    private readonly residents: ResidentsRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    /** A code that stops taking scans is dropped from the scanners' caches at once. */
    private readonly venueChanged: (codeId: string) => void = () => undefined,
  ) {}

  /** The owner is the caller's own resident record, always (R9): there is no other input for it. */
  async apply(actor: AuthState, input: VenueApplication): Promise<Venue> {
    const fields: FieldIssue[] = [];
    const category = await this.categories.usable(input.categoryId);
    if (!category) fields.push({ path: 'categoryId', code: 'VENUE_CATEGORY_UNKNOWN' });
    let name = input.name;
    if (category?.mobile) {
      if (checkPlate(name)) name = normalisePlate(name);
      else fields.push({ path: 'name', code: 'PLATE_FORMAT' });
    }
    if (!lookupRegion(input.region)) fields.push({ path: 'region', code: 'REGION_UNKNOWN' });
    if (fields.length > 0 || !category) throw new ValidationError('VALIDATION_FAILED', { fields });

    const ownerResidentId = actor.residentId!;
    const same = await this.venues.findSame({ ...input, name, ownerResidentId, contactPhoneHash: this.venues.phoneHash(input.contactPhone) });
    if (same) throw new ConflictError('VENUE_APPLICATION_DUPLICATE', { extra: { venueId: same.id, status: same.status } });

    const now = this.clock.now();
    const id = newId(now.getTime());
    await this.venues.insert({
      id,
      ownerResidentId,
      applicantAccountId: actor.accountId,
      name,
      categoryId: category.id,
      mobile: category.mobile,
      address: input.address,
      region: input.region,
      socialCreditCode: input.socialCreditCode,
      unitName: input.unitName,
      contactPhone: input.contactPhone,
      status: 'under_review',
      failReason: null,
      revokeReason: null,
      reviewedBy: null,
      reviewedAt: null,
      revokedBy: null,
      revokedAt: null,
      retiredAt: null,
      codeId: null,
      createdAt: now,
      updatedAt: now,
    });
    return (await this.venues.findById(id))!;
  }

  /** The owner's applications, newest first, optionally by state (R11). */
  listMine(residentId: string, status: VenueStatus | undefined, page: PageRequest): Promise<{ venues: Venue[]; total: number }> {
    return this.venues.listByOwner(residentId, status, toPage(page));
  }

  /** One of the caller's own applications; another person's is not found, as one that does not exist. */
  async getMine(residentId: string, id: string): Promise<Venue> {
    const venue = await this.venues.findById(id);
    if (!venue || venue.ownerResidentId !== residentId) throw new NotFoundError('VENUE_NOT_FOUND');
    return venue;
  }

  /** The owner stops using a passed code (R12): it refuses scans from now on; the record stays. */
  async retire(actor: AuthState, id: string): Promise<Venue> {
    const retired = await this.db.transaction(async (trx) => {
      const venue = await this.venues.findById(id, trx);
      if (!venue || venue.ownerResidentId !== actor.residentId) throw new NotFoundError('VENUE_NOT_FOUND');
      const now = this.clock.now();
      if (!(await this.venues.transition(id, 'passed', 'retired', now, {}, trx))) throw new ConflictError('VENUE_CODE_NOT_ACTIVE', { extra: { status: venue.status } });
      await this.audit.write({ actorId: actor.accountId, actorRole: actor.role, action: 'venue.retire', targetType: 'venue', targetId: id, details: { name: venue.name } }, trx);
      return (await this.venues.findById(id, trx))!;
    });
    if (retired.codeId) this.venueChanged(retired.codeId);
    return retired;
  }

  // ---- Officials (R11, R12, R31, R33) ----

  /** Applications in one state (the review queue by default), with who applied; the view is audited. */
  async listForOfficials(actor: AuthState, status: VenueStatus, page: PageRequest): Promise<{ venues: Array<{ venue: Venue; ownerName: string }>; total: number }> {
    const { venues, total } = await this.venues.listByStatus(status, toPage(page));
    await this.audit.write({
      actorId: actor.accountId,
      actorRole: actor.role,
      action: 'venue.list',
      targetType: 'venue',
      details: { status, page: page.page, pageSize: page.pageSize, venueIds: venues.map((v) => v.id) },
    });
    return { venues: await this.withOwners(venues), total };
  }

  async getForOfficials(actor: AuthState, id: string): Promise<{ venue: Venue; ownerName: string }> {
    const venue = await this.venues.findById(id);
    await this.audit.write({ actorId: actor.accountId, actorRole: actor.role, action: 'venue.view', targetType: 'venue', targetId: id, details: { found: Boolean(venue) } });
    if (!venue) throw new NotFoundError('VENUE_NOT_FOUND');
    return (await this.withOwners([venue]))[0];
  }

  /** under_review -> passed: the code id the poster will carry is assigned now (R11). */
  approve(actor: AuthState, id: string): Promise<{ venue: Venue; ownerName: string }> {
    return this.review(actor, id, 'venue.approve', 'passed', { codeId: randomToken(16), reviewedBy: actor.accountId });
  }

  /** under_review -> failed, with the reason the owner reads (R11). */
  reject(actor: AuthState, id: string, reason: string): Promise<{ venue: Venue; ownerName: string }> {
    return this.review(actor, id, 'venue.reject', 'failed', { failReason: reason, reviewedBy: actor.accountId });
  }

  /** passed -> revoked, with a reason: the code refuses scans from now on; the record stays (R12). */
  async revoke(actor: AuthState, id: string, reason: string): Promise<{ venue: Venue; ownerName: string }> {
    const venue = await this.db.transaction(async (trx) => {
      const before = await this.venues.findById(id, trx);
      if (!before) throw new NotFoundError('VENUE_NOT_FOUND');
      const now = this.clock.now();
      if (!(await this.venues.transition(id, 'passed', 'revoked', now, { revokeReason: reason, revokedBy: actor.accountId }, trx))) {
        throw new ConflictError('VENUE_CODE_NOT_ACTIVE', { extra: { status: before.status } });
      }
      await this.audit.write({ actorId: actor.accountId, actorRole: actor.role, action: 'venue.revoke', targetType: 'venue', targetId: id, details: { name: before.name, reason } }, trx);
      return (await this.venues.findById(id, trx))!;
    });
    if (venue.codeId) this.venueChanged(venue.codeId);
    return (await this.withOwners([venue]))[0];
  }

  private async review(
    actor: AuthState,
    id: string,
    action: string,
    to: 'passed' | 'failed',
    columns: { codeId?: string; failReason?: string; reviewedBy: string },
  ): Promise<{ venue: Venue; ownerName: string }> {
    const venue = await this.db.transaction(async (trx) => {
      const before = await this.venues.findById(id, trx);
      if (!before) throw new NotFoundError('VENUE_NOT_FOUND');
      const now = this.clock.now();
      // Conditional on the state: of two reviewers at once, one wins and the other is told.
      if (!(await this.venues.transition(id, 'under_review', to, now, columns, trx))) {
        throw new ConflictError('VENUE_ALREADY_REVIEWED', { extra: { status: before.status } });
      }
      await this.audit.write(
        {
          actorId: actor.accountId,
          actorRole: actor.role,
          action,
          targetType: 'venue',
          targetId: id,
          details: { name: before.name, ...(columns.failReason ? { reason: columns.failReason } : {}), ...(columns.codeId ? { codeId: columns.codeId } : {}) },
        },
        trx,
      );
      return (await this.venues.findById(id, trx))!;
    });
    return (await this.withOwners([venue]))[0];
  }

  private async withOwners(venues: Venue[]): Promise<Array<{ venue: Venue; ownerName: string }>> {
    const owners = new Map((await this.residents.findByIds([...new Set(venues.map((v) => v.ownerResidentId))])).map((r) => [r.id, r]));
    return venues.map((venue) => ({ venue, ownerName: maskName(owners.get(venue.ownerResidentId)?.name ?? '') }));
  }
}
