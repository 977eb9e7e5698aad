import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { errorMessage, fieldMessage, makeIdNumber, type ErrorCode } from '@health-code/shared';
import Taro from '@tarojs/taro';
import BindRelative from '../../src/relatives/pages/bind/index';
import { platform } from '../../src/platform';
import { platform as alipay } from '../../src/platform/platform.alipay';
import { platform as weapp } from '../../src/platform/platform.weapp';
import { apiError, mockApi, offline, recorded, requests, startApp } from '../api';

const DAY = 86400_000;
/** A synthetic ID number of someone who is `age` today (the birthday a few weeks past). */
function idOfAge(age: number, seq = 7): string {
  const now = new Date();
  const birth = new Date(Date.UTC(now.getUTCFullYear() - age, now.getUTCMonth(), 1) - 40 * DAY);
  return makeIdNumber({ birthDate: birth.toISOString().slice(0, 10), sex: 'male', seq });
}
const CHILD = idOfAge(5);
const ELDER = idOfAge(70);
const zh = (code: ErrorCode, params?: Record<string, string | number>) => errorMessage(code, 'zh-CN', params);
const bound = (over: Record<string, unknown> = {}) => ({
  id: 'rel-9',
  name: '林*豆',
  idNumber: '440***********0000',
  age: 5,
  sex: 'male',
  relationship: 'child',
  identityConfirmedBy: 'child-under-7',
  boundAt: new Date().toISOString(),
  unbindableAt: new Date(Date.now() + DAY).toISOString(),
  colour: 'green',
  vaccinated: false,
  ...over,
});

function fill(name: string, idNumber: string) {
  fireEvent.change(screen.getByLabelText('亲属姓名'), { target: { value: name } });
  fireEvent.change(screen.getByLabelText('亲属身份证号'), { target: { value: idNumber } });
}
const global = globalThis as unknown as { my?: unknown; wx?: unknown };

afterEach(() => {
  jest.restoreAllMocks();
  delete global.my;
  delete global.wx;
  delete (Taro as unknown as { getCurrentPages?: unknown }).getCurrentPages;
});

describe('binding a relative (R21-R24)', () => {
  it('R21/R24: a child of 5 shows the age, needs no face check, and is bound with the relationship', async () => {
    startApp();
    mockApi({ 'POST /me/relatives': (body) => [201, bound({ relationship: body.relationship })] });
    render(<BindRelative />);
    fill('林小豆', CHILD);
    expect(screen.getByTestId('id-facts').textContent).toBe('年龄：5 周岁7 周岁以下儿童无需人脸核验');
    fireEvent.change(screen.getByRole('combobox'), { target: { value: '0' } });
    expect(screen.getAllByText('子女').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByText('添加'));

    await waitFor(() => expect(recorded.navigations).toEqual(['/relatives/pages/list/index']));
    expect(requests('POST', '/me/relatives')[0].data).toEqual({ name: '林小豆', idNumber: CHILD, relationship: 'child' });
    expect(recorded.modals).toHaveLength(0);
    expect(recorded.toasts).toContain('已添加');
  });

  it('R21: opened from the list, a bound relative goes back to it', async () => {
    startApp();
    (Taro as unknown as { getCurrentPages: () => unknown[] }).getCurrentPages = () => [{}, {}, {}];
    mockApi({ 'POST /me/relatives': [201, bound()] });
    render(<BindRelative />);
    fill('林小豆', CHILD.toLowerCase());
    fireEvent.click(screen.getByText('添加'));
    await waitFor(() => expect(recorded.navigations).toEqual(['back']));
    // Sent without a relationship, and with the ID number as the card has it.
    expect(requests('POST', '/me/relatives')[0].data).toEqual({ name: '林小豆', idNumber: CHILD });
  });

  it('R24: a relative of 70 needs a face check; on H5 the development check says it checks no face', async () => {
    startApp();
    mockApi({ 'POST /me/relatives': [201, bound({ age: 70, identityConfirmedBy: 'face' })] });
    render(<BindRelative />);
    fill('林阿公', ELDER);
    expect(screen.getByTestId('id-facts').textContent).toContain('年龄：70 周岁');
    expect(screen.getByTestId('id-facts').textContent).toContain('需要人脸核验');
    fireEvent.click(screen.getByText('人脸核验并添加'));

    await waitFor(() => expect(requests('POST', '/me/relatives')).toHaveLength(1));
    expect(recorded.modals[0].title).toBe('开发环境人脸核验');
    expect(recorded.modals[0].content).toContain('不会检查任何人脸');
    expect(requests('POST', '/me/relatives')[0].data).toEqual({ name: '林阿公', idNumber: ELDER, faceCheckToken: 'dev-face-ok' });
  });

  it('R24: a face check the guardian cancels binds nothing and says so', async () => {
    startApp();
    mockApi({ 'POST /me/relatives': [201, bound()] });
    jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    render(<BindRelative />);
    fill('林阿公', ELDER);
    fireEvent.click(screen.getByText('人脸核验并添加'));
    expect((await screen.findByTestId('banner')).textContent).toBe('人脸核验已取消，亲属尚未添加');
    expect(requests('POST', '/me/relatives')).toHaveLength(0);
  });

  it('R21: an ID number with a wrong check character is refused on the phone with its own message', async () => {
    startApp();
    mockApi({});
    render(<BindRelative />);
    const wrong = CHILD.slice(0, 17) + (CHILD[17] === '1' ? '2' : '1');
    fill('林小豆', wrong);
    expect(screen.getByTestId('id-error').textContent).toBe(fieldMessage('ID_NUMBER_CHECKSUM', 'zh-CN'));
    fireEvent.click(screen.getByText('添加'));
    await waitFor(() => expect(screen.getByTestId('id-error')).toBeTruthy());
    expect(recorded.requests).toHaveLength(0);
  });

  it('R21: a short ID number and a missing name are refused on sending, each under its field', async () => {
    startApp();
    mockApi({});
    render(<BindRelative />);
    fireEvent.change(screen.getByLabelText('亲属身份证号'), { target: { value: '4403051234' } });
    expect(screen.queryByTestId('id-error')).toBeNull();
    fireEvent.click(screen.getByText('添加'));
    expect((await screen.findByTestId('id-error')).textContent).toBe(fieldMessage('ID_NUMBER_FORMAT', 'zh-CN'));
    expect(screen.getByTestId('name-error').textContent).toBe('请填写亲属的姓名');
    expect(recorded.requests).toHaveLength(0);
  });

  it("R21: an age of 30 is refused up front with the rule's message, before any face check", async () => {
    startApp();
    mockApi({});
    render(<BindRelative />);
    fill('林大明', idOfAge(30));
    const message = zh('RELATIVE_AGE_NOT_ALLOWED', { age: 30 });
    expect(screen.getByTestId('id-error').textContent).toBe(message);
    expect(screen.queryByTestId('id-facts')).toBeNull();
    fireEvent.click(screen.getByText('添加'));
    await waitFor(() => expect(screen.getByTestId('id-error').textContent).toBe(message));
    expect(recorded.requests).toHaveLength(0);
    expect(recorded.modals).toHaveLength(0);
  });

  it.each([
    ['R22', 'RELATIVE_LIMIT_REACHED', 409, { max: 8 }, CHILD],
    ['R22', 'RELATIVE_GUARDIAN_LIMIT_REACHED', 409, { max: 3 }, CHILD],
    ['R22', 'RELATIVE_ALREADY_BOUND', 409, {}, CHILD],
    ['R23', 'RELATIVE_REGISTERED_INDEPENDENTLY', 409, {}, CHILD],
    ['R24', 'RELATIVE_FACE_CHECK_REQUIRED', 422, {}, ELDER],
    ['R24', 'RELATIVE_FACE_CHECK_FAILED', 422, {}, ELDER],
    ['R24', 'RELATIVE_FACE_CHECK_UNSUPPORTED', 403, {}, ELDER],
    ['R24', 'RELATIVE_FACE_CHECK_UNAVAILABLE', 503, {}, ELDER],
  ] as const)('%s: the server refusal %s shows in the banner', async (_rule, code, status, params, idNumber) => {
    startApp();
    const message = zh(code, params);
    const fields = code === 'RELATIVE_FACE_CHECK_FAILED' ? [{ path: 'faceCheckToken', message: fieldMessage('INVALID_VALUE', 'zh-CN') }] : [];
    mockApi({ 'POST /me/relatives': [status, apiError(code, message, fields)] });
    render(<BindRelative />);
    fill('林小豆', idNumber);
    fireEvent.click(screen.getByText(idNumber === ELDER ? '人脸核验并添加' : '添加'));
    const banner = await screen.findByTestId('banner');
    expect(banner.textContent).toBe(message);
    expect(banner.className).toContain('error');
    expect(screen.queryByTestId('id-error')).toBeNull();
    expect(screen.queryByTestId('name-error')).toBeNull();
    expect(recorded.navigations).toHaveLength(0);
  });

  it.each([
    ['R21', 'RELATIVE_ID_NUMBER_INVALID', [{ path: 'idNumber', code: 'ID_NUMBER_BIRTH_DATE', message: fieldMessage('ID_NUMBER_BIRTH_DATE', 'zh-CN') }], 'id-error', fieldMessage('ID_NUMBER_BIRTH_DATE', 'zh-CN')],
    ['R21', 'RELATIVE_AGE_NOT_ALLOWED', [{ path: 'idNumber', message: fieldMessage('INVALID_VALUE', 'zh-CN') }], 'id-error', zh('RELATIVE_AGE_NOT_ALLOWED', { age: 17 })],
    ['R21', 'RELATIVE_IS_SELF', [{ path: 'idNumber', message: fieldMessage('INVALID_VALUE', 'zh-CN') }], 'id-error', zh('RELATIVE_IS_SELF')],
    ['R21', 'RELATIVE_NAME_MISMATCH', [{ path: 'name', message: fieldMessage('INVALID_VALUE', 'zh-CN') }], 'name-error', zh('RELATIVE_NAME_MISMATCH', { hotline: '12320' })],
    ['R21', 'VALIDATION_FAILED', [{ path: 'name', code: 'NAME_FORMAT', message: fieldMessage('NAME_FORMAT', 'zh-CN') }], 'name-error', fieldMessage('NAME_FORMAT', 'zh-CN')],
  ] as const)('%s: the server refusal %s shows under its field', async (_rule, code, fields, where, shown) => {
    startApp();
    const message = code === 'RELATIVE_AGE_NOT_ALLOWED' ? zh(code, { age: 17 }) : code === 'RELATIVE_NAME_MISMATCH' ? zh(code, { hotline: '12320' }) : zh(code);
    mockApi({ 'POST /me/relatives': [422, apiError(code, message, [...fields])] });
    render(<BindRelative />);
    fill('林小豆', CHILD);
    fireEvent.click(screen.getByText('添加'));
    expect((await screen.findByTestId(where)).textContent).toBe(shown);
    expect(screen.queryByTestId('banner')).toBeNull();
    // Typing again clears the server's word on that field.
    fireEvent.change(screen.getByLabelText(where === 'id-error' ? '亲属身份证号' : '亲属姓名'), { target: { value: where === 'id-error' ? ELDER : '林小豆豆' } });
    expect(screen.queryByTestId(where)).toBeNull();
  });

  it('R21: offline, the banner says the network is down and nothing is bound', async () => {
    startApp();
    offline();
    render(<BindRelative />);
    fill('林小豆', CHILD);
    fireEvent.click(screen.getByText('添加'));
    expect((await screen.findByTestId('banner')).textContent).toBe('网络不可用，请检查网络后重试');
    expect(recorded.navigations).toHaveLength(0);
  });

  it('R24: on Alipay the server starts the check, Alipay runs it, and the bind names the check', async () => {
    startApp();
    const verify = jest.fn((o: { success: (r: unknown) => void }) => o.success({ resultStatus: '9000', result: { certifyId: 'cert-1' } }));
    global.my = { startAPVerify: verify, call: jest.fn() };
    jest.spyOn(platform, 'faceCheck').mockImplementation(alipay.faceCheck);
    const certifyUrl = 'https://openapi.alipay.com/gateway.do?method=alipay.user.certify.open.certify&sign=x';
    mockApi({
      'POST /me/relatives/face-checks': [201, { faceCheckId: 'fc-1', certifyId: 'cert-1', certifyUrl, expiresAt: new Date(Date.now() + 1800_000).toISOString() }],
      'POST /me/relatives': [201, bound({ age: 70, identityConfirmedBy: 'face' })],
    });
    render(<BindRelative />);
    fill('林阿公', ELDER);
    fireEvent.click(screen.getByText('人脸核验并添加'));
    await waitFor(() => expect(requests('POST', '/me/relatives')).toHaveLength(1));
    expect(requests('POST', '/me/relatives/face-checks')[0].data).toEqual({ name: '林阿公', idNumber: ELDER });
    expect(verify.mock.calls[0][0]).toMatchObject({ certifyId: 'cert-1', url: certifyUrl });
    expect(requests('POST', '/me/relatives')[0].data).toEqual({ name: '林阿公', idNumber: ELDER, faceCheckToken: 'fc-1' });
  });

  it('R24: on an older Alipay the check runs through startBizService; cancelling it binds nothing', async () => {
    startApp();
    const call = jest.fn((_api: string, _o: unknown, callback: (r: unknown) => void) => callback({ resultStatus: '6001', result: null }));
    global.my = { call };
    jest.spyOn(platform, 'faceCheck').mockImplementation(alipay.faceCheck);
    mockApi({ 'POST /me/relatives/face-checks': [201, { faceCheckId: 'fc-2', certifyId: 'cert-2', certifyUrl: 'https://x', expiresAt: new Date().toISOString() }] });
    render(<BindRelative />);
    fill('林阿公', ELDER);
    fireEvent.click(screen.getByText('人脸核验并添加'));
    expect((await screen.findByTestId('banner')).textContent).toBe('人脸核验已取消，亲属尚未添加');
    expect(call.mock.calls[0][0]).toBe('startBizService');
    expect(JSON.parse((call.mock.calls[0][1] as { param: string }).param)).toEqual({ certifyId: 'cert-2', url: 'https://x' });
    expect(requests('POST', '/me/relatives')).toHaveLength(0);
  });

  it('R22: on Alipay a refusal of the start (already 8 relatives) shows before any face is checked', async () => {
    startApp();
    const verify = jest.fn();
    global.my = { startAPVerify: verify, call: jest.fn() };
    jest.spyOn(platform, 'faceCheck').mockImplementation(alipay.faceCheck);
    const message = zh('RELATIVE_LIMIT_REACHED', { max: 8 });
    mockApi({ 'POST /me/relatives/face-checks': [409, apiError('RELATIVE_LIMIT_REACHED', message)] });
    render(<BindRelative />);
    fill('林阿公', ELDER);
    fireEvent.click(screen.getByText('人脸核验并添加'));
    expect((await screen.findByTestId('banner')).textContent).toBe(message);
    expect(verify).not.toHaveBeenCalled();
    expect(requests('POST', '/me/relatives')).toHaveLength(0);
  });

  it("R24: on WeChat the face check runs in the mini program and its verifyResult is sent", async () => {
    startApp();
    const start = jest.fn((o: { success: (r: unknown) => void }) => o.success({ verifyResult: 'vr-123', errCode: 0 }));
    global.wx = { startFacialRecognitionVerify: start };
    jest.spyOn(platform, 'faceCheck').mockImplementation(weapp.faceCheck);
    mockApi({ 'POST /me/relatives': [201, bound({ age: 70, identityConfirmedBy: 'face' })] });
    render(<BindRelative />);
    fill('林阿公', ELDER);
    fireEvent.click(screen.getByText('人脸核验并添加'));
    await waitFor(() => expect(requests('POST', '/me/relatives')).toHaveLength(1));
    expect(start.mock.calls[0][0]).toMatchObject({ name: '林阿公', idCardNumber: ELDER });
    expect(requests('POST', '/me/relatives')[0].data).toEqual({ name: '林阿公', idNumber: ELDER, faceCheckToken: 'vr-123' });
  });

  it('R24: on WeChat a check that stops without a result (camera refused) says so and binds nothing', async () => {
    startApp();
    global.wx = { startFacialRecognitionVerify: (o: { fail: (e: unknown) => void }) => o.fail({ errCode: 90008, errMsg: 'startFacialRecognitionVerify:fail' }) };
    jest.spyOn(platform, 'faceCheck').mockImplementation(weapp.faceCheck);
    mockApi({});
    render(<BindRelative />);
    fill('林阿公', ELDER);
    fireEvent.click(screen.getByText('人脸核验并添加'));
    expect((await screen.findByTestId('banner')).textContent).toBe('人脸核验没有完成（90008），请确认已允许使用摄像头后重试');
    expect(recorded.requests).toHaveLength(0);
  });

  it('R21: in English, the age rule and the face check hint are in English', async () => {
    startApp({ lang: 'en' });
    mockApi({});
    render(<BindRelative />);
    fireEvent.change(screen.getByLabelText("Relative's name"), { target: { value: 'Lin Gong' } });
    fireEvent.change(screen.getByLabelText("Relative's ID number"), { target: { value: ELDER } });
    expect(screen.getByTestId('id-facts').textContent).toContain('A face check is needed');
    fireEvent.change(screen.getByLabelText("Relative's ID number"), { target: { value: idOfAge(40) } });
    expect(screen.getByTestId('id-error').textContent).toBe(errorMessage('RELATIVE_AGE_NOT_ALLOWED', 'en-US', { age: 40 }));
  });
});
