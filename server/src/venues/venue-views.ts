import { maskPhone } from '@health-code/shared';
import { lookup } from '../regions/regions';
import type { VenueCategory } from './venue-categories.repository';
import type { VenueCategoryRequest } from './venue-category-requests.repository';
import type { Venue } from './venues.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** 广东省 深圳市 南山区 (a municipality's name once: 北京市 东城区); null for an unknown code. */
export function regionLabel(code: string): string | null {
  const region = lookup(code);
  if (!region) return null;
  const parts = [region.province, region.city, region.name].filter((p, i, all) => i === 0 || p !== all[i - 1]);
  return parts.join(' ');
}

/** A venue as its owner sees it: the contact phone masked, as in every answer (R34). */
export function venueOut(v: Venue) {
  return {
    id: v.id,
    name: v.name,
    categoryId: v.categoryId,
    categoryName: v.categoryName,
    categoryNameEn: v.categoryNameEn,
    mobile: v.mobile,
    address: v.address,
    region: v.region,
    regionName: regionLabel(v.region),
    socialCreditCode: v.socialCreditCode,
    unitName: v.unitName,
    contactPhone: maskPhone(v.contactPhone),
    status: v.status,
    failReason: v.failReason,
    revokeReason: v.revokeReason,
    createdAt: v.createdAt.toISOString(),
    reviewedAt: iso(v.reviewedAt),
    revokedAt: iso(v.revokedAt),
    retiredAt: iso(v.retiredAt),
    posterAvailable: v.status === 'passed' && v.codeId !== null,
  };
}

/** What a reviewer sees: the same, with who applied (masked name). */
export function officialVenueOut({ venue, ownerName }: { venue: Venue; ownerName: string }) {
  return { ...venueOut(venue), owner: { residentId: venue.ownerResidentId, name: ownerName } };
}

export function categoryOut(c: VenueCategory) {
  return { id: c.id, nameZh: c.nameZh, nameEn: c.nameEn, mobile: c.mobile, active: c.active };
}

export function categoryRequestOut(r: VenueCategoryRequest) {
  return {
    id: r.id,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    mobile: r.mobile,
    note: r.note,
    status: r.status,
    reply: r.reply,
    categoryId: r.categoryId,
    createdAt: r.createdAt.toISOString(),
    answeredAt: iso(r.answeredAt),
  };
}
