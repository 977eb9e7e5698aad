// Shared pieces of the console's page tests: real error texts from the shared catalogues, the
// refusal a stale staff session gets, and small ways to type into the console's own inputs.
import { fireEvent, screen } from '@testing-library/react';
import { errorMessages, fieldMessages } from '@health-code/shared';
import { apiError, recorded } from '../api';

export type ErrorCode = keyof typeof errorMessages;
export type FieldCode = keyof typeof fieldMessages;

/** The server's Chinese text for an error code, {params} filled as the server does. */
export function zh(code: ErrorCode, params: Record<string, string | number> = {}): string {
  return errorMessages[code].zh.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
export function field(code: FieldCode, params: Record<string, string | number> = {}): string {
  return fieldMessages[code].zh.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** An error answer as the server sends it: the code, its real message, and field messages. */
export function refusal(status: number, code: ErrorCode, fields: Array<{ path: string; code: FieldCode; params?: Record<string, string | number> }> = [], params: Record<string, string | number> = {}): [number, unknown] {
  return [status, apiError(code, zh(code, params), fields.map((f) => ({ path: f.path, code: f.code, message: field(f.code, f.params) })))];
}

/** What a resident's (or a revoked official's) token gets from any console route (R33). */
export const forbidden = (): [number, unknown] => refusal(403, 'ROLE_FORBIDDEN');

export const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

/** The date or time box of a DateTimeInput (the test mock renders the platform pickers as text boxes). */
export function pick(testId: string, part: 'date' | 'time', value: string): void {
  const input = document.querySelector(`[data-testid="${testId}-${part}"] input`);
  if (!input) throw new Error(`no ${part} picker ${testId}`);
  fireEvent.change(input, { target: { value } });
}

/** The <select> inside a selector Picker with the given test id. */
export function choose(testId: string, index: number): void {
  const select = document.querySelector(`[data-testid="${testId}"] select`);
  if (!select) throw new Error(`no picker ${testId}`);
  fireEvent.change(select, { target: { value: String(index) } });
}

/** A confirmed case as the case list and the case page get it (open, traced, 2 contacts), with `over` changed. */
export const caseSummary = (over: Record<string, unknown> = {}) => ({
  id: 'case-1',
  person: { residentId: 'r-1', name: '张*三', idNumber: '110***********1234', phone: '139****5678' },
  onsetDate: '2026-11-21',
  note: '发热就诊，核酸阳性',
  confirmedAt: '2026-11-22T08:00:00.000Z',
  status: 'open',
  closedAt: null,
  closeReason: null,
  tracedAt: '2026-11-22T08:00:00.000Z',
  contacts: 2,
  ...over,
});

/** The query a request was sent with. */
export function queryOf(url: string): Record<string, string> {
  const q = url.split('?')[1] ?? '';
  return Object.fromEntries(q.split('&').filter(Boolean).map((p) => p.split('=').map(decodeURIComponent) as [string, string]));
}

/** How many requests the page sent to the officials' routes. */
export function consoleRequests(): number {
  return recorded.requests.filter((r) => r.url.includes('/officials/')).length;
}
