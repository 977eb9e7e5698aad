import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import VenuesPage from '../../src/console/pages/venues/index';
import { mockApi, offline, recorded, requests, startApp } from '../api';
import { consoleRequests, field, forbidden, queryOf, refusal, type, zh } from '../console/helpers';

const venue = (over: Record<string, unknown> = {}) => ({
  id: 'v-1',
  name: '老街面馆',
  categoryId: 'cat-food',
  categoryName: '餐饮',
  categoryNameEn: 'Restaurant',
  mobile: false,
  address: '南山区桃园路 1 号',
  region: '440305',
  regionName: '广东省 深圳市 南山区',
  socialCreditCode: '91440300MA5FXXXX1X',
  unitName: '深圳市老街餐饮有限公司',
  contactPhone: '138****8000',
  status: 'under_review',
  failReason: null,
  revokeReason: null,
  createdAt: '2026-11-20T02:00:00.000Z',
  reviewedAt: null,
  revokedAt: null,
  retiredAt: null,
  posterAvailable: false,
  owner: { residentId: 'r-1', name: '张*三' },
  ...over,
});
const page = (venues: unknown[], total = venues.length) => [200, { venues, page: 1, pageSize: 20, total }] as [number, unknown];
const taxi = venue({ id: 'v-2', name: '粤BD12345', categoryName: '出租车', mobile: true, unitName: '鹏程出租车公司', createdAt: '2026-11-21T02:00:00.000Z' });

describe('venue review (R11, R12, R31)', () => {
  it('R11: loading, then the queue oldest first with the applicant’s details masked', async () => {
    startApp({ role: 'reviewer' });
    let answer!: (v: [number, unknown]) => void;
    mockApi({ 'GET /officials/venues': () => new Promise((resolve) => (answer = resolve)) });
    render(<VenuesPage />);
    expect(screen.getByTestId('console-loading')).toBeTruthy();
    await waitFor(() => expect(requests('GET', '/officials/venues')).toHaveLength(1));
    expect(queryOf(requests('GET', '/officials/venues')[0].url)).toEqual({ status: 'under_review', page: '1', pageSize: '20' });
    await act(async () => answer(page([venue(), taxi])));
    const card = screen.getByTestId('venue-v-1');
    expect(within(card).getByText('老街面馆')).toBeTruthy();
    expect(within(card).getByTestId('venue-applicant').textContent).toContain('张*三');
    expect(within(card).getByTestId('venue-phone').textContent).toContain('138****8000');
    expect(within(card).getByText('广东省 深圳市 南山区')).toBeTruthy();
    expect(within(card).getByText('91440300MA5FXXXX1X')).toBeTruthy();
    // R10: a mobile venue's unit is its operating company.
    expect(within(screen.getByTestId('venue-v-2')).getByText('运营单位')).toBeTruthy();
    expect(screen.getAllByTestId(/^venue-v-/).map((e) => e.dataset.testid)).toEqual(['venue-v-1', 'venue-v-2']);
  });

  it('R11: approve asks first, then passes the application and reloads the queue', async () => {
    startApp({ role: 'official' });
    let queue = [venue(), taxi];
    mockApi({
      'GET /officials/venues': () => page(queue),
      'POST /officials/venues/v-1/approve': () => {
        queue = [taxi];
        return [200, venue({ status: 'passed', posterAvailable: true })];
      },
    });
    render(<VenuesPage />);
    const card = await screen.findByTestId('venue-v-1');
    await act(async () => fireEvent.click(within(card).getByText('审核通过')));
    expect(recorded.modals[0].content).toContain('老街面馆');
    await waitFor(() => expect(screen.queryByTestId('venue-v-1')).toBeNull());
    expect(requests('POST', '/officials/venues/v-1/approve')).toHaveLength(1);
    expect(recorded.toasts).toContain('已通过');
  });

  it('R11: an application another reviewer already decided says so on its card', async () => {
    startApp({ role: 'reviewer' });
    mockApi({ 'GET /officials/venues': page([venue()]), 'POST /officials/venues/v-1/approve': refusal(409, 'VENUE_ALREADY_REVIEWED') });
    render(<VenuesPage />);
    const card = await screen.findByTestId('venue-v-1');
    await act(async () => fireEvent.click(within(card).getByText('审核通过')));
    expect(await within(screen.getByTestId('venue-v-1')).findByText(zh('VENUE_ALREADY_REVIEWED'))).toBeTruthy();
  });

  it('R11: an application that no longer exists: VENUE_NOT_FOUND is shown', async () => {
    startApp({ role: 'reviewer' });
    mockApi({ 'GET /officials/venues': page([venue()]), 'POST /officials/venues/v-1/approve': refusal(404, 'VENUE_NOT_FOUND') });
    render(<VenuesPage />);
    const card = await screen.findByTestId('venue-v-1');
    await act(async () => fireEvent.click(within(card).getByText('审核通过')));
    expect(await screen.findByText(zh('VENUE_NOT_FOUND'))).toBeTruthy();
  });

  it('R11: reject needs a reason the owner will read; a too-short one is refused under the field', async () => {
    startApp({ role: 'reviewer' });
    mockApi({
      'GET /officials/venues': page([venue()]),
      'POST /officials/venues/v-1/reject': (body: { reason: string }) =>
        body.reason.length < 2 ? refusal(422, 'VALIDATION_FAILED', [{ path: 'reason', code: 'TOO_SHORT', params: { minimum: 2 } }]) : [200, venue({ status: 'failed', failReason: body.reason })],
    });
    render(<VenuesPage />);
    fireEvent.click(within(await screen.findByTestId('venue-v-1')).getByText('不通过'));
    const dialog = screen.getByTestId('console-dialog');
    expect(within(dialog).getByText('“老街面馆”不通过')).toBeTruthy();
    type('原因', '短');
    await act(async () => fireEvent.click(within(dialog).getByText('不通过')));
    expect(await within(dialog).findByText(field('TOO_SHORT', { minimum: 2 }))).toBeTruthy();
    type('原因', '营业执照与场所名称不符，请核对后重新申请');
    await act(async () => fireEvent.click(within(screen.getByTestId('console-dialog')).getByText('不通过')));
    await waitFor(() => expect(screen.queryByTestId('console-dialog')).toBeNull());
    expect(requests('POST', '/officials/venues/v-1/reject')[1].data).toEqual({ reason: '营业执照与场所名称不符，请核对后重新申请' });
    expect(recorded.toasts).toContain('已退回');
  });

  it('R12: a passed code can be revoked with a reason; one already revoked says VENUE_CODE_NOT_ACTIVE', async () => {
    startApp({ role: 'official' });
    const passed = venue({ status: 'passed', reviewedAt: '2026-11-21T02:00:00.000Z', posterAvailable: true });
    mockApi({
      'GET /officials/venues': (_b, r) => (queryOf(r.url).status === 'passed' ? page([passed]) : page([])),
      'POST /officials/venues/v-1/revoke': refusal(409, 'VENUE_CODE_NOT_ACTIVE'),
    });
    render(<VenuesPage />);
    expect(await screen.findByText('没有待审核的申请')).toBeTruthy();
    fireEvent.click(screen.getByTestId('chip-passed'));
    const card = await screen.findByTestId('venue-v-1');
    expect(within(card).queryByText('审核通过')).toBeNull();
    fireEvent.click(within(card).getByText('停用场所码'));
    type('原因', '该场所已停业，防止继续扫码');
    await act(async () => fireEvent.click(within(screen.getByTestId('console-dialog')).getByText('停用场所码')));
    expect(await within(screen.getByTestId('console-dialog')).findByText(zh('VENUE_CODE_NOT_ACTIVE'))).toBeTruthy();
    expect(requests('POST', '/officials/venues/v-1/revoke')[0].data).toEqual({ reason: '该场所已停业，防止继续扫码' });
  });

  it('R11: failed and revoked applications show their reasons; paging asks for the next page', async () => {
    startApp({ role: 'reviewer' });
    mockApi({
      'GET /officials/venues': (_b, r) => {
        const q = queryOf(r.url);
        if (q.status !== 'failed') return page([]);
        return [200, { venues: [venue({ status: 'failed', failReason: '地址不详', reviewedAt: '2026-11-21T02:00:00.000Z' })], page: Number(q.page), pageSize: 20, total: 41 }];
      },
    });
    render(<VenuesPage />);
    await screen.findByTestId('console-empty');
    fireEvent.click(screen.getByTestId('chip-failed'));
    expect(await screen.findByText('地址不详')).toBeTruthy();
    expect(screen.getByText('第 1 / 3 页，共 41 条')).toBeTruthy();
    fireEvent.click(screen.getByText('下一页'));
    await waitFor(() => expect(queryOf(requests('GET', '/officials/venues').at(-1)!.url)).toMatchObject({ status: 'failed', page: '2' }));
  });

  it('R11: offline: says the network is not available; retry loads the queue', async () => {
    startApp({ role: 'reviewer' });
    offline();
    render(<VenuesPage />);
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
    mockApi({ 'GET /officials/venues': page([venue()]) });
    await act(async () => fireEvent.click(screen.getByText('重试')));
    expect(await screen.findByTestId('venue-v-1')).toBeTruthy();
  });

  it('R11: the service busy: its message, with a retry', async () => {
    startApp({ role: 'reviewer' });
    mockApi({ 'GET /officials/venues': refusal(503, 'SERVICE_UNAVAILABLE') });
    render(<VenuesPage />);
    expect(await screen.findByText(zh('SERVICE_UNAVAILABLE'))).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
  });

  it('R33: a session whose role was taken back gets 403 from the server: "not allowed"', async () => {
    startApp({ role: 'reviewer' });
    mockApi({ 'GET /officials/venues': forbidden() });
    render(<VenuesPage />);
    expect(await screen.findByTestId('console-not-allowed')).toBeTruthy();
    expect(screen.getByText(zh('ROLE_FORBIDDEN'))).toBeTruthy();
  });

  it('R33: a resident or a tracer sees "not allowed" and the page asks the server nothing', () => {
    for (const role of ['resident', 'tracer'] as const) {
      startApp({ role });
      const { unmount } = render(<VenuesPage />);
      expect(screen.getByTestId('console-not-allowed')).toBeTruthy();
      expect(consoleRequests()).toBe(0);
      unmount();
    }
  });
});
