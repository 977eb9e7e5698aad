import type { Knex } from 'knex';
import type { VenueStatus } from '@health-code/shared';
import { toBool, toDate, toDateOrNull } from '../db/dialect';
import type { DataCrypto } from '../lib/data-crypto';

export type { VenueStatus };

/** A venue code application and, once passed, the code (R10-R12). */
export interface Venue {
  id: string;
  /** The person in charge: always the applicant's own resident record (R9). */
  ownerResidentId: string;
  applicantAccountId: string;
  /** The venue's name; for a mobile venue, its plate or vessel number. */
  name: string;
  categoryId: string;
  /** The category's Chinese name (what a scan shows). */
  categoryName: string;
  categoryNameEn: string;
  mobile: boolean;
  address: string;
  /** 6-digit administrative division code. */
  region: string;
  /** Unified social credit code of the owning legal entity. */
  socialCreditCode: string;
  unitName: string;
  /** Decrypted here; every answer shows it masked (R34). */
  contactPhone: string;
  status: VenueStatus;
  failReason: string | null;
  revokeReason: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  revokedBy: string | null;
  revokedAt: Date | null;
  retiredAt: Date | null;
  /** The opaque id the poster's signed code carries; set when the application passes. */
  codeId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewVenue = Omit<Venue, 'categoryName' | 'categoryNameEn'>;

export interface Page {
  limit: number;
  offset: number;
}

/** The fields that make two applications the same one (a double submit, not a correction). */
export interface VenueIdentity {
  ownerResidentId: string;
  name: string;
  categoryId: string;
  address: string;
  region: string;
  socialCreditCode: string;
  unitName: string;
  contactPhoneHash: string;
}

const PHONE_HASH_DOMAIN = 'venue-phone';

/**
 * Venues with their category's names. The contact phone is sealed at rest (R34) and opened
 * here, so callers only see Venue objects (and mask the phone in every answer).
 */
export class VenuesRepository {
  constructor(
    private readonly db: Knex,
    private readonly crypto: DataCrypto,
  ) {}

  phoneHash(phone: string): string {
    return this.crypto.hash(PHONE_HASH_DOMAIN, phone);
  }

  private fromRow(row: Record<string, unknown>): Venue {
    return {
      id: row.id as string,
      ownerResidentId: row.owner_resident_id as string,
      applicantAccountId: row.applicant_account_id as string,
      name: row.name as string,
      categoryId: row.category_id as string,
      categoryName: row.category_name as string,
      categoryNameEn: row.category_name_en as string,
      mobile: toBool(row.mobile),
      address: row.address as string,
      region: row.region as string,
      socialCreditCode: row.uscc as string,
      unitName: row.unit_name as string,
      contactPhone: this.crypto.decrypt(row.contact_phone_enc as string),
      status: row.status as VenueStatus,
      failReason: (row.fail_reason as string | null) ?? null,
      revokeReason: (row.revoke_reason as string | null) ?? null,
      reviewedBy: (row.reviewed_by as string | null) ?? null,
      reviewedAt: toDateOrNull(row.reviewed_at),
      revokedBy: (row.revoked_by as string | null) ?? null,
      revokedAt: toDateOrNull(row.revoked_at),
      retiredAt: toDateOrNull(row.retired_at),
      codeId: (row.code_id as string | null) ?? null,
      createdAt: toDate(row.created_at),
      updatedAt: toDate(row.updated_at),
    };
  }

  private select(trx: Knex | Knex.Transaction = this.db) {
    return trx('venues as v').join('venue_categories as c', 'c.id', 'v.category_id').select('v.*', 'c.name_zh as category_name', 'c.name_en as category_name_en');
  }

  async insert(v: NewVenue, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    await trx('venues').insert({
      id: v.id,
      owner_resident_id: v.ownerResidentId,
      applicant_account_id: v.applicantAccountId,
      name: v.name,
      category_id: v.categoryId,
      address: v.address,
      region: v.region,
      uscc: v.socialCreditCode,
      unit_name: v.unitName,
      contact_phone_enc: this.crypto.encrypt(v.contactPhone),
      contact_phone_hash: this.phoneHash(v.contactPhone),
      mobile: v.mobile,
      status: v.status,
      fail_reason: v.failReason,
      revoke_reason: v.revokeReason,
      reviewed_by: v.reviewedBy,
      reviewed_at: v.reviewedAt,
      revoked_by: v.revokedBy,
      revoked_at: v.revokedAt,
      retired_at: v.retiredAt,
      code_id: v.codeId,
      created_at: v.createdAt,
      updated_at: v.updatedAt,
    });
  }

  async findById(id: string, trx: Knex | Knex.Transaction = this.db): Promise<Venue | null> {
    const row = await this.select(trx).where('v.id', id).first();
    return row ? this.fromRow(row) : null;
  }

  /**
   * The venue a scanned code names (R15, R16): whatever its state, which the caller judges
   * (only 'passed' admits a scan; 'revoked' and 'retired' have their own refusals).
   */
  async findByCodeId(codeId: string): Promise<Venue | null> {
    const row = await this.select().where('v.code_id', codeId).first();
    return row ? this.fromRow(row) : null;
  }

  /** One owner's applications, newest first, optionally in one state. */
  async listByOwner(ownerResidentId: string, status: VenueStatus | undefined, page: Page): Promise<{ venues: Venue[]; total: number }> {
    const where = (q: Knex.QueryBuilder) => {
      q.where('v.owner_resident_id', ownerResidentId);
      if (status) q.andWhere('v.status', status);
      return q;
    };
    const [{ n }] = await where(this.db('venues as v')).count({ n: '*' });
    const rows = await where(this.select()).orderBy('v.created_at', 'desc').orderBy('v.id', 'desc').limit(page.limit).offset(page.offset);
    return { venues: rows.map((r: Record<string, unknown>) => this.fromRow(r)), total: Number(n) };
  }

  /** Applications in one state: the review queue oldest first, the others latest change first. */
  async listByStatus(status: VenueStatus, page: Page): Promise<{ venues: Venue[]; total: number }> {
    const [{ n }] = await this.db('venues').where({ status }).count({ n: '*' });
    const query = this.select().where('v.status', status);
    if (status === 'under_review') query.orderBy('v.created_at', 'asc').orderBy('v.id', 'asc');
    else query.orderBy('v.updated_at', 'desc').orderBy('v.id', 'desc');
    const rows = await query.limit(page.limit).offset(page.offset);
    return { venues: rows.map((r: Record<string, unknown>) => this.fromRow(r)), total: Number(n) };
  }

  /** An application under review or passed with exactly these details (a double submit). */
  async findSame(identity: VenueIdentity): Promise<Venue | null> {
    const row = await this.select()
      .where({
        'v.owner_resident_id': identity.ownerResidentId,
        'v.name': identity.name,
        'v.category_id': identity.categoryId,
        'v.address': identity.address,
        'v.region': identity.region,
        'v.uscc': identity.socialCreditCode,
        'v.unit_name': identity.unitName,
        'v.contact_phone_hash': identity.contactPhoneHash,
      })
      .whereIn('v.status', ['under_review', 'passed'])
      .first();
    return row ? this.fromRow(row) : null;
  }

  /**
   * Moves a venue from one state to the next with the columns that go with it; answers
   * whether this call moved it (false: it was not in `from`, e.g. another reviewer was first).
   */
  async transition(
    id: string,
    from: VenueStatus,
    to: VenueStatus,
    at: Date,
    columns: { codeId?: string; failReason?: string; reviewedBy?: string; revokeReason?: string; revokedBy?: string },
    trx: Knex | Knex.Transaction = this.db,
  ): Promise<boolean> {
    const row: Record<string, unknown> = { status: to, updated_at: at };
    if (to === 'passed' || to === 'failed') {
      row.reviewed_by = columns.reviewedBy ?? null;
      row.reviewed_at = at;
    }
    if (columns.codeId !== undefined) row.code_id = columns.codeId;
    if (columns.failReason !== undefined) row.fail_reason = columns.failReason;
    if (to === 'revoked') {
      row.revoke_reason = columns.revokeReason ?? null;
      row.revoked_by = columns.revokedBy ?? null;
      row.revoked_at = at;
    }
    if (to === 'retired') row.retired_at = at;
    const n = await trx('venues').where({ id, status: from }).update(row);
    return Number(n) > 0;
  }
}
