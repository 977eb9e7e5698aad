import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { makeIdNumber, maskIdNumber } from '@health-code/shared';
import ColourPage from '../../src/console/pages/colour/index';
import { mockApi, offline, recorded, requests, startApp } from '../api';
import { consoleRequests, field, forbidden, pick, refusal, type, zh } from '../console/helpers';

const idNumber = makeIdNumber({ birthDate: '1975-08-30', sex: 'female', seq: 712 });
const person = (over: Record<string, unknown> = {}) => ({
  resident: { id: 'r-7', name: '陈*梅', idNumber: maskIdNumber(idNumber), birthDate: '1975-08-30', region: '440305' },
  colour: {
    colour: 'yellow',
    vaccinated: true,
    reasons: [{ code: 'CLOSE_CONTACT', message: '与确诊病例有时空交集', at: '2026-11-21T10:10:00.000Z', detail: '老街面馆' }],
    measures: [{ code: 'HOME_MONITORING', message: '居家健康监测，3 天 2 检' }],
    computedAt: '2026-12-02T08:00:00.000Z',
  },
  override: null,
  ...over,
});
const green = (over: Record<string, unknown> = {}) =>
  person({ colour: { colour: 'green', vaccinated: true, reasons: [], measures: [], computedAt: '2026-12-02T08:05:00.000Z' }, override: { colour: 'green', reason: '复核为非密接', createdAt: '2026-12-02T08:05:00.000Z', expiresAt: null }, ...over });

async function lookUp() {
  type('身份证号', idNumber);
  await act(async () => fireEvent.click(screen.getByText('查询')));
  return screen.findByTestId('colour-person');
}

describe('colour lookup and override (R4, R31, R33)', () => {
  it('R4: look a person up by ID number: the colour, its reasons and measures, the person masked; the number is not kept', async () => {
    startApp({ role: 'official' });
    mockApi({ 'POST /officials/residents/lookup': [200, person()] });
    render(<ColourPage />);
    expect(screen.getByText('输入身份证号查询')).toBeTruthy();
    const card = await lookUp();
    expect(within(card).getByText('陈*梅')).toBeTruthy();
    expect(within(card).getByTestId('colour-id').textContent).toContain(maskIdNumber(idNumber));
    expect(within(card).getByTestId('colour-block').dataset.colour).toBe('yellow');
    expect(within(card).getByText('与确诊病例有时空交集')).toBeTruthy();
    expect(within(card).getByText('居家健康监测，3 天 2 检')).toBeTruthy();
    expect(requests('POST', '/officials/residents/lookup')[0].data).toEqual({ idNumber });
    expect(recorded.requests.every((r) => !r.url.includes(idNumber))).toBe(true);
    expect(document.body.textContent).not.toContain(idNumber);
  });

  it('R1: a wrong ID number is caught before the lookup; nobody with that number: RESIDENT_NOT_FOUND', async () => {
    startApp({ role: 'official' });
    mockApi({ 'POST /officials/residents/lookup': refusal(404, 'RESIDENT_NOT_FOUND') });
    render(<ColourPage />);
    type('身份证号', '12345');
    await act(async () => fireEvent.click(screen.getByText('查询')));
    expect(screen.getByText(field('ID_NUMBER_FORMAT'))).toBeTruthy();
    expect(requests('POST', '/officials/residents/lookup')).toHaveLength(0);
    type('身份证号', idNumber);
    fireEvent.blur(screen.getByLabelText('身份证号'));
    expect(screen.getByTestId('id-masked').textContent).toContain(maskIdNumber(idNumber));
    await act(async () => fireEvent.click(screen.getByText('查询')));
    expect(await screen.findByText(zh('RESIDENT_NOT_FOUND'))).toBeTruthy();
  });

  it('R31: override needs a colour (checked first) and a reason; with an end time it is sent as ISO', async () => {
    startApp({ role: 'official' });
    mockApi({ 'POST /officials/residents/lookup': [200, person()], 'POST /officials/residents/r-7/colour-override': [201, green()] });
    render(<ColourPage />);
    await lookUp();
    const form = screen.getByTestId('override-form');
    await act(async () => fireEvent.click(within(form).getByText('确认调整')));
    expect(within(form).getByText('请选择颜色')).toBeTruthy();
    expect(requests('POST', '/officials/residents/r-7/colour-override')).toHaveLength(0);
    fireEvent.click(within(form).getByTestId('chip-green'));
    type('依据（必填）', '经复核不在同一时段，非密接');
    pick('override-expires', 'date', '2026-12-09');
    pick('override-expires', 'time', '00:00');
    await act(async () => fireEvent.click(within(form).getByText('确认调整')));
    await waitFor(() => expect(screen.getByTestId('colour-block').dataset.colour).toBe('green'));
    expect(requests('POST', '/officials/residents/r-7/colour-override')[0].data).toEqual({ colour: 'green', reason: '经复核不在同一时段，非密接', expiresAt: new Date(2026, 11, 9, 0, 0).toISOString() });
    expect(within(screen.getByTestId('override-current')).getByText('复核为非密接')).toBeTruthy();
    expect(recorded.toasts).toContain('已调整');
  });

  it('R31: the reason is mandatory: the server’s field message shows under it', async () => {
    startApp({ role: 'official' });
    mockApi({
      'POST /officials/residents/lookup': [200, person()],
      'POST /officials/residents/r-7/colour-override': refusal(422, 'VALIDATION_FAILED', [{ path: 'reason', code: 'TOO_SHORT', params: { minimum: 4 } }]),
    });
    render(<ColourPage />);
    await lookUp();
    const form = screen.getByTestId('override-form');
    fireEvent.click(within(form).getByTestId('chip-red'));
    await act(async () => fireEvent.click(within(form).getByText('确认调整')));
    expect(await within(form).findByText(field('TOO_SHORT', { minimum: 4 }))).toBeTruthy();
  });

  it('R31: clear the override with a reason: the records decide again', async () => {
    startApp({ role: 'official' });
    mockApi({ 'POST /officials/residents/lookup': [200, green()], 'POST /officials/residents/r-7/colour-override/clear': [200, person()] });
    render(<ColourPage />);
    await lookUp();
    fireEvent.click(within(screen.getByTestId('override-current')).getByText('清除人工调整'));
    const dialog = screen.getByTestId('console-dialog');
    fireEvent.change(within(dialog).getByLabelText('依据（必填）'), { target: { value: '复核结论有误，恢复按记录计算' } });
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: '清除人工调整' })));
    await waitFor(() => expect(screen.queryByTestId('override-current')).toBeNull());
    expect(screen.getByTestId('colour-block').dataset.colour).toBe('yellow');
    expect(requests('POST', '/officials/residents/r-7/colour-override/clear')[0].data).toEqual({ reason: '复核结论有误，恢复按记录计算' });
  });

  it('R33: refresh reads the colour again by the resident id (never the ID number); a person gone: RESIDENT_NOT_FOUND', async () => {
    startApp({ role: 'official' });
    mockApi({ 'POST /officials/residents/lookup': [200, person()], 'GET /officials/residents/r-7/colour': refusal(404, 'RESIDENT_NOT_FOUND') });
    render(<ColourPage />);
    const card = await lookUp();
    await act(async () => fireEvent.click(within(card).getByText('刷新')));
    expect(await within(card).findByText(zh('RESIDENT_NOT_FOUND'))).toBeTruthy();
  });

  it('R31: offline: the lookup says the network is not available', async () => {
    startApp({ role: 'official' });
    offline();
    render(<ColourPage />);
    type('身份证号', idNumber);
    await act(async () => fireEvent.click(screen.getByText('查询')));
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
  });

  it('R33: a stale staff session gets 403 on lookup; a resident, reviewer or tracer is not let into this page', async () => {
    startApp({ role: 'official' });
    mockApi({ 'POST /officials/residents/lookup': forbidden() });
    const { unmount } = render(<ColourPage />);
    type('身份证号', idNumber);
    await act(async () => fireEvent.click(screen.getByText('查询')));
    expect(await screen.findByText(zh('ROLE_FORBIDDEN'))).toBeTruthy();
    unmount();
    for (const role of ['resident', 'reviewer', 'tracer'] as const) {
      startApp({ role });
      const view = render(<ColourPage />);
      expect(screen.getByTestId('console-not-allowed')).toBeTruthy();
      expect(consoleRequests()).toBe(0);
      view.unmount();
    }
  });
});
