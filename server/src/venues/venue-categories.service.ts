import type { Knex } from 'knex';
import type { AuditLog } from '../audit/audit';
import { isUniqueViolation } from '../db/dialect';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { AuthState } from '../http/route';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { VenueCategoriesRepository, VenueCategory } from './venue-categories.repository';
import type { VenueCategoryRequest, VenueCategoryRequestsRepository, VenueCategoryRequestStatus } from './venue-category-requests.repository';

export interface CategoryAnswer {
  decision: 'accept' | 'decline';
  reply?: string;
  nameZh?: string;
  nameEn?: string;
  mobile?: boolean;
}

/**
 * The category list officials maintain (R10, R31), and residents' requests for a missing one.
 * Every official change is audited in its transaction (R33).
 */
export class VenueCategoriesService {
  constructor(
    private readonly db: Knex,
    private readonly categories: VenueCategoriesRepository,
    private readonly requests: VenueCategoryRequestsRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  list(opts: { activeOnly: boolean }): Promise<VenueCategory[]> {
    return this.categories.list(opts);
  }

  /** The category a new application may name: it exists and is still offered. */
  async usable(id: string): Promise<VenueCategory | null> {
    const category = await this.categories.findById(id);
    return category?.active ? category : null;
  }

  async create(actor: AuthState, input: { nameZh: string; nameEn: string; mobile: boolean }): Promise<VenueCategory> {
    return this.uniqueName(input.nameZh, () =>
      this.db.transaction(async (trx) => {
        if (await this.categories.findByNameZh(input.nameZh, trx)) throw new ConflictError('VENUE_CATEGORY_EXISTS', { params: { name: input.nameZh } });
        const category = await this.insertCategory(input, trx);
        await this.audit.write(
          { actorId: actor.accountId, actorRole: actor.role, action: 'venue_category.create', targetType: 'venue_category', targetId: category.id, details: { nameZh: category.nameZh, nameEn: category.nameEn, mobile: category.mobile } },
          trx,
        );
        return category;
      }),
    );
  }

  async update(actor: AuthState, id: string, patch: { nameZh?: string; nameEn?: string; mobile?: boolean; active?: boolean }): Promise<VenueCategory> {
    return this.uniqueName(patch.nameZh ?? '', () =>
      this.db.transaction(async (trx) => {
        const before = await this.categories.findById(id, trx);
        if (!before) throw new NotFoundError('VENUE_CATEGORY_NOT_FOUND');
        if (patch.nameZh !== undefined && patch.nameZh !== before.nameZh && (await this.categories.findByNameZh(patch.nameZh, trx))) {
          throw new ConflictError('VENUE_CATEGORY_EXISTS', { params: { name: patch.nameZh } });
        }
        await this.categories.update(id, patch, trx);
        const after = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as VenueCategory;
        await this.audit.write(
          {
            actorId: actor.accountId,
            actorRole: actor.role,
            action: 'venue_category.update',
            targetType: 'venue_category',
            targetId: id,
            details: { before: pick(before), after: pick(after) },
          },
          trx,
        );
        return after;
      }),
    );
  }

  /** A resident asks for a category the list lacks (R10). */
  async request(actor: AuthState, input: { nameZh: string; nameEn?: string; mobile: boolean; note?: string }): Promise<VenueCategoryRequest> {
    const existing = await this.categories.findByNameZh(input.nameZh);
    if (existing?.active) throw new ConflictError('VENUE_CATEGORY_EXISTS', { params: { name: existing.nameZh }, extra: { categoryId: existing.id } });
    if (await this.requests.findPending(actor.residentId!, input.nameZh)) throw new ConflictError('VENUE_CATEGORY_REQUEST_PENDING', { params: { name: input.nameZh } });
    const now = this.clock.now();
    const request: VenueCategoryRequest = {
      id: newId(now.getTime()),
      residentId: actor.residentId!,
      accountId: actor.accountId,
      nameZh: input.nameZh,
      nameEn: input.nameEn ?? null,
      mobile: input.mobile,
      note: input.note ?? null,
      status: 'pending',
      reply: null,
      categoryId: null,
      answeredBy: null,
      answeredAt: null,
      createdAt: now,
    };
    await this.requests.insert(request);
    return request;
  }

  myRequests(residentId: string): Promise<VenueCategoryRequest[]> {
    return this.requests.listByResident(residentId);
  }

  listRequests(status: VenueCategoryRequestStatus): Promise<VenueCategoryRequest[]> {
    return this.requests.listByStatus(status);
  }

  /**
   * Accepts (creating the category, or pointing at an existing one of that name, which is
   * offered again if it had been retired) or declines with a reply. Audited (R33).
   */
  async answer(actor: AuthState, id: string, input: CategoryAnswer): Promise<VenueCategoryRequest> {
    return this.uniqueName(input.nameZh ?? '', () =>
      this.db.transaction(async (trx) => {
        const request = await this.requests.findById(id, trx);
        if (!request) throw new NotFoundError('VENUE_CATEGORY_REQUEST_NOT_FOUND');
        if (request.status !== 'pending') throw new ConflictError('VENUE_CATEGORY_REQUEST_ANSWERED', { extra: { status: request.status } });
        const now = this.clock.now();
        let categoryId: string | null = null;
        if (input.decision === 'accept') {
          const nameZh = input.nameZh ?? request.nameZh;
          const existing = await this.categories.findByNameZh(nameZh, trx);
          if (existing) {
            if (!existing.active) await this.categories.update(existing.id, { active: true }, trx);
            categoryId = existing.id;
          } else {
            const nameEn = input.nameEn ?? request.nameEn;
            if (!nameEn) throw new ValidationError('VALIDATION_FAILED', { fields: [{ path: 'nameEn', code: 'REQUIRED' }] });
            categoryId = (await this.insertCategory({ nameZh, nameEn, mobile: input.mobile ?? request.mobile }, trx)).id;
          }
        }
        const status = input.decision === 'accept' ? 'accepted' : 'declined';
        if (!(await this.requests.answer(id, { status, reply: input.reply ?? null, categoryId, answeredBy: actor.accountId, answeredAt: now }, trx))) {
          throw new ConflictError('VENUE_CATEGORY_REQUEST_ANSWERED');
        }
        await this.audit.write(
          {
            actorId: actor.accountId,
            actorRole: actor.role,
            action: 'venue_category_request.answer',
            targetType: 'venue_category_request',
            targetId: id,
            details: { decision: input.decision, requested: request.nameZh, categoryId, reply: input.reply ?? null },
          },
          trx,
        );
        return { ...request, status, reply: input.reply ?? null, categoryId, answeredBy: actor.accountId, answeredAt: now };
      }),
    );
  }

  private async insertCategory(input: { nameZh: string; nameEn: string; mobile: boolean }, trx: Knex.Transaction): Promise<VenueCategory> {
    const now = this.clock.now();
    const category: VenueCategory = {
      id: newId(now.getTime()),
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      mobile: input.mobile,
      active: true,
      position: await this.categories.nextPosition(trx),
      createdAt: now,
    };
    await this.categories.insert(category, trx);
    return category;
  }

  /** Two officials adding the same name at once: the database's unique key decides. */
  private async uniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('VENUE_CATEGORY_EXISTS', { params: { name } });
      throw err;
    }
  }
}

function pick(c: VenueCategory) {
  return { nameZh: c.nameZh, nameEn: c.nameEn, mobile: c.mobile, active: c.active };
}
