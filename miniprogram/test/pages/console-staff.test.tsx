import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import StaffPage from '../../src/console/pages/staff/index';
import { formatDateTime } from '../../src/lib/time';
import { mockApi, offline, recorded, requests, startApp } from '../api';
import { consoleRequests, field, forbidden, refusal, type, zh } from '../console/helpers';

// startApp's session is account acc-1.
const me = { id: 'acc-1', role: 'official', displayName: '市卫健委 李主任', platform: 'wechat', lastLoginAt: '2026-12-02T01:00:00.000Z' };
const wang = { id: 'acc-2', role: 'tracer', displayName: '南山区流调组 王医生', platform: 'alipay', lastLoginAt: null };
const list = (staff: unknown[]) => [200, { staff }] as [number, unknown];
const CODE = 'HC-7KQ2-M9XD-4TPA';

describe('staff accounts (issue 6 item 4, R33)', () => {
  it('R33: loading, then each staff account with its role and login; one’s own account cannot be revoked', async () => {
    startApp({ role: 'official' });
    let resolve!: (v: [number, unknown]) => void;
    mockApi({ 'GET /officials/staff': () => new Promise((r) => (resolve = r)) });
    render(<StaffPage />);
    expect(screen.getByTestId('console-loading')).toBeTruthy();
    await waitFor(() => expect(requests('GET', '/officials/staff')).toHaveLength(1));
    await act(async () => resolve(list([me, wang])));
    const mine = screen.getByTestId('staff-acc-1');
    expect(within(mine).getByText('这是您自己的账号')).toBeTruthy();
    expect(within(mine).queryByText('收回身份')).toBeNull();
    const other = screen.getByTestId('staff-acc-2');
    expect(within(other).getByText('流调人员')).toBeTruthy();
    expect(within(other).getByText('支付宝')).toBeTruthy();
    expect(within(mine).getByText(formatDateTime(me.lastLoginAt))).toBeTruthy();
  });

  it('R33: invite: role and name; the one-time code is shown once with its expiry and a copy button', async () => {
    startApp({ role: 'official' });
    mockApi({
      'GET /officials/staff': list([me]),
      'POST /officials/staff/invitations': (body: { role: string; displayName: string }) => [201, { id: 'inv-1', code: CODE, ...body, expiresAt: '2026-12-05T08:00:00.000Z' }],
    });
    render(<StaffPage />);
    await screen.findByTestId('staff-acc-1');
    fireEvent.click(screen.getByTestId('chip-tracer'));
    expect(screen.getByText('只登记病例和流调')).toBeTruthy();
    type('称呼', '南山区流调组 王医生');
    await act(async () => fireEvent.click(screen.getByText('生成邀请码')));
    const shown = await screen.findByTestId('staff-code');
    expect(requests('POST', '/officials/staff/invitations')[0].data).toEqual({ role: 'tracer', displayName: '南山区流调组 王医生' });
    expect(within(shown).getByTestId('staff-code-secret').textContent).toBe(CODE);
    expect(within(shown).getByText(formatDateTime('2026-12-05T08:00:00.000Z'))).toBeTruthy();
    expect(within(shown).getByText(/只显示这一次/)).toBeTruthy();
    await act(async () => fireEvent.click(within(shown).getByText('复制')));
    expect(recorded.copied).toEqual([CODE]);
    fireEvent.click(within(shown).getByText('我已妥善保存'));
    expect(document.body.textContent).not.toContain(CODE);
  });

  it('R33: invite: a name too short is refused under its field', async () => {
    startApp({ role: 'official' });
    mockApi({ 'GET /officials/staff': list([me]), 'POST /officials/staff/invitations': refusal(422, 'VALIDATION_FAILED', [{ path: 'displayName', code: 'TOO_SHORT', params: { minimum: 2 } }]) });
    render(<StaffPage />);
    await screen.findByTestId('staff-acc-1');
    type('称呼', '王');
    await act(async () => fireEvent.click(screen.getByText('生成邀请码')));
    expect(await screen.findByText(field('TOO_SHORT', { minimum: 2 }))).toBeTruthy();
  });

  it('R33: take a role back with a reason (audited); the list is read again', async () => {
    startApp({ role: 'official' });
    let staff = [me, wang];
    mockApi({
      'GET /officials/staff': () => list(staff),
      'POST /officials/staff/acc-2/revoke': () => {
        staff = [me];
        return [204, ''];
      },
    });
    render(<StaffPage />);
    fireEvent.click(within(await screen.findByTestId('staff-acc-2')).getByText('收回身份'));
    const dialog = screen.getByTestId('console-dialog');
    type('原因', '调离流调岗位');
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: '收回身份' })));
    await waitFor(() => expect(screen.queryByTestId('staff-acc-2')).toBeNull());
    expect(requests('POST', '/officials/staff/acc-2/revoke')[0].data).toEqual({ reason: '调离流调岗位' });
    expect(recorded.toasts).toContain('已收回');
  });

  it('R33: an account gone (STAFF_NOT_FOUND) or one’s own (STAFF_SELF_REVOKE) is refused in the dialog; a short reason under the field', async () => {
    startApp({ role: 'official' });
    let answer = refusal(422, 'VALIDATION_FAILED', [{ path: 'reason', code: 'TOO_SHORT', params: { minimum: 4 } }]);
    mockApi({ 'GET /officials/staff': list([me, wang]), 'POST /officials/staff/acc-2/revoke': () => answer });
    render(<StaffPage />);
    fireEvent.click(within(await screen.findByTestId('staff-acc-2')).getByText('收回身份'));
    const dialog = screen.getByTestId('console-dialog');
    const submit = () => act(async () => fireEvent.click(within(dialog).getByRole('button', { name: '收回身份' })));
    await submit();
    expect(await within(dialog).findByText(field('TOO_SHORT', { minimum: 4 }))).toBeTruthy();
    type('原因', '调离流调岗位');
    answer = refusal(404, 'STAFF_NOT_FOUND');
    await submit();
    expect(await within(dialog).findByText(zh('STAFF_NOT_FOUND'))).toBeTruthy();
    answer = refusal(409, 'STAFF_SELF_REVOKE');
    await submit();
    expect(await within(dialog).findByText(zh('STAFF_SELF_REVOKE'))).toBeTruthy();
  });

  it('R33: offline: the list says the network is not available', async () => {
    startApp({ role: 'official' });
    offline();
    render(<StaffPage />);
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
  });

  it('R33: 403 shows "not allowed"; reviewers, tracers and residents are not let in', async () => {
    startApp({ role: 'official' });
    mockApi({ 'GET /officials/staff': forbidden() });
    const { unmount } = render(<StaffPage />);
    expect(await screen.findByText(zh('ROLE_FORBIDDEN'))).toBeTruthy();
    unmount();
    for (const role of ['reviewer', 'tracer', 'resident'] as const) {
      startApp({ role });
      const view = render(<StaffPage />);
      expect(screen.getByTestId('console-not-allowed')).toBeTruthy();
      expect(consoleRequests()).toBe(0);
      view.unmount();
    }
  });
});
