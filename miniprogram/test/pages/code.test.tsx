import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import CodePage from '../../src/pages/index/index';
import { apiError, mockApi, offline, recorded, requests, startApp, type Routes } from '../api';
import { fireHide, fireShow, scanner } from '../mocks/taro';
import { queuedScans } from '../../src/services/scans';
import { storage } from '../../src/state/storage';

type Colour = 'green' | 'yellow' | 'red';

const colourView = (colour: Colour, extra: Record<string, unknown> = {}) => ({
  colour,
  vaccinated: colour === 'green',
  reasons: colour === 'green' ? [] : [{ code: 'DECLARED_SYMPTOMS', message: '申报了发热症状' }],
  measures: colour === 'green' ? [] : [{ code: 'TEST_WITHIN_24H', message: '请在 24 小时内完成核酸检测' }],
  computedAt: new Date().toISOString(),
  ...extra,
});
const credential = (colour: Colour = 'green') => ({
  credential: 'eyJoZWFkZXIi.eyJwYXlsb2FkIg.c2lnbmF0dXJl',
  kid: 'k1',
  issuedAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  codeTtlSeconds: 60,
  colour: colourView(colour),
  deviceKey: null,
});
const records = {
  'GET /me/test-results': [200, { testResults: [{ id: 't1', result: 'negative', sampledAt: '2026-12-01T08:00:00.000Z', reportedAt: '2026-12-01T12:00:00.000Z', institution: '深圳市第一检测中心' }] }],
  'GET /me/vaccinations': [200, { vaccinations: [{ id: 'v1', doseNumber: 1, vaccine: 'x', vaccinatedAt: '2026-01-01T00:00:00.000Z', institution: 'y' }, { id: 'v2', doseNumber: 2, vaccine: 'x', vaccinatedAt: '2026-02-01T00:00:00.000Z', institution: 'y' }] }],
  'GET /me/travel-card': [200, { from: '2026-11-19', to: '2026-12-02', asOf: new Date().toISOString(), regions: [{ region: '440300', name: '深圳市', province: '广东省', from: '2026-11-20', to: '2026-12-01', declared: false, atRisk: false, risk: null }] }],
  'GET /me/relatives': [200, { relatives: [], maxRelatives: 8 }],
} as const;
const scanAnswer = {
  scanId: 's1',
  venue: { name: '幸福路菜市场', category: '农贸市场', address: '幸福路 1 号', region: '440305' },
  enteredAt: '2026-12-02T08:00:00.000Z',
  person: { name: '陈*明', relative: false },
  colour: colourView('green'),
  latestTest: null,
  repeated: false,
};

afterEach(() => jest.restoreAllMocks());

/** Makes the cached credential look fetched `minutes` ago, past the reuse window. */
function ageCredential(minutes = 11): void {
  const cached = storage.get<{ fetchedAt: string }>('hc.credential.self')!;
  storage.set('hc.credential.self', { ...cached, fetchedAt: new Date(Date.now() - minutes * 60_000).toISOString() });
}

/** The server of a resident with a code: a `colour` credential, the records the page shows under it, and `routes` besides. */
const server = (routes: Routes = {}, colour: Colour = 'green'): Routes => ({ 'POST /me/credential': [201, credential(colour)], ...records, ...routes });

/** A resident logged in (Chinese, normal type, unless `app` says otherwise), answered by `server`. */
function signedIn(routes: Routes = {}, colour: Colour = 'green', app?: Parameters<typeof startApp>[0]): void {
  startApp(app);
  mockApi(server(routes, colour));
}

/** An earlier visit of a resident signed in: it loaded the code and the records under it, which the app keeps. */
async function visitedEarlier(): Promise<void> {
  signedIn();
  const first = render(<CodePage />);
  await screen.findByText('阴性');
  first.unmount();
}

/** The scanner's next answers (null: the person cancelled). */
async function scannerReturns(...results: Array<string | null>) {
  const { platform } = await import('../../src/platform');
  const scan = jest.spyOn(platform, 'scan');
  for (const result of results) scan.mockResolvedValueOnce(result);
  return scan;
}

describe('the code page (R4-R7, R15-R18)', () => {
  it('R5/R6: shows the colour, badge, live clock and records, with the QR under the veil', async () => {
    signedIn();
    render(<CodePage />);
    expect(screen.getByText('加载中…')).toBeTruthy();
    const card = await screen.findByTestId('code-card');
    expect(card.getAttribute('data-colour')).toBe('green');
    expect(screen.getByText('绿码')).toBeTruthy();
    expect(screen.getByTestId('vaccinated')).toBeTruthy();
    expect(screen.getByTestId('veil')).toBeTruthy();
    expect(document.querySelector('[data-qr]')).toBeNull();
    expect(await screen.findByText('阴性')).toBeTruthy();
    expect(screen.getByText('已接种 2 剂')).toBeTruthy();
    expect(screen.getByText('广东省深圳市')).toBeTruthy();
    // The app sends its device key (R5): the credential names it.
    expect(requests('POST', '/me/credential')[0].data).toHaveProperty('devicePublicKey');
  });

  it('R4: a yellow code opens the pop-up with reasons and measures; the appeal starts there', async () => {
    signedIn({}, 'yellow');
    render(<CodePage />);
    expect(await screen.findByTestId('colour-reasons')).toBeTruthy();
    expect(screen.getByText('申报了发热症状')).toBeTruthy();
    expect(screen.getByText('请在 24 小时内完成核酸检测')).toBeTruthy();
    fireEvent.click(screen.getByText('对颜色有异议？申诉'));
    expect(recorded.navigations).toContain('/pages/help/index?appeal=1');
  });

  it('R16/R6: a valid venue scan lifts the veil, shows venue and entry time, and speaks; leaving brings the veil back', async () => {
    signedIn({ 'POST /scans': (body) => [201, { ...scanAnswer, _echo: body }] });
    const speak = jest.fn();
    (globalThis as { speechSynthesis?: unknown }).speechSynthesis = { speak, cancel: jest.fn() };
    (globalThis as { SpeechSynthesisUtterance?: unknown }).SpeechSynthesisUtterance = function (this: { text: string }, text: string) { this.text = text; };
    render(<CodePage />);
    await screen.findByTestId('veil');
    await scannerReturns('HCV1:venue.code.text');
    await act(async () => fireEvent.click(screen.getByText('扫码通行')));
    expect(await screen.findByTestId('entry')).toBeTruthy();
    expect(screen.getByText(/幸福路菜市场/)).toBeTruthy();
    expect(document.querySelector('[data-qr]')?.getAttribute('data-qr')).toMatch(/^HC1:eyJoZWFkZXIi\.eyJwYXlsb2FkIg\.c2lnbmF0dXJl\.\d+\.[\w-]+$/);
    expect(speak).toHaveBeenCalled();
    const sent = requests('POST', '/scans')[0].data as { venueCode: string; clientRequestId: string };
    expect(sent.venueCode).toBe('HCV1:venue.code.text');
    expect(sent.clientRequestId).toMatch(/^[\w-]{8,64}$/);
    act(() => fireHide());
    await waitFor(() => expect(screen.getByTestId('veil')).toBeTruthy());
  });

  it('R15: an invalid code shows the rule’s message and offers to scan again', async () => {
    signedIn({ 'POST /scans': [422, apiError('VENUE_CODE_INVALID', '这不是有效的场所码，请扫描场所张贴的场所码', [{ path: 'venueCode', message: '取值无效' }])] });
    render(<CodePage />);
    await screen.findByTestId('veil');
    const scan = await scannerReturns('https://example.invalid/', null);
    await act(async () => fireEvent.click(screen.getByText('扫码通行')));
    expect(await screen.findByText('这不是有效的场所码，请扫描场所张贴的场所码')).toBeTruthy();
    expect(screen.getByTestId('veil')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByText('重新扫码')));
    expect(scan).toHaveBeenCalledTimes(2);
  });

  it('R5: offline, the page shows the cached credential’s code with a banner saying since when', async () => {
    await visitedEarlier();
    ageCredential();
    offline();
    render(<CodePage />);
    expect(await screen.findByTestId('offline-banner')).toBeTruthy();
    expect(screen.getByTestId('offline-banner').textContent).toMatch(/网络不可用，显示的是 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 缓存的内容/);
    expect(screen.getByTestId('code-card').getAttribute('data-colour')).toBe('green');
  });

  it('R5: a server shedding load (503) still leaves the cached code on the page, with the banner', async () => {
    await visitedEarlier();
    ageCredential();
    mockApi({ 'POST /me/credential': [503, apiError('SERVICE_BUSY', '服务繁忙，请稍后再试')] });
    render(<CodePage />);
    expect(await screen.findByTestId('offline-banner')).toBeTruthy();
    expect(screen.getByTestId('code-card').getAttribute('data-colour')).toBe('green');
  });

  it('R17: a scan made offline is kept with its time and request id, the veil lifts, and it is sent when the network returns', async () => {
    await visitedEarlier();
    ageCredential();
    offline();
    render(<CodePage />);
    await screen.findByTestId('offline-banner');
    await scannerReturns('HCV1:venue.code.text');
    await act(async () => fireEvent.click(screen.getByText('扫码通行')));
    // No cached keys yet: the scan is kept rather than lost.
    expect(await screen.findByTestId('entry-queued')).toBeTruthy();
    const kept = queuedScans();
    expect(kept).toHaveLength(1);
    expect(kept[0].scannedAt).toMatch(/Z$/);
    mockApi(server({ 'POST /scans': [201, scanAnswer] }));
    await act(async () => fireShow());
    // The first attempt (offline) went nowhere; the resend carries the original time and id.
    await waitFor(() => expect(requests('POST', '/scans')).toHaveLength(2));
    expect(requests('POST', '/scans')[1].data).toMatchObject({ clientRequestId: kept[0].clientRequestId, scannedAt: kept[0].scannedAt });
    await waitFor(() => expect(queuedScans()).toHaveLength(0));
  });

  it('issue 7: opening the page again within ten minutes asks the server nothing; after that it fetches again', async () => {
    await visitedEarlier();
    const before = recorded.requests.length;
    const second = render(<CodePage />);
    expect(await screen.findByText('阴性')).toBeTruthy();
    expect(screen.getByText('广东省深圳市')).toBeTruthy();
    expect(recorded.requests.length).toBe(before);
    second.unmount();
    ageCredential();
    render(<CodePage />);
    await screen.findByTestId('code-card');
    await waitFor(() => expect(requests('POST', '/me/credential')).toHaveLength(2));
  });

  it('R4: within the reuse window, "update now" fetches a new credential: a colour an official changed shows at once', async () => {
    await visitedEarlier();
    // Opened again minutes later: the reused credential, no request.
    mockApi(server({}, 'yellow'));
    render(<CodePage />);
    const card = await screen.findByTestId('code-card');
    expect(card.getAttribute('data-colour')).toBe('green');
    expect(requests('POST', '/me/credential')).toHaveLength(1);
    expect(screen.getByTestId('fetched').textContent).toMatch(/^颜色更新于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d立即更新$/);
    await act(async () => fireEvent.click(screen.getByText('立即更新')));
    await waitFor(() => expect(screen.getByTestId('code-card').getAttribute('data-colour')).toBe('yellow'));
    expect(requests('POST', '/me/credential')).toHaveLength(2);
    expect(await screen.findByTestId('colour-reasons')).toBeTruthy();
  });

  it('R16, R4: a scan answering another colour than the code shows replaces the credential, and the pop-up says why', async () => {
    await visitedEarlier();
    mockApi(server({ 'POST /scans': [201, { ...scanAnswer, colour: colourView('yellow') }] }, 'yellow'));
    render(<CodePage />);
    expect((await screen.findByTestId('code-card')).getAttribute('data-colour')).toBe('green');
    await scannerReturns('HCV1:venue.code.text');
    await act(async () => fireEvent.click(screen.getByText('扫码通行')));
    expect(await screen.findByTestId('entry')).toBeTruthy();
    // Replaced without hiding the entry or bringing the veil back.
    await waitFor(() => expect(screen.getByTestId('code-card').getAttribute('data-colour')).toBe('yellow'));
    expect(requests('POST', '/me/credential')).toHaveLength(2);
    expect(screen.getByTestId('entry')).toBeTruthy();
    expect(screen.queryByTestId('veil')).toBeNull();
    expect(await screen.findByTestId('colour-reasons')).toBeTruthy();
  });

  it('R16: a scan answering the colour the code shows asks for nothing more', async () => {
    signedIn({ 'POST /scans': [201, scanAnswer] });
    render(<CodePage />);
    await screen.findByTestId('veil');
    await scannerReturns('HCV1:venue.code.text');
    await act(async () => fireEvent.click(screen.getByText('扫码通行')));
    expect(await screen.findByTestId('entry')).toBeTruthy();
    expect(requests('POST', '/me/credential')).toHaveLength(1);
  });

  it('R1: an account without a registration is asked to register', async () => {
    startApp({ registered: false });
    render(<CodePage />);
    expect(await screen.findByText('请先完成实名注册')).toBeTruthy();
    fireEvent.click(screen.getByText('去注册'));
    expect(recorded.navigations).toContain('/pages/login/index');
  });

  it('shows the server’s error with a retry when the code cannot be loaded and nothing is cached', async () => {
    startApp();
    mockApi({ 'POST /me/credential': [503, apiError('SERVICE_BUSY', '服务繁忙，请稍后再试')] });
    render(<CodePage />);
    expect(await screen.findByText('服务繁忙，请稍后再试')).toBeTruthy();
    mockApi(server());
    await act(async () => fireEvent.click(screen.getByText('重试')));
    expect(await screen.findByTestId('code-card')).toBeTruthy();
  });

  it('R5: the QR is remade from the cached credential every 30 s, without a request', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-02T08:00:05Z'), doNotFake: ['queueMicrotask', 'nextTick'] });
    try {
      signedIn({ 'POST /scans': [201, scanAnswer] });
      render(<CodePage />);
      await act(async () => { await jest.advanceTimersByTimeAsync(10); });
      await scannerReturns('HCV1:venue.code.text');
      await act(async () => { fireEvent.click(screen.getByText('扫码通行')); await jest.advanceTimersByTimeAsync(10); });
      const before = document.querySelector('[data-qr]')!.getAttribute('data-qr');
      const calls = requests('POST', '/me/credential').length;
      await act(async () => { await jest.advanceTimersByTimeAsync(31_000); });
      const after = document.querySelector('[data-qr]')!.getAttribute('data-qr');
      expect(after).not.toBe(before);
      expect(requests('POST', '/me/credential').length).toBe(calls);
    } finally {
      jest.useRealTimers();
    }
  });

  it('English mode and elder mode apply to the page', async () => {
    signedIn({}, 'green', { lang: 'en', elder: true });
    const { container } = render(<CodePage />);
    expect(await screen.findByText('Green')).toBeTruthy();
    expect(screen.getByText('Scan to enter')).toBeTruthy();
    expect(container.querySelector('.page.elder')).toBeTruthy();
    expect(scanner.next).toEqual([]);
  });
});
