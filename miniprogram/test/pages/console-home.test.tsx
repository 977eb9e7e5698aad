import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import ConsoleHome from '../../src/console/pages/home/index';
import { clearSession, readSession } from '../../src/state/session';
import { mockApi, offline, recorded, requests, startApp } from '../api';
import { consoleRequests } from '../console/helpers';

const ALL = ['venues', 'categories', 'cases', 'colour', 'appeals', 'riskAreas', 'institutions', 'staff', 'audit'];
const shown = () => ALL.filter((s) => screen.queryByTestId(`menu-${s}`));
const login = (role: string) => [200, { token: `t-${role}`, expiresAt: new Date(Date.now() + 1800_000).toISOString(), account: { id: 'acc-9', role, registered: true } }] as [number, unknown];

describe('the console menu (R31-R33): only what the role may use', () => {
  it('R31: an official sees every section, and a tap opens it', async () => {
    startApp({ role: 'official' });
    render(<ConsoleHome />);
    expect(shown()).toEqual(ALL);
    expect(screen.getByTestId('console-role').textContent).toBe('当前身份：卫健工作人员');
    fireEvent.click(screen.getByTestId('menu-cases'));
    expect(recorded.navigations).toEqual(['/console/pages/cases/index']);
    fireEvent.click(screen.getByTestId('menu-riskAreas'));
    expect(recorded.navigations[1]).toBe('/console/pages/risk-areas/index');
  });

  it('R31: a reviewer sees venue review and categories only', () => {
    startApp({ role: 'reviewer' });
    render(<ConsoleHome />);
    expect(shown()).toEqual(['venues', 'categories']);
  });

  it('R31, R32: a tracer sees cases only', () => {
    startApp({ role: 'tracer' });
    render(<ConsoleHome />);
    expect(shown()).toEqual(['cases']);
  });

  it('R33: a resident opening the console sees "not allowed", and nothing is asked of the server', () => {
    startApp({ role: 'resident' });
    render(<ConsoleHome />);
    expect(screen.getByTestId('console-not-allowed')).toBeTruthy();
    expect(screen.getByText('无权使用此页面')).toBeTruthy();
    expect(screen.getByText('您的身份：居民')).toBeTruthy();
    expect(shown()).toEqual([]);
    expect(consoleRequests()).toBe(0);
  });

  it('R33: checkpoint staff are not officials: not allowed either', () => {
    startApp({ role: 'checkpoint' });
    render(<ConsoleHome />);
    expect(screen.getByTestId('console-not-allowed')).toBeTruthy();
  });

  it('R33: a role just granted: "check my role again" logs in afresh and shows the menu', async () => {
    startApp({ role: 'resident' });
    mockApi({ 'POST /auth/login': login('reviewer') });
    render(<ConsoleHome />);
    await act(async () => fireEvent.click(screen.getByText('重新确认身份')));
    expect(await screen.findByTestId('menu-venues')).toBeTruthy();
    expect(requests('POST', '/auth/login')).toHaveLength(1);
    expect(readSession()?.role).toBe('reviewer');
  });

  it('R33: without a session: loading while the app logs in, then the menu for the role the server gives', async () => {
    startApp({ role: 'official' });
    clearSession();
    let answer!: (v: [number, unknown]) => void;
    mockApi({ 'POST /auth/login': () => new Promise((resolve) => (answer = resolve)) });
    render(<ConsoleHome />);
    expect(screen.getByTestId('console-loading')).toBeTruthy();
    await waitFor(() => expect(requests('POST', '/auth/login')).toHaveLength(1));
    await act(async () => answer(login('tracer')));
    expect(shown()).toEqual(['cases']);
  });

  it('R33: offline without a session: says the network is not available, and retries', async () => {
    startApp();
    clearSession();
    offline();
    render(<ConsoleHome />);
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeTruthy();
    mockApi({ 'POST /auth/login': login('official') });
    await act(async () => fireEvent.click(screen.getByText('重试')));
    await waitFor(() => expect(shown()).toEqual(ALL));
  });

  it('R35: in English: the menu and the role read in English', () => {
    startApp({ role: 'reviewer', lang: 'en' });
    render(<ConsoleHome />);
    expect(screen.getByText('Venue review')).toBeTruthy();
    expect(screen.getByText('Venue categories')).toBeTruthy();
    expect(screen.getByTestId('console-role').textContent).toBe('Signed in as: Venue reviewer');
  });
});
