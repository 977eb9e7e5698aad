import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import DashboardPage from '../../src/console/pages/dashboard/index';
import { hourLabel, type ChartSpec } from '../../src/console/dashboard/spec';
import { mockApi, offline, recorded, requests, startApp, type Routes } from '../api';
import { consoleRequests, forbidden, refusal, zh } from '../console/helpers';

// F2 draws on a Canvas 2D that jsdom does not have: the chart is replaced by a stand-in that
// keeps what it was asked to draw, and the tests read the page's text and those specs.
const mockDrawn: Record<string, ChartSpec> = {};
jest.mock('../../src/console/dashboard/DashChart', () => ({
  DashChart: ({ id, spec }: { id: string; spec: ChartSpec }) => {
    mockDrawn[id] = spec;
    return require('react').createElement('div', { 'data-testid': id });
  },
}));

const HOUR = 3600_000;
const FROM = Date.parse('2026-11-20T09:00:00.000Z');
const hours = (counts: Record<number, number>) =>
  Array.from({ length: 48 }, (_, i) => ({ hourStart: new Date(FROM + i * HOUR).toISOString(), count: counts[i] ?? 0 }));
const scans = (counts: Record<number, number> = { 3: 2, 27: 5, 47: 1 }) => {
  const h = hours(counts);
  return { from: h[0].hourStart, to: new Date(FROM + 48 * HOUR).toISOString(), hours: h, total: h.reduce((a, x) => a + x.count, 0) };
};
const day = (d: string, counts: { green: number; yellow: number; red: number } | null, computedAt: string | null = counts ? `${d}T02:00:00.000Z` : null) => ({ day: d, computedAt, counts });
const days = (filled: Record<string, { green: number; yellow: number; red: number }>) =>
  Array.from({ length: 14 }, (_, i) => {
    const d = new Date(Date.parse('2026-11-09T00:00:00.000Z') + i * 24 * HOUR).toISOString().slice(0, 10);
    return day(d, filled[d] ?? null);
  });
const colours = (filled: Record<string, { green: number; yellow: number; red: number }> = { '2026-11-21': { green: 90, yellow: 6, red: 2 }, '2026-11-22': { green: 95, yellow: 4, red: 1 } }) => {
  const list = days(filled);
  return { today: list[13], days: list };
};
const venues = (counts = [3, 12, 2, 1, 0]) => ({
  states: ['under_review', 'passed', 'failed', 'revoked', 'retired'].map((state, i) => ({ state, count: counts[i] })),
  total: counts.reduce((a, b) => a + b, 0),
});
const cases = (list = [
  { ref: '#A1B2C3', confirmedOn: '2026-11-22', status: 'open', contacts: 7 },
  { ref: '#D4E5F6', confirmedOn: '2026-11-15', status: 'closed', contacts: 2 },
]) => ({ since: '2026-10-23T08:00:00.000Z', limit: 20, cases: list });

const routes = (over: Routes = {}): Routes => ({
  'GET /officials/dashboard/scans-per-hour': [200, scans()],
  'GET /officials/dashboard/colours': [200, colours()],
  'GET /officials/dashboard/venue-states': [200, venues()],
  'GET /officials/dashboard/case-contacts': [200, cases()],
  ...over,
});
const READS = ['/officials/dashboard/scans-per-hour', '/officials/dashboard/colours', '/officials/dashboard/venue-states', '/officials/dashboard/case-contacts'];

beforeEach(() => {
  for (const key of Object.keys(mockDrawn)) delete mockDrawn[key];
});

describe('the officials’ dashboard (issue 6): four charts from the aggregate endpoints', () => {
  it('R31: loading, then every chart with its title, summary, legend and the series it draws', async () => {
    startApp({ role: 'official' });
    let answer!: (v: [number, unknown]) => void;
    mockApi(routes({ 'GET /officials/dashboard/case-contacts': () => new Promise((resolve) => (answer = resolve)) }));
    render(<DashboardPage />);
    expect(screen.getByTestId('console-loading')).toBeTruthy();
    await waitFor(() => expect(READS.map((p) => requests('GET', p).length)).toEqual([1, 1, 1, 1]));
    await act(async () => answer([200, cases()]));

    // Scans per hour: 48 bars, oldest first, the busiest hour named in the summary.
    const scansCard = screen.getByTestId('dash-scans');
    expect(within(scansCard).getByText('扫码量（近 48 小时，每小时）')).toBeTruthy();
    expect(within(scansCard).getByTestId('dash-scans-summary').textContent).toBe(`近 48 小时共 8 次扫码；最多的一小时是 ${hourLabel(new Date(FROM + 27 * HOUR).toISOString())}，5 次。`);
    expect(within(scansCard).getByTestId('dash-scans-legend').textContent).toBe('扫码次数');
    const scansSpec = mockDrawn['dash-canvas-scans'];
    expect(scansSpec.kind).toBe('bars');
    expect(scansSpec.categories).toHaveLength(48);
    expect(scansSpec.categories[0]).toBe(hourLabel('2026-11-20T09:00:00.000Z'));
    expect(scansSpec.series[0].values.filter((n) => n > 0)).toEqual([2, 5, 1]);
    expect(scansSpec.series[0].values[27]).toBe(5);

    // Today's colours: a ring of green, yellow and red, each with its count in the legend.
    const today = screen.getByTestId('dash-today');
    expect(within(today).getByTestId('dash-today-summary').textContent).toBe('2026-11-22 共 100 人：绿码 95 人，黄码 4 人，红码 1 人。');
    expect(within(today).getByTestId('dash-today-legend').textContent).toBe('绿码 95黄码 4红码 1');
    expect(mockDrawn['dash-canvas-today']).toMatchObject({ kind: 'donut', series: [{ key: 'green', values: [95], colour: '#1a7f37' }, { key: 'yellow', values: [4] }, { key: 'red', values: [1] }] });
    expect(within(today).getByTestId('dash-today-computed').textContent).toContain('统计于');

    // The 14-day trend: stacked by colour, days without a snapshot kept on the axis.
    const trend = mockDrawn['dash-canvas-trend'];
    expect(trend.kind).toBe('stacked');
    expect(trend.categories).toEqual(['11-09', '11-10', '11-11', '11-12', '11-13', '11-14', '11-15', '11-16', '11-17', '11-18', '11-19', '11-20', '11-21', '11-22']);
    expect(trend.series.map((s) => [s.key, s.values.slice(12)])).toEqual([['green', [90, 95]], ['yellow', [6, 4]], ['red', [2, 1]]]);
    expect(trend.missing.filter(Boolean)).toHaveLength(12);
    expect(screen.getByTestId('dash-trend-summary').textContent).toBe('近 14 天有 2 天的统计快照。');

    // Venue applications by state, in review order, named in the person's language.
    expect(mockDrawn['dash-canvas-venues']).toMatchObject({ categories: ['待审核', '已通过', '未通过', '已停用', '已注销'], series: [{ values: [3, 12, 2, 1, 0] }] });
    expect(screen.getByTestId('dash-venues-summary').textContent).toBe('共 18 份申请，其中待审核 3 份。');

    // Contacts per case: oldest case on the left, each by its opaque label.
    expect(mockDrawn['dash-canvas-cases']).toMatchObject({ categories: ['#D4E5F6', '#A1B2C3'], series: [{ values: [2, 7] }] });
    expect(screen.getByTestId('dash-cases-summary').textContent).toBe('2 个病例共找到 9 名密接者。');
    expect(screen.getByText('病例以编号表示，不含个人信息；详情请到“病例与流调”查看。')).toBeTruthy();
  });

  it('R31: every figure is also text: the data table of a chart opens and closes', async () => {
    startApp({ role: 'official' });
    mockApi(routes());
    render(<DashboardPage />);
    await screen.findByTestId('dashboard');
    fireEvent.click(screen.getByTestId('dash-trend-toggle'));
    const table = screen.getByTestId('dash-trend-table');
    const rows = Array.from(table.children).map((r) => Array.from(r.children).map((c) => c.textContent));
    expect(rows[0]).toEqual(['日期', '绿码', '黄码', '红码']);
    expect(rows[1]).toEqual(['11-09', '无快照']);
    expect(rows[13]).toEqual(['11-21', '90', '6', '2']);
    expect(rows[14]).toEqual(['11-22', '95', '4', '1']);
    expect(rows[15]).toEqual(['合计', '185', '10', '3']);
    expect(screen.getByTestId('dash-trend-toggle').textContent).toBe('收起数据表');
    fireEvent.click(screen.getByTestId('dash-trend-toggle'));
    expect(screen.queryByTestId('dash-trend-table')).toBeNull();

    fireEvent.click(screen.getByTestId('dash-cases-toggle'));
    const caseRows = Array.from(screen.getByTestId('dash-cases-table').children).map((r) => Array.from(r.children).map((c) => c.textContent));
    expect(caseRows).toEqual([
      ['病例', '密接人数'],
      ['#D4E5F6', '2'],
      ['#A1B2C3', '7'],
      ['合计', '9'],
    ]);
  });

  it('R31: nothing to draw: each chart says why, and today’s snapshot can be taken at once (the ring appears)', async () => {
    startApp({ role: 'official' });
    mockApi(
      routes({
        'GET /officials/dashboard/scans-per-hour': [200, scans({})],
        'GET /officials/dashboard/colours': [200, colours({})],
        'GET /officials/dashboard/venue-states': [200, venues([0, 0, 0, 0, 0])],
        'GET /officials/dashboard/case-contacts': [200, cases([])],
        'POST /officials/dashboard/colours/recompute': [200, colours({ '2026-11-22': { green: 3, yellow: 1, red: 1 } })],
      }),
    );
    render(<DashboardPage />);
    await screen.findByTestId('dashboard');
    expect(within(screen.getByTestId('dash-scans')).getByText('近 48 小时没有扫码记录')).toBeTruthy();
    expect(within(screen.getByTestId('dash-today')).getByText('今天还没有统计快照。系统会定时统计，也可以点下面的按钮现在统计。')).toBeTruthy();
    expect(within(screen.getByTestId('dash-trend')).getByText('近 14 天没有统计快照')).toBeTruthy();
    expect(within(screen.getByTestId('dash-venues')).getByText('还没有场所码申请')).toBeTruthy();
    expect(within(screen.getByTestId('dash-cases')).getByText('近 30 天没有确诊病例')).toBeTruthy();
    expect(Object.keys(mockDrawn)).toEqual([]);

    await act(async () => fireEvent.click(screen.getByTestId('dash-recompute')));
    expect(requests('POST', '/officials/dashboard/colours/recompute')).toHaveLength(1);
    expect(recorded.toasts).toEqual(['已更新今日统计']);
    expect(screen.getByTestId('dash-today-summary').textContent).toBe('2026-11-22 共 5 人：绿码 3 人，黄码 1 人，红码 1 人。');
    expect(mockDrawn['dash-canvas-today'].series.map((s) => s.values[0])).toEqual([3, 1, 1]);
    expect(Object.keys(mockDrawn).sort()).toEqual(['dash-canvas-today', 'dash-canvas-trend']);
    // The other charts were not asked for again.
    expect(requests('GET', '/officials/dashboard/scans-per-hour')).toHaveLength(1);
  });

  it('R31: refresh asks for every figure again and keeps the charts shown meanwhile', async () => {
    startApp({ role: 'official' });
    let second = false;
    let answer!: (v: [number, unknown]) => void;
    mockApi(
      routes({
        'GET /officials/dashboard/scans-per-hour': () => {
          if (!second) return [200, scans()];
          return new Promise((resolve) => (answer = resolve));
        },
      }),
    );
    render(<DashboardPage />);
    await screen.findByTestId('dashboard');
    second = true;
    await act(async () => fireEvent.click(screen.getByTestId('dash-refresh')));
    expect(screen.getByTestId('dash-updated').textContent).toBe('正在刷新…');
    expect(screen.getByTestId('dash-scans')).toBeTruthy();
    await act(async () => answer([200, scans({ 0: 4 })]));
    expect(READS.map((p) => requests('GET', p).length)).toEqual([2, 2, 2, 2]);
    expect(screen.getByTestId('dash-updated').textContent).toMatch(/^数据时间：\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(mockDrawn['dash-canvas-scans'].series[0].values[0]).toBe(4);
  });

  it('R31: a failed read says the server’s own message, and retry loads the dashboard', async () => {
    startApp({ role: 'official' });
    mockApi(routes({ 'GET /officials/dashboard/colours': refusal(503, 'SERVICE_UNAVAILABLE') }));
    render(<DashboardPage />);
    const box = await screen.findByTestId('console-error');
    expect(box.textContent).toContain(zh('SERVICE_UNAVAILABLE'));
    expect(box.getAttribute('data-code')).toBe('SERVICE_UNAVAILABLE');
    mockApi(routes());
    await act(async () => fireEvent.click(screen.getByText('重试')));
    expect(await screen.findByTestId('dashboard')).toBeTruthy();
  });

  it('R31: a failed recompute says why and keeps the figures shown', async () => {
    startApp({ role: 'official' });
    mockApi(routes({ 'POST /officials/dashboard/colours/recompute': refusal(500, 'INTERNAL_ERROR') }));
    render(<DashboardPage />);
    await screen.findByTestId('dashboard');
    await act(async () => fireEvent.click(screen.getByTestId('dash-recompute')));
    expect(screen.getByTestId('console-action-error').textContent).toBe(zh('INTERNAL_ERROR'));
    expect(screen.getByTestId('dash-today-summary')).toBeTruthy();
  });

  it('R33: the server refuses a stale session (403): "not allowed" with its message, no figures', async () => {
    startApp({ role: 'official' });
    mockApi(routes({ 'GET /officials/dashboard/scans-per-hour': forbidden(), 'GET /officials/dashboard/colours': forbidden(), 'GET /officials/dashboard/venue-states': forbidden(), 'GET /officials/dashboard/case-contacts': forbidden() }));
    render(<DashboardPage />);
    const box = await screen.findByTestId('console-not-allowed');
    expect(box.textContent).toContain(zh('ROLE_FORBIDDEN'));
    expect(screen.queryByTestId('dashboard')).toBeNull();
  });

  it('R33: reviewers, tracers and residents do not get the dashboard, and nothing is asked of the server', () => {
    for (const role of ['reviewer', 'tracer', 'resident'] as const) {
      startApp({ role });
      mockApi(routes());
      const { unmount } = render(<DashboardPage />);
      expect(screen.getByTestId('console-not-allowed')).toBeTruthy();
      unmount();
    }
    expect(consoleRequests()).toBe(0);
  });

  it('R31: offline: says the network is not available, and retries', async () => {
    startApp({ role: 'official' });
    offline();
    render(<DashboardPage />);
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
    mockApi(routes());
    await act(async () => fireEvent.click(screen.getByText('重试')));
    expect(await screen.findByTestId('dash-scans-summary')).toBeTruthy();
  });

  it('R31: in English, the charts speak English too', async () => {
    startApp({ role: 'official', lang: 'en' });
    mockApi(routes());
    render(<DashboardPage />);
    await screen.findByTestId('dashboard');
    expect(screen.getByText('Code colours over 14 days')).toBeTruthy();
    expect(screen.getByTestId('dash-today-summary').textContent).toBe('2026-11-22: 100 people, 95 green, 4 yellow, 1 red.');
    expect(mockDrawn['dash-canvas-venues'].categories).toEqual(['Under review', 'Passed', 'Failed', 'Revoked', 'Retired']);
  });
});
