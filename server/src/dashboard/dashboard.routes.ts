import { caseContactsView, colourDistributionView, scansPerHourView, venueStatesView } from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import type { Services } from '../services';

/** The dashboard is the health officials' own page (the console's "official" role). */
const OFFICIAL = ['official'] as const;

/** The officials' dashboard (issue 6): aggregates for its charts, no person in any answer. */
export function dashboardRoutes(s: Services): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/officials/dashboard/scans-per-hour',
      summary: 'Venue scans per hour for the last 48 hours, the current hour last (aggregate, not audited)',
      tag: 'officials',
      access: OFFICIAL,
      response: scansPerHourView,
      async handler() {
        return s.dashboard.scansPerHour();
      },
    }),
    route({
      method: 'get',
      path: '/officials/dashboard/colours',
      summary: "Residents per colour today and over the last 14 days, from the daily snapshots (R4; aggregate, not audited)",
      tag: 'officials',
      access: OFFICIAL,
      response: colourDistributionView,
      async handler() {
        return s.dashboard.colours();
      },
    }),
    route({
      method: 'post',
      path: '/officials/dashboard/colours/recompute',
      summary: "Take today's colour snapshot now (every resident's colour counted); answers the refreshed distribution (audited, R33)",
      tag: 'officials',
      access: OFFICIAL,
      response: colourDistributionView,
      async handler(_ctx, { auth }) {
        return s.dashboard.recomputeColours(auth);
      },
    }),
    route({
      method: 'get',
      path: '/officials/dashboard/venue-states',
      summary: 'Venue code applications by review state (R11, R12; aggregate, not audited)',
      tag: 'officials',
      access: OFFICIAL,
      response: venueStatesView,
      async handler() {
        return s.dashboard.venueStates();
      },
    }),
    route({
      method: 'get',
      path: '/officials/dashboard/case-contacts',
      summary: 'Contacts found per case for the cases of the last 30 days, each case by an opaque label (R32; aggregate, not audited)',
      tag: 'officials',
      access: OFFICIAL,
      response: caseContactsView,
      async handler() {
        return s.dashboard.caseContacts();
      },
    }),
  ];
}
