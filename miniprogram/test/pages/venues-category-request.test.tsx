import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { errorMessage, fieldMessage } from '@health-code/shared';
import CategoryRequestPage from '../../src/venues/pages/category-request/index';
import { formatDate } from '../../src/venues/format';
import { apiError, mockApi, offline, recorded, requests, startApp } from '../api';

const zh = (code: Parameters<typeof errorMessage>[0], params?: Record<string, string>) => errorMessage(code, 'zh-CN', params);

const request = (over: Record<string, unknown> = {}) => ({
  id: 'req-1',
  nameZh: '剧本杀店',
  nameEn: null,
  mobile: false,
  note: '室内娱乐场所，人员聚集',
  status: 'pending',
  reply: null,
  categoryId: null,
  createdAt: '2026-11-20T06:00:00.000Z',
  answeredAt: null,
  ...over,
});

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const errorUnder = (label: string) => screen.getByLabelText(label).closest('.field')?.querySelector('.error-text')?.textContent;

describe('asking for a missing venue category (R10, R31)', () => {
  it('R10: shows loading, then my requests with their state and the answers', async () => {
    startApp();
    let answer!: (v: [number, unknown]) => void;
    mockApi({ 'GET /me/venue-categories/requests': () => new Promise((resolve) => (answer = resolve)) });
    render(<CategoryRequestPage />);
    expect(screen.getByText('加载中…')).toBeTruthy();
    answer([
      200,
      {
        requests: [
          request(),
          request({ id: 'req-2', nameZh: '农家乐', status: 'accepted', reply: '已增加', categoryId: 'cat-9' }),
          request({ id: 'req-3', nameZh: '小卖部', status: 'declined', reply: '请选择“便利店”' }),
        ],
      },
    ]);
    const pending = await screen.findByTestId('request-req-1');
    expect(within(pending).getByText('待处理')).toBeTruthy();
    expect(within(pending).getByText('室内娱乐场所，人员聚集')).toBeTruthy();
    expect(within(pending).getByText(`申请于 ${formatDate('2026-11-20T06:00:00.000Z')}`)).toBeTruthy();
    expect(within(screen.getByTestId('request-req-2')).getByText('已采纳')).toBeTruthy();
    const declined = screen.getByTestId('request-req-3');
    expect(within(declined).getByText('未采纳')).toBeTruthy();
    expect(within(declined).getByText('答复：请选择“便利店”')).toBeTruthy();
  });

  it('R10: no requests yet is said plainly', async () => {
    startApp();
    mockApi({ 'GET /me/venue-categories/requests': [200, { requests: [] }] });
    render(<CategoryRequestPage />);
    expect((await screen.findByTestId('mine-empty')).textContent).toBe('还没有类别申请。');
  });

  it('R10: a request needs a name and a reason; it is sent and shows at the top of my requests', async () => {
    startApp();
    const sent: unknown[] = [];
    mockApi({
      'GET /me/venue-categories/requests': () => [200, { requests: sent.length ? [request({ id: 'req-new', nameZh: '轮渡' })] : [] }],
      'POST /venue-categories/requests': (body) => (sent.push(body), [201, request({ id: 'req-new', nameZh: '轮渡', mobile: true })]),
    });
    render(<CategoryRequestPage />);
    await screen.findByTestId('mine-empty');
    fireEvent.click(screen.getByText('提交类别申请'));
    expect(errorUnder('类别名称')).toBe(fieldMessage('REQUIRED', 'zh-CN'));
    expect(errorUnder('申请理由')).toBe(fieldMessage('REQUIRED', 'zh-CN'));
    expect(requests('POST', '/venue-categories/requests')).toHaveLength(0);

    type('类别名称', ' 轮渡 ');
    type('申请理由', '跨江客运轮渡，按船舶编号申领');
    fireEvent.click(screen.getByRole('switch'));
    fireEvent.click(screen.getByText('提交类别申请'));
    expect(await screen.findByTestId('request-req-new')).toBeTruthy();
    expect(sent).toEqual([{ nameZh: '轮渡', note: '跨江客运轮渡，按船舶编号申领', mobile: true }]);
    expect(recorded.toasts).toContain('已提交，请等待卫健部门处理');
    expect((screen.getByLabelText('类别名称') as HTMLInputElement).value).toBe('');
  });

  it('R10: a category that already exists is refused; the banner leads back to the form to pick it', async () => {
    startApp();
    mockApi({
      'GET /me/venue-categories/requests': [200, { requests: [] }],
      'POST /venue-categories/requests': [409, apiError('VENUE_CATEGORY_EXISTS', zh('VENUE_CATEGORY_EXISTS', { name: '超市' }))],
    });
    render(<CategoryRequestPage />);
    type('类别名称', '超市');
    type('申请理由', '找不到');
    fireEvent.click(screen.getByText('提交类别申请'));
    const banner = await screen.findByTestId('banner');
    expect(banner.textContent).toContain('已有名为“超市”的场所类别');
    fireEvent.click(within(banner).getByText('选择该类别'));
    expect(recorded.navigations).toEqual(['back']);
  });

  it('R10: asking twice for the same category is refused with its own message', async () => {
    startApp();
    mockApi({
      'GET /me/venue-categories/requests': [200, { requests: [request()] }],
      'POST /venue-categories/requests': [409, apiError('VENUE_CATEGORY_REQUEST_PENDING', zh('VENUE_CATEGORY_REQUEST_PENDING', { name: '剧本杀店' }))],
    });
    render(<CategoryRequestPage />);
    type('类别名称', '剧本杀店');
    type('申请理由', '再问一次');
    fireEvent.click(screen.getByText('提交类别申请'));
    expect((await screen.findByTestId('banner')).textContent).toBe(zh('VENUE_CATEGORY_REQUEST_PENDING', { name: '剧本杀店' }));
    expect(screen.queryByText('选择该类别')).toBeNull();
  });

  it("R10: the server's field refusals show under their fields", async () => {
    startApp();
    mockApi({
      'GET /me/venue-categories/requests': [200, { requests: [] }],
      'POST /venue-categories/requests': [422, apiError('VALIDATION_FAILED', zh('VALIDATION_FAILED'), [{ path: 'nameZh', code: 'TOO_LONG', message: fieldMessage('TOO_LONG', 'zh-CN', { maximum: 64 }) }])],
    });
    render(<CategoryRequestPage />);
    type('类别名称', '很长的名字');
    type('申请理由', '说明');
    fireEvent.click(screen.getByText('提交类别申请'));
    await waitFor(() => expect(errorUnder('类别名称')).toBe('太长（至多 64）'));
    expect(screen.getByTestId('banner').textContent).toBe(zh('VALIDATION_FAILED'));
  });

  it('R10: offline: my requests cannot load (with a retry), and sending says so', async () => {
    startApp();
    offline();
    render(<CategoryRequestPage />);
    expect((await screen.findByTestId('mine-error')).textContent).toContain('网络不可用，请检查网络后重试');
    type('类别名称', '轮渡');
    type('申请理由', '客运');
    fireEvent.click(screen.getByText('提交类别申请'));
    expect((await screen.findByTestId('banner')).textContent).toBe('网络不可用，请检查网络后重试');
    mockApi({ 'GET /me/venue-categories/requests': [200, { requests: [request()] }] });
    fireEvent.click(within(screen.getByTestId('mine-error')).getByText('重试'));
    expect(await screen.findByTestId('request-req-1')).toBeTruthy();
  });
});
