// The venue API's shapes, taken from the shared schemas (types only: no schema code in the bundle).
import type { z } from 'zod';
import type {
  regionChoiceView,
  venueCategoryRequestListResponse,
  venueCategoryRequestView,
  venueCategoryView,
  venueListResponse,
  venueView,
} from '@health-code/shared';

export type Venue = z.infer<typeof venueView>;
export type VenueList = z.infer<typeof venueListResponse>;
export type VenueStatus = Venue['status'];
export type Category = z.infer<typeof venueCategoryView>;
export type CategoryRequest = z.infer<typeof venueCategoryRequestView>;
export type CategoryRequestList = z.infer<typeof venueCategoryRequestListResponse>;
export type RegionChoice = z.infer<typeof regionChoiceView>;
