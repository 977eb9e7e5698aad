import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { errorMessage } from '@health-code/shared';
import { fireShow, routerParams } from '../mocks/taro';
import VenueListPage from '../../src/venues/pages/list/index';
import { apiError, mockApi, offline, recorded, requests, startApp } from '../api';
import type { RequestOptions } from '../mocks/taro';
import { venue } from './venues-fixtures';
import { formatDate } from '../../src/venues/format';

const zh = (code: Parameters<typeof errorMessage>[0]) => errorMessage(code, 'zh-CN');
const query = (r: RequestOptions) => Object.fromEntries(new URL(r.url, 'http://localhost').searchParams);

const passed = venue();
const reviewing = venue({ id: 'ven-2', name: '粤BD1234', categoryId: 'cat-taxi', categoryName: '出租车', categoryNameEn: 'Taxi', mobile: true, status: 'under_review', reviewedAt: null, posterAvailable: false, createdAt: '2026-11-25T02:00:00.000Z' });
const failed = venue({ id: 'ven-3', name: '幸福路餐厅', status: 'failed', failReason: '地址不详', posterAvailable: false });
const retired = venue({ id: 'ven-4', name: '旧店', status: 'retired', retiredAt: '2026-11-28T02:00:00.000Z', posterAvailable: false });

/** GET /me/venues answered by state, as the server filters. */
function byStatus(all: Array<ReturnType<typeof venue>>) {
  return (_body: unknown, request: RequestOptions): [number, unknown] => {
    const { status, page = '1', pageSize = '20' } = query(request);
    const list = all.filter((v) => !status || v.status === status);
    const size = Number(pageSize);
    return [200, { venues: list.slice((Number(page) - 1) * size, Number(page) * size), page: Number(page), pageSize: size, total: list.length }];
  };
}

describe('my place codes (R11)', () => {
  it('R11: shows loading, then the passed codes with name, category, state and date; each opens its details', async () => {
    startApp();
    let answer!: (v: [number, unknown]) => void;
    mockApi({ 'GET /me/venues': () => new Promise((resolve) => (answer = resolve)) });
    render(<VenueListPage />);
    expect(screen.getByText('加载中…')).toBeTruthy();
    expect(query(requests('GET', '/me/venues')[0])).toEqual({ status: 'passed', page: '1', pageSize: '20' });
    answer([200, { venues: [passed], page: 1, pageSize: 20, total: 1 }]);

    const item = await screen.findByTestId('venue-ven-1');
    expect(within(item).getByText('幸福路便利店')).toBeTruthy();
    expect(within(item).getByText('超市')).toBeTruthy();
    expect(within(item).getByText('已通过').getAttribute('data-status')).toBe('passed');
    expect(within(item).getByText(`申请于 ${formatDate(passed.createdAt)}`)).toBeTruthy();
    expect(screen.getByTestId('count').textContent).toBe('共 1 条');
    fireEvent.click(item);
    expect(recorded.navigations).toEqual(['/venues/pages/detail/index?id=ven-1']);
  });

  it('R11: the tabs list each state; "all" keeps retired codes (R12)', async () => {
    startApp();
    mockApi({ 'GET /me/venues': byStatus([passed, reviewing, failed, retired]) });
    render(<VenueListPage />);
    await screen.findByTestId('venue-ven-1');

    fireEvent.click(screen.getByTestId('tab-under_review'));
    const taxi = await screen.findByTestId('venue-ven-2');
    expect(within(taxi).getByText('审核中')).toBeTruthy();
    expect(within(taxi).getByText('出租车')).toBeTruthy();
    expect(screen.queryByTestId('venue-ven-1')).toBeNull();
    expect(screen.getByTestId('tab-under_review').className).toContain('active');

    fireEvent.click(screen.getByTestId('tab-failed'));
    expect(within(await screen.findByTestId('venue-ven-3')).getByText('未通过')).toBeTruthy();

    fireEvent.click(screen.getByTestId('tab-all'));
    expect(within(await screen.findByTestId('venue-ven-4')).getByText('已注销')).toBeTruthy();
    expect(screen.getAllByTestId(/^venue-/)).toHaveLength(4);
    expect(requests('GET', '/me/venues').map((r) => query(r).status)).toEqual(['passed', 'under_review', 'failed', undefined]);
  });

  it('R11: each tab has its own empty state, and the way to apply', async () => {
    startApp();
    mockApi({ 'GET /me/venues': byStatus([]) });
    render(<VenueListPage />);
    expect((await screen.findByTestId('empty')).textContent).toBe('还没有审核通过的场所码。提交的申请审核通过后会出现在这里。');
    fireEvent.click(screen.getByTestId('tab-under_review'));
    await waitFor(() => expect(screen.getByTestId('empty').textContent).toBe('没有正在审核的申请。'));
    fireEvent.click(screen.getByTestId('tab-failed'));
    await waitFor(() => expect(screen.getByTestId('empty').textContent).toBe('没有未通过的申请。'));
    fireEvent.click(screen.getByTestId('tab-all'));
    await waitFor(() => expect(screen.getByTestId('empty').textContent).toContain('您还没有申领过场所码'));
    fireEvent.click(screen.getByText('申领新的场所码'));
    expect(recorded.navigations).toEqual(['/venues/pages/apply/index']);
  });

  it('R11: opened on a tab from its address, and refreshed on coming back', async () => {
    startApp();
    routerParams.params = { tab: 'under_review' };
    const all = [reviewing];
    mockApi({ 'GET /me/venues': byStatus(all) });
    render(<VenueListPage />);
    await screen.findByTestId('venue-ven-2');
    all.push(venue({ id: 'ven-5', name: '新店', status: 'under_review' }));
    fireShow();
    expect(await screen.findByTestId('venue-ven-5')).toBeTruthy();
  });

  it('R11: more than a page loads on demand', async () => {
    startApp();
    const many = Array.from({ length: 25 }, (_, i) => venue({ id: `ven-p${i}`, name: `门店${i}` }));
    mockApi({ 'GET /me/venues': byStatus(many) });
    render(<VenueListPage />);
    await screen.findByTestId('venue-ven-p0');
    expect(screen.getAllByTestId(/^venue-/)).toHaveLength(20);
    fireEvent.click(screen.getByText('加载更多'));
    await screen.findByTestId('venue-ven-p24');
    expect(screen.getAllByTestId(/^venue-/)).toHaveLength(25);
    expect(screen.queryByText('加载更多')).toBeNull();
  });

  it('R11: offline: the list says so, and retrying loads it', async () => {
    startApp();
    offline();
    render(<VenueListPage />);
    expect((await screen.findByTestId('load-error')).textContent).toBe('网络不可用，请检查网络后重试');
    expect(screen.getByText('场所码列表加载失败')).toBeTruthy();
    mockApi({ 'GET /me/venues': byStatus([passed]) });
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByTestId('venue-ven-1')).toBeTruthy();
  });

  it('R9: an account without real-name registration is told to register first', async () => {
    startApp({ registered: false });
    mockApi({ 'GET /me/venues': [403, apiError('REGISTRATION_REQUIRED', zh('REGISTRATION_REQUIRED'))] });
    render(<VenueListPage />);
    expect((await screen.findByTestId('load-error')).textContent).toBe(zh('REGISTRATION_REQUIRED'));
    fireEvent.click(screen.getByText('去实名登记'));
    expect(recorded.navigations).toEqual(['/pages/login/index']);
  });

  it('R11: in English, states and categories are in English', async () => {
    startApp({ lang: 'en' });
    mockApi({ 'GET /me/venues': byStatus([passed]) });
    render(<VenueListPage />);
    const item = await screen.findByTestId('venue-ven-1');
    expect(within(item).getByText('Supermarket')).toBeTruthy();
    expect(within(item).getByText('Passed')).toBeTruthy();
    expect(within(item).getByText(`Applied ${formatDate(passed.createdAt)}`)).toBeTruthy();
  });
});
