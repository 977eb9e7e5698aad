import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import CategoriesPage from '../../src/console/pages/categories/index';
import { mockApi, offline, recorded, requests, startApp } from '../api';
import { consoleRequests, field, forbidden, queryOf, refusal, type, zh } from '../console/helpers';

const food = { id: 'cat-food', nameZh: '餐饮', nameEn: 'Restaurant', mobile: false, active: true };
const taxi = { id: 'cat-taxi', nameZh: '出租车', nameEn: 'Taxi', mobile: true, active: true };
const old = { id: 'cat-old', nameZh: '网吧', nameEn: 'Internet cafe', mobile: false, active: false };
const ask = (over: Record<string, unknown> = {}) => ({
  id: 'req-1',
  nameZh: '共享自习室',
  nameEn: 'Study room',
  mobile: false,
  note: '按小时收费的自习空间',
  status: 'pending',
  reply: null,
  categoryId: null,
  createdAt: '2026-11-20T02:00:00.000Z',
  answeredAt: null,
  ...over,
});
const list = (categories: unknown[]) => [200, { categories }] as [number, unknown];
const openRequests = async () => {
  fireEvent.click(screen.getByTestId('tab-requests'));
  return screen.findByTestId('request-req-1');
};

describe('venue categories (R10, R31)', () => {
  it('R10: loading, then every category, retired ones marked, with mobile ones named', async () => {
    startApp({ role: 'reviewer' });
    let answer!: (v: [number, unknown]) => void;
    mockApi({ 'GET /officials/venue-categories': () => new Promise((resolve) => (answer = resolve)) });
    render(<CategoriesPage />);
    expect(screen.getByTestId('console-loading')).toBeTruthy();
    await waitFor(() => expect(requests('GET', '/officials/venue-categories')).toHaveLength(1));
    await act(async () => answer(list([food, taxi, old])));
    expect(within(screen.getByTestId('category-cat-taxi')).getByText('流动场所')).toBeTruthy();
    expect(within(screen.getByTestId('category-cat-old')).getByText('已停用')).toBeTruthy();
    expect(within(screen.getByTestId('category-cat-old')).getByText('恢复使用')).toBeTruthy();
  });

  it('R31: add a category (Chinese and English names, mobile) and see it listed', async () => {
    startApp({ role: 'official' });
    let categories = [food];
    mockApi({
      'GET /officials/venue-categories': () => list(categories),
      'POST /officials/venue-categories': (body: typeof food) => {
        const made = { ...body, id: 'cat-boat', active: true };
        categories = [...categories, made];
        return [201, made];
      },
    });
    render(<CategoriesPage />);
    await screen.findByTestId('category-cat-food');
    const form = screen.getByTestId('category-add');
    type('中文名称', '渡轮');
    type('英文名称', 'Ferry');
    fireEvent.click(within(form).getByRole('switch'));
    await act(async () => fireEvent.click(within(form).getByText('添加')));
    expect(await screen.findByTestId('category-cat-boat')).toBeTruthy();
    expect(requests('POST', '/officials/venue-categories')[0].data).toEqual({ nameZh: '渡轮', nameEn: 'Ferry', mobile: true });
    expect(recorded.toasts).toContain('已添加');
  });

  it('R10: a name already in the list: VENUE_CATEGORY_EXISTS names it; an empty name is refused under its field', async () => {
    startApp({ role: 'reviewer' });
    mockApi({
      'GET /officials/venue-categories': list([food]),
      'POST /officials/venue-categories': (body: { nameZh: string }) =>
        body.nameZh ? refusal(409, 'VENUE_CATEGORY_EXISTS', [], { name: body.nameZh }) : refusal(422, 'VALIDATION_FAILED', [{ path: 'nameZh', code: 'TOO_SHORT', params: { minimum: 1 } }]),
    });
    render(<CategoriesPage />);
    await screen.findByTestId('category-cat-food');
    const form = screen.getByTestId('category-add');
    await act(async () => fireEvent.click(within(form).getByText('添加')));
    expect(await within(form).findByText(field('TOO_SHORT', { minimum: 1 }))).toBeTruthy();
    type('中文名称', '餐饮');
    type('英文名称', 'Restaurant');
    await act(async () => fireEvent.click(within(form).getByText('添加')));
    expect(await within(form).findByText(zh('VENUE_CATEGORY_EXISTS', { name: '餐饮' }))).toBeTruthy();
  });

  it('R31: rename, mark mobile, retire (asked first) and bring back: each a PATCH of that one change', async () => {
    startApp({ role: 'reviewer' });
    mockApi({
      'GET /officials/venue-categories': list([food, old]),
      'PATCH /officials/venue-categories/cat-food': (body: object) => [200, { ...food, ...body }],
      'PATCH /officials/venue-categories/cat-old': (body: object) => [200, { ...old, ...body }],
    });
    render(<CategoriesPage />);
    const card = await screen.findByTestId('category-cat-food');
    fireEvent.click(within(card).getByText('改名'));
    const dialog = screen.getByTestId('console-dialog');
    fireEvent.change(within(dialog).getByLabelText('中文名称'), { target: { value: '餐饮服务' } });
    await act(async () => fireEvent.click(within(dialog).getByText('保存')));
    await waitFor(() => expect(screen.queryByTestId('console-dialog')).toBeNull());
    await act(async () => fireEvent.click(within(screen.getByTestId('category-cat-food')).getByText('设为流动场所')));
    await act(async () => fireEvent.click(within(screen.getByTestId('category-cat-food')).getByText('停用')));
    await act(async () => fireEvent.click(within(screen.getByTestId('category-cat-old')).getByText('恢复使用')));
    await waitFor(() => expect(requests('PATCH', '/officials/venue-categories/cat-old')).toHaveLength(1));
    expect(requests('PATCH', '/officials/venue-categories/cat-food').map((r) => r.data)).toEqual([{ nameZh: '餐饮服务', nameEn: 'Restaurant' }, { mobile: true }, { active: false }]);
    expect(requests('PATCH', '/officials/venue-categories/cat-old')[0].data).toEqual({ active: true });
    expect(recorded.modals[0].title).toBe('停用类别“餐饮”');
  });

  it('R31: a category deleted meanwhile: VENUE_CATEGORY_NOT_FOUND on its card', async () => {
    startApp({ role: 'reviewer' });
    mockApi({ 'GET /officials/venue-categories': list([food]), 'PATCH /officials/venue-categories/cat-food': refusal(404, 'VENUE_CATEGORY_NOT_FOUND') });
    render(<CategoriesPage />);
    const card = await screen.findByTestId('category-cat-food');
    await act(async () => fireEvent.click(within(card).getByText('设为流动场所')));
    expect(await within(card).findByText(zh('VENUE_CATEGORY_NOT_FOUND'))).toBeTruthy();
  });

  it('R10: residents’ requests: accept with the names settled (the category is added)', async () => {
    startApp({ role: 'reviewer' });
    let answered = false;
    mockApi({
      'GET /officials/venue-categories': list([food]),
      'GET /officials/venue-categories/requests': (_b, r) => [200, { requests: queryOf(r.url).status === 'pending' && !answered ? [ask()] : [] }],
      'POST /officials/venue-categories/requests/req-1/answer': (body: object) => {
        answered = true;
        return [200, ask({ status: 'accepted', categoryId: 'cat-study', ...body })];
      },
    });
    render(<CategoriesPage />);
    const card = await openRequests();
    expect(within(card).getByText('按小时收费的自习空间')).toBeTruthy();
    fireEvent.click(within(card).getByText('采纳并添加'));
    const dialog = screen.getByTestId('console-dialog');
    fireEvent.change(within(dialog).getByLabelText('英文名称'), { target: { value: 'Study hall' } });
    await act(async () => fireEvent.click(within(dialog).getByText('采纳并添加')));
    await waitFor(() => expect(screen.queryByTestId('console-dialog')).toBeNull());
    expect(requests('POST', '/officials/venue-categories/requests/req-1/answer')[0].data).toEqual({ decision: 'accept', nameZh: '共享自习室', nameEn: 'Study hall', mobile: false });
    expect(await screen.findByText('暂无记录')).toBeTruthy();
  });

  it('R10: decline needs a reply (REQUIRED under the field); one answered meanwhile says VENUE_CATEGORY_REQUEST_ANSWERED', async () => {
    startApp({ role: 'official' });
    mockApi({
      'GET /officials/venue-categories': list([food]),
      'GET /officials/venue-categories/requests': [200, { requests: [ask()] }],
      'POST /officials/venue-categories/requests/req-1/answer': (body: { reply?: string }) =>
        body.reply ? refusal(409, 'VENUE_CATEGORY_REQUEST_ANSWERED') : refusal(422, 'VALIDATION_FAILED', [{ path: 'reply', code: 'REQUIRED' }]),
    });
    render(<CategoriesPage />);
    fireEvent.click(within(await openRequests()).getByText('不采纳'));
    const dialog = screen.getByTestId('console-dialog');
    await act(async () => fireEvent.click(within(dialog).getByText('不采纳')));
    expect(await within(dialog).findByText(field('REQUIRED'))).toBeTruthy();
    type('答复（必填，申请人会看到）', '自习室请选择“教育培训”类别');
    await act(async () => fireEvent.click(within(dialog).getByText('不采纳')));
    expect(await within(dialog).findByText(zh('VENUE_CATEGORY_REQUEST_ANSWERED'))).toBeTruthy();
    expect(requests('POST', '/officials/venue-categories/requests/req-1/answer')[1].data).toEqual({ decision: 'decline', reply: '自习室请选择“教育培训”类别' });
  });

  it('R10: a request gone meanwhile says VENUE_CATEGORY_REQUEST_NOT_FOUND; answered requests show the reply', async () => {
    startApp({ role: 'official' });
    mockApi({
      'GET /officials/venue-categories': list([food]),
      'GET /officials/venue-categories/requests': (_b, r) =>
        [200, { requests: queryOf(r.url).status === 'declined' ? [ask({ id: 'req-2', status: 'declined', reply: '请选择“教育培训”', answeredAt: '2026-11-21T02:00:00.000Z' })] : [ask()] }],
      'POST /officials/venue-categories/requests/req-1/answer': refusal(404, 'VENUE_CATEGORY_REQUEST_NOT_FOUND'),
    });
    render(<CategoriesPage />);
    fireEvent.click(within(await openRequests()).getByText('采纳并添加'));
    await act(async () => fireEvent.click(within(screen.getByTestId('console-dialog')).getByText('采纳并添加')));
    expect(await screen.findByText(zh('VENUE_CATEGORY_REQUEST_NOT_FOUND'))).toBeTruthy();
    fireEvent.click(screen.getByText('取消'));
    fireEvent.click(screen.getByTestId('chip-declined'));
    expect(await screen.findByText('请选择“教育培训”')).toBeTruthy();
  });

  it('R10: offline: says the network is not available', async () => {
    startApp({ role: 'reviewer' });
    offline();
    render(<CategoriesPage />);
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
  });

  it('R33: 403 from the server shows "not allowed"; a tracer or resident is not let in at all', async () => {
    startApp({ role: 'reviewer' });
    mockApi({ 'GET /officials/venue-categories': forbidden() });
    const { unmount } = render(<CategoriesPage />);
    expect(await screen.findByText(zh('ROLE_FORBIDDEN'))).toBeTruthy();
    unmount();
    for (const role of ['tracer', 'resident'] as const) {
      startApp({ role });
      const view = render(<CategoriesPage />);
      expect(screen.getByTestId('console-not-allowed')).toBeTruthy();
      expect(consoleRequests()).toBe(0);
      view.unmount();
    }
  });
});
