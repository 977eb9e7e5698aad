// Shared answers for the venue pages' tests (R9-R13): what the server sends, masked as it masks.
import { makeSocialCreditCode } from '@health-code/shared';
import type { RequestOptions } from '../mocks/taro';

export const USCC = makeSocialCreditCode(4401);

export const categories = [
  { id: 'cat-shop', nameZh: '超市', nameEn: 'Supermarket', mobile: false, active: true },
  { id: 'cat-taxi', nameZh: '出租车', nameEn: 'Taxi', mobile: true, active: true },
];

export function venue(over: Record<string, unknown> = {}) {
  return {
    id: 'ven-1',
    name: '幸福路便利店',
    categoryId: 'cat-shop',
    categoryName: '超市',
    categoryNameEn: 'Supermarket',
    mobile: false,
    address: '幸福路 8 号',
    region: '440305',
    regionName: '广东省 深圳市 南山区',
    socialCreditCode: USCC,
    unitName: '幸福商贸有限公司',
    contactPhone: '138****5678',
    status: 'passed',
    failReason: null,
    revokeReason: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    reviewedAt: '2026-11-21T03:00:00.000Z',
    revokedAt: null,
    retiredAt: null,
    posterAvailable: true,
    ...over,
  };
}

const REGIONS: Record<string, Array<{ code: string; name: string; hasChildren: boolean }>> = {
  '': [
    { code: '110000', name: '北京市', hasChildren: true },
    { code: '440000', name: '广东省', hasChildren: true },
  ],
  '110000': [{ code: '110101', name: '东城区', hasChildren: false }],
  '440000': [
    { code: '440300', name: '深圳市', hasChildren: true },
    { code: '441900', name: '东莞市', hasChildren: false },
  ],
  '440300': [
    { code: '440305', name: '南山区', hasChildren: false },
    { code: '440306', name: '宝安区', hasChildren: false },
  ],
};

/** GET /regions?parent=...: a small slice of the division table. */
export const regions = (_body: unknown, request: RequestOptions): [number, unknown] => {
  const parent = new URL(request.url, 'http://localhost').searchParams.get('parent') ?? '';
  return [200, { parent: parent || null, regions: REGIONS[parent] ?? [] }];
};
