// The API's shapes, taken from the shared schemas (types only: no schema code in the bundle).
import type { z } from 'zod';
import type {
  credentialResponse,
  colourView,
  scanResponse,
  scanHistoryResponse,
  meResponse,
  relativeListResponse,
  relativeView,
  testResultListResponse,
  vaccinationListResponse,
  travelCardView,
} from '@health-code/shared';

export type CredentialAnswer = z.infer<typeof credentialResponse>;
export type ColourView = z.infer<typeof colourView>;
export type Colour = ColourView['colour'];
export type ScanAnswer = z.infer<typeof scanResponse>;
export type ScanHistory = z.infer<typeof scanHistoryResponse>;
export type Me = z.infer<typeof meResponse>;
export type RelativeList = z.infer<typeof relativeListResponse>;
export type Relative = z.infer<typeof relativeView>;
export type TestResults = z.infer<typeof testResultListResponse>;
export type Vaccinations = z.infer<typeof vaccinationListResponse>;
export type TravelCard = z.infer<typeof travelCardView>;
