import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { errorMessages, fieldMessages } from '@health-code/shared';
import HelpPage from '../../src/pages/help/index';
import { pickImage } from '../../src/platform/pick-image';
import { apiError, mockApi, offline, recorded, requests, startApp, type Routes } from '../api';
import { routerParams } from '../mocks/taro';

jest.mock('../../src/platform/pick-image', () => ({ pickImage: jest.fn() }));
const picker = pickImage as jest.MockedFunction<typeof pickImage>;

const zh = (code: keyof typeof errorMessages) => errorMessages[code].zh;

const appeal = (extra: Record<string, unknown> = {}) => ({
  id: 'ap-1',
  status: 'refused',
  reason: '我 11 月 30 日的核酸检测是阴性',
  colourAtFiling: 'yellow',
  byGuardian: false,
  hasEvidence: true,
  answer: '记录显示 12 月 1 日曾到访高风险地区，维持黄码',
  correctedColour: null,
  createdAt: '2026-12-01T02:00:00.000Z',
  answeredAt: '2026-12-01T06:00:00.000Z',
  ...extra,
});

const base: Routes = {
  'GET /app-config': [200, { hotline: '0755-12320' }],
  'GET /me/appeals': [200, { appeals: [] }],
};

beforeEach(() => picker.mockReset());

describe('the help page (R35)', () => {
  it('R35: answers the common problems in the project\'s words, one at a time', async () => {
    startApp();
    mockApi(base);
    render(<HelpPage />);
    for (const q of ['健康码打不开、一直加载', '实名信息不一致，无法登记', '提示“服务繁忙”', '健康码颜色不对，如何申诉', '家中老人、孩子没有手机怎么办']) expect(screen.getByText(q)).toBeTruthy();
    expect(screen.queryByText(/健康码需要联网获取凭证/)).toBeNull();
    fireEvent.click(screen.getByText('健康码打不开、一直加载'));
    expect(screen.getByTestId('faq-network').textContent).toContain('健康码需要联网获取凭证');
    fireEvent.click(screen.getByText('提示“服务繁忙”'));
    expect(screen.getByTestId('faq-busy').textContent).toContain('请等待一两分钟再操作');
    expect(screen.queryByText(/健康码需要联网获取凭证/)).toBeNull();
    fireEvent.click(screen.getByText('实名信息不一致，无法登记'));
    expect(screen.getByTestId('faq-realName').textContent).toContain('请按身份证填写本人姓名');
    fireEvent.click(screen.getByText('家中老人、孩子没有手机怎么办'));
    expect(screen.getByTestId('faq-offlineCode').textContent).toContain('有效期 7 天');
  });

  it('R35: the hotline is the server setting, and "call" dials it', async () => {
    startApp();
    mockApi(base);
    render(<HelpPage />);
    const hotline = screen.getByTestId('hotline');
    expect(within(hotline).getByText('加载中…')).toBeTruthy();
    expect(await within(hotline).findByText('0755-12320')).toBeTruthy();
    fireEvent.click(within(hotline).getByText('拨打'));
    await waitFor(() => expect(recorded.navigations).toContain('tel:0755-12320'));
    // Public: asked without the session.
    expect(requests('GET', '/app-config')[0].header?.authorization).toBeUndefined();
  });

  it('R35: offline, the hotline last fetched is still shown', async () => {
    startApp();
    mockApi(base);
    const first = render(<HelpPage />);
    await screen.findByText('0755-12320');
    first.unmount();
    offline();
    render(<HelpPage />);
    expect(screen.getByText('0755-12320')).toBeTruthy();
    await waitFor(() => expect(requests('GET', '/app-config')).toHaveLength(2));
    expect(screen.getByText('0755-12320')).toBeTruthy();
  });

  it('R35: offline with no hotline saved: the network message, and "try again" fetches it', async () => {
    startApp();
    offline();
    render(<HelpPage />);
    const hotline = screen.getByTestId('hotline');
    expect(await within(hotline).findByText('网络不可用，请检查网络后重试')).toBeTruthy();
    mockApi(base);
    fireEvent.click(within(hotline).getByText('重试'));
    expect(await within(hotline).findByText('0755-12320')).toBeTruthy();
  });

  it('R35: the service busy while fetching the hotline says so', async () => {
    startApp();
    mockApi({ ...base, 'GET /app-config': [503, apiError('SERVICE_UNAVAILABLE', zh('SERVICE_UNAVAILABLE'))] });
    render(<HelpPage />);
    expect(await within(screen.getByTestId('hotline')).findByText(zh('SERVICE_UNAVAILABLE'))).toBeTruthy();
  });

  it('R35: English mode answers in English', async () => {
    startApp({ lang: 'en' });
    mockApi(base);
    render(<HelpPage />);
    fireEvent.click(screen.getByText('The code will not load'));
    expect(screen.getByTestId('faq-network').textContent).toContain('The code needs the network to fetch its credential');
    expect(await screen.findByText('Call')).toBeTruthy();
    expect(screen.getByText('Colour appeal')).toBeTruthy();
  });
});

describe('colour appeals from the help page (R35, R4)', () => {
  it('R35: lists my appeals with their state and answer', async () => {
    startApp();
    mockApi({ ...base, 'GET /me/appeals': [200, { appeals: [appeal(), appeal({ id: 'ap-0', status: 'accepted', correctedColour: 'green', answer: '已核实阴性结果', hasEvidence: false })] }] });
    render(<HelpPage />);
    const refused = await screen.findByTestId('appeal-ap-1');
    expect(within(refused).getByText('未予支持')).toBeTruthy();
    expect(within(refused).getByText('答复：记录显示 12 月 1 日曾到访高风险地区，维持黄码')).toBeTruthy();
    expect(within(refused).getByText('附有证明材料')).toBeTruthy();
    const accepted = screen.getByTestId('appeal-ap-0');
    expect(within(accepted).getByText('已受理，颜色已改正')).toBeTruthy();
    expect(within(accepted).getByText('改正为绿码')).toBeTruthy();
  });

  it('R35: files an appeal with a reason and a photo; the list then shows it as being handled', async () => {
    startApp();
    let appeals: unknown[] = [];
    mockApi({
      ...base,
      'GET /me/appeals': () => [200, { appeals }],
      'POST /me/appeals': (body) => {
        appeals = [appeal({ id: 'ap-2', status: 'open', reason: body.reason, answer: null, answeredAt: null })];
        return [201, appeals[0]];
      },
    });
    picker.mockResolvedValueOnce({ type: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUg==', preview: 'blob:report' });
    render(<HelpPage />);
    expect(await screen.findByText('还没有申诉')).toBeTruthy();
    fireEvent.change(screen.getByPlaceholderText('请写明您认为颜色不对的原因（至少 4 个字）'), { target: { value: '  我 12 月 1 日的核酸是阴性  ' } });
    fireEvent.click(screen.getByText('添加照片'));
    expect(await screen.findByText('已添加 1 张照片')).toBeTruthy();
    expect(document.querySelector('img.appeal-photo')?.getAttribute('src')).toBe('blob:report');
    fireEvent.click(screen.getByText('提交申诉'));
    await waitFor(() => expect(requests('POST', '/me/appeals')).toHaveLength(1));
    expect(requests('POST', '/me/appeals')[0].data).toEqual({ reason: '我 12 月 1 日的核酸是阴性', evidence: { type: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUg==' } });
    expect(await screen.findByTestId('appeal-open')).toBeTruthy();
    expect(screen.getByTestId('appeal-open').textContent).toBe(zh('APPEAL_ALREADY_OPEN'));
    expect(screen.getByText('处理中')).toBeTruthy();
    expect(recorded.toasts).toContain('申诉已提交，请等待答复');
    expect(screen.queryByTestId('appeal-form')).toBeNull();
  });

  it('R35: a photo can be removed; a cancelled choice adds nothing; a photo over 1 MB is refused at once', async () => {
    startApp();
    mockApi({ ...base, 'POST /me/appeals': (body) => [201, appeal({ reason: body.reason, status: 'open' })] });
    render(<HelpPage />);
    await screen.findByText('还没有申诉');
    picker.mockResolvedValueOnce(null);
    fireEvent.click(screen.getByText('添加照片'));
    await waitFor(() => expect(picker).toHaveBeenCalledTimes(1));
    expect(screen.queryByText('已添加 1 张照片')).toBeNull();
    picker.mockResolvedValueOnce({ type: 'image/jpeg', data: 'A'.repeat(1_500_000), preview: 'blob:big' });
    fireEvent.click(screen.getByText('添加照片'));
    expect(await screen.findByText(fieldMessages.EVIDENCE_TOO_LARGE.zh)).toBeTruthy();
    picker.mockResolvedValueOnce({ type: 'image/jpeg', data: '/9j/4AAQ', preview: 'blob:ok' });
    fireEvent.click(screen.getByText('添加照片'));
    await screen.findByText('已添加 1 张照片');
    fireEvent.click(screen.getByText('移除照片'));
    fireEvent.change(screen.getByPlaceholderText('请写明您认为颜色不对的原因（至少 4 个字）'), { target: { value: '颜色有误，请核实' } });
    fireEvent.click(screen.getByText('提交申诉'));
    await waitFor(() => expect(requests('POST', '/me/appeals')).toHaveLength(1));
    expect(requests('POST', '/me/appeals')[0].data).toEqual({ reason: '颜色有误，请核实' });
  });

  it('R35: a reason under 4 characters is refused before sending', async () => {
    startApp();
    mockApi(base);
    render(<HelpPage />);
    await screen.findByText('还没有申诉');
    fireEvent.change(screen.getByPlaceholderText('请写明您认为颜色不对的原因（至少 4 个字）'), { target: { value: '不对' } });
    fireEvent.click(screen.getByText('提交申诉'));
    expect(await screen.findByText('太短（至少 4）')).toBeTruthy();
    expect(requests('POST', '/me/appeals')).toHaveLength(0);
  });

  it.each([
    ['APPEAL_NOTHING_TO_APPEAL', 409],
    ['APPEAL_ALREADY_OPEN', 409],
    ['SERVICE_UNAVAILABLE', 503],
  ] as const)('R35: the server answer %s is shown above the form, which keeps what was typed', async (code, status) => {
    startApp();
    mockApi({ ...base, 'POST /me/appeals': [status, apiError(code, zh(code))] });
    render(<HelpPage />);
    await screen.findByText('还没有申诉');
    fireEvent.change(screen.getByPlaceholderText('请写明您认为颜色不对的原因（至少 4 个字）'), { target: { value: '颜色有误，请核实' } });
    fireEvent.click(screen.getByText('提交申诉'));
    expect(await screen.findByText(zh(code))).toBeTruthy();
    expect((screen.getByPlaceholderText('请写明您认为颜色不对的原因（至少 4 个字）') as HTMLTextAreaElement).value).toBe('颜色有误，请核实');
  });

  it("R35: the server's field errors appear under the reason and the photo", async () => {
    startApp();
    mockApi({
      ...base,
      'POST /me/appeals': [
        422,
        apiError('VALIDATION_FAILED', zh('VALIDATION_FAILED'), [
          { path: 'reason', code: 'TOO_LONG', message: '太长（至多 1000）' },
          { path: 'evidence.data', code: 'EVIDENCE_FORMAT', message: fieldMessages.EVIDENCE_FORMAT.zh },
        ]),
      ],
    });
    picker.mockResolvedValueOnce({ type: 'image/png', data: 'bm90IGFuIGltYWdl', preview: 'blob:x' });
    render(<HelpPage />);
    await screen.findByText('还没有申诉');
    fireEvent.change(screen.getByPlaceholderText('请写明您认为颜色不对的原因（至少 4 个字）'), { target: { value: '颜色有误，请核实' } });
    fireEvent.click(screen.getByText('添加照片'));
    await screen.findByText('已添加 1 张照片');
    fireEvent.click(screen.getByText('提交申诉'));
    expect(await screen.findByText(zh('VALIDATION_FAILED'))).toBeTruthy();
    expect(screen.getByText('太长（至多 1000）')).toBeTruthy();
    expect(screen.getByText(fieldMessages.EVIDENCE_FORMAT.zh)).toBeTruthy();
  });

  it('R35: filing without network says so and keeps the form', async () => {
    startApp();
    mockApi(base);
    render(<HelpPage />);
    await screen.findByText('还没有申诉');
    fireEvent.change(screen.getByPlaceholderText('请写明您认为颜色不对的原因（至少 4 个字）'), { target: { value: '颜色有误，请核实' } });
    offline();
    fireEvent.click(screen.getByText('提交申诉'));
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
    expect(screen.getByTestId('appeal-form')).toBeTruthy();
  });

  it('R35: opened from the code page for a relative (?appeal=1&relative=), the appeal comes first and goes to the relative', async () => {
    startApp();
    routerParams.params = { appeal: '1', relative: 'rel-7' };
    mockApi({
      ...base,
      'GET /me/relatives/rel-7/appeals': [200, { appeals: [] }],
      'POST /me/relatives/rel-7/appeals': (body) => [201, appeal({ reason: body.reason, status: 'open', byGuardian: true })],
    });
    render(<HelpPage />);
    expect(screen.getByText('为亲属申诉')).toBeTruthy();
    expect(screen.getByTestId('faq-colour').textContent).toContain('先在健康码页面点颜色查看赋码原因');
    const sections = Array.from(document.querySelectorAll('[data-testid="appeal"], [data-testid="faq"]')).map((e) => e.getAttribute('data-testid'));
    expect(sections).toEqual(['appeal', 'faq']);
    await screen.findByText('还没有申诉');
    fireEvent.change(screen.getByPlaceholderText('请写明您认为颜色不对的原因（至少 4 个字）'), { target: { value: '孩子一直在家，没有外出' } });
    fireEvent.click(screen.getByText('提交申诉'));
    await waitFor(() => expect(requests('POST', '/me/relatives/rel-7/appeals')).toHaveLength(1));
    expect(requests('POST', '/me/appeals')).toHaveLength(0);
    expect(requests('GET', '/me/appeals')).toHaveLength(0);
  });

  it('R35: a relative not bound to this account: the server message', async () => {
    startApp();
    routerParams.params = { appeal: '1', relative: 'rel-x' };
    mockApi({ ...base, 'GET /me/relatives/rel-x/appeals': [404, apiError('RELATIVE_NOT_FOUND', zh('RELATIVE_NOT_FOUND'))] });
    render(<HelpPage />);
    expect(await screen.findByText(zh('RELATIVE_NOT_FOUND'))).toBeTruthy();
    expect(screen.queryByTestId('appeal-form')).toBeNull();
  });

  it('R35: an unregistered account is sent to registration before it can appeal', async () => {
    startApp({ registered: false });
    mockApi({ ...base, 'GET /me/appeals': [403, apiError('REGISTRATION_REQUIRED', zh('REGISTRATION_REQUIRED'))] });
    render(<HelpPage />);
    expect(await screen.findByText(zh('REGISTRATION_REQUIRED'))).toBeTruthy();
    fireEvent.click(screen.getByText('去注册'));
    expect(recorded.navigations).toContain('/pages/login/index');
    // The answers and the hotline still help.
    expect(await screen.findByText('0755-12320')).toBeTruthy();
  });

  it('R35: offline, the appeals cannot load: the message and "try again"', async () => {
    startApp();
    mockApi({ 'GET /app-config': [200, { hotline: '0755-12320' }] });
    offline();
    render(<HelpPage />);
    const section = screen.getByTestId('appeal');
    expect(await within(section).findByText('网络不可用，请检查网络后重试')).toBeTruthy();
    mockApi(base);
    fireEvent.click(within(section).getByText('重试'));
    expect(await within(section).findByText('还没有申诉')).toBeTruthy();
  });
});
