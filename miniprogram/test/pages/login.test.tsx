import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { makeIdNumber } from '@health-code/shared';
import RegisterPage from '../../src/pages/login/index';
import { apiError, mockApi, offline, recorded, requests, startApp } from '../api';
import { readSession } from '../../src/state/session';

const idNumber = makeIdNumber({ birthDate: '1990-06-18', sex: 'male', seq: 904 });
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const fill = (id = idNumber) => {
  type('姓名', '周新民');
  type('身份证号', id);
  type('手机号', '13800138000');
  type('短信验证码', '123456');
};

describe('real-name registration (R1-R3)', () => {
  it('R1: a wrong check character is caught on the phone, under its field, before any request', async () => {
    startApp({ registered: false });
    render(<RegisterPage />);
    const wrong = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
    fill(wrong);
    fireEvent.click(screen.getByText('提交注册'));
    expect(await screen.findByText('身份证号校验位不对，请核对每一位')).toBeTruthy();
    expect(requests('POST', '/residents/register')).toHaveLength(0);
  });

  it('R1: sending the SMS code starts the resend countdown; the development outbox shows the code', async () => {
    startApp({ registered: false });
    mockApi({
      'POST /sms/send': [200, { sentAt: new Date().toISOString(), expiresInSeconds: 300, resendAfterSeconds: 60 }],
      'POST /dev/sms/latest': [200, { code: '654321' }],
    });
    render(<RegisterPage />);
    type('手机号', '13800138000');
    await act(async () => fireEvent.click(screen.getByText('获取验证码')));
    const countdown = await screen.findByText('60 秒后重发');
    // Disabled while counting down, and drawn readable (not Taro H5's white disabled text).
    expect((countdown as HTMLButtonElement).disabled).toBe(true);
    expect(countdown.className).toContain('btn-waiting');
    expect(screen.getByTestId('dev-sms-code').textContent).toContain('654321');
    expect(requests('POST', '/sms/send')[0].data).toEqual({ phone: '13800138000' });
  });

  it('R1: too many sends show the server’s message', async () => {
    startApp({ registered: false });
    mockApi({ 'POST /sms/send': [429, apiError('SMS_RESEND_TOO_SOON', '验证码已发送，请 42 秒后再重新获取')] });
    render(<RegisterPage />);
    type('手机号', '13800138000');
    await act(async () => fireEvent.click(screen.getByText('获取验证码')));
    expect(await screen.findByText('验证码已发送，请 42 秒后再重新获取')).toBeTruthy();
  });

  it('R3: a name that does not match the platform’s record says exactly that', async () => {
    startApp({ registered: false });
    const message = '填写的姓名与微信实名认证的姓名不一致。请按身份证填写本人姓名；如果微信上的实名信息有误，请先在微信中更正。';
    mockApi({ 'POST /residents/register': [409, apiError('REAL_NAME_MISMATCH_NAME', message)] });
    render(<RegisterPage />);
    fill();
    await act(async () => fireEvent.click(screen.getByText('提交注册')));
    expect(await screen.findByText(message)).toBeTruthy();
  });

  it('R1: a wrong SMS code is shown under its field', async () => {
    startApp({ registered: false });
    mockApi({ 'POST /residents/register': [422, apiError('SMS_CODE_WRONG', '验证码不对，还可以再试 4 次', [{ path: 'smsCode', message: '验证码不对，还可以再试 4 次' }])] });
    render(<RegisterPage />);
    fill();
    await act(async () => fireEvent.click(screen.getByText('提交注册')));
    expect(await screen.findAllByText('验证码不对，还可以再试 4 次')).toBeTruthy();
  });

  it('R1/R2: a registration keeps the new session and goes to the code page', async () => {
    startApp({ registered: false });
    mockApi({ 'POST /residents/register': [201, { resident: {}, linked: false, token: 'new-token', expiresAt: new Date(Date.now() + 1800_000).toISOString() }] });
    render(<RegisterPage />);
    fill();
    await act(async () => fireEvent.click(screen.getByText('提交注册')));
    await waitFor(() => expect(recorded.navigations).toContain('/pages/index/index'));
    expect(readSession()).toMatchObject({ token: 'new-token', registered: true });
    expect(requests('POST', '/residents/register')[0].data).toEqual({ name: '周新民', idNumber, phone: '13800138000', smsCode: '123456' });
  });

  it('offline: says the network is not available and keeps what was typed', async () => {
    startApp({ registered: false });
    offline();
    render(<RegisterPage />);
    fill();
    await act(async () => fireEvent.click(screen.getByText('提交注册')));
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
    expect((screen.getByLabelText('姓名') as HTMLInputElement).value).toBe('周新民');
  });

  it('H5: logging in as another browser user switches the account', async () => {
    startApp({ registered: false });
    mockApi({ 'POST /auth/login': (body) => [200, { token: 't2', expiresAt: new Date(Date.now() + 1800_000).toISOString(), account: { id: 'a2', platform: 'dev', role: 'resident', registered: body.code === 'demo-green' } }] });
    render(<RegisterPage />);
    type('浏览器用户名（开发环境）', 'demo-green');
    await act(async () => fireEvent.click(screen.getByText('切换用户')));
    await waitFor(() => expect(recorded.navigations).toContain('/pages/index/index'));
    expect(requests('POST', '/auth/login')[0].data).toEqual({ platform: 'dev', code: 'demo-green' });
  });
});
