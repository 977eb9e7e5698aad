import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { errorMessage } from '@health-code/shared';
import Taro from '@tarojs/taro';
import { routerParams } from '../mocks/taro';
import VenueDetailPage from '../../src/venues/pages/detail/index';
import { platform, PlatformCancelled } from '../../src/platform';
import { platform as weapp } from '../../src/platform/platform.weapp';
import { formatDateTime } from '../../src/lib/time';
import { apiError, mockApi, offline, recorded, requests, startApp } from '../api';
import { USCC, venue } from './venues-fixtures';

const zh = (code: Parameters<typeof errorMessage>[0]) => errorMessage(code, 'zh-CN');
const POSTER = '/api/v1/me/venues/ven-1/poster.png';
const PDF = '/api/v1/me/venues/ven-1/poster.pdf';

function open(id = 'ven-1') {
  routerParams.params = { id };
  render(<VenueDetailPage />);
}

/** Runs a test as the WeChat build would (album, documents), then back to H5. */
async function asWeapp(run: () => Promise<void>) {
  const mutable = platform as { name: string };
  const before = mutable.name;
  mutable.name = 'weapp';
  try {
    await run();
  } finally {
    mutable.name = before;
  }
}

afterEach(() => {
  jest.restoreAllMocks();
  delete (Taro as unknown as { openDocument?: unknown }).openDocument;
});

describe('one place code (R11-R13)', () => {
  it('R11: shows loading, then an application under review with its details, the phone masked as sent', async () => {
    startApp();
    let answer!: (v: [number, unknown]) => void;
    mockApi({ 'GET /me/venues/ven-2': () => new Promise((resolve) => (answer = resolve)) });
    open('ven-2');
    expect(screen.getByText('加载中…')).toBeTruthy();
    const v = venue({ id: 'ven-2', status: 'under_review', reviewedAt: null, posterAvailable: false });
    answer([200, v]);

    expect(await screen.findByText('申请正在审核中，审核结果会显示在这里。')).toBeTruthy();
    expect(screen.getByText('幸福路便利店')).toBeTruthy();
    expect(screen.getByText('审核中')).toBeTruthy();
    expect(screen.getByText('广东省 深圳市 南山区')).toBeTruthy();
    expect(screen.getByText('幸福路 8 号')).toBeTruthy();
    expect(screen.getByText('幸福商贸有限公司')).toBeTruthy();
    expect(screen.getByText(USCC)).toBeTruthy();
    expect(screen.getByText('138****5678')).toBeTruthy();
    expect(screen.getByText(formatDateTime(v.createdAt))).toBeTruthy();
    expect(screen.queryByText('审核时间')).toBeNull();
    expect(screen.queryByText('注销场所码')).toBeNull();
    expect(screen.queryByText('保存海报到相册')).toBeNull();
  });

  it("R11: a failed application shows the reviewer's reason and offers to apply again, filled in", async () => {
    startApp();
    mockApi({ 'GET /me/venues/ven-3': [200, venue({ id: 'ven-3', status: 'failed', failReason: '地址与营业执照不符', posterAvailable: false })] });
    open('ven-3');
    expect((await screen.findByTestId('fail-reason')).textContent).toBe('地址与营业执照不符');
    expect(screen.getByText('未通过原因')).toBeTruthy();
    fireEvent.click(screen.getByText('重新申请'));
    expect(recorded.navigations).toEqual(['/venues/pages/apply/index?from=ven-3']);
  });

  it('R10: a mobile venue names its operating company', async () => {
    startApp();
    mockApi({ 'GET /me/venues/ven-2': [200, venue({ id: 'ven-2', name: '粤BD1234', categoryName: '出租车', mobile: true, unitName: '鹏城出租汽车有限公司', status: 'under_review', posterAvailable: false })] });
    open('ven-2');
    expect(await screen.findByText('出租车 · 流动场所')).toBeTruthy();
    expect(screen.getByText('运营单位')).toBeTruthy();
  });

  it('R13: a passed code shows its poster, fetched with the session, and saves it (a download in the browser)', async () => {
    startApp();
    mockApi({ 'GET /me/venues/ven-1': [200, venue()] });
    const save = jest.spyOn(platform, 'saveImage').mockResolvedValue(undefined);
    const download = jest.spyOn(Taro, 'downloadFile');
    open();
    const poster = await screen.findByRole('img', { name: '幸福路便利店的场所码海报' });
    expect(poster.getAttribute('src')).toBe(POSTER);
    expect(download.mock.calls[0][0]).toMatchObject({ url: POSTER, header: { authorization: 'Bearer test-token' } });
    expect(screen.getByText(/黑白打印也能正常扫码/)).toBeTruthy();

    fireEvent.click(screen.getByText('保存海报到相册'));
    expect((await screen.findByTestId('note')).textContent).toBe('海报已下载');
    expect(save).toHaveBeenCalledWith({ url: POSTER, headers: { authorization: 'Bearer test-token', 'accept-language': 'zh-CN' }, fileName: 'poster.png' });
    expect(recorded.toasts).toContain('海报已下载');
  });

  it("R13: in the mini program the poster goes to the album, and the PDF opens for printing", async () => {
    startApp();
    mockApi({ 'GET /me/venues/ven-1': [200, venue()] });
    const openDocument = jest.fn(async (_: { filePath: string; fileType: string; showMenu: boolean }) => undefined);
    (Taro as unknown as { openDocument: typeof openDocument }).openDocument = openDocument;
    await asWeapp(async () => {
      jest.spyOn(platform, 'saveImage').mockImplementation(weapp.saveImage);
      open();
      fireEvent.click(await screen.findByText('保存海报到相册'));
      expect((await screen.findByTestId('note')).textContent).toBe('海报已保存到相册');
      expect(recorded.saved).toEqual([POSTER]);

      fireEvent.click(screen.getByText('下载打印版（PDF，A4）'));
      await waitFor(() => expect(openDocument).toHaveBeenCalledWith({ filePath: PDF, fileType: 'pdf', showMenu: true }));
    });
  });

  it('R13: in the browser the PDF downloads as a file', async () => {
    startApp();
    mockApi({ 'GET /me/venues/ven-1': [200, venue()] });
    const save = jest.spyOn(platform, 'saveImage').mockResolvedValue(undefined);
    open();
    fireEvent.click(await screen.findByText('下载打印版（PDF，A4）'));
    expect((await screen.findByTestId('note')).textContent).toBe('打印版已下载');
    expect(save.mock.calls[0][0]).toMatchObject({ url: PDF, fileName: 'venue-code.pdf' });
  });

  it('R13: a poster that cannot be saved says why, and the details are asked again (the code may have changed)', async () => {
    startApp();
    mockApi({ 'GET /me/venues/ven-1': [200, venue()] });
    const save = jest.spyOn(platform, 'saveImage').mockRejectedValueOnce(new Error('download failed: 409'));
    open();
    fireEvent.click(await screen.findByText('保存海报到相册'));
    expect((await screen.findByTestId('note')).textContent).toBe('海报下载失败，请检查网络后重试');
    await waitFor(() => expect(requests('GET', '/me/venues/ven-1')).toHaveLength(2));

    save.mockRejectedValueOnce({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' });
    fireEvent.click(screen.getByText('保存海报到相册'));
    await waitFor(() => expect(screen.getByTestId('note').textContent).toBe('没有保存到相册的权限，请在设置中允许后重试'));

    save.mockRejectedValueOnce(new PlatformCancelled());
    fireEvent.click(screen.getByText('保存海报到相册'));
    await waitFor(() => expect(screen.queryByTestId('note')).toBeNull());
  });

  it('R13: a poster preview that cannot load offers a retry', async () => {
    startApp();
    mockApi({ 'GET /me/venues/ven-1': [200, venue()] });
    jest.spyOn(Taro, 'downloadFile').mockResolvedValueOnce({ statusCode: 409, tempFilePath: '' } as never);
    open();
    const failed = await screen.findByTestId('poster-error');
    expect(failed.textContent).toContain('海报加载失败');
    fireEvent.click(within(failed).getByText('重试'));
    expect((await screen.findByRole('img')).getAttribute('src')).toBe(POSTER);
  });

  it('R12: retiring asks first, saying scans are refused afterwards and records stay; then the code shows as retired', async () => {
    startApp();
    const retiredAt = '2026-12-01T08:00:00.000Z';
    mockApi({
      'GET /me/venues/ven-1': [200, venue()],
      'POST /me/venues/ven-1/retire': [200, venue({ status: 'retired', retiredAt, posterAvailable: false })],
    });
    open();
    fireEvent.click(await screen.findByText('注销场所码'));
    await screen.findByTestId('ended');
    expect(recorded.modals).toHaveLength(1);
    expect(recorded.modals[0].title).toBe('确定注销这个场所码？');
    expect(recorded.modals[0].content).toContain('扫这个场所码将被拒绝');
    expect(recorded.modals[0].content).toContain('已有的扫码记录仍会保留');
    expect(screen.getByTestId('ended').textContent).toBe('该场所码已注销，扫码将被拒绝；已有的扫码记录仍会保留。');
    expect(screen.getByText('已注销')).toBeTruthy();
    expect(screen.getByText(formatDateTime(retiredAt))).toBeTruthy();
    expect(screen.queryByText('保存海报到相册')).toBeNull();
    expect(screen.queryByText('注销场所码')).toBeNull();
    expect(recorded.toasts).toContain('场所码已注销');
  });

  it('R12: retiring cancelled at the question sends nothing', async () => {
    startApp();
    mockApi({ 'GET /me/venues/ven-1': [200, venue()] });
    jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    open();
    fireEvent.click(await screen.findByText('注销场所码'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(requests('POST', '/me/venues/ven-1/retire')).toHaveLength(0);
    expect(screen.getByText('已通过')).toBeTruthy();
  });

  it('R12: a code revoked meanwhile cannot be retired: the refusal is shown, then the revocation and its reason', async () => {
    startApp();
    let revoked = false;
    mockApi({
      'GET /me/venues/ven-1': () => [200, revoked ? venue({ status: 'revoked', revokeReason: '场所已停业', revokedAt: '2026-11-30T02:00:00.000Z', posterAvailable: false }) : venue()],
      'POST /me/venues/ven-1/retire': () => {
        revoked = true;
        return [409, apiError('VENUE_CODE_NOT_ACTIVE', zh('VENUE_CODE_NOT_ACTIVE'))];
      },
    });
    open();
    fireEvent.click(await screen.findByText('注销场所码'));
    expect((await screen.findByTestId('revoke-reason')).textContent).toBe('场所已停业');
    expect(screen.getByTestId('note').textContent).toBe(zh('VENUE_CODE_NOT_ACTIVE'));
    expect(screen.getByTestId('ended').textContent).toContain('已被卫健部门停用');
    expect(screen.getByText('已被停用')).toBeTruthy();
  });

  it('R12: retiring offline says so and keeps the page as it was', async () => {
    startApp();
    mockApi({ 'GET /me/venues/ven-1': [200, venue()] });
    open();
    fireEvent.click(await screen.findByText('注销场所码'));
    // The question is answered, then the network goes.
    offline();
    expect((await screen.findByTestId('note')).textContent).toBe('网络不可用，请检查网络后重试');
    expect(screen.getByText('已通过')).toBeTruthy();
    expect(screen.getByText('注销场所码')).toBeTruthy();
  });

  it("R11: another person's application, or one that does not exist, is not found; the way back is offered", async () => {
    startApp();
    mockApi({ 'GET /me/venues/ven-9': [404, apiError('VENUE_NOT_FOUND', zh('VENUE_NOT_FOUND'))] });
    open('ven-9');
    expect((await screen.findByTestId('load-error')).textContent).toBe(zh('VENUE_NOT_FOUND'));
    expect(screen.queryByText('重试')).toBeNull();
    fireEvent.click(screen.getByText('返回我的场所码'));
    expect(recorded.navigations).toEqual(['/venues/pages/list/index']);
  });

  it('R11: offline when opening: it says so, and retrying loads the details', async () => {
    startApp();
    offline();
    open();
    expect((await screen.findByTestId('load-error')).textContent).toBe('网络不可用，请检查网络后重试');
    mockApi({ 'GET /me/venues/ven-1': [200, venue()] });
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('保存海报到相册')).toBeTruthy();
  });

  it('R12: a passed code cannot be edited: a mistake is fixed by applying again', async () => {
    startApp();
    mockApi({ 'GET /me/venues/ven-1': [200, venue()] });
    open();
    expect(await screen.findByText('信息有误？审核通过的场所码不能修改，可更正后重新申请。')).toBeTruthy();
    fireEvent.click(screen.getByText('更正后重新申请'));
    expect(recorded.navigations).toEqual(['/venues/pages/apply/index?from=ven-1']);
  });
});
