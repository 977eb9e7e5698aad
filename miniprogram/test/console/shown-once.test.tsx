import { act, fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ShownOnce } from '../../src/console/components/ShownOnce';
import '../../src/console/i18n';
import { recorded, startApp } from '../api';

// The "shown once" card the institutions page (API key) and the staff page (invitation code)
// share, on its own: those pages' tests cover it after a real creation.

const SECRET = 'inst_k_9e1b.Qm9vbS1zZWNyZXQtc2hvd24tb25jZQ';

function show(onDone = jest.fn()) {
  render(
    <ShownOnce
      testId="once"
      title="已登记：蛇口人民医院接种门诊"
      label="接口密钥"
      secret={SECRET}
      warning="密钥只显示这一次"
      facts={[
        { label: '类型', value: '疫苗接种单位' },
        { label: '凭证编号', value: 'k_9e1b' },
      ]}
      hint="上传结果时放在请求头里"
      onDone={onDone}
    />,
  );
  return { card: screen.getByTestId('once'), onDone };
}

beforeEach(() => startApp({ role: 'official' }));
afterEach(() => jest.restoreAllMocks());

describe('ShownOnce (console/components/ShownOnce)', () => {
  it('shows the title, the warning, what the secret belongs to, how to use it, and the secret itself', () => {
    const { card } = show();
    expect(within(card).getByText('已登记：蛇口人民医院接种门诊')).toBeTruthy();
    expect(within(card).getByText('密钥只显示这一次').className).toBe('banner');
    const facts = Array.from(card.querySelectorAll('.kv'), (kv) => [kv.querySelector('.kv-label')?.textContent, kv.querySelector('.kv-value')?.textContent]);
    expect(facts).toEqual([
      ['类型', '疫苗接种单位'],
      ['凭证编号', 'k_9e1b'],
    ]);
    expect(within(card).getByText('上传结果时放在请求头里')).toBeTruthy();
    expect(within(card).getByText('接口密钥')).toBeTruthy();
    expect(within(card).getByTestId('once-secret').textContent).toBe(SECRET);
  });

  it('copy puts the secret on the clipboard and says so', async () => {
    const { card } = show();
    await act(async () => fireEvent.click(within(card).getByText('复制')));
    expect(recorded.copied).toEqual([SECRET]);
    expect(recorded.toasts).toEqual(['已复制']);
  });

  it('a clipboard the platform refuses: says to copy by hand, and the secret stays on screen', async () => {
    jest.spyOn(Taro, 'setClipboardData').mockRejectedValue({ errMsg: 'setClipboardData:fail' });
    const { card, onDone } = show();
    await act(async () => fireEvent.click(within(card).getByText('复制')));
    expect(recorded.toasts).toEqual(['复制失败，请手动选中后复制']);
    expect(within(card).getByTestId('once-secret').textContent).toBe(SECRET);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('"saved it" hands back to the page (which forgets the secret); copying does not', async () => {
    const { card, onDone } = show();
    await act(async () => fireEvent.click(within(card).getByText('复制')));
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.click(within(card).getByText('我已妥善保存'));
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('its buttons follow the language setting', () => {
    startApp({ role: 'official', lang: 'en' });
    const { card } = show();
    expect(within(card).getByText('Copy')).toBeTruthy();
    expect(within(card).getByText('I have saved it')).toBeTruthy();
  });
});
