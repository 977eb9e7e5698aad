import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { errorMessages } from '@health-code/shared';
import SettingsPage from '../../src/pages/settings/index';
import { readSession } from '../../src/state/session';
import { readSettings } from '../../src/state/settings';
import { storage } from '../../src/state/storage';
import { apiError, mockApi, offline, recorded, requests, startApp, type Routes } from '../api';

const zh = (code: keyof typeof errorMessages) => errorMessages[code].zh;
const base: Routes = { 'GET /app-config': [200, { hotline: '0755-12320' }] };

function typeCode(text: string) {
  fireEvent.change(screen.getByPlaceholderText('请输入邀请码'), { target: { value: text } });
}

afterEach(() => jest.restoreAllMocks());

describe('the settings page', () => {
  it('R35: Chinese by default; English switches every text and the language the server answers in', async () => {
    startApp();
    mockApi(base);
    render(<SettingsPage />);
    expect(screen.getByText('语言')).toBeTruthy();
    expect(screen.getByText('中文').getAttribute('data-active')).toBe('yes');
    fireEvent.click(screen.getByText('English（英文）'));
    expect(await screen.findByText('Language')).toBeTruthy();
    expect(screen.getByText('Elder mode')).toBeTruthy();
    expect(screen.getByText('English').getAttribute('data-active')).toBe('yes');
    expect(readSettings().lang).toBe('en');
    mockApi({ ...base, 'POST /staff/redeem': [404, apiError('INVITATION_NOT_FOUND', errorMessages.INVITATION_NOT_FOUND.en)] });
    fireEvent.change(screen.getByPlaceholderText('Enter the invitation code'), { target: { value: 'ABCD-EFGH-1234' } });
    fireEvent.click(screen.getByText('Redeem'));
    await waitFor(() => expect(requests('POST', '/staff/redeem')).toHaveLength(1));
    expect(requests('POST', '/staff/redeem')[0].header?.['accept-language']).toBe('en-US');
    fireEvent.click(screen.getByText('中文 (Chinese)'));
    expect(await screen.findByText('语言')).toBeTruthy();
    expect(readSettings().lang).toBe('zh');
  });

  it('issue 5 item 7 (no rule of its own): elder mode makes type and buttons larger on every page, and is kept', async () => {
    startApp();
    mockApi(base);
    const { container } = render(<SettingsPage />);
    expect(container.querySelector('.page.elder')).toBeNull();
    fireEvent.click(screen.getByRole('switch', { name: '长辈模式' }));
    await waitFor(() => expect(container.querySelector('.page.elder')).toBeTruthy());
    expect(readSettings().elder).toBe(true);
    fireEvent.click(screen.getByRole('switch', { name: '长辈模式' }));
    await waitFor(() => expect(container.querySelector('.page.elder')).toBeNull());
    expect(readSettings().elder).toBe(false);
  });

  it('R35: shows the hotline (loading first) and calls it', async () => {
    startApp();
    mockApi(base);
    render(<SettingsPage />);
    expect(within(screen.getByTestId('hotline')).getByText('加载中…')).toBeTruthy();
    fireEvent.click(await screen.findByText('拨打'));
    await waitFor(() => expect(recorded.navigations).toContain('tel:0755-12320'));
  });

  it('R35: the hotline offline with nothing saved shows the network message', async () => {
    startApp();
    offline();
    render(<SettingsPage />);
    expect(await within(screen.getByTestId('hotline')).findByText('网络不可用，请检查网络后重试')).toBeTruthy();
  });

  it('R8/R31: a staff invitation code makes this account checkpoint staff, and opens checkpoint mode', async () => {
    startApp();
    mockApi({ ...base, 'POST /staff/redeem': [200, { role: 'checkpoint', displayName: '南山站查验员' }] });
    render(<SettingsPage />);
    expect(screen.getByTestId('role').textContent).toBe('当前身份：居民');
    expect(screen.queryByText('进入核验模式')).toBeNull();
    typeCode('  inv-7Q2M-9XKD  ');
    fireEvent.click(screen.getByText('使用邀请码'));
    expect(await screen.findByText('您已成为查验人员：南山站查验员')).toBeTruthy();
    expect(requests('POST', '/staff/redeem')[0].data).toEqual({ code: 'inv-7Q2M-9XKD' });
    expect(readSession()?.role).toBe('checkpoint');
    expect(screen.getByTestId('role').textContent).toBe('当前身份：查验人员');
    fireEvent.click(screen.getByText('进入核验模式'));
    expect(recorded.navigations).toContain('/checkpoint/pages/verify/index');
    expect((screen.getByPlaceholderText('请输入邀请码') as HTMLInputElement).value).toBe('');
  });

  it.each([
    ['INVITATION_NOT_FOUND', 404],
    ['INVITATION_USED', 409],
    ['INVITATION_EXPIRED', 410],
    ['RATE_LIMITED', 429],
  ] as const)('R8/R31: an invitation the server refuses (%s) shows its message; the role stays', async (code, status) => {
    startApp();
    mockApi({ ...base, 'POST /staff/redeem': [status, apiError(code, zh(code))] });
    render(<SettingsPage />);
    typeCode('inv-7Q2M-9XKD');
    fireEvent.click(screen.getByText('使用邀请码'));
    expect(await screen.findByText(zh(code))).toBeTruthy();
    expect(readSession()?.role).toBe('resident');
    expect(screen.queryByTestId('redeemed')).toBeNull();
  });

  it('R8/R31: a code too short is refused before sending; a field error from the server shows under the field', async () => {
    startApp();
    mockApi({ ...base, 'POST /staff/redeem': [422, apiError('VALIDATION_FAILED', zh('VALIDATION_FAILED'), [{ path: 'code', code: 'TOO_LONG', message: '太长（至多 64）' }])] });
    render(<SettingsPage />);
    typeCode('abc');
    fireEvent.click(screen.getByText('使用邀请码'));
    expect(await screen.findByText('太短（至少 8）')).toBeTruthy();
    expect(requests('POST', '/staff/redeem')).toHaveLength(0);
    typeCode('x'.repeat(40));
    fireEvent.click(screen.getByText('使用邀请码'));
    expect(await screen.findByText('太长（至多 64）')).toBeTruthy();
  });

  it('R8/R31: redeeming without network says so', async () => {
    startApp();
    mockApi(base);
    render(<SettingsPage />);
    await screen.findByText('0755-12320');
    offline();
    typeCode('inv-7Q2M-9XKD');
    fireEvent.click(screen.getByText('使用邀请码'));
    expect(await within(screen.getByTestId('staff')).findByText('网络不可用，请检查网络后重试')).toBeTruthy();
  });

  it('R8: an official sees the way to checkpoint mode', () => {
    startApp({ role: 'official' });
    mockApi(base);
    render(<SettingsPage />);
    expect(screen.getByTestId('role').textContent).toBe('当前身份：卫健工作人员');
    expect(screen.getByText('进入核验模式')).toBeTruthy();
  });

  it('R34: logout, once confirmed, ends the session, forgets what this phone kept, and goes to login', async () => {
    startApp();
    mockApi(base);
    storage.set('hc.credential.self', { answer: {}, fetchedAt: '2026-12-02T00:00:00.000Z', devicePrivateKey: 'x' });
    storage.set('hc.records', { accountId: 'acc-1', entries: {} });
    render(<SettingsPage />);
    fireEvent.click(screen.getByText('退出登录'));
    await waitFor(() => expect(recorded.navigations).toContain('/pages/login/index'));
    expect(recorded.modals[0].content).toBe('退出后需要重新登录，本机保存的本人健康码和记录会被清除。确定退出？');
    expect(readSession()).toBeNull();
    expect(storage.get('hc.credential.self')).toBeUndefined();
    expect(storage.get('hc.records')).toBeUndefined();
    expect(recorded.toasts).toContain('已退出登录');
  });

  it('R34: logout, when cancelled, changes nothing', async () => {
    startApp();
    mockApi(base);
    jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    render(<SettingsPage />);
    fireEvent.click(screen.getByText('退出登录'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(readSession()).not.toBeNull();
    expect(recorded.navigations).not.toContain('/pages/login/index');
  });
});
