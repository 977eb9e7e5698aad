import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import RiskAreasPage from '../../src/console/pages/risk-areas/index';
import { forgetRegions } from '../../src/console/components/RegionSelect';
import { formatDateTime } from '../../src/lib/time';
import { mockApi, offline, recorded, requests, startApp, type Routes } from '../api';
import { choose, consoleRequests, field, forbidden, pick, queryOf, refusal, zh } from '../console/helpers';

const wuchang = { id: 'ra-1', region: '420106', regionName: '湖北省 武汉市 武昌区', level: 'high', startsAt: '2026-11-20T00:00:00.000Z', endsAt: null, active: true };
const chengdu = { id: 'ra-2', region: '510105', regionName: '四川省 成都市 青羊区', level: 'medium', startsAt: '2026-12-10T00:00:00.000Z', endsAt: '2026-12-20T00:00:00.000Z', active: false };
const areas = (list: unknown[]) => [200, { riskAreas: list, asOf: '2026-12-02T08:00:00.000Z' }] as [number, unknown];
const regions: Routes = {
  'GET /regions': (_b, r) => {
    const parent = queryOf(r.url).parent;
    if (!parent) return [200, { parent: null, regions: [{ code: '110000', name: '北京市', hasChildren: true }, { code: '440000', name: '广东省', hasChildren: true }] }];
    if (parent === '440000') return [200, { parent, regions: [{ code: '440100', name: '广州市', hasChildren: true }, { code: '440300', name: '深圳市', hasChildren: true }] }];
    if (parent === '440300') return [200, { parent, regions: [{ code: '440303', name: '罗湖区', hasChildren: false }, { code: '440305', name: '南山区', hasChildren: false }] }];
    return [200, { parent, regions: [] }];
  },
};

beforeEach(() => forgetRegions());

/** Picks 广东省 › 深圳市 › 南山区 in the region pickers. */
async function pickNanshan() {
  await waitFor(() => expect(document.querySelectorAll('[data-testid="region-province"] option')).toHaveLength(3));
  choose('region-province', 1);
  await waitFor(() => expect(document.querySelectorAll('[data-testid="region-city"] option')).toHaveLength(3));
  choose('region-city', 1);
  await waitFor(() => expect(document.querySelectorAll('[data-testid="region-district"] option')).toHaveLength(3));
  choose('region-district', 1);
}

describe('risk areas (R30, R31)', () => {
  it('R31: loading, then the areas by region with level, period and whether in force', async () => {
    startApp({ role: 'official' });
    let answer!: (v: [number, unknown]) => void;
    mockApi({ ...regions, 'GET /risk-areas': () => new Promise((resolve) => (answer = resolve)) });
    render(<RiskAreasPage />);
    expect(screen.getByTestId('console-loading')).toBeTruthy();
    await waitFor(() => expect(requests('GET', '/risk-areas')).toHaveLength(1));
    await act(async () => answer(areas([chengdu, wuchang])));
    expect(screen.getAllByTestId(/^risk-ra-/).map((e) => e.dataset.testid)).toEqual(['risk-ra-1', 'risk-ra-2']);
    const high = screen.getByTestId('risk-ra-1');
    expect(within(high).getByText('湖北省 武汉市 武昌区')).toBeTruthy();
    expect(within(high).getByText('高风险')).toBeTruthy();
    expect(within(high).getByText('生效中')).toBeTruthy();
    expect(within(high).getByText(`${formatDateTime(wuchang.startsAt)} — 直至解除`)).toBeTruthy();
    expect(within(screen.getByTestId('risk-ra-2')).getByText('已公布，尚未开始')).toBeTruthy();
  });

  it('R31: declare an area: region from the division pickers (no typed codes), level, from now, until a set time', async () => {
    startApp({ role: 'official' });
    let list: unknown[] = [];
    mockApi({
      ...regions,
      'GET /risk-areas': () => areas(list),
      'POST /officials/risk-areas': (body: { region: string; level: string; startsAt: string; endsAt?: string }) => {
        const made = { id: 'ra-3', regionName: '广东省 深圳市 南山区', active: true, endsAt: null, ...body };
        list = [made];
        return [201, made];
      },
    });
    render(<RiskAreasPage />);
    expect(await screen.findByText('目前没有中高风险地区')).toBeTruthy();
    await pickNanshan();
    fireEvent.click(screen.getByTestId('chip-high'));
    pick('risk-ends', 'date', '2026-12-20');
    pick('risk-ends', 'time', '18:00');
    const before = Date.now();
    await act(async () => fireEvent.click(screen.getByText('公布')));
    expect(await screen.findByTestId('risk-ra-3')).toBeTruthy();
    const body = requests('POST', '/officials/risk-areas')[0].data as { region: string; level: string; startsAt: string; endsAt: string };
    expect(body).toMatchObject({ region: '440305', level: 'high', endsAt: new Date(2026, 11, 20, 18, 0).toISOString() });
    expect(Date.parse(body.startsAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(recorded.toasts).toContain('已公布');
  });

  it('R31: a whole city can be chosen; no region at all is caught before any request', async () => {
    startApp({ role: 'official' });
    mockApi({ ...regions, 'GET /risk-areas': areas([]), 'POST /officials/risk-areas': (body: object) => [201, { id: 'ra-4', regionName: null, active: true, endsAt: null, ...body }] });
    render(<RiskAreasPage />);
    await screen.findByText('目前没有中高风险地区');
    await act(async () => fireEvent.click(screen.getByText('公布')));
    expect(screen.getByText('请选择地区（可选到省、市或区县）')).toBeTruthy();
    expect(requests('POST', '/officials/risk-areas')).toHaveLength(0);
    await waitFor(() => expect(document.querySelectorAll('[data-testid="region-province"] option')).toHaveLength(3));
    choose('region-province', 1);
    await waitFor(() => expect(document.querySelectorAll('[data-testid="region-city"] option')).toHaveLength(3));
    choose('region-city', 1);
    await act(async () => fireEvent.click(screen.getByText('公布')));
    expect((requests('POST', '/officials/risk-areas')[0].data as { region: string }).region).toBe('440300');
  });

  it('R31: an end before the start is refused under its field (DATE_ORDER)', async () => {
    startApp({ role: 'official' });
    mockApi({ ...regions, 'GET /risk-areas': areas([]), 'POST /officials/risk-areas': refusal(422, 'VALIDATION_FAILED', [{ path: 'endsAt', code: 'DATE_ORDER' }]) });
    render(<RiskAreasPage />);
    await screen.findByText('目前没有中高风险地区');
    await pickNanshan();
    pick('risk-starts', 'date', '2026-12-20');
    pick('risk-starts', 'time', '08:00');
    pick('risk-ends', 'date', '2026-12-10');
    pick('risk-ends', 'time', '08:00');
    await act(async () => fireEvent.click(screen.getByText('公布')));
    expect(await within(screen.getByTestId('risk-declare')).findByText(field('DATE_ORDER'))).toBeTruthy();
    expect(requests('POST', '/officials/risk-areas')[0].data).toMatchObject({ startsAt: new Date(2026, 11, 20, 8, 0).toISOString(), endsAt: new Date(2026, 11, 10, 8, 0).toISOString() });
  });

  it('R31: end an area now (no time given): the body is empty and the list is read again', async () => {
    startApp({ role: 'official' });
    let list: unknown[] = [wuchang];
    mockApi({
      ...regions,
      'GET /risk-areas': () => areas(list),
      'POST /officials/risk-areas/ra-1/end': () => {
        list = [];
        return [200, { ...wuchang, endsAt: new Date().toISOString(), active: false }];
      },
    });
    render(<RiskAreasPage />);
    fireEvent.click(within(await screen.findByTestId('risk-ra-1')).getByText('解除'));
    const dialog = screen.getByTestId('console-dialog');
    expect(within(dialog).getByText('不选时间则立即解除')).toBeTruthy();
    await act(async () => fireEvent.click(within(dialog).getByText('解除')));
    expect(await screen.findByText('目前没有中高风险地区')).toBeTruthy();
    expect(requests('POST', '/officials/risk-areas/ra-1/end')[0].data).toEqual({});
  });

  it('R31: ending one already ended (RISK_AREA_ALREADY_ENDED) or gone (RISK_AREA_NOT_FOUND) says so in the dialog', async () => {
    startApp({ role: 'official' });
    let answer = refusal(409, 'RISK_AREA_ALREADY_ENDED');
    mockApi({ ...regions, 'GET /risk-areas': areas([wuchang]), 'POST /officials/risk-areas/ra-1/end': () => answer });
    render(<RiskAreasPage />);
    fireEvent.click(within(await screen.findByTestId('risk-ra-1')).getByText('解除'));
    pick('risk-end-at', 'date', '2026-12-31');
    pick('risk-end-at', 'time', '23:00');
    await act(async () => fireEvent.click(within(screen.getByTestId('console-dialog')).getByText('解除')));
    expect(await screen.findByText(zh('RISK_AREA_ALREADY_ENDED'))).toBeTruthy();
    expect(requests('POST', '/officials/risk-areas/ra-1/end')[0].data).toEqual({ endsAt: new Date(2026, 11, 31, 23, 0).toISOString() });
    answer = refusal(404, 'RISK_AREA_NOT_FOUND');
    await act(async () => fireEvent.click(within(screen.getByTestId('console-dialog')).getByText('解除')));
    expect(await screen.findByText(zh('RISK_AREA_NOT_FOUND'))).toBeTruthy();
  });

  it('R31: offline: the list says the network is not available', async () => {
    startApp({ role: 'official' });
    offline();
    render(<RiskAreasPage />);
    expect(await screen.findAllByText('网络不可用，请检查网络后重试')).not.toHaveLength(0);
  });

  it('R33: declaring with a stale staff session gets 403 ROLE_FORBIDDEN; reviewers and residents are not let in', async () => {
    startApp({ role: 'official' });
    mockApi({ ...regions, 'GET /risk-areas': areas([]), 'POST /officials/risk-areas': forbidden() });
    const { unmount } = render(<RiskAreasPage />);
    await screen.findByText('目前没有中高风险地区');
    await pickNanshan();
    await act(async () => fireEvent.click(screen.getByText('公布')));
    expect(await screen.findByText(zh('ROLE_FORBIDDEN'))).toBeTruthy();
    unmount();
    for (const role of ['reviewer', 'tracer', 'resident'] as const) {
      startApp({ role });
      const view = render(<RiskAreasPage />);
      expect(screen.getByTestId('console-not-allowed')).toBeTruthy();
      expect(consoleRequests()).toBe(0);
      view.unmount();
    }
  });
});
