import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import InstitutionsPage from '../../src/console/pages/institutions/index';
import { mockApi, offline, recorded, requests, startApp } from '../api';
import { consoleRequests, field, forbidden, refusal, type, zh } from '../console/helpers';

const lab = { id: 'inst-1', name: '南山区疾控中心检测实验室', kind: 'testing', keyId: 'k_7f3a', status: 'active', createdAt: '2026-11-01T02:00:00.000Z', revokedAt: null };
const clinic = { id: 'inst-2', name: '桃源街道社区卫生服务中心', kind: 'vaccination', keyId: 'k_2c9d', status: 'revoked', createdAt: '2026-10-01T02:00:00.000Z', revokedAt: '2026-11-15T02:00:00.000Z' };
const KEY = 'inst_k_9e1b.Qm9vbS1zZWNyZXQtc2hvd24tb25jZQ';
const list = (institutions: unknown[]) => [200, { institutions }] as [number, unknown];

describe('institutions and their API credentials (R28, R29, R31)', () => {
  it('R28: loading, then each institution with kind, key id and state (never a secret)', async () => {
    startApp({ role: 'official' });
    let answer!: (v: [number, unknown]) => void;
    mockApi({ 'GET /officials/institutions': () => new Promise((resolve) => (answer = resolve)) });
    render(<InstitutionsPage />);
    expect(screen.getByTestId('console-loading')).toBeTruthy();
    await waitFor(() => expect(requests('GET', '/officials/institutions')).toHaveLength(1));
    await act(async () => answer(list([lab, clinic])));
    const one = screen.getByTestId('inst-inst-1');
    expect(within(one).getByText('核酸检测机构')).toBeTruthy();
    expect(within(one).getByText('k_7f3a')).toBeTruthy();
    expect(within(one).getByText('吊销凭证')).toBeTruthy();
    const two = screen.getByTestId('inst-inst-2');
    expect(within(two).getByText('已吊销')).toBeTruthy();
    expect(within(two).queryByText('吊销凭证')).toBeNull();
  });

  it('R28, R29: create one: its API key is shown once with a warning and a copy button; once dismissed it is gone', async () => {
    startApp({ role: 'official' });
    let institutions: unknown[] = [];
    mockApi({
      'GET /officials/institutions': () => list(institutions),
      'POST /officials/institutions': (body: { name: string; kind: string }) => {
        const made = { ...lab, id: 'inst-3', keyId: 'k_9e1b', ...body };
        institutions = [made];
        return [201, { ...made, secret: 'Qm9vbS1zZWNyZXQtc2hvd24tb25jZQ', apiKey: KEY }];
      },
    });
    render(<InstitutionsPage />);
    await screen.findByText('暂无记录');
    type('机构名称', '蛇口人民医院接种门诊');
    fireEvent.click(screen.getByTestId('chip-vaccination'));
    await act(async () => fireEvent.click(screen.getByText('登记并生成接口凭证')));
    const shown = await screen.findByTestId('inst-key');
    expect(requests('POST', '/officials/institutions')[0].data).toEqual({ name: '蛇口人民医院接种门诊', kind: 'vaccination' });
    expect(within(shown).getByTestId('inst-key-secret').textContent).toBe(KEY);
    expect(within(shown).getByText(/只显示这一次，关闭后无法再次查看/)).toBeTruthy();
    await act(async () => fireEvent.click(within(shown).getByText('复制')));
    expect(recorded.copied).toEqual([KEY]);
    expect(recorded.toasts).toContain('已复制');
    // The list shows the key id only.
    expect(within(screen.getByTestId('inst-inst-3')).queryByText(KEY)).toBeNull();
    fireEvent.click(within(shown).getByText('我已妥善保存'));
    expect(screen.queryByTestId('inst-key')).toBeNull();
    expect(document.body.textContent).not.toContain(KEY);
    expect(screen.getByTestId('inst-create')).toBeTruthy();
  });

  it('R28: a name too short is refused under its field', async () => {
    startApp({ role: 'official' });
    mockApi({ 'GET /officials/institutions': list([]), 'POST /officials/institutions': refusal(422, 'VALIDATION_FAILED', [{ path: 'name', code: 'TOO_SHORT', params: { minimum: 2 } }]) });
    render(<InstitutionsPage />);
    await screen.findByText('暂无记录');
    type('机构名称', '检');
    await act(async () => fireEvent.click(screen.getByText('登记并生成接口凭证')));
    expect(await screen.findByText(field('TOO_SHORT', { minimum: 2 }))).toBeTruthy();
    expect(screen.queryByTestId('inst-key')).toBeNull();
  });

  it('R28: revoke asks first, then the uploads with that key are refused; the list says revoked', async () => {
    startApp({ role: 'official' });
    let institutions: unknown[] = [lab];
    mockApi({
      'GET /officials/institutions': () => list(institutions),
      'POST /officials/institutions/inst-1/revoke': () => {
        institutions = [{ ...lab, status: 'revoked', revokedAt: '2026-12-02T08:00:00.000Z' }];
        return [200, institutions[0]];
      },
    });
    render(<InstitutionsPage />);
    const card = await screen.findByTestId('inst-inst-1');
    await act(async () => fireEvent.click(within(card).getByText('吊销凭证')));
    expect(recorded.modals[0].title).toBe('吊销“南山区疾控中心检测实验室”的接口凭证');
    expect(await within(screen.getByTestId('inst-inst-1')).findByText('已吊销')).toBeTruthy();
    expect(recorded.toasts).toContain('已吊销');
  });

  it('R28: revoking one already revoked (INSTITUTION_ALREADY_REVOKED) or gone (INSTITUTION_NOT_FOUND) says so on its card', async () => {
    startApp({ role: 'official' });
    let answer = refusal(409, 'INSTITUTION_ALREADY_REVOKED');
    mockApi({ 'GET /officials/institutions': list([lab]), 'POST /officials/institutions/inst-1/revoke': () => answer });
    render(<InstitutionsPage />);
    const card = await screen.findByTestId('inst-inst-1');
    await act(async () => fireEvent.click(within(card).getByText('吊销凭证')));
    expect(await within(card).findByText(zh('INSTITUTION_ALREADY_REVOKED'))).toBeTruthy();
    answer = refusal(404, 'INSTITUTION_NOT_FOUND');
    await act(async () => fireEvent.click(within(card).getByText('吊销凭证')));
    expect(await within(card).findByText(zh('INSTITUTION_NOT_FOUND'))).toBeTruthy();
  });

  it('R28: offline: the list says the network is not available, and so does creating', async () => {
    startApp({ role: 'official' });
    offline();
    render(<InstitutionsPage />);
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
    type('机构名称', '蛇口人民医院接种门诊');
    await act(async () => fireEvent.click(screen.getByText('登记并生成接口凭证')));
    await waitFor(() => expect(screen.getAllByText('网络不可用，请检查网络后重试')).toHaveLength(2));
  });

  it('R33: 403 shows "not allowed"; a reviewer, tracer or resident is not let in', async () => {
    startApp({ role: 'official' });
    mockApi({ 'GET /officials/institutions': forbidden() });
    const { unmount } = render(<InstitutionsPage />);
    expect(await screen.findByText(zh('ROLE_FORBIDDEN'))).toBeTruthy();
    unmount();
    for (const role of ['reviewer', 'tracer', 'resident'] as const) {
      startApp({ role });
      const view = render(<InstitutionsPage />);
      expect(screen.getByTestId('console-not-allowed')).toBeTruthy();
      expect(consoleRequests()).toBe(0);
      view.unmount();
    }
  });
});
