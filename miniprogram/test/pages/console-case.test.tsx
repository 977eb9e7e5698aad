import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import CasePage from '../../src/console/pages/case/index';
import { formatDateTime } from '../../src/lib/time';
import { mockApi, offline, recorded, requests, startApp, type Routes } from '../api';
import { routerParams } from '../mocks/taro';
import { caseSummary as summary, consoleRequests, field, forbidden, refusal, type, zh } from '../console/helpers';

const VISIT = '2026-11-21T10:00:00.000Z';
const contact = (id: string, name: string, venueId: string, venueName: string, at: string) => ({
  residentId: id,
  name,
  idNumber: `440***********${id.slice(-4).padStart(4, '0')}`,
  phone: null as string | null,
  encounters: [{ venueId, venueName, at, caseVisitAt: VISIT }],
});
const report = (over: Record<string, unknown> = {}) => ({
  caseId: 'case-1',
  tracedAt: '2026-11-22T08:00:00.000Z',
  period: { from: '2026-11-16T16:00:00.000Z', to: '2026-11-22T08:00:00.000Z' },
  window: { beforeMinutes: 30, afterMinutes: 120 },
  venues: [
    { venueId: 'shop', venueName: '老街面馆', region: '440305', regionName: '南山区', caseVisits: 2, visitTimes: [VISIT, '2026-11-21T10:00:30.000Z'], contacts: 2 },
    { venueId: 'cafe', venueName: '街角咖啡', region: '440305', regionName: '南山区', caseVisits: 1, visitTimes: ['2026-11-20T02:00:00.000Z'], contacts: 0 },
  ],
  contacts: [
    { ...contact('r-0302', '李*海', 'shop', '老街面馆', '2026-11-21T09:30:00.000Z'), phone: '139****0001' },
    contact('r-0303', '王*', 'shop', '老街面馆', '2026-11-21T12:00:00.000Z'),
  ],
  total: 2,
  ...over,
});

const open = (id = 'case-1') => {
  routerParams.params = { id };
  return render(<CasePage />);
};

/** Case-1's page for a tracer (or `role`): the server has its summary and report, and answers `routes` besides. */
function openCase(routes: Routes = {}, role: 'tracer' | 'official' = 'tracer') {
  startApp({ role });
  mockApi({ 'GET /officials/cases/case-1': [200, summary()], 'GET /officials/cases/case-1/report': [200, report()], ...routes });
  return open();
}

describe('a case’s tracing report (R32)', () => {
  it('R32: loading, then the case (masked) and its visits and contacts by venue, masked', async () => {
    startApp({ role: 'tracer' });
    let answer!: (v: [number, unknown]) => void;
    mockApi({ 'GET /officials/cases/case-1': () => new Promise((resolve) => (answer = resolve)), 'GET /officials/cases/case-1/report': [200, report()] });
    open();
    expect(screen.getByTestId('console-loading')).toBeTruthy();
    await waitFor(() => expect(requests('GET', '/officials/cases/case-1')).toHaveLength(1));
    await act(async () => answer([200, summary()]));
    const head = screen.getByTestId('case-summary');
    expect(within(head).getByText('张*三')).toBeTruthy();
    expect(within(head).getByText('110***********1234')).toBeTruthy();
    expect(within(screen.getByTestId('case-trace')).getByText('病例扫码前 30 分钟 至后 2 小时')).toBeTruthy();
    expect(screen.getByTestId('case-total').textContent).toContain('2 人');
    const shop = screen.getByTestId('trace-venue-shop');
    expect(within(shop).getByText('病例到访 2 次')).toBeTruthy();
    expect(within(shop).getByText(formatDateTime(VISIT))).toBeTruthy();
    const li = within(shop).getByTestId('contact-r-0302');
    expect(within(li).getByText('李*海')).toBeTruthy();
    expect(within(li).getByText('139****0001')).toBeTruthy();
    expect(within(li).getByText(formatDateTime('2026-11-21T09:30:00.000Z'))).toBeTruthy();
    expect(within(shop).getByTestId('contact-r-0303')).toBeTruthy();
    expect(within(screen.getByTestId('trace-venue-cafe')).getByText('此场所未发现密接')).toBeTruthy();
  });

  it('R32: trace again adds the contacts found since, and says how many are new', async () => {
    const later = report({
      contacts: [...report().contacts, contact('r-0304', '赵*一', 'cafe', '街角咖啡', '2026-11-20T02:10:00.000Z')],
      total: 3,
    });
    openCase({ 'POST /officials/cases/case-1/trace': [200, later] });
    const retrace = await screen.findByText('重新流调');
    await act(async () => fireEvent.click(retrace));
    expect(await within(screen.getByTestId('trace-venue-cafe')).findByTestId('contact-r-0304')).toBeTruthy();
    expect(screen.getByTestId('case-total').textContent).toContain('3 人');
    expect(recorded.toasts).toContain('流调完成：新增 1 人，共 3 人');
  });

  it('R31: close with a reason; too short a reason is refused under the field; closed, the actions go away', async () => {
    openCase(
      {
        'POST /officials/cases/case-1/close': (body: { reason: string }) =>
          body.reason.length < 4
            ? refusal(422, 'VALIDATION_FAILED', [{ path: 'reason', code: 'TOO_SHORT', params: { minimum: 4 } }])
            : [200, { ...summary(), status: 'closed', closedAt: '2026-12-02T08:00:00.000Z', closeReason: body.reason }],
      },
      'official',
    );
    fireEvent.click(await screen.findByText('结案'));
    const dialog = screen.getByTestId('console-dialog');
    type('原因', '治愈');
    await act(async () => fireEvent.click(within(dialog).getByText('结案')));
    expect(await within(dialog).findByText(field('TOO_SHORT', { minimum: 4 }))).toBeTruthy();
    type('原因', '治愈出院，隔离期满');
    await act(async () => fireEvent.click(within(dialog).getByText('结案')));
    await waitFor(() => expect(screen.queryByTestId('console-dialog')).toBeNull());
    expect(within(screen.getByTestId('case-summary')).getByText('已结案')).toBeTruthy();
    expect(screen.getByText('治愈出院，隔离期满')).toBeTruthy();
    expect(screen.queryByText('重新流调')).toBeNull();
    expect(requests('POST', '/officials/cases/case-1/close')[1].data).toEqual({ reason: '治愈出院，隔离期满' });
  });

  it('R31: a case closed meanwhile: CASE_ALREADY_CLOSED on trace and on close', async () => {
    openCase({ 'POST /officials/cases/case-1/trace': refusal(409, 'CASE_ALREADY_CLOSED'), 'POST /officials/cases/case-1/close': refusal(409, 'CASE_ALREADY_CLOSED') });
    const retrace = await screen.findByText('重新流调');
    await act(async () => fireEvent.click(retrace));
    expect(await within(screen.getByTestId('case-summary')).findByText(zh('CASE_ALREADY_CLOSED'))).toBeTruthy();
    fireEvent.click(screen.getByText('结案'));
    type('原因', '治愈出院，隔离期满');
    await act(async () => fireEvent.click(within(screen.getByTestId('console-dialog')).getByText('结案')));
    expect(await within(screen.getByTestId('console-dialog')).findByText(zh('CASE_ALREADY_CLOSED'))).toBeTruthy();
  });

  it('R32: a case with no visits in the period says so', async () => {
    openCase({ 'GET /officials/cases/case-1': [200, summary({ contacts: 0 })], 'GET /officials/cases/case-1/report': [200, report({ venues: [], contacts: [], total: 0 })] });
    expect(await screen.findByText('流调时段内病例没有扫码记录')).toBeTruthy();
  });

  it('R32: an unknown case: CASE_NOT_FOUND with a retry', async () => {
    startApp({ role: 'tracer' });
    mockApi({ 'GET /officials/cases/nope': refusal(404, 'CASE_NOT_FOUND'), 'GET /officials/cases/nope/report': refusal(404, 'CASE_NOT_FOUND') });
    open('nope');
    expect(await screen.findByText(zh('CASE_NOT_FOUND'))).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
  });

  it('R32: offline: says the network is not available', async () => {
    startApp({ role: 'tracer' });
    offline();
    open();
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
  });

  it('R33: 403 from the server shows "not allowed"; a reviewer is not let in', async () => {
    startApp({ role: 'tracer' });
    mockApi({ 'GET /officials/cases/case-1': forbidden(), 'GET /officials/cases/case-1/report': forbidden() });
    const { unmount } = open();
    expect(await screen.findByText(zh('ROLE_FORBIDDEN'))).toBeTruthy();
    unmount();
    startApp({ role: 'reviewer' });
    open();
    expect(screen.getByTestId('console-not-allowed')).toBeTruthy();
    expect(consoleRequests()).toBe(0);
  });
});
