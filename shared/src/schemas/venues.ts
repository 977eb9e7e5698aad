import { z } from 'zod';
import { phoneField, regionField, socialCreditCodeField } from './common';

// ---- Venue (place) codes: applications, review, posters (R9-R14) ----

/** under_review -> passed | failed (R11); passed -> revoked by an official | retired by the owner (R12). */
export const VENUE_STATUSES = ['under_review', 'passed', 'failed', 'revoked', 'retired'] as const;
export type VenueStatus = (typeof VENUE_STATUSES)[number];
export const venueStatusField = z.enum(VENUE_STATUSES);

/** Free text as people type it: trimmed, no control characters (they break posters and logs). */
function plainText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: 'INVALID_VALUE' });
}

/**
 * A mobile venue's name is its plate or vessel number (R10), checked loosely: spaces, dots
 * and dashes people type (粤B·D1234, 粤B D1234) are dropped and Latin letters upper-cased,
 * leaving 3-16 letters, digits or Chinese characters.
 */
export function normalisePlate(input: string): string {
  return input.replace(/[\s·•.\-_]/g, '').toUpperCase();
}
export const PLATE_PATTERN = /^[\p{Script=Han}A-Z0-9]{3,16}$/u;
export function checkPlate(input: string): boolean {
  return PLATE_PATTERN.test(normalisePlate(input));
}

/**
 * POST /me/venues: the caller applies as the person in charge (R9). There is no field naming
 * another person: the owner is always the caller's own resident record, so a guardian cannot
 * apply for a relative (an extra field such as residentId is UNKNOWN_FIELD).
 */
export const applyVenueRequest = z.strictObject({
  /** The venue's name; for a mobile category, the plate or vessel number. */
  name: plainText(2, 100),
  /** From GET /venue-categories. */
  categoryId: z.string().min(1).max(64),
  address: plainText(4, 200),
  /** 6-digit administrative division code (GB/T 2260). */
  region: regionField,
  /** Unified social credit code of the owning legal entity (GB 32100, 18 characters). */
  socialCreditCode: socialCreditCodeField,
  /** The legal entity's name; for a mobile venue, the operating company. */
  unitName: plainText(2, 100),
  /** Stored encrypted; every answer shows it masked (R34). */
  contactPhone: phoneField,
});

export const venueIdParam = z.object({ id: z.string().min(1).max(64) });

const page = z.coerce.number().int().min(1).max(10_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(100).default(20);

/** GET /me/venues?status=passed&page=1&pageSize=20 */
export const myVenuesQuery = z.strictObject({ status: venueStatusField.optional(), page, pageSize });

/** GET /officials/venues: the review queue by default (oldest first). */
export const officialVenuesQuery = z.strictObject({ status: venueStatusField.default('under_review'), page, pageSize });

/** Failing an application or revoking a code needs a reason the owner will read (R11, R12). */
export const venueReasonRequest = z.strictObject({ reason: plainText(2, 500) });

/** A venue application as its owner sees it (the contact phone masked, R34). */
export const venueView = z.object({
  id: z.string(),
  name: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  categoryNameEn: z.string(),
  mobile: z.boolean(),
  address: z.string(),
  region: z.string(),
  /** 广东省 深圳市 南山区, or null for a code missing from the division table. */
  regionName: z.string().nullable(),
  socialCreditCode: z.string(),
  unitName: z.string(),
  contactPhone: z.string(),
  status: venueStatusField,
  failReason: z.string().nullable(),
  revokeReason: z.string().nullable(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  /** Whether GET /me/venues/{id}/poster.png and .pdf answer (a passed code only). */
  posterAvailable: z.boolean(),
});

export const venueListResponse = z.object({
  venues: z.array(venueView),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

/** What a reviewer sees: the application and who applied (masked name). */
export const officialVenueView = venueView.extend({
  owner: z.object({ residentId: z.string(), name: z.string() }),
});

export const officialVenueListResponse = z.object({
  venues: z.array(officialVenueView),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

// ---- Venue categories (R10, R31) ----

export const venueCategoryView = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  /** Taxi, bus, boat: the venue's name is a plate or vessel number. */
  mobile: z.boolean(),
  active: z.boolean(),
});

export const venueCategoryListResponse = z.object({ categories: z.array(venueCategoryView) });

export const createVenueCategoryRequest = z.strictObject({
  nameZh: plainText(1, 64),
  nameEn: plainText(1, 64),
  mobile: z.boolean().default(false),
});

/** Rename, mark mobile, or retire (active: false) a category; venues already passed keep theirs. */
export const updateVenueCategoryRequest = z.strictObject({
  nameZh: plainText(1, 64).optional(),
  nameEn: plainText(1, 64).optional(),
  mobile: z.boolean().optional(),
  active: z.boolean().optional(),
});

export const venueCategoryIdParam = z.object({ id: z.string().min(1).max(64) });

/** POST /venue-categories/requests: a resident asks for a category the list lacks. */
export const venueCategoryRequestBody = z.strictObject({
  nameZh: plainText(1, 64),
  nameEn: plainText(1, 64).optional(),
  mobile: z.boolean().default(false),
  /** What kind of place it is, for the official who answers. */
  note: plainText(1, 500).optional(),
});

export const VENUE_CATEGORY_REQUEST_STATUSES = ['pending', 'accepted', 'declined'] as const;
export const venueCategoryRequestStatusField = z.enum(VENUE_CATEGORY_REQUEST_STATUSES);

export const venueCategoryRequestView = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  mobile: z.boolean(),
  note: z.string().nullable(),
  status: venueCategoryRequestStatusField,
  /** The official's answer (why declined, or a remark). */
  reply: z.string().nullable(),
  /** The category it was answered with, when accepted. */
  categoryId: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
});

export const venueCategoryRequestListResponse = z.object({ requests: z.array(venueCategoryRequestView) });

export const venueCategoryRequestsQuery = z.strictObject({ status: venueCategoryRequestStatusField.default('pending') });

/**
 * Accept (creating the category, names and mobile overridable; an existing category of that
 * name is used as it is) or decline with a reply saying why.
 */
export const answerVenueCategoryRequest = z
  .strictObject({
    decision: z.enum(['accept', 'decline']),
    reply: plainText(2, 500).optional(),
    nameZh: plainText(1, 64).optional(),
    nameEn: plainText(1, 64).optional(),
    mobile: z.boolean().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.decision === 'decline' && body.reply === undefined) ctx.addIssue({ code: 'custom', message: 'REQUIRED', path: ['reply'] });
  });
