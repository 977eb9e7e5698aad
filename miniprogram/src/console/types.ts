// The console's API shapes, taken from the shared schemas (types only: no schema code in the bundle).
import type { z } from 'zod';
import type {
  officialVenueView,
  officialVenueListResponse,
  venueCategoryView,
  venueCategoryRequestView,
  riskAreaView,
  riskAreaListResponse,
  caseSummaryView,
  caseListResponse,
  recordCaseResponse,
  traceReport,
  officialResidentView,
  institutionView,
  createInstitutionResponse,
  auditResponse,
  officialAppealView,
  appealQueueResponse,
  inviteStaffResponse,
  staffListResponse,
  VenueStatus,
} from '@health-code/shared';

export type OfficialVenue = z.infer<typeof officialVenueView>;
export type OfficialVenueList = z.infer<typeof officialVenueListResponse>;
export type { VenueStatus };
export type Category = z.infer<typeof venueCategoryView>;
export type CategoryRequest = z.infer<typeof venueCategoryRequestView>;
export type RiskArea = z.infer<typeof riskAreaView>;
export type RiskAreaList = z.infer<typeof riskAreaListResponse>;
export type CaseSummary = z.infer<typeof caseSummaryView>;
export type CaseList = z.infer<typeof caseListResponse>;
export type RecordedCase = z.infer<typeof recordCaseResponse>;
export type TraceReport = z.infer<typeof traceReport>;
export type ResidentColour = z.infer<typeof officialResidentView>;
export type Institution = z.infer<typeof institutionView>;
export type CreatedInstitution = z.infer<typeof createInstitutionResponse>;
export type AuditPage = z.infer<typeof auditResponse>;
export type AuditRecord = AuditPage['records'][number];
export type OfficialAppeal = z.infer<typeof officialAppealView>;
export type AppealQueue = z.infer<typeof appealQueueResponse>;
export type Invitation = z.infer<typeof inviteStaffResponse>;
export type StaffList = z.infer<typeof staffListResponse>;
export type StaffMember = StaffList['staff'][number];
export type Colour = 'green' | 'yellow' | 'red';
export type StaffRole = Invitation['role'];
