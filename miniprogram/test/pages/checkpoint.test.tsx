import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { randomBytes } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519';
import { b64url, credentialClaims, errorMessages, makeCode, makeDeviceKeyPair, offlineCodeClaims, type CodeJwks } from '@health-code/shared';
import VerifyPage from '../../src/checkpoint/pages/verify/index';
import { platform } from '../../src/platform';
import { formatDateTime } from '../../src/lib/time';
import { apiError, mockApi, offline, recorded, requests, startApp, type Routes } from '../api';

// A real signing key, as the server holds, and codes made with the shared functions (R5, R27).
const rnd = (n: number) => new Uint8Array(randomBytes(n));
const serverKey = rnd(32);
const KID = 'k-2026-12';
const jwk = (kid: string, secret: Uint8Array) => ({ kty: 'OKP' as const, crv: 'Ed25519' as const, x: b64url.encode(ed25519.getPublicKey(secret)), kid, alg: 'EdDSA' as const, use: 'sig' as const });
const jwks = (revoked: string[] = []): CodeJwks => ({ keys: [jwk(KID, serverKey)], revoked });

const utf8 = (s: string) => new TextEncoder().encode(s);
const segment = (o: unknown) => b64url.encode(utf8(JSON.stringify(o)));

function sign(header: object, payload: object, key: Uint8Array = serverKey): string {
  const h = segment(header);
  const p = segment(payload);
  return `${h}.${p}.${b64url.encode(ed25519.sign(utf8(`${h}.${p}`), key))}`;
}

const device = makeDeviceKeyPair(rnd);
const CODE_ID = 'code-3f9a2b7c1d';

/** A phone's live code: the server's credential plus the device's proof of `shownAt`. */
function liveCode(options: { colour?: 'green' | 'yellow' | 'red'; vaccinated?: boolean; shownAt?: Date; key?: Uint8Array; kid?: string } = {}): string {
  const now = new Date();
  const claims = credentialClaims({
    codeId: CODE_ID,
    colour: options.colour ?? 'green',
    vaccinated: options.vaccinated ?? true,
    issuerRegion: '440300',
    devicePublicKey: device.publicKey,
    issuedAt: new Date(now.getTime() - 60_000),
    expiresAt: new Date(now.getTime() + 3600_000),
  });
  const credential = sign({ alg: 'EdDSA', kid: options.kid ?? KID, typ: 'hc-cred+jwt' }, claims, options.key);
  return makeCode(credential, device.privateKey, options.shownAt ?? now);
}

/** A printed offline code for a relative (R27): valid 7 days from `issuedAt`. */
function printedCode(issuedAt = new Date(), colour: 'green' | 'yellow' | 'red' = 'green'): string {
  const claims = offlineCodeClaims({ codeId: CODE_ID, colour, vaccinated: false, issuerRegion: '440300', issuedAt, expiresAt: new Date(issuedAt.getTime() + 7 * 86400_000) });
  return `HC1:${sign({ alg: 'EdDSA', kid: KID, typ: 'hc-offline+jwt' }, claims)}`;
}

/** The same code with its colour changed after signing: an altered code. */
function altered(code: string): string {
  const [h, p, ...rest] = code.slice(4).split('.');
  const payload = JSON.parse(new TextDecoder().decode(b64url.decode(p)));
  payload.col = 'g';
  return `HC1:${[h, segment(payload), ...rest].join('.')}`;
}

const onlineAnswer = (extra: Record<string, unknown> = {}) => ({
  colour: 'green',
  codeColour: 'green',
  colourChanged: false,
  vaccinated: true,
  name: '张*三',
  idNumber: '440***********123X',
  shownAt: new Date().toISOString(),
  validUntil: new Date(Date.now() + 60_000).toISOString(),
  offline: false,
  verifiedOnline: true,
  ...extra,
});

function routes(extra: Routes = {}): Routes {
  return { 'GET /.well-known/jwks.json': [200, jwks()], ...extra };
}

/** Opens the page and waits until the keys were fetched (the page refreshes them on open). */
async function openPage() {
  render(<VerifyPage />);
  await waitFor(() => expect(screen.getByTestId('cp-keys').textContent).toContain('离线验证密钥更新于'));
}

async function scan(text: string) {
  jest.spyOn(platform, 'scan').mockResolvedValueOnce(text);
  fireEvent.click(screen.getByText('扫码核验'));
}

const zh = (code: keyof typeof errorMessages) => errorMessages[code].zh;

afterEach(() => jest.restoreAllMocks());

describe('checkpoint mode (R8, R27)', () => {
  it('R8: fetches the published keys when the page opens and shows when', async () => {
    startApp({ role: 'checkpoint' });
    mockApi(routes());
    await openPage();
    expect(requests('GET', '/.well-known/jwks.json')).toHaveLength(1);
    expect(screen.getByText('扫码核验')).toBeTruthy();
  });

  it('R8: online, a green code shows the colour full-screen, masked name and ID, validity, badge and the mode', async () => {
    startApp({ role: 'checkpoint' });
    const code = liveCode();
    mockApi(routes({ 'POST /checkpoint/verify': (body) => (body.code === code ? [200, onlineAnswer()] : [422, apiError('CODE_MALFORMED', zh('CODE_MALFORMED'))]) }));
    await openPage();
    await scan(code);
    const result = await screen.findByTestId('cp-result');
    expect(result.getAttribute('data-colour')).toBe('green');
    expect(result.getAttribute('data-mode')).toBe('online');
    expect(result.className).toContain('colour-green');
    const view = within(result);
    expect(view.getByText('绿码')).toBeTruthy();
    expect(view.getByText('张*三')).toBeTruthy();
    expect(view.getByText('440***********123X')).toBeTruthy();
    expect(view.getByTestId('cp-validity').textContent).toContain('在有效期内');
    expect(view.getByTestId('cp-vaccination').textContent).toContain('已完成疫苗接种');
    expect(view.getByTestId('cp-mode').textContent).toBe('联网核验：以当前颜色为准');
    expect(view.getByText('码上颜色与当前颜色一致')).toBeTruthy();
    expect(requests('POST', '/checkpoint/verify')[0].data).toEqual({ code });
  });

  it('R8: online, when the colour changed since the code was issued, the current colour wins', async () => {
    startApp({ role: 'checkpoint' });
    mockApi(routes({ 'POST /checkpoint/verify': [200, onlineAnswer({ colour: 'yellow', codeColour: 'green', colourChanged: true, vaccinated: false })] }));
    await openPage();
    await scan(liveCode());
    const result = await screen.findByTestId('cp-result');
    expect(result.getAttribute('data-colour')).toBe('yellow');
    expect(within(result).getByText('黄码')).toBeTruthy();
    expect(within(result).getByTestId('cp-colour-changed').textContent).toBe('颜色已变化：码上为绿码，当前为黄码，以当前颜色为准');
    expect(within(result).getByTestId('cp-vaccination').textContent).toBe('无疫苗接种标识');
  });

  it('R27: online, a printed offline code is named as such', async () => {
    startApp({ role: 'official' });
    mockApi(routes({ 'POST /checkpoint/verify': [200, onlineAnswer({ offline: true })] }));
    await openPage();
    await scan(printedCode());
    const result = await screen.findByTestId('cp-result');
    expect(within(result).getByTestId('cp-validity').textContent).toContain('离线健康码（打印或相册保存）');
  });

  it('R8: while the server answers, the button says it is verifying', async () => {
    startApp({ role: 'checkpoint' });
    let answer: (v: [number, unknown]) => void = () => undefined;
    mockApi(routes({ 'POST /checkpoint/verify': () => new Promise((resolve) => (answer = resolve)) }));
    await openPage();
    await scan(liveCode());
    expect(await screen.findByText('正在核验…')).toBeTruthy();
    answer([200, onlineAnswer()]);
    expect(await screen.findByTestId('cp-result')).toBeTruthy();
    expect(screen.queryByText('正在核验…')).toBeNull();
  });

  it.each([
    ['CODE_REPLAYED', 409],
    ['CODE_HOLDER_UNKNOWN', 404],
    ['CODE_SIGNATURE_INVALID', 422],
    ['CODE_EXPIRED', 422],
    ['CODE_KEY_REVOKED', 422],
  ] as const)('R8: online, the server refusal %s shows a red full-screen refusal with its reason', async (code, status) => {
    startApp({ role: 'checkpoint' });
    mockApi(routes({ 'POST /checkpoint/verify': [status, apiError(code, zh(code), [{ path: 'code', message: '取值无效' }])] }));
    await openPage();
    await scan(liveCode());
    const refused = await screen.findByTestId('cp-refused');
    expect(refused.className).toContain('colour-red');
    expect(refused.getAttribute('data-code')).toBe(code);
    expect(within(refused).getByText('核验不通过')).toBeTruthy();
    expect(within(refused).getByTestId('cp-reason').textContent).toBe(zh(code));
    expect(within(refused).getByTestId('cp-mode').textContent).toBe('联网核验');
  });

  it('R8: text that is not a code at all (refused by the request schema) is refused as not a health code', async () => {
    startApp({ role: 'checkpoint' });
    mockApi(routes({ 'POST /checkpoint/verify': [422, apiError('VALIDATION_FAILED', zh('VALIDATION_FAILED'), [{ path: 'code', code: 'TOO_LONG', message: '太长（至多 2048）' }])] }));
    await openPage();
    await scan('x'.repeat(3000));
    const refused = await screen.findByTestId('cp-refused');
    expect(refused.getAttribute('data-code')).toBe('CODE_MALFORMED');
    expect(within(refused).getByTestId('cp-reason').textContent).toBe(zh('CODE_MALFORMED'));
  });

  it('R8: offline, a live code verifies with the cached keys: colour from the code, no name, the mode and key time', async () => {
    startApp({ role: 'checkpoint' });
    mockApi(routes());
    await openPage();
    offline();
    await scan(liveCode({ colour: 'yellow', vaccinated: false }));
    const result = await screen.findByTestId('cp-result');
    expect(result.getAttribute('data-mode')).toBe('offline');
    expect(result.getAttribute('data-colour')).toBe('yellow');
    const view = within(result);
    expect(view.getByText('黄码')).toBeTruthy();
    expect(view.getByTestId('cp-no-name').textContent).toContain('离线核验不显示姓名和身份证号');
    expect(view.queryByTestId('cp-name')).toBeNull();
    expect(view.getByTestId('cp-validity').textContent).toContain('实时健康码');
    expect(view.getByTestId('cp-mode').textContent).toMatch(/^离线核验（密钥更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}）$/);
    expect(view.getByTestId('cp-why').textContent).toBe('网络不可用，已改用离线核验');
  });

  it('R27: offline, a printed offline code within its 7 days verifies with the cached keys', async () => {
    startApp({ role: 'checkpoint' });
    mockApi(routes());
    await openPage();
    offline();
    const issuedAt = new Date(Date.now() - 3 * 86400_000);
    await scan(printedCode(issuedAt, 'green'));
    const result = await screen.findByTestId('cp-result');
    expect(result.getAttribute('data-colour')).toBe('green');
    expect(within(result).getByTestId('cp-validity').textContent).toContain('离线健康码（打印或相册保存）');
    expect(within(result).getByText(formatDateTime(new Date(Math.floor(issuedAt.getTime() / 1000) * 1000 + 7 * 86400_000)))).toBeTruthy();
  });

  const offlineRefusals: Array<[string, () => string, 'CODE_SIGNATURE_INVALID' | 'CODE_EXPIRED' | 'CODE_OFFLINE_EXPIRED' | 'CODE_MALFORMED']> = [
    ['a forged code (signed by another key)', () => liveCode({ key: rnd(32) }), 'CODE_SIGNATURE_INVALID'],
    ['an altered code (colour changed after signing)', () => altered(liveCode({ colour: 'red' })), 'CODE_SIGNATURE_INVALID'],
    ['an expired live code (a screenshot)', () => liveCode({ shownAt: new Date(Date.now() - 120_000) }), 'CODE_EXPIRED'],
    ['a printed code past its 7 days', () => printedCode(new Date(Date.now() - 8 * 86400_000)), 'CODE_OFFLINE_EXPIRED'],
    ['text that is not a health code', () => 'https://example.invalid/not-a-code', 'CODE_MALFORMED'],
  ];
  it.each(offlineRefusals)('R8: offline, %s is refused full-screen with its reason', async (_name, make, refusal) => {
    startApp({ role: 'checkpoint' });
    mockApi(routes());
    await openPage();
    offline();
    await scan(make());
    const refused = await screen.findByTestId('cp-refused');
    expect(refused.getAttribute('data-code')).toBe(refusal);
    expect(refused.getAttribute('data-mode')).toBe('offline');
    expect(within(refused).getByTestId('cp-reason').textContent).toBe(zh(refusal));
    expect(within(refused).getByTestId('cp-mode').textContent).toMatch(/^离线核验（密钥更新于 /);
  });

  it('R8: a key revoked after the cache was made is refused once the keys are refreshed', async () => {
    startApp({ role: 'checkpoint' });
    let published = jwks();
    mockApi({ 'GET /.well-known/jwks.json': () => [200, published] });
    await openPage();
    const code = liveCode();

    // With the keys as first fetched, the code verifies offline...
    mockApi({ 'GET /.well-known/jwks.json': () => [200, published], 'POST /checkpoint/verify': [503, apiError('SERVICE_UNAVAILABLE', zh('SERVICE_UNAVAILABLE'))] });
    await scan(code);
    expect((await screen.findByTestId('cp-result')).getAttribute('data-mode')).toBe('offline');
    fireEvent.click(screen.getByText('扫下一个'));
    await waitFor(() => expect(screen.queryByTestId('cp-result')).toBeNull());

    // ...then the key is revoked; the refresh brings the revocation down.
    published = jwks([KID]);
    await new Promise((r) => setTimeout(r, 5));
    fireEvent.click(screen.getByText('更新密钥'));
    await waitFor(() => expect(recorded.toasts).toContain('密钥已更新'));
    offline();
    await scan(code);
    const refused = await screen.findByTestId('cp-refused');
    expect(refused.getAttribute('data-code')).toBe('CODE_KEY_REVOKED');
    expect(within(refused).getByTestId('cp-reason').textContent).toBe(zh('CODE_KEY_REVOKED'));
  });

  it('R8: a code signed by a key newer than the cache verifies after the keys are fetched again', async () => {
    startApp({ role: 'checkpoint' });
    mockApi(routes());
    await openPage();
    const rotated = rnd(32);
    mockApi({ 'GET /.well-known/jwks.json': [200, { keys: [jwk(KID, serverKey), jwk('k-2027-01', rotated)], revoked: [] }] });
    fireEvent.click(screen.getByRole('switch'));
    await scan(liveCode({ kid: 'k-2027-01', key: rotated }));
    const result = await screen.findByTestId('cp-result');
    expect(result.getAttribute('data-mode')).toBe('offline');
    expect(requests('GET', '/.well-known/jwks.json')).toHaveLength(2);
  });

  it('R8: offline, a code signed by a key the cache does not know is refused when the keys cannot be fetched', async () => {
    startApp({ role: 'checkpoint' });
    mockApi(routes());
    await openPage();
    offline();
    await scan(liveCode({ kid: 'k-unknown', key: rnd(32) }));
    const refused = await screen.findByTestId('cp-refused');
    expect(refused.getAttribute('data-code')).toBe('CODE_UNKNOWN_KEY');
    expect(within(refused).getByTestId('cp-reason').textContent).toBe(zh('CODE_UNKNOWN_KEY'));
  });

  it('R8: the service busy (503) falls back to the cached keys and says why', async () => {
    startApp({ role: 'checkpoint' });
    mockApi(routes({ 'POST /checkpoint/verify': [503, apiError('SERVICE_UNAVAILABLE', zh('SERVICE_UNAVAILABLE'))] }));
    await openPage();
    await scan(liveCode());
    const result = await screen.findByTestId('cp-result');
    expect(result.getAttribute('data-mode')).toBe('offline');
    expect(within(result).getByTestId('cp-why').textContent).toBe(`服务未能答复（${zh('SERVICE_UNAVAILABLE')}），已改用离线核验`);
  });

  it('R8: too many requests (429) also falls back to the cached keys', async () => {
    startApp({ role: 'checkpoint' });
    mockApi(routes({ 'POST /checkpoint/verify': [429, apiError('RATE_LIMITED', '操作太频繁，请 30 秒后再试')] }));
    await openPage();
    await scan(liveCode());
    const result = await screen.findByTestId('cp-result');
    expect(within(result).getByTestId('cp-why').textContent).toBe('服务未能答复（操作太频繁，请 30 秒后再试），已改用离线核验');
  });

  it('R8: offline by choice: no request is sent and the result says so', async () => {
    startApp({ role: 'checkpoint' });
    mockApi(routes({ 'POST /checkpoint/verify': [200, onlineAnswer()] }));
    await openPage();
    fireEvent.click(screen.getByRole('switch'));
    await scan(liveCode());
    const result = await screen.findByTestId('cp-result');
    expect(result.getAttribute('data-mode')).toBe('offline');
    expect(within(result).getByTestId('cp-why').textContent).toBe('按您的选择离线核验');
    expect(requests('POST', '/checkpoint/verify')).toHaveLength(0);
  });

  it('R8: offline with no keys ever fetched, the page says how to get them and judges nothing', async () => {
    startApp({ role: 'checkpoint' });
    offline();
    render(<VerifyPage />);
    await waitFor(() => expect(screen.getByTestId('cp-keys').textContent).toContain('本机还没有离线验证密钥'));
    await scan(liveCode());
    const failed = await screen.findByTestId('cp-failed');
    expect(within(failed).getByText('无法联网核验，本机也没有离线验证密钥。请联网后打开核验页面下载密钥。')).toBeTruthy();
    expect(within(failed).queryByText('改用离线核验')).toBeNull();
    expect(screen.queryByTestId('cp-result')).toBeNull();
    expect(screen.queryByTestId('cp-refused')).toBeNull();
  });

  it('R8: an account the server does not allow to verify sees the reason and can verify offline instead', async () => {
    startApp({ role: 'tracer' });
    mockApi(routes({ 'POST /checkpoint/verify': [403, apiError('ROLE_FORBIDDEN', zh('ROLE_FORBIDDEN'))] }));
    await openPage();
    await scan(liveCode());
    const failed = await screen.findByTestId('cp-failed');
    expect(within(failed).getByText(zh('ROLE_FORBIDDEN'))).toBeTruthy();
    fireEvent.click(within(failed).getByText('改用离线核验'));
    const result = await screen.findByTestId('cp-result');
    expect(result.getAttribute('data-mode')).toBe('offline');
    expect(requests('POST', '/checkpoint/verify')).toHaveLength(1);
  });

  it('R8: "scan next" goes straight back to the scanner; a cancelled scan leaves the page as it was', async () => {
    startApp({ role: 'checkpoint' });
    mockApi(routes({ 'POST /checkpoint/verify': [200, onlineAnswer()] }));
    await openPage();
    await scan(liveCode());
    await screen.findByTestId('cp-result');
    // The same spy: the first scan was its first call.
    const spy = jest.spyOn(platform, 'scan').mockResolvedValueOnce(null);
    fireEvent.click(screen.getByText('扫下一个'));
    await waitFor(() => expect(spy).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByTestId('cp-result')).toBeNull());
    expect(requests('POST', '/checkpoint/verify')).toHaveLength(1);
  });

  it('R8: the keys are fetched again when the network comes back', async () => {
    startApp({ role: 'checkpoint' });
    const Taro = (await import('@tarojs/taro')).default as unknown as { onNetworkStatusChange: (cb: (r: { isConnected: boolean }) => void) => void };
    let listener: ((r: { isConnected: boolean }) => void) | undefined;
    jest.spyOn(Taro, 'onNetworkStatusChange').mockImplementation((cb) => void (listener = cb));
    mockApi(routes());
    await openPage();
    expect(requests('GET', '/.well-known/jwks.json')).toHaveLength(1);
    listener!({ isConnected: true });
    await waitFor(() => expect(requests('GET', '/.well-known/jwks.json')).toHaveLength(2));
  });

  it('R8: a resident account is told the mode is for staff, and where to redeem an invitation', async () => {
    startApp({ role: 'resident' });
    mockApi(routes());
    render(<VerifyPage />);
    expect(screen.getByTestId('cp-not-staff').textContent).toContain('核验模式仅供查验人员和卫健工作人员使用');
    fireEvent.click(screen.getByText('去设置'));
    expect(recorded.navigations).toContain('/pages/settings/index');
    expect(requests('GET', '/.well-known/jwks.json')).toHaveLength(0);
  });

  it('R8: in English mode the verdict is in English', async () => {
    startApp({ role: 'checkpoint', lang: 'en' });
    mockApi(routes());
    render(<VerifyPage />);
    await waitFor(() => expect(screen.getByTestId('cp-keys').textContent).toContain('Offline keys fetched at'));
    offline();
    jest.spyOn(platform, 'scan').mockResolvedValueOnce(liveCode({ shownAt: new Date(Date.now() - 120_000) }));
    fireEvent.click(screen.getByText('Scan a code'));
    const refused = await screen.findByTestId('cp-refused');
    expect(within(refused).getByText('Refused')).toBeTruthy();
    expect(within(refused).getByTestId('cp-reason').textContent).toBe(errorMessages.CODE_EXPIRED.en);
  });
});
