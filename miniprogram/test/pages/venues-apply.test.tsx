import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { errorMessage, fieldMessage, makeSocialCreditCode } from '@health-code/shared';
import { routerParams } from '../mocks/taro';
import ApplyPage from '../../src/venues/pages/apply/index';
import { forgetRegions } from '../../src/venues/regions';
import { apiError, mockApi, offline, recorded, requests, startApp, type Routes } from '../api';
import { categories, regions, USCC, venue } from './venues-fixtures';

const zh = (code: Parameters<typeof errorMessage>[0]) => errorMessage(code, 'zh-CN');
const field = (code: string, params?: Record<string, number>) => fieldMessage(code, 'zh-CN', params);

const base: Routes = {
  'GET /venue-categories': [200, { categories }],
  'GET /regions': regions,
};

beforeEach(() => forgetRegions());
afterEach(() => jest.restoreAllMocks());

const select = (testId: string, index: number) => fireEvent.change(within(screen.getByTestId(testId)).getByRole('combobox'), { target: { value: String(index) } });
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const errorUnder = (label: string) => screen.getByLabelText(label).closest('.field')?.querySelector('.error-text')?.textContent;

const provincesLoaded = () => waitFor(() => expect(within(screen.getByTestId('region-level-0')).getAllByRole('option')).toHaveLength(3));

/** Province, city, district: each level appears once the one above is chosen. */
async function chooseNanshan() {
  await provincesLoaded();
  select('region-level-0', 1); // 广东省
  await waitFor(() => expect(within(screen.getByTestId('region-level-1')).getAllByRole('option')).toHaveLength(3));
  select('region-level-1', 0); // 深圳市
  await waitFor(() => expect(within(screen.getByTestId('region-level-2')).getAllByRole('option')).toHaveLength(3));
  select('region-level-2', 0); // 南山区
}

async function fillShop() {
  await screen.findByTestId('category-picker');
  select('category-picker', 0);
  type('场所名称', '幸福路便利店');
  await chooseNanshan();
  type('详细地址', '幸福路 8 号');
  type('所属单位名称', '幸福商贸有限公司');
  type('统一社会信用代码', USCC.toLowerCase());
  type('联系电话', '13800138000');
}

describe('the place code application (R9, R10)', () => {
  it('R10: shows loading, then the form; a complete application is sent as the caller\'s own and opens its details', async () => {
    startApp();
    let answer!: (v: [number, unknown]) => void;
    const sent: unknown[] = [];
    mockApi({
      ...base,
      'GET /venue-categories': () => new Promise((resolve) => (answer = resolve)),
      'POST /me/venues': (body) => {
        sent.push(body);
        return [201, venue({ id: 'ven-new', status: 'under_review', posterAvailable: false })];
      },
    });
    render(<ApplyPage />);
    expect(screen.getByText('加载中…')).toBeTruthy();
    answer([200, { categories }]);
    await fillShop();
    fireEvent.click(screen.getByText('提交申请'));

    await waitFor(() => expect(recorded.navigations).toEqual(['/venues/pages/detail/index?id=ven-new']));
    // R9: the body names nobody else; the code is sent in its canonical form.
    expect(sent).toEqual([
      { name: '幸福路便利店', categoryId: 'cat-shop', address: '幸福路 8 号', region: '440305', socialCreditCode: USCC, unitName: '幸福商贸有限公司', contactPhone: '13800138000' },
    ]);
    expect(recorded.toasts).toContain('已提交，等待审核');
  });

  it('R10: a mobile category asks for the plate or vessel number and the operating company, and checks the plate', async () => {
    startApp();
    const sent: Array<Record<string, unknown>> = [];
    mockApi({ ...base, 'POST /me/venues': (body) => (sent.push(body), [201, venue({ id: 'ven-taxi', mobile: true })]) });
    render(<ApplyPage />);
    await screen.findByTestId('category-picker');
    expect(screen.getByLabelText('场所名称')).toBeTruthy();
    select('category-picker', 1); // 出租车
    expect(screen.getByTestId('mobile-hint').textContent).toContain('车牌号或船舶编号');
    expect(screen.queryByLabelText('场所名称')).toBeNull();
    type('车牌号或船舶编号', '粤');
    type('运营单位', '鹏城出租汽车有限公司');
    await chooseNanshan();
    type('详细地址', '南山区出租车停靠站');
    type('统一社会信用代码', USCC);
    type('联系电话', '13800138000');
    fireEvent.click(screen.getByText('提交申请'));
    expect(errorUnder('车牌号或船舶编号')).toBe(field('PLATE_FORMAT'));
    expect(requests('POST', '/me/venues')).toHaveLength(0);

    type('车牌号或船舶编号', '粤B·D1234');
    fireEvent.click(screen.getByText('提交申请'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ name: '粤B·D1234', categoryId: 'cat-taxi', unitName: '鹏城出租汽车有限公司' });
  });

  it('R10: the phone checks every field before sending: required items, the GB 32100 check character, the mobile number, the district', async () => {
    startApp();
    mockApi(base);
    render(<ApplyPage />);
    await screen.findByTestId('category-picker');
    fireEvent.click(screen.getByText('提交申请'));
    for (const label of ['场所名称', '详细地址', '所属单位名称', '统一社会信用代码', '联系电话']) expect([label, errorUnder(label)]).toEqual([label, '必填']);
    expect(screen.getByTestId('category-picker').closest('.field')?.querySelector('.error-text')?.textContent).toBe('必填');

    const wrongCheck = USCC.slice(0, 17) + (USCC[17] === '0' ? '1' : '0');
    type('统一社会信用代码', wrongCheck);
    type('联系电话', '1380013800');
    type('场所名称', '店');
    type('详细地址', '8号');
    await provincesLoaded();
    select('region-level-0', 1); // 广东省, not yet a district
    fireEvent.click(screen.getByText('提交申请'));
    expect(errorUnder('统一社会信用代码')).toBe(field('USCC_CHECKSUM'));
    expect(errorUnder('联系电话')).toBe(field('PHONE_FORMAT'));
    expect(errorUnder('场所名称')).toBe(field('TOO_SHORT', { minimum: 2 }));
    expect(errorUnder('详细地址')).toBe(field('TOO_SHORT', { minimum: 4 }));
    expect(screen.getByTestId('region-level-0').closest('.field')?.querySelector('.error-text')?.textContent).toBe('请选择到区县一级');

    type('统一社会信用代码', 'ZZ4403051234567890');
    fireEvent.click(screen.getByText('提交申请'));
    expect(errorUnder('统一社会信用代码')).toBe(field('USCC_FORMAT'));
    expect(requests('POST', '/me/venues')).toHaveLength(0);

    // A valid code typed in lower case passes the phone's check.
    type('统一社会信用代码', makeSocialCreditCode(77, '110101').toLowerCase());
    fireEvent.click(screen.getByText('提交申请'));
    expect(errorUnder('统一社会信用代码')).toBeUndefined();
    await waitFor(() => expect(within(screen.getByTestId('region-level-1')).getAllByRole('option')).toHaveLength(3));
  });

  it("R10: the server's field refusals show under their fields, its summary in the banner", async () => {
    startApp();
    mockApi({
      ...base,
      'POST /me/venues': [
        422,
        apiError('VALIDATION_FAILED', zh('VALIDATION_FAILED'), [
          { path: 'region', code: 'REGION_UNKNOWN', message: field('REGION_UNKNOWN') },
          { path: 'categoryId', code: 'VENUE_CATEGORY_UNKNOWN', message: field('VENUE_CATEGORY_UNKNOWN') },
        ]),
      ],
    });
    render(<ApplyPage />);
    await fillShop();
    fireEvent.click(screen.getByText('提交申请'));
    expect((await screen.findByTestId('banner')).textContent).toBe(zh('VALIDATION_FAILED'));
    expect(screen.getByTestId('region-level-0').closest('.field')?.querySelector('.error-text')?.textContent).toBe(field('REGION_UNKNOWN'));
    expect(screen.getByTestId('category-picker').closest('.field')?.querySelector('.error-text')?.textContent).toBe(field('VENUE_CATEGORY_UNKNOWN'));
    expect(recorded.navigations).toEqual([]);
  });

  it('R9: an account without real-name registration is refused by the server; the banner says so and leads to registration', async () => {
    startApp({ registered: false });
    mockApi({ ...base, 'POST /me/venues': [403, apiError('REGISTRATION_REQUIRED', zh('REGISTRATION_REQUIRED'))] });
    render(<ApplyPage />);
    await fillShop();
    fireEvent.click(screen.getByText('提交申请'));
    const banner = await screen.findByTestId('banner');
    expect(banner.textContent).toContain(zh('REGISTRATION_REQUIRED'));
    fireEvent.click(within(banner).getByText('去实名登记'));
    expect(recorded.navigations).toEqual(['/pages/login/index']);
  });

  it("R9: a guardian cannot apply for a relative: the server's refusal of a field naming another person is shown in its words", async () => {
    startApp();
    mockApi({
      ...base,
      'POST /me/venues': [422, apiError('VALIDATION_FAILED', zh('VALIDATION_FAILED'), [{ path: 'residentId', code: 'UNKNOWN_FIELD', message: field('UNKNOWN_FIELD') }])],
    });
    render(<ApplyPage />);
    expect((await screen.findByText(/监护人不能代亲属申领/)).textContent).toContain('以本人身份');
    await fillShop();
    fireEvent.click(screen.getByText('提交申请'));
    const banner = await screen.findByTestId('banner');
    expect(banner.textContent).toContain(zh('VALIDATION_FAILED'));
    expect(banner.textContent).toContain(`residentId: ${field('UNKNOWN_FIELD')}`);
  });

  it('R12: applying twice with the same details is refused; the banner leads to the application already made', async () => {
    startApp();
    mockApi({
      ...base,
      'POST /me/venues': [409, { error: { code: 'VENUE_APPLICATION_DUPLICATE', message: zh('VENUE_APPLICATION_DUPLICATE'), details: { venueId: 'ven-1', status: 'passed' } } }],
    });
    render(<ApplyPage />);
    await fillShop();
    fireEvent.click(screen.getByText('提交申请'));
    const banner = await screen.findByTestId('banner');
    expect(banner.textContent).toContain(zh('VENUE_APPLICATION_DUPLICATE'));
    fireEvent.click(within(banner).getByText('查看已有的申请'));
    expect(recorded.navigations).toEqual(['/venues/pages/detail/index?id=ven-1']);
  });

  it('R10: offline while sending: the banner says so and the form keeps what was typed', async () => {
    startApp();
    mockApi(base);
    render(<ApplyPage />);
    await fillShop();
    offline();
    fireEvent.click(screen.getByText('提交申请'));
    expect((await screen.findByTestId('banner')).textContent).toBe('网络不可用，请检查网络后重试');
    expect((screen.getByLabelText('场所名称') as HTMLInputElement).value).toBe('幸福路便利店');
    expect(screen.getByTestId('region-level-2').querySelector('.input')?.textContent).toBe('南山区');
  });

  it('R10: offline when opening: the categories cannot load; retrying shows the form', async () => {
    startApp();
    offline();
    render(<ApplyPage />);
    expect((await screen.findByTestId('load-error')).textContent).toBe('网络不可用，请检查网络后重试');
    expect(screen.getByText('场所类别加载失败')).toBeTruthy();
    mockApi(base);
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByTestId('category-picker')).toBeTruthy();
    await provincesLoaded();
  });

  it('R10: a region list that cannot load says so under the region, with a retry', async () => {
    startApp();
    mockApi({ ...base, 'GET /regions': [503, apiError('SERVICE_UNAVAILABLE', zh('SERVICE_UNAVAILABLE'))] });
    render(<ApplyPage />);
    const failed = await screen.findByTestId('region-error');
    expect(failed.textContent).toContain(zh('SERVICE_UNAVAILABLE'));
    mockApi(base);
    fireEvent.click(within(failed).getByText('重试'));
    await waitFor(() => expect(within(screen.getByTestId('region-level-0')).getAllByRole('option')).toHaveLength(3));
    expect(screen.queryByTestId('region-error')).toBeNull();
  });

  it('R12: "apply again" fills the form from the failed application, the region included; the phone is typed again', async () => {
    startApp();
    routerParams.params = { from: 'ven-2' };
    const sent: unknown[] = [];
    mockApi({
      ...base,
      'GET /me/venues/ven-2': [200, venue({ id: 'ven-2', status: 'failed', failReason: '地址与营业执照不符', posterAvailable: false, reviewedAt: '2026-11-21T03:00:00.000Z' })],
      'POST /me/venues': (body) => (sent.push(body), [201, venue({ id: 'ven-3', status: 'under_review' })]),
    });
    render(<ApplyPage />);
    expect((await screen.findByTestId('notice')).textContent).toBe('已按原申请填好，请更正有误的项目后提交；联系电话请重新填写。');
    expect((screen.getByLabelText('场所名称') as HTMLInputElement).value).toBe('幸福路便利店');
    expect((screen.getByLabelText('联系电话') as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(screen.getByTestId('region-level-2').querySelector('.input')?.textContent).toBe('南山区'));
    expect(screen.getByTestId('region-level-0').querySelector('.input')?.textContent).toBe('广东省');
    expect(screen.getByTestId('category-picker').querySelector('.input')?.textContent).toBe('超市');
    type('详细地址', '幸福路 18 号');
    type('联系电话', '13800138000');
    fireEvent.click(screen.getByText('提交申请'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ name: '幸福路便利店', categoryId: 'cat-shop', address: '幸福路 18 号', region: '440305', socialCreditCode: USCC, unitName: '幸福商贸有限公司', contactPhone: '13800138000' });
    expect(requests('GET', '/me/venues/ven-2')).toHaveLength(1);
  });

  it('R12: an earlier application that cannot be found leaves the form empty with the reason', async () => {
    startApp();
    routerParams.params = { from: 'ven-x' };
    mockApi({ ...base, 'GET /me/venues/ven-x': [404, apiError('VENUE_NOT_FOUND', zh('VENUE_NOT_FOUND'))] });
    render(<ApplyPage />);
    expect((await screen.findByTestId('notice')).textContent).toBe(`原申请没有载入（${zh('VENUE_NOT_FOUND')}），请直接填写。`);
    expect((screen.getByLabelText('场所名称') as HTMLInputElement).value).toBe('');
    await provincesLoaded();
  });

  it('R10: a missing category is asked for from the form', async () => {
    startApp();
    mockApi(base);
    render(<ApplyPage />);
    fireEvent.click(await screen.findByText('类别列表中没有？申请增加类别'));
    expect(recorded.navigations).toEqual(['/venues/pages/category-request/index']);
    await provincesLoaded();
  });

  it('R10: in English, the labels and the phone\'s checks speak English', async () => {
    startApp({ lang: 'en' });
    mockApi(base);
    render(<ApplyPage />);
    await screen.findByTestId('category-picker');
    expect(screen.getByRole('option', { name: 'Supermarket' })).toBeTruthy();
    type('Unified social credit code', 'ABC');
    fireEvent.click(screen.getByText('Submit the application'));
    expect(errorUnder('Unified social credit code')).toBe(fieldMessage('USCC_FORMAT', 'en-US'));
    await provincesLoaded();
  });
});
