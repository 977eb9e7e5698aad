import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import AppealsPage from '../../src/console/pages/appeals/index';
import AppealPage from '../../src/console/pages/appeal/index';
import { mockApi, offline, recorded, requests, startApp } from '../api';
import { fireShow, routerParams } from '../mocks/taro';
import { consoleRequests, field, forbidden, pick, queryOf, refusal, type, zh } from '../console/helpers';

const appeal = (over: Record<string, unknown> = {}) => ({
  id: 'ap-1',
  status: 'open',
  reason: '我当天不在该场所，扫码记录是家人代扫的，附核酸阴性报告',
  colourAtFiling: 'yellow',
  byGuardian: false,
  hasEvidence: true,
  answer: null,
  correctedColour: null,
  createdAt: '2026-12-01T02:00:00.000Z',
  answeredAt: null,
  person: { residentId: 'r-7', name: '陈*梅', idNumber: '440***********2023' },
  ...over,
});
const queue = (appeals: unknown[], total = appeals.length) => [200, { total, appeals }] as [number, unknown];
const openDetail = (id = 'ap-1') => {
  routerParams.params = { id };
  return render(<AppealPage />);
};

afterEach(() => jest.restoreAllMocks());

describe('the appeals queue (GB/T 38963 correction, R31)', () => {
  it('R31: loading, then open appeals oldest first, each person masked; a tap opens it', async () => {
    startApp({ role: 'official' });
    let resolve!: (v: [number, unknown]) => void;
    mockApi({ 'GET /officials/appeals': () => new Promise((r) => (resolve = r)) });
    render(<AppealsPage />);
    expect(screen.getByTestId('console-loading')).toBeTruthy();
    await waitFor(() => expect(requests('GET', '/officials/appeals')).toHaveLength(1));
    expect(queryOf(requests('GET', '/officials/appeals')[0].url)).toEqual({ status: 'open', page: '1', pageSize: '20' });
    await act(async () => resolve(queue([appeal(), appeal({ id: 'ap-2', byGuardian: true, hasEvidence: false, person: { residentId: 'r-8', name: '林*豆', idNumber: '110***********0702' } })])));
    const card = screen.getByTestId('appeal-ap-1');
    expect(within(card).getByText('陈*梅')).toBeTruthy();
    expect(within(card).getByText('440***********2023')).toBeTruthy();
    expect(within(card).getByText('黄码')).toBeTruthy();
    expect(within(screen.getByTestId('appeal-ap-2')).getByText('监护人代为申诉 · 未附证明材料')).toBeTruthy();
    fireEvent.click(card);
    expect(recorded.navigations).toEqual(['/console/pages/appeal/index?id=ap-1']);
  });

  it('R31: an empty queue says so; answered appeals have their own lists; back from an answer the queue is read again', async () => {
    startApp({ role: 'official' });
    let open = [appeal()];
    mockApi({ 'GET /officials/appeals': (_b, r) => (queryOf(r.url).status === 'open' ? queue(open) : queue([appeal({ status: 'refused', answer: '记录无误', answeredAt: '2026-12-02T02:00:00.000Z' })])) });
    render(<AppealsPage />);
    await screen.findByTestId('appeal-ap-1');
    open = [];
    await act(async () => fireShow());
    expect(await screen.findByText('没有待处理的申诉')).toBeTruthy();
    fireEvent.click(screen.getByTestId('chip-refused'));
    expect(await screen.findByTestId('appeal-ap-1')).toBeTruthy();
    expect(queryOf(requests('GET', '/officials/appeals').at(-1)!.url).status).toBe('refused');
  });

  it('R31: offline: says the network is not available', async () => {
    startApp({ role: 'official' });
    offline();
    render(<AppealsPage />);
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
  });

  it('R33: 403 shows "not allowed"; reviewers, tracers and residents are not let in', async () => {
    startApp({ role: 'official' });
    mockApi({ 'GET /officials/appeals': forbidden() });
    const { unmount } = render(<AppealsPage />);
    expect(await screen.findByText(zh('ROLE_FORBIDDEN'))).toBeTruthy();
    unmount();
    for (const role of ['reviewer', 'tracer', 'resident'] as const) {
      startApp({ role });
      const view = render(<AppealsPage />);
      expect(screen.getByTestId('console-not-allowed')).toBeTruthy();
      expect(consoleRequests()).toBe(0);
      view.unmount();
    }
  });
});

describe('one appeal: evidence, accept or refuse (R31, R33)', () => {
  it('R33: loading, then the appeal; the evidence is fetched with the session only when asked for', async () => {
    startApp({ role: 'official' });
    let resolve!: (v: [number, unknown]) => void;
    mockApi({ 'GET /officials/appeals/ap-1': () => new Promise((r) => (resolve = r)) });
    const download = jest.spyOn(Taro, 'downloadFile');
    openDetail();
    expect(screen.getByTestId('console-loading')).toBeTruthy();
    await waitFor(() => expect(requests('GET', '/officials/appeals/ap-1')).toHaveLength(1));
    await act(async () => resolve([200, appeal()]));
    const detail = screen.getByTestId('appeal-detail');
    expect(within(detail).getByText('我当天不在该场所，扫码记录是家人代扫的，附核酸阴性报告')).toBeTruthy();
    expect(download).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(screen.getByText('查看证明材料（记入审计日志）')));
    const image = (await screen.findByTestId('appeal-evidence')).querySelector('img')!;
    expect(image.getAttribute('src')).toBe('/api/v1/officials/appeals/ap-1/evidence');
    expect(download.mock.calls[0][0]).toMatchObject({ url: '/api/v1/officials/appeals/ap-1/evidence', header: { authorization: 'Bearer test-token' } });
  });

  it('R33: evidence missing (APPEAL_EVIDENCE_NOT_FOUND) or the download failing says so', async () => {
    startApp({ role: 'official' });
    mockApi({ 'GET /officials/appeals/ap-1': [200, appeal()] });
    const download = jest.spyOn(Taro, 'downloadFile').mockResolvedValueOnce({ statusCode: 404, tempFilePath: '' } as never).mockRejectedValueOnce({ errMsg: 'downloadFile:fail' });
    openDetail();
    const show = await screen.findByText('查看证明材料（记入审计日志）');
    await act(async () => fireEvent.click(show));
    expect(await screen.findByText(zh('APPEAL_EVIDENCE_NOT_FOUND'))).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByText('查看证明材料（记入审计日志）')));
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
    expect(download).toHaveBeenCalledTimes(2);
  });

  it('R31: accept with the corrected colour and an answer (and an optional end): the appeal shows the answer', async () => {
    startApp({ role: 'official' });
    mockApi({
      'GET /officials/appeals/ap-1': [200, appeal({ hasEvidence: false })],
      'POST /officials/appeals/ap-1/accept': (body: { colour: string; answer: string }) =>
        [200, appeal({ hasEvidence: false, status: 'accepted', correctedColour: body.colour, answer: body.answer, answeredAt: '2026-12-02T08:00:00.000Z' })],
    });
    openDetail();
    expect(await screen.findByText('未附证明材料')).toBeTruthy();
    fireEvent.click(screen.getByText('采纳并更正颜色'));
    const dialog = screen.getByTestId('console-dialog');
    expect(within(dialog).getByTestId('chip-green').className).toContain('active');
    type('答复（必填，申诉人会看到）', '经核实扫码为家属代扫，已更正为绿码');
    pick('appeal-expires', 'date', '2026-12-16');
    pick('appeal-expires', 'time', '00:00');
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: '采纳并更正颜色' })));
    await waitFor(() => expect(screen.queryByTestId('console-dialog')).toBeNull());
    expect(requests('POST', '/officials/appeals/ap-1/accept')[0].data).toEqual({ colour: 'green', answer: '经核实扫码为家属代扫，已更正为绿码', expiresAt: new Date(2026, 11, 16, 0, 0).toISOString() });
    expect(within(screen.getByTestId('appeal-detail')).getByText('已采纳')).toBeTruthy();
    expect(screen.getByText('经核实扫码为家属代扫，已更正为绿码')).toBeTruthy();
    expect(screen.queryByText('不予采纳')).toBeNull();
  });

  it('R31: refuse needs an answer (TOO_SHORT under it); one answered meanwhile: APPEAL_ALREADY_ANSWERED', async () => {
    startApp({ role: 'official' });
    mockApi({
      'GET /officials/appeals/ap-1': [200, appeal()],
      'POST /officials/appeals/ap-1/refuse': (body: { answer: string }) =>
        body.answer.length < 4 ? refusal(422, 'VALIDATION_FAILED', [{ path: 'answer', code: 'TOO_SHORT', params: { minimum: 4 } }]) : refusal(409, 'APPEAL_ALREADY_ANSWERED'),
    });
    openDetail();
    fireEvent.click(await screen.findByText('不予采纳'));
    const dialog = screen.getByTestId('console-dialog');
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: '不予采纳' })));
    expect(await within(dialog).findByText(field('TOO_SHORT', { minimum: 4 }))).toBeTruthy();
    type('答复（必填，申诉人会看到）', '场所扫码记录与病例轨迹重合，维持黄码');
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: '不予采纳' })));
    expect(await within(dialog).findByText(zh('APPEAL_ALREADY_ANSWERED'))).toBeTruthy();
    expect(requests('POST', '/officials/appeals/ap-1/refuse')[1].data).toEqual({ answer: '场所扫码记录与病例轨迹重合，维持黄码' });
  });

  it('R31: an unknown appeal: APPEAL_NOT_FOUND with a retry; offline: the network message', async () => {
    startApp({ role: 'official' });
    mockApi({ 'GET /officials/appeals/nope': refusal(404, 'APPEAL_NOT_FOUND') });
    const { unmount } = openDetail('nope');
    expect(await screen.findByText(zh('APPEAL_NOT_FOUND'))).toBeTruthy();
    unmount();
    offline();
    openDetail();
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
  });

  it('R33: 403 on the appeal shows "not allowed"; a reviewer is not let in', async () => {
    startApp({ role: 'official' });
    mockApi({ 'GET /officials/appeals/ap-1': forbidden() });
    const { unmount } = openDetail();
    expect(await screen.findByText(zh('ROLE_FORBIDDEN'))).toBeTruthy();
    unmount();
    startApp({ role: 'reviewer' });
    openDetail();
    expect(screen.getByTestId('console-not-allowed')).toBeTruthy();
    expect(consoleRequests()).toBe(0);
  });
});
