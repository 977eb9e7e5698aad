import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import AuditLogPage from '../../src/console/pages/audit/index';
import { formatDateTime } from '../../src/lib/time';
import { mockApi, offline, requests, startApp } from '../api';
import { consoleRequests, field, forbidden, pick, queryOf, refusal, type, zh } from '../console/helpers';

const row = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  at: '2026-12-02T08:00:00.000Z',
  actorId: 'acc-official',
  actorRole: 'official',
  action: 'colour.override',
  targetType: 'resident',
  targetId: 'r-7',
  details: { colour: 'green', reason: '复核为非密接' },
  ...over,
});
const answer = (records: unknown[], total = records.length) => [200, { total, records }] as [number, unknown];
const lastQuery = () => queryOf(requests('GET', '/officials/audit').at(-1)!.url);

describe('the audit log (R33): read-only, filterable, paged', () => {
  it('R33: loading, then the newest records with actor, action, target and details; nothing on the page edits them', async () => {
    startApp({ role: 'official' });
    let resolve!: (v: [number, unknown]) => void;
    mockApi({ 'GET /officials/audit': () => new Promise((r) => (resolve = r)) });
    render(<AuditLogPage />);
    expect(screen.getByTestId('console-loading')).toBeTruthy();
    await waitFor(() => expect(requests('GET', '/officials/audit')).toHaveLength(1));
    expect(lastQuery()).toEqual({ page: '1', pageSize: '50' });
    await act(async () => resolve(answer([row('a-1'), row('a-2', { action: 'case.report.view', targetType: 'case', targetId: 'case-1', actorRole: 'tracer', details: { venues: 1, contacts: 2 } })])));
    const first = screen.getByTestId('audit-a-1');
    expect(within(first).getByText(formatDateTime('2026-12-02T08:00:00.000Z'))).toBeTruthy();
    expect(within(first).getByText('colour.override')).toBeTruthy();
    expect(within(first).getByText('卫健工作人员')).toBeTruthy();
    expect(first.querySelector('.console-details')!.textContent).toBe('colour: green\nreason: 复核为非密接');
    expect(within(screen.getByTestId('audit-a-2')).getByText('流调人员')).toBeTruthy();
    expect(screen.getByText('日志只读，任何人都不能修改或删除；本次查看也会记入日志。')).toBeTruthy();
    expect(screen.queryByText(/删除$|^编辑$/)).toBeNull();
    expect(recordedWrites()).toBe(0);
  });

  it('R33: filter by actor, target, action family and time; the query carries each; clear resets', async () => {
    startApp({ role: 'official' });
    mockApi({ 'GET /officials/audit': answer([row('a-1')]) });
    render(<AuditLogPage />);
    await screen.findByTestId('audit-a-1');
    type('操作人', 'acc-official');
    type('对象', 'r-7');
    fireEvent.click(screen.getByTestId('chip-colour'));
    expect((screen.getByLabelText('操作名称（前缀）') as HTMLInputElement).value).toBe('colour.');
    pick('audit-from', 'date', '2026-12-01');
    pick('audit-from', 'time', '00:00');
    pick('audit-to', 'date', '2026-12-02');
    pick('audit-to', 'time', '23:59');
    fireEvent.click(screen.getByText('查询'));
    await waitFor(() => expect(requests('GET', '/officials/audit')).toHaveLength(2));
    expect(lastQuery()).toEqual({
      actorId: 'acc-official',
      targetId: 'r-7',
      action: 'colour.',
      from: new Date(2026, 11, 1, 0, 0).toISOString(),
      to: new Date(2026, 11, 2, 23, 59).toISOString(),
      page: '1',
      pageSize: '50',
    });
    fireEvent.click(screen.getByText('清空条件'));
    await waitFor(() => expect(lastQuery()).toEqual({ page: '1', pageSize: '50' }));
  });

  it('R33: tapping an actor or a target id filters by it', async () => {
    startApp({ role: 'official' });
    mockApi({ 'GET /officials/audit': answer([row('a-1')]) });
    render(<AuditLogPage />);
    const first = await screen.findByTestId('audit-a-1');
    fireEvent.click(within(first).getByText('acc-official'));
    await waitFor(() => expect(lastQuery()).toMatchObject({ actorId: 'acc-official' }));
    fireEvent.click(within(await screen.findByTestId('audit-a-1')).getByText('r-7'));
    await waitFor(() => expect(lastQuery()).toMatchObject({ actorId: 'acc-official', targetId: 'r-7' }));
  });

  it('R33: paged by 50: the next page asks for page 2', async () => {
    startApp({ role: 'official' });
    mockApi({ 'GET /officials/audit': answer([row('a-1')], 120) });
    render(<AuditLogPage />);
    await screen.findByTestId('audit-a-1');
    expect(screen.getByText('第 1 / 3 页，共 120 条')).toBeTruthy();
    fireEvent.click(screen.getByText('下一页'));
    await waitFor(() => expect(lastQuery()).toMatchObject({ page: '2' }));
  });

  it('R33: a filter the server refuses (VALIDATION_FAILED) is shown under its field; no records: said so', async () => {
    startApp({ role: 'official' });
    mockApi({
      'GET /officials/audit': (_b, r) =>
        queryOf(r.url).actorId && queryOf(r.url).actorId.length > 64 ? refusal(422, 'VALIDATION_FAILED', [{ path: 'actorId', code: 'TOO_LONG', params: { maximum: 64 } }]) : answer([]),
    });
    render(<AuditLogPage />);
    expect(await screen.findByText('没有符合条件的记录')).toBeTruthy();
    type('操作人', 'x'.repeat(65));
    fireEvent.click(screen.getByText('查询'));
    expect(await screen.findByText(field('TOO_LONG', { maximum: 64 }))).toBeTruthy();
    expect(screen.getByText(zh('VALIDATION_FAILED'))).toBeTruthy();
  });

  it('R33: offline: says the network is not available, with a retry', async () => {
    startApp({ role: 'official' });
    offline();
    render(<AuditLogPage />);
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
    mockApi({ 'GET /officials/audit': answer([row('a-1')]) });
    await act(async () => fireEvent.click(screen.getByText('重试')));
    expect(await screen.findByTestId('audit-a-1')).toBeTruthy();
  });

  it('R33: 403 shows "not allowed"; reviewers, tracers and residents are not let in', async () => {
    startApp({ role: 'official' });
    mockApi({ 'GET /officials/audit': forbidden() });
    const { unmount } = render(<AuditLogPage />);
    expect(await screen.findByText(zh('ROLE_FORBIDDEN'))).toBeTruthy();
    unmount();
    for (const role of ['reviewer', 'tracer', 'resident'] as const) {
      startApp({ role });
      const view = render(<AuditLogPage />);
      expect(screen.getByTestId('console-not-allowed')).toBeTruthy();
      expect(consoleRequests()).toBe(0);
      view.unmount();
    }
  });
});

/** The page only ever reads: no POST, PATCH or DELETE. */
function recordedWrites(): number {
  return ['POST', 'PATCH', 'DELETE'].reduce((n, m) => n + requests(m, '/officials/audit').length, 0);
}
