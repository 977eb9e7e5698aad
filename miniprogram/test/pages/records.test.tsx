import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { errorMessages, fieldMessages } from '@health-code/shared';
import RecordsPage from '../../src/pages/records/index';
import { forgetRegionLists } from '../../src/pages/records/regions';
import { formatDateTime } from '../../src/lib/time';
import { apiError, mockApi, offline, recorded, requests, startApp, type Routes } from '../api';
import { routerParams } from '../mocks/taro';

const zh = (code: keyof typeof errorMessages) => errorMessages[code].zh;
const pad = (n: number) => String(n).padStart(2, '0');
const daysAgo = (n: number) => {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - n);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

const scans = {
  scans: [
    { id: 's1', venueName: '幸福路菜市场', venueAddress: '南山区幸福路 1 号', region: '440305', enteredAt: '2026-12-01T02:30:00.000Z', byGuardian: false },
    { id: 's2', venueName: '市民中心图书馆', venueAddress: '福田区福中路', region: '440304', enteredAt: '2026-11-28T06:00:00.000Z', byGuardian: true },
  ],
};
const travel = {
  from: '2026-11-19',
  to: '2026-12-02',
  asOf: '2026-12-02T08:00:00.000Z',
  regions: [
    { region: '440300', name: '深圳市', province: '广东省', from: '2026-11-28', to: '2026-12-01', declared: false, atRisk: false, risk: null },
    { region: '440100', name: '广州市', province: '广东省', from: '2026-11-25', to: '2026-11-26', declared: true, atRisk: true, risk: { level: 'high', now: true, duringStay: true, areas: [{ region: '440106', name: '天河区', level: 'high' }] } },
  ],
};
const tests = { testResults: [{ id: 't1', result: 'negative', sampledAt: '2026-12-01T01:00:00.000Z', reportedAt: '2026-12-01T09:00:00.000Z', institution: '深圳市第一检测中心' }] };
const vaccinations = { vaccinations: [{ id: 'v2', doseNumber: 2, vaccine: '新冠病毒灭活疫苗', vaccinatedAt: '2026-03-01T02:00:00.000Z', institution: '南山区社康中心' }] };
const declarations = {
  declarations: [{ id: 'd1', declaredAt: '2026-12-01T00:00:00.000Z', symptoms: ['fever', 'cough'], temperature: 37.8, trips: [{ region: '440305', from: '2026-11-29', to: '2026-11-30' }] }],
};

/** The division table the trip picker reads (GET /regions?parent=...). */
const REGIONS: Record<string, Array<{ code: string; name: string; hasChildren: boolean }>> = {
  '': [
    { code: '110000', name: '北京市', hasChildren: true },
    { code: '440000', name: '广东省', hasChildren: true },
  ],
  '110000': [{ code: '110105', name: '朝阳区', hasChildren: false }],
  '440000': [
    { code: '440100', name: '广州市', hasChildren: true },
    { code: '440300', name: '深圳市', hasChildren: true },
  ],
  '440300': [
    { code: '440304', name: '福田区', hasChildren: false },
    { code: '440305', name: '南山区', hasChildren: false },
  ],
};
const regions: Routes[string] = (_body, request) => {
  const parent = /parent=(\d+)/.exec(request.url)?.[1] ?? '';
  return REGIONS[parent] ? [200, { parent: parent || null, regions: REGIONS[parent] }] : [422, apiError('VALIDATION_FAILED', zh('VALIDATION_FAILED'))];
};

const all: Routes = {
  'GET /me/scans': [200, scans],
  'GET /me/travel-card': [200, travel],
  'GET /me/test-results': [200, tests],
  'GET /me/vaccinations': [200, vaccinations],
  'GET /me/declarations': [200, declarations],
  'GET /regions': regions,
};

// Plain DOM queries: role queries over a few hundred <option>s are too slow for waitFor.
const options = (el: HTMLElement) => Array.from(el.querySelectorAll('option'), (o) => o.textContent);
const selects = (el: HTMLElement) => Array.from(el.querySelectorAll('select'));
const tab = (name: string) => fireEvent.click(screen.getByText(name));

/** The records page of a resident logged in (as `app` says), opened with `params` (?tab=, ?relative=), the server answering `routes`. */
function openRecords({ routes = all, params = {}, app }: { routes?: Routes; params?: Record<string, string>; app?: Parameters<typeof startApp>[0] } = {}) {
  startApp(app);
  routerParams.params = params;
  mockApi(routes);
  return render(<RecordsPage />);
}

/** An earlier visit that loaded (and saved) the lists. */
async function visitedEarlier(): Promise<void> {
  const first = openRecords();
  await screen.findByText('幸福路菜市场');
  first.unmount();
}

/** The declaration form, opened from the declarations tab. */
async function openDeclareForm(routes: Routes = all): Promise<HTMLElement> {
  openRecords({ routes, params: { tab: 'declarations' } });
  fireEvent.click(await screen.findByText('新增申报'));
  return screen.getByTestId('declare-form');
}

/** Chooses `name` at `level` of a trip's region picker once that level offers it (its first selects are the levels). */
async function chooseRegion(trip: HTMLElement, level: number, name: string): Promise<void> {
  await waitFor(() => expect(options(selects(trip)[level])).toContain(name));
  const select = selects(trip)[level];
  fireEvent.change(select, { target: { value: Array.from(select.options).find((o) => o.textContent === name)!.value } });
}

/** Adds a trip to 北京市 朝阳区: a municipality, declared at its district, the second level. */
async function addBeijingTrip(): Promise<HTMLElement> {
  fireEvent.click(screen.getByText('添加行程'));
  const trip = screen.getByTestId('trip-0');
  await chooseRegion(trip, 0, '北京市');
  await chooseRegion(trip, 1, '朝阳区');
  return trip;
}

beforeEach(() => forgetRegionLists());

describe('my records (R19, R28-R30, R36)', () => {
  it('R19/R30: shows loading, then the scans of 14 days with the cities they passed, risk areas marked', async () => {
    openRecords();
    expect(screen.getByText('加载中…')).toBeTruthy();
    const history = await screen.findByTestId('scan-history');
    expect(within(history).getByText('幸福路菜市场')).toBeTruthy();
    expect(within(history).getByText('南山区幸福路 1 号')).toBeTruthy();
    expect(within(history).getByText(formatDateTime('2026-12-01T02:30:00.000Z'))).toBeTruthy();
    expect(within(history).getByText('监护人代扫')).toBeTruthy();
    const cities = screen.getByTestId('travel');
    expect(within(cities).getByText('广东省深圳市')).toBeTruthy();
    expect(within(cities).getByText('广东省广州市 (申报)')).toBeTruthy();
    expect(within(cities).getByText('高风险')).toBeTruthy();
    expect(requests('GET', '/me/scans')).toHaveLength(1);
    expect(requests('GET', '/me/travel-card')).toHaveLength(1);
  });

  it('R19: an empty history says so', async () => {
    openRecords({ routes: { ...all, 'GET /me/scans': [200, { scans: [] }], 'GET /me/travel-card': [200, { ...travel, regions: [] }] } });
    expect(await screen.findByText('14 天内没有扫码记录')).toBeTruthy();
    expect(screen.getByText('14 天内无途经城市记录')).toBeTruthy();
  });

  it("R19: with ?relative=<id>, a bound relative's records come from /me/relatives/{id}/..., named at the top", async () => {
    openRecords({
      params: { relative: 'rel-7' },
      routes: {
        'GET /me/relatives/rel-7': [200, { id: 'rel-7', name: '王*明', idNumber: '110***********0012', age: 6, sex: 'male', relationship: 'child', identityConfirmedBy: 'age', boundAt: '2026-11-01T00:00:00.000Z', unbindableAt: '2026-11-02T00:00:00.000Z', colour: 'green', vaccinated: false }],
        'GET /me/relatives/rel-7/scans': [200, scans],
        'GET /me/relatives/rel-7/travel-card': [200, travel],
        'GET /me/relatives/rel-7/test-results': [200, tests],
      },
    });
    expect(await screen.findByText('王*明 的记录')).toBeTruthy();
    expect(await screen.findByText('幸福路菜市场')).toBeTruthy();
    tab('核酸检测');
    expect(await screen.findByText('深圳市第一检测中心')).toBeTruthy();
    expect(requests('GET', '/me/scans')).toHaveLength(0);
    expect(requests('GET', '/me/relatives/rel-7/test-results')).toHaveLength(1);
  });

  it('R19: a relative who is not bound to this account is refused with the server message', async () => {
    openRecords({
      params: { relative: 'rel-x' },
      routes: {
        'GET /me/relatives/rel-x': [404, apiError('RELATIVE_NOT_FOUND', zh('RELATIVE_NOT_FOUND'))],
        'GET /me/relatives/rel-x/scans': [404, apiError('RELATIVE_NOT_FOUND', zh('RELATIVE_NOT_FOUND'))],
        'GET /me/relatives/rel-x/travel-card': [404, apiError('RELATIVE_NOT_FOUND', zh('RELATIVE_NOT_FOUND'))],
      },
    });
    const error = await screen.findByTestId('load-error');
    expect(within(error).getByText(zh('RELATIVE_NOT_FOUND'))).toBeTruthy();
    expect(screen.getByText('亲属的记录')).toBeTruthy();
  });

  it('R28: the test results show result, sampling time and institution', async () => {
    openRecords();
    await screen.findByTestId('scan-history');
    tab('核酸检测');
    const list = await screen.findByTestId('tests');
    expect(within(list).getByText('阴性')).toBeTruthy();
    expect(within(list).getByText('深圳市第一检测中心')).toBeTruthy();
    expect(within(list).getByText(`采样时间 ${formatDateTime('2026-12-01T01:00:00.000Z')}`)).toBeTruthy();
  });

  it('R28: no test results yet', async () => {
    openRecords({ params: { tab: 'tests' }, routes: { ...all, 'GET /me/test-results': [200, { testResults: [] }] } });
    expect(await screen.findByText('暂无核酸检测结果')).toBeTruthy();
    expect(requests('GET', '/me/scans')).toHaveLength(0);
  });

  it('R29: vaccinations show dose, vaccine, date and unit', async () => {
    openRecords();
    tab('疫苗接种');
    const list = await screen.findByTestId('vaccinations');
    expect(within(list).getByText('第 2 剂 · 新冠病毒灭活疫苗')).toBeTruthy();
    expect(within(list).getByText('2026-03-01')).toBeTruthy();
    expect(within(list).getByText('南山区社康中心')).toBeTruthy();
  });

  it('R29: no vaccinations yet', async () => {
    openRecords({ params: { tab: 'vaccinations' }, routes: { ...all, 'GET /me/vaccinations': [200, { vaccinations: [] }] } });
    expect(await screen.findByText('暂无疫苗接种记录')).toBeTruthy();
  });

  it('R36: declarations show symptoms, temperature and trips with region names', async () => {
    openRecords();
    tab('健康申报');
    const list = await screen.findByTestId('declarations');
    expect(within(list).getByText('发热、咳嗽')).toBeTruthy();
    expect(within(list).getByText('体温 37.8 ℃')).toBeTruthy();
    await waitFor(() => expect(list.textContent).toContain('广东省 深圳市 南山区'));
    expect(list.textContent).toContain('2026-11-29 – 2026-11-30');
  });

  it('R36: no declarations yet', async () => {
    openRecords({ params: { tab: 'declarations' }, routes: { ...all, 'GET /me/declarations': [200, { declarations: [] }] } });
    expect(await screen.findByText('14 天内没有健康申报')).toBeTruthy();
  });

  it('R36: a declaration with symptoms, temperature and a trip is sent, then the list shows it', async () => {
    let saved = { declarations: [] as unknown[] };
    openRecords({
      params: { tab: 'declarations' },
      routes: {
        ...all,
        'GET /me/declarations': () => [200, saved],
        'POST /me/declarations': (body) => {
          saved = { declarations: [{ id: 'd2', declaredAt: '2026-12-02T08:00:00.000Z', ...body, temperature: body.temperature ?? null }] };
          return [201, saved.declarations[0]];
        },
      },
    });
    await screen.findByText('14 天内没有健康申报');
    fireEvent.click(screen.getByText('新增申报'));
    const form = screen.getByTestId('declare-form');
    fireEvent.click(within(form).getByText('发热'));
    fireEvent.click(within(form).getByText('咳嗽'));
    fireEvent.click(within(form).getByText('咳嗽'));
    fireEvent.click(within(form).getByText('乏力'));
    fireEvent.change(within(form).getByLabelText('体温（℃，选填）'), { target: { value: '37.6' } });
    fireEvent.click(within(form).getByText('添加行程'));
    const trip = within(form).getByTestId('trip-0');
    await chooseRegion(trip, 0, '广东省');
    await waitFor(() => expect(selects(trip)).toHaveLength(4));
    await chooseRegion(trip, 1, '深圳市');
    await waitFor(() => expect(selects(trip)).toHaveLength(5));
    await chooseRegion(trip, 2, '南山区');
    fireEvent.change(selects(trip)[3], { target: { value: '3' } });
    fireEvent.change(selects(trip)[4], { target: { value: '1' } });
    fireEvent.click(within(form).getByText('提交申报'));
    await waitFor(() => expect(requests('POST', '/me/declarations')).toHaveLength(1));
    expect(requests('POST', '/me/declarations')[0].data).toEqual({
      symptoms: ['fever', 'fatigue'],
      temperature: 37.6,
      trips: [{ region: '440305', from: daysAgo(3), to: daysAgo(1) }],
    });
    await waitFor(() => expect(recorded.toasts).toContain('申报已提交'));
    const list = await screen.findByTestId('declarations');
    await waitFor(() => expect(within(list).getByText('发热、乏力')).toBeTruthy());
    expect(screen.queryByTestId('declare-form')).toBeNull();
  });

  it('R36: a municipality trip is declared at its district; no symptoms and no temperature are allowed', async () => {
    await openDeclareForm({ ...all, 'POST /me/declarations': (body) => [201, { id: 'd3', declaredAt: '2026-12-02T08:00:00.000Z', ...body, temperature: null }] });
    await addBeijingTrip();
    fireEvent.click(screen.getByText('提交申报'));
    await waitFor(() => expect(requests('POST', '/me/declarations')).toHaveLength(1));
    expect(requests('POST', '/me/declarations')[0].data).toEqual({ symptoms: [], trips: [{ region: '110105', from: daysAgo(0), to: daysAgo(0) }] });
  });

  it('R36: the form checks what it can before sending: a trip needs its region, a temperature is a number', async () => {
    await openDeclareForm();
    fireEvent.change(screen.getByLabelText('体温（℃，选填）'), { target: { value: 'abc' } });
    fireEvent.click(screen.getByText('添加行程'));
    fireEvent.click(screen.getByText('提交申报'));
    expect(await screen.findByText('请填写数字，例如 36.5')).toBeTruthy();
    expect(within(screen.getByTestId('trip-0')).getByText('请选择地区').className).toBe('error-text');
    expect(screen.getByTestId('trip-0').querySelector('.region-level')?.className).toContain('invalid');
    expect(requests('POST', '/me/declarations')).toHaveLength(0);
    fireEvent.click(screen.getByText('删除此行程'));
    expect(screen.queryByTestId('trip-0')).toBeNull();
  });

  it("R36: the server's field errors appear under their fields (temperature range, trip too old, date order)", async () => {
    await openDeclareForm({
      ...all,
      'POST /me/declarations': [
        422,
        apiError('VALIDATION_FAILED', zh('VALIDATION_FAILED'), [
          { path: 'temperature', code: 'TEMPERATURE_RANGE', message: fieldMessages.TEMPERATURE_RANGE.zh },
          { path: 'trips.0.from', code: 'TRIP_TOO_OLD', message: '只需申报最近 30 天内的行程' },
          { path: 'trips.0.to', code: 'DATE_ORDER', message: fieldMessages.DATE_ORDER.zh },
        ]),
      ],
    });
    fireEvent.change(screen.getByLabelText('体温（℃，选填）'), { target: { value: '45' } });
    await addBeijingTrip();
    fireEvent.click(screen.getByText('提交申报'));
    expect(await screen.findByText(zh('VALIDATION_FAILED'))).toBeTruthy();
    expect(screen.getByText(fieldMessages.TEMPERATURE_RANGE.zh)).toBeTruthy();
    expect(screen.getByText('只需申报最近 30 天内的行程')).toBeTruthy();
    expect(screen.getByText(fieldMessages.DATE_ORDER.zh)).toBeTruthy();
    expect(screen.getByTestId('declare-form')).toBeTruthy();
  });

  it('R36: a guardian declares for a bound relative through /me/relatives/{id}/declarations', async () => {
    openRecords({
      params: { relative: 'rel-7', tab: 'declarations' },
      routes: {
        'GET /me/relatives/rel-7': [404, apiError('RELATIVE_NOT_FOUND', zh('RELATIVE_NOT_FOUND'))],
        'GET /me/relatives/rel-7/declarations': [200, { declarations: [] }],
        'POST /me/relatives/rel-7/declarations': (body) => [201, { id: 'd4', declaredAt: '2026-12-02T08:00:00.000Z', ...body, temperature: null }],
      },
    });
    fireEvent.click(await screen.findByText('新增申报'));
    fireEvent.click(screen.getByText('腹泻'));
    fireEvent.click(screen.getByText('提交申报'));
    await waitFor(() => expect(requests('POST', '/me/relatives/rel-7/declarations')).toHaveLength(1));
    expect(requests('POST', '/me/relatives/rel-7/declarations')[0].data).toEqual({ symptoms: ['diarrhoea'], trips: [] });
    expect(requests('POST', '/me/declarations')).toHaveLength(0);
  });

  it('R36: declaring without network keeps the form and says so', async () => {
    await openDeclareForm();
    fireEvent.click(screen.getByText('发热'));
    offline();
    fireEvent.click(screen.getByText('提交申报'));
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
    expect(screen.getByTestId('declare-form')).toBeTruthy();
    expect(screen.getByText('发热').getAttribute('data-selected')).toBe('yes');
  });

  it('R19: an account not yet registered is sent to registration', async () => {
    openRecords({ app: { registered: false }, routes: { 'GET /me/scans': [403, apiError('REGISTRATION_REQUIRED', zh('REGISTRATION_REQUIRED'))], 'GET /me/travel-card': [403, apiError('REGISTRATION_REQUIRED', zh('REGISTRATION_REQUIRED'))] } });
    expect(await screen.findByText(zh('REGISTRATION_REQUIRED'))).toBeTruthy();
    fireEvent.click(screen.getByText('去注册'));
    expect(recorded.navigations).toContain('/pages/login/index');
  });

  it('R19: the service busy shows its message, and "try again" loads again', async () => {
    openRecords({ routes: { ...all, 'GET /me/scans': [503, apiError('SERVICE_UNAVAILABLE', zh('SERVICE_UNAVAILABLE'))] } });
    expect(await screen.findByText(zh('SERVICE_UNAVAILABLE'))).toBeTruthy();
    mockApi(all);
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('幸福路菜市场')).toBeTruthy();
  });

  it('R19: offline with nothing saved: the network message, try again and help', async () => {
    startApp();
    offline();
    render(<RecordsPage />);
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
    fireEvent.click(screen.getByText('帮助'));
    expect(recorded.navigations).toContain('/pages/help/index');
  });

  it('R19: offline after a visit: the saved lists, with since when', async () => {
    await visitedEarlier();
    offline();
    render(<RecordsPage />);
    expect(await screen.findByText('幸福路菜市场')).toBeTruthy();
    expect(screen.getByTestId('offline-banner').textContent).toMatch(/^网络不可用，显示的是 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 缓存的内容$/);
  });

  it("R19: another account on the same phone never sees the saved lists", async () => {
    await visitedEarlier();
    const { saveSession } = await import('../../src/state/session');
    saveSession({ token: 'other', expiresAt: new Date(Date.now() + 3600_000).toISOString(), accountId: 'acc-2', role: 'resident', registered: true });
    offline();
    render(<RecordsPage />);
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
    expect(screen.queryByText('幸福路菜市场')).toBeNull();
  });

  it('R19: elder mode and English apply to the page', async () => {
    const { container } = openRecords({ app: { elder: true, lang: 'en' } });
    expect(await screen.findByText('幸福路菜市场')).toBeTruthy();
    expect(container.querySelector('.page.elder')).toBeTruthy();
    expect(screen.getByText('Scanned by a guardian')).toBeTruthy();
    expect(screen.getByText('Tests')).toBeTruthy();
  });
});
