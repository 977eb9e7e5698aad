import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { errorMessage } from '@health-code/shared';
import Taro from '@tarojs/taro';
import RelativesList from '../../src/relatives/pages/list/index';
import { platform } from '../../src/platform';
import { platform as weapp } from '../../src/platform/platform.weapp';
import { formatDateTime } from '../../src/lib/time';
import { apiError, mockApi, offline, recorded, requests, startApp } from '../api';

const HOUR = 3600_000;
const relative = (over: Record<string, unknown> = {}) => ({
  id: 'rel-1',
  name: '林*豆',
  idNumber: '110***********0702',
  age: 5,
  sex: 'male',
  relationship: 'child',
  identityConfirmedBy: 'child-under-7',
  boundAt: new Date(Date.now() - 48 * HOUR).toISOString(),
  unbindableAt: new Date(Date.now() - 24 * HOUR).toISOString(),
  colour: 'green',
  vaccinated: false,
  ...over,
});
const grandpa = relative({
  id: 'rel-2',
  name: '林*公',
  idNumber: '110***********0711',
  age: 76,
  relationship: 'grandparent',
  identityConfirmedBy: 'face',
  colour: 'yellow',
  vaccinated: true,
});
const list = (relatives: unknown[], maxRelatives = 8) => [200, { relatives, maxRelatives }] as [number, unknown];

/** Taro.getCurrentPages: the code page below this one, or nothing when opened directly. */
function pagesBelow(n: number) {
  (Taro as unknown as { getCurrentPages?: () => unknown[] }).getCurrentPages = () => Array.from({ length: n + 1 }, () => ({}));
}

afterEach(() => {
  jest.restoreAllMocks();
  delete (Taro as unknown as { getCurrentPages?: unknown }).getCurrentPages;
});

describe('the relatives list (R22, R25-R27)', () => {
  it('R26: shows loading, then each relative with colour, badge, masked name and ID, age and relationship', async () => {
    startApp();
    let answer!: (v: [number, unknown]) => void;
    mockApi({ 'GET /me/relatives': () => new Promise((resolve) => (answer = resolve)) });
    render(<RelativesList />);
    expect(screen.getByText('加载中…')).toBeTruthy();
    answer(list([relative(), grandpa]));

    const child = await screen.findByTestId('relative-rel-1');
    expect(within(child).getByText('林*豆')).toBeTruthy();
    expect(within(child).getByText('身份证号 110***********0702')).toBeTruthy();
    expect(within(child).getByText('子女 · 5 周岁')).toBeTruthy();
    expect(within(child).getByText('绿码')).toBeTruthy();
    expect(within(child).queryByTestId('vaccinated')).toBeNull();
    expect(within(child).getByText('7 周岁以下儿童，免人脸核验')).toBeTruthy();

    const elder = screen.getByTestId('relative-rel-2');
    expect(within(elder).getByText('黄码')).toBeTruthy();
    expect(elder.querySelector('[data-colour]')!.className).toContain('colour-yellow');
    expect(within(elder).getByTestId('vaccinated').textContent).toContain('已完成疫苗接种');
    expect(within(elder).getByText('祖父母 / 外祖父母 · 76 周岁')).toBeTruthy();
    expect(within(elder).getByText('已通过人脸核验')).toBeTruthy();
    // R22: the limit is shown.
    expect(screen.getByTestId('count').textContent).toBe('已添加 2 位亲属，每个账号最多 8 位');
    // No ID number is ever whole on the screen (R34).
    expect(document.body.textContent).not.toMatch(/\d{17}[\dX]/);
  });

  it('R22: an empty list explains who can be added and offers to add one', async () => {
    startApp();
    mockApi({ 'GET /me/relatives': list([]) });
    render(<RelativesList />);
    expect((await screen.findByTestId('empty')).textContent).toContain('16 周岁及以下');
    expect(screen.getByTestId('count').textContent).toBe('已添加 0 位亲属，每个账号最多 8 位');
    fireEvent.click(screen.getByText('添加亲属'));
    expect(recorded.navigations).toEqual(['/relatives/pages/bind/index']);
  });

  it('R22: at the limit of 8, adding is disabled and the limit is explained', async () => {
    startApp();
    const eight = Array.from({ length: 8 }, (_, i) => relative({ id: `rel-${i}`, name: `林*${i}` }));
    mockApi({ 'GET /me/relatives': list(eight) });
    render(<RelativesList />);
    expect((await screen.findByTestId('limit')).textContent).toBe('已达到 8 位的上限；如需添加，请先解除一位亲属的绑定');
    expect((screen.getByText('添加亲属') as HTMLButtonElement).disabled).toBe(true);
  });

  it("R26: tapping a relative switches the code page to that relative's code and goes back to it", async () => {
    startApp();
    pagesBelow(1);
    mockApi({ 'GET /me/relatives': list([relative(), grandpa]) });
    const heard: unknown[] = [];
    Taro.eventCenter.on('hc:subject', (s: unknown) => heard.push(s));
    render(<RelativesList />);
    fireEvent.click(await screen.findByText('林*公'));
    expect(heard).toEqual([{ kind: 'relative', id: 'rel-2', name: '林*公' }]);
    expect(recorded.navigations).toEqual(['back']);

    fireEvent.click(screen.getByText('切换回本人健康码'));
    expect(heard[1]).toEqual({ kind: 'self' });
  });

  it('R26: opened directly (no code page below), the code page is started with the relative', async () => {
    startApp();
    mockApi({ 'GET /me/relatives': list([relative()]) });
    render(<RelativesList />);
    fireEvent.click(await screen.findByText('林*豆'));
    expect(recorded.navigations).toEqual([`/pages/index/index?relative=rel-1&name=${encodeURIComponent('林*豆')}`]);
  });

  it("R26: a relative's records open the records page for that relative", async () => {
    startApp();
    mockApi({ 'GET /me/relatives': list([relative()]) });
    render(<RelativesList />);
    fireEvent.click(await screen.findByText('扫码、核酸与疫苗记录'));
    expect(recorded.navigations).toEqual(['/pages/records/index?relative=rel-1']);
  });

  it('R27: the offline code PNG is downloaded with the session, and the PDF is offered on H5 for printing', async () => {
    startApp();
    mockApi({ 'GET /me/relatives': list([relative()]) });
    const save = jest.spyOn(platform, 'saveImage').mockResolvedValue(undefined);
    render(<RelativesList />);
    fireEvent.click(await screen.findByText('保存离线码'));
    expect((await screen.findByTestId('note')).textContent).toBe('离线码已下载');
    expect(save).toHaveBeenCalledTimes(1);
    const png = save.mock.calls[0][0];
    expect(png.url).toBe('/api/v1/me/relatives/rel-1/offline-code.png');
    expect(png.headers.authorization).toBe('Bearer test-token');
    expect(png.fileName).toBe('offline-code.png');

    fireEvent.click(screen.getByText('下载打印版（PDF）'));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(save.mock.calls[1][0].url).toBe('/api/v1/me/relatives/rel-1/offline-code.pdf');
    expect(recorded.toasts).toContain('离线码已下载');
  });

  it('R27: in the mini program the offline code is saved to the album', async () => {
    startApp();
    mockApi({ 'GET /me/relatives': list([relative()]) });
    const mutable = platform as { name: string };
    const before = mutable.name;
    mutable.name = 'weapp';
    jest.spyOn(platform, 'saveImage').mockImplementation(weapp.saveImage);
    try {
      render(<RelativesList />);
      expect(screen.queryByText('下载打印版（PDF）')).toBeNull();
      fireEvent.click(await screen.findByText('保存离线码'));
      expect((await screen.findByTestId('note')).textContent).toBe('离线码已保存到相册');
      expect(recorded.saved).toEqual(['/api/v1/me/relatives/rel-1/offline-code.png']);
    } finally {
      mutable.name = before;
    }
  });

  it('R27: an offline code that cannot be downloaded says so', async () => {
    startApp();
    mockApi({ 'GET /me/relatives': list([relative()]) });
    jest.spyOn(platform, 'saveImage').mockRejectedValue(new Error('download failed: 0'));
    render(<RelativesList />);
    fireEvent.click(await screen.findByText('保存离线码'));
    expect((await screen.findByTestId('note')).textContent).toBe('离线码下载失败，请检查网络后重试');
  });

  it('R25: unbinding within 24 hours asks first, then shows the refusal and the time it becomes possible', async () => {
    startApp();
    const unbindableAt = new Date(Date.now() + 20 * HOUR).toISOString();
    const fresh = relative({ boundAt: new Date(Date.now() - 4 * HOUR).toISOString(), unbindableAt });
    const refusal = errorMessage('RELATIVE_UNBIND_TOO_SOON', 'zh-CN', { hours: 20, minutes: 0 });
    mockApi({
      'GET /me/relatives': list([fresh]),
      'DELETE /me/relatives/rel-1': [409, { error: { code: 'RELATIVE_UNBIND_TOO_SOON', message: refusal, details: { unbindableAt } } }],
    });
    render(<RelativesList />);
    // Before trying, the card already says from when.
    expect((await screen.findByTestId('unbindable-from')).textContent).toBe(`绑定满 24 小时后才能解除：${formatDateTime(unbindableAt)} 起可解除`);
    fireEvent.click(screen.getByText('解除绑定'));
    const note = await screen.findByTestId('note');
    expect(recorded.modals[0].title).toBe('解除与 林*豆 的绑定？');
    expect(note.textContent).toContain('绑定满 24 小时后才能解除，还需等待 20 小时 0 分钟');
    expect(note.textContent).toContain(`${formatDateTime(unbindableAt)} 起可解除`);
    expect(note.className).toContain('error-text');
    expect(requests('DELETE', '/me/relatives/rel-1')).toHaveLength(1);
    // Still listed.
    expect(screen.getByTestId('relative-rel-1')).toBeTruthy();
  });

  it('R25: after 24 hours, a confirmed unbind removes the relative from the list', async () => {
    startApp();
    let bound = [relative(), grandpa];
    mockApi({
      'GET /me/relatives': () => list(bound),
      'DELETE /me/relatives/rel-1': () => {
        bound = [grandpa];
        return [204, ''];
      },
    });
    render(<RelativesList />);
    expect(screen.queryByTestId('unbindable-from')).toBeNull();
    fireEvent.click(within(await screen.findByTestId('relative-rel-1')).getByText('解除绑定'));
    await waitFor(() => expect(screen.queryByTestId('relative-rel-1')).toBeNull());
    expect(screen.getByTestId('relative-rel-2')).toBeTruthy();
    expect(recorded.toasts).toContain('已解除绑定');
    expect(screen.getByTestId('count').textContent).toBe('已添加 1 位亲属，每个账号最多 8 位');
  });

  it('R25: an unbind the person cancels in the confirmation sends nothing', async () => {
    startApp();
    mockApi({ 'GET /me/relatives': list([relative()]) });
    jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    render(<RelativesList />);
    fireEvent.click(await screen.findByText('解除绑定'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(requests('DELETE', '/me/relatives/rel-1')).toHaveLength(0);
  });

  it('R26: offline, the list last fetched is shown with the time it was saved', async () => {
    startApp();
    mockApi({ 'GET /me/relatives': list([relative()]) });
    const first = render(<RelativesList />);
    await screen.findByTestId('relative-rel-1');
    first.unmount();

    offline();
    render(<RelativesList />);
    expect((await screen.findByTestId('offline-banner')).textContent).toMatch(/^网络不可用，显示的是 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 缓存的内容$/);
    expect(screen.getByText('林*豆')).toBeTruthy();
    expect((screen.getByText('添加亲属') as HTMLButtonElement).disabled).toBe(true);
  });

  it('R26: offline with nothing saved, the page says the network is down and retries', async () => {
    startApp();
    offline();
    render(<RelativesList />);
    expect((await screen.findByTestId('load-error')).textContent).toBe('网络不可用，请检查网络后重试');
    mockApi({ 'GET /me/relatives': list([relative()]) });
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByTestId('relative-rel-1')).toBeTruthy();
  });

  it("R26: a server refusal of the list shows the server's message", async () => {
    startApp();
    const message = errorMessage('REGISTRATION_REQUIRED', 'zh-CN');
    mockApi({ 'GET /me/relatives': [403, apiError('REGISTRATION_REQUIRED', message)] });
    render(<RelativesList />);
    expect((await screen.findByTestId('load-error')).textContent).toBe(message);
    expect(screen.getByText('亲属列表加载失败')).toBeTruthy();
  });

  it('R26: in English, the list speaks English', async () => {
    startApp({ lang: 'en' });
    mockApi({ 'GET /me/relatives': list([grandpa]) });
    render(<RelativesList />);
    expect(await screen.findByText('Grandparent · Age 76')).toBeTruthy();
    expect(screen.getByTestId('count').textContent).toBe('Relatives added: 1 (an account can add at most 8)');
    expect(screen.getByText('Save offline code')).toBeTruthy();
  });
});
