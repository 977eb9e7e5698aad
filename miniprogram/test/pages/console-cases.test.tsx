import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { makeIdNumber, maskIdNumber } from '@health-code/shared';
import CasesPage from '../../src/console/pages/cases/index';
import { mockApi, offline, recorded, requests, startApp, type Routes } from '../api';
import { fireShow } from '../mocks/taro';
import { caseSummary as summary, consoleRequests, field, forbidden, pick, queryOf, refusal, type, zh } from '../console/helpers';

const idNumber = makeIdNumber({ birthDate: '1988-03-09', sex: 'male', seq: 611 });
const list = (cases: unknown[], total = cases.length) => [200, { cases, page: 1, pageSize: 20, total }] as [number, unknown];
const report = { caseId: 'case-9', tracedAt: '2026-12-02T08:00:00.000Z', period: null, window: null, venues: [], contacts: [], total: 3 };

/** The cases page of a `role` with no open cases yet, loaded; the server answers `routes` besides. */
async function openNoCases(role: 'tracer' | 'official', routes: Routes): Promise<void> {
  startApp({ role });
  mockApi({ 'GET /officials/cases': list([]), ...routes });
  render(<CasesPage />);
  await screen.findByText('暂无记录');
}

describe('confirmed cases (R31, R32)', () => {
  it('R31: loading, then the open cases, each person masked, with contacts found', async () => {
    startApp({ role: 'tracer' });
    let answer!: (v: [number, unknown]) => void;
    mockApi({ 'GET /officials/cases': () => new Promise((resolve) => (answer = resolve)) });
    render(<CasesPage />);
    expect(screen.getByTestId('console-loading')).toBeTruthy();
    await waitFor(() => expect(requests('GET', '/officials/cases')).toHaveLength(1));
    expect(queryOf(requests('GET', '/officials/cases')[0].url)).toEqual({ status: 'open', page: '1', pageSize: '20' });
    await act(async () => answer(list([summary()])));
    const card = screen.getByTestId('case-case-1');
    expect(within(card).getByText('张*三')).toBeTruthy();
    expect(within(card).getByText('110***********1234')).toBeTruthy();
    expect(within(card).getByText('139****5678')).toBeTruthy();
    expect(within(card).getByText('2 人')).toBeTruthy();
    fireEvent.click(card);
    expect(recorded.navigations).toEqual(['/console/pages/case/index?id=case-1']);
  });

  it('R31: closed cases have their own list with the reason', async () => {
    startApp({ role: 'official' });
    mockApi({ 'GET /officials/cases': (_b, r) => (queryOf(r.url).status === 'closed' ? list([summary({ status: 'closed', closedAt: '2026-12-01T00:00:00.000Z', closeReason: '治愈出院' })]) : list([])) });
    render(<CasesPage />);
    expect(await screen.findByText('暂无记录')).toBeTruthy();
    fireEvent.click(screen.getByTestId('chip-closed'));
    expect(await screen.findByText('治愈出院')).toBeTruthy();
  });

  it('R31, R34: the ID number is checked on the phone, then shown masked once entered; it is sent in the body, never in an address', async () => {
    await openNoCases('tracer', { 'POST /officials/cases': [201, { case: summary({ id: 'case-9' }), report }] });
    const form = screen.getByTestId('case-record');
    const wrong = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
    type('身份证号', wrong);
    await act(async () => fireEvent.click(within(form).getByText('登记并开始流调')));
    expect(within(form).getByText(field('ID_NUMBER_CHECKSUM'))).toBeTruthy();
    expect(requests('POST', '/officials/cases')).toHaveLength(0);

    type('身份证号', idNumber);
    fireEvent.blur(screen.getByLabelText('身份证号'));
    expect(screen.getByTestId('id-masked').textContent).toContain(maskIdNumber(idNumber));
    expect(form.textContent).not.toContain(idNumber);
    pick('case-onset', 'date', '2026-11-21');
    type('备注', '发热就诊，核酸阳性');
    await act(async () => fireEvent.click(within(form).getByText('登记并开始流调')));
    await waitFor(() => expect(recorded.navigations).toEqual(['/console/pages/case/index?id=case-9']));
    expect(requests('POST', '/officials/cases')[0].data).toEqual({ idNumber, onsetDate: '2026-11-21', note: '发热就诊，核酸阳性' });
    expect(recorded.requests.every((r) => !r.url.includes(idNumber))).toBe(true);
    expect(recorded.navigations.every((u) => !u.includes(idNumber))).toBe(true);
    expect(recorded.toasts).toContain('已登记，找到密接 3 人');
    // Once recorded the number is not kept on the page.
    expect(document.body.textContent).not.toContain(idNumber);
    expect(screen.queryByTestId('id-masked')).toBeNull();
  });

  it('R31: nobody registered with that number: RESIDENT_NOT_FOUND; the number stays (masked) for a correction', async () => {
    await openNoCases('official', { 'POST /officials/cases': refusal(404, 'RESIDENT_NOT_FOUND') });
    type('身份证号', idNumber);
    fireEvent.blur(screen.getByLabelText('身份证号'));
    await act(async () => fireEvent.click(screen.getByText('登记并开始流调')));
    expect(await screen.findByText(zh('RESIDENT_NOT_FOUND'))).toBeTruthy();
    expect(screen.getByTestId('id-masked').textContent).toContain(maskIdNumber(idNumber));
  });

  it('R31: a person with an open case: CASE_ALREADY_OPEN; an onset in the future: FUTURE_TIME under the date', async () => {
    let answer = refusal(409, 'CASE_ALREADY_OPEN');
    await openNoCases('official', { 'POST /officials/cases': () => answer });
    type('身份证号', idNumber);
    await act(async () => fireEvent.click(screen.getByText('登记并开始流调')));
    expect(await screen.findByText(zh('CASE_ALREADY_OPEN'))).toBeTruthy();
    answer = refusal(422, 'VALIDATION_FAILED', [{ path: 'onsetDate', code: 'FUTURE_TIME' }]);
    await act(async () => fireEvent.click(screen.getByText('登记并开始流调')));
    expect(await within(screen.getByTestId('case-record')).findByText(field('FUTURE_TIME'))).toBeTruthy();
  });

  it('R32: back from a case (closed there), the list is read again', async () => {
    startApp({ role: 'tracer' });
    let cases = [summary()];
    mockApi({ 'GET /officials/cases': () => list(cases) });
    render(<CasesPage />);
    await screen.findByTestId('case-case-1');
    cases = [];
    await act(async () => fireShow());
    await waitFor(() => expect(screen.queryByTestId('case-case-1')).toBeNull());
  });

  it('R31: offline: the list says the network is not available; recording says so too', async () => {
    startApp({ role: 'tracer' });
    offline();
    render(<CasesPage />);
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
    type('身份证号', idNumber);
    await act(async () => fireEvent.click(screen.getByText('登记并开始流调')));
    await waitFor(() => expect(screen.getAllByText('网络不可用，请检查网络后重试')).toHaveLength(2));
  });

  it('R33: 403 from the server shows "not allowed"; a reviewer or resident is not let in', async () => {
    startApp({ role: 'tracer' });
    mockApi({ 'GET /officials/cases': forbidden() });
    const { unmount } = render(<CasesPage />);
    expect(await screen.findByText(zh('ROLE_FORBIDDEN'))).toBeTruthy();
    unmount();
    for (const role of ['reviewer', 'resident'] as const) {
      startApp({ role });
      const view = render(<CasesPage />);
      expect(screen.getByTestId('console-not-allowed')).toBeTruthy();
      expect(consoleRequests()).toBe(0);
      view.unmount();
    }
  });
});
