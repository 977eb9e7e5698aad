import { useState } from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { errorMessage } from '@health-code/shared';
import { RegionPicker } from '../../src/components/RegionPicker';
import { forgetRegionLists, type RegionChoice } from '../../src/services/regions';
import { apiError, mockApi, offline, requests, startApp } from '../api';
import { regions } from '../pages/venues-fixtures';

// The picker the venue application and the trip declaration share, on its own: the pages'
// tests (venues-apply, records) cover it inside their forms.

const LABELS = ['省份', '城市', '区县'] as const;

/** The picker as a form holds it: the path in state, each change recorded. */
function Harness({ start = [], invalid = false, changes }: { start?: RegionChoice[]; invalid?: boolean; changes: RegionChoice[][] }) {
  const [path, setPath] = useState(start);
  return (
    <RegionPicker
      path={path}
      labels={LABELS}
      placeholder="请选择"
      invalid={invalid}
      onChange={(next) => {
        changes.push(next);
        setPath(next);
      }}
    />
  );
}

const level = (i: number) => screen.getByTestId(`region-level-${i}`);
const shown = (i: number) => level(i).querySelector('.region-level');
const names = (i: number) => within(level(i)).getAllByRole('option').map((o) => o.textContent);
const pick = (i: number, index: number) => fireEvent.change(within(level(i)).getByRole('combobox'), { target: { value: String(index) } });
const codes = (path: RegionChoice[]) => path.map((r) => r.code);

beforeEach(() => {
  forgetRegionLists();
  startApp();
});

describe('RegionPicker (components/RegionPicker)', () => {
  it('says it is loading, then offers the provinces; each chosen level that has one below opens the next', async () => {
    mockApi({ 'GET /regions': regions });
    const changes: RegionChoice[][] = [];
    render(<Harness changes={changes} />);
    expect(shown(0)?.textContent).toBe('省份 · 加载中…');
    await waitFor(() => expect(names(0)).toEqual(['-', '北京市', '广东省']));
    expect(shown(0)?.textContent).toBe('省份 · 请选择');
    expect(screen.queryByTestId('region-level-1')).toBeNull();

    pick(0, 1);
    expect(codes(changes[0])).toEqual(['440000']);
    expect(shown(0)?.textContent).toBe('广东省');
    await waitFor(() => expect(names(1)).toEqual(['-', '深圳市', '东莞市']));
    expect(shown(1)?.textContent).toBe('城市 · 请选择');

    pick(1, 0);
    await waitFor(() => expect(names(2)).toEqual(['-', '南山区', '宝安区']));
    pick(2, 1);
    expect(codes(changes[2])).toEqual(['440000', '440300', '440306']);
    expect(shown(2)?.textContent).toBe('宝安区');
    expect(requests('GET', '/regions').map((r) => new URL(r.url, 'http://localhost').searchParams.get('parent'))).toEqual([null, '440000', '440300']);
  });

  it('a division without one below ends the path: 东莞市 has no districts, nor has a municipality district', async () => {
    mockApi({ 'GET /regions': regions });
    const changes: RegionChoice[][] = [];
    render(<Harness changes={changes} />);
    await waitFor(() => expect(names(0)).toHaveLength(3));
    pick(0, 1);
    await waitFor(() => expect(names(1)).toHaveLength(3));
    pick(1, 1);
    expect(codes(changes[1])).toEqual(['440000', '441900']);
    expect(screen.queryByTestId('region-level-2')).toBeNull();

    pick(0, 0); // 北京市: choosing again above cuts the path below
    expect(codes(changes[2])).toEqual(['110000']);
    await waitFor(() => expect(names(1)).toEqual(['-', '东城区']));
    expect(shown(1)?.textContent).toBe('城市 · 请选择');
    pick(1, 0);
    expect(codes(changes[3])).toEqual(['110000', '110101']);
    expect(screen.queryByTestId('region-level-2')).toBeNull();
  });

  it('shows a path given to it (a form filled in again) with each level chosen', async () => {
    mockApi({ 'GET /regions': regions });
    const start = [
      { code: '440000', name: '广东省', hasChildren: true },
      { code: '440300', name: '深圳市', hasChildren: true },
      { code: '440305', name: '南山区', hasChildren: false },
    ];
    render(<Harness start={start} changes={[]} />);
    expect([0, 1, 2].map((i) => shown(i)?.textContent)).toEqual(['广东省', '深圳市', '南山区']);
    await waitFor(() => expect(names(2)).toHaveLength(3));
    expect((within(level(2)).getByRole('combobox') as HTMLSelectElement).value).toBe('0');
  });

  it('marks as invalid only the levels still to choose', async () => {
    mockApi({ 'GET /regions': regions });
    render(<Harness invalid changes={[]} />);
    await waitFor(() => expect(names(0)).toHaveLength(3));
    expect(shown(0)?.className).toContain('invalid');
    pick(0, 1);
    await waitFor(() => expect(names(1)).toHaveLength(3));
    expect(shown(0)?.className).not.toContain('invalid');
    expect(shown(1)?.className).toContain('invalid');
  });

  it('a list that cannot load says why, with a retry that asks again', async () => {
    mockApi({ 'GET /regions': [503, apiError('SERVICE_UNAVAILABLE', errorMessage('SERVICE_UNAVAILABLE', 'zh-CN'))] });
    render(<Harness changes={[]} />);
    const failed = await screen.findByTestId('region-error');
    expect(failed.textContent).toContain(errorMessage('SERVICE_UNAVAILABLE', 'zh-CN'));
    offline();
    fireEvent.click(within(failed).getByText('重试'));
    await waitFor(() => expect(screen.getByTestId('region-error').textContent).toContain('网络不可用，请检查网络后重试'));
    mockApi({ 'GET /regions': regions });
    fireEvent.click(within(screen.getByTestId('region-error')).getByText('重试'));
    await waitFor(() => expect(names(0)).toHaveLength(3));
    expect(screen.queryByTestId('region-error')).toBeNull();
  });

  it('a level below that cannot load says so under the levels above, which stay chosen', async () => {
    mockApi({ 'GET /regions': (_body, request) => (/parent=/.test(request.url) ? [503, apiError('SERVICE_UNAVAILABLE', errorMessage('SERVICE_UNAVAILABLE', 'zh-CN'))] : regions(_body, request)) });
    render(<Harness changes={[]} />);
    await waitFor(() => expect(names(0)).toHaveLength(3));
    pick(0, 1);
    const failed = await screen.findByTestId('region-error');
    expect(failed.textContent).toContain(errorMessage('SERVICE_UNAVAILABLE', 'zh-CN'));
    expect(shown(0)?.textContent).toBe('广东省');
    mockApi({ 'GET /regions': regions });
    fireEvent.click(within(failed).getByText('重试'));
    await waitFor(() => expect(names(1)).toEqual(['-', '深圳市', '东莞市']));
    expect(screen.queryByTestId('region-error')).toBeNull();
  });

  it('its own words (loading, retry) follow the language setting; the levels are named by the caller', async () => {
    startApp({ lang: 'en' });
    offline();
    render(<Harness changes={[]} />);
    expect(shown(0)?.textContent).toBe('省份 · Loading…');
    expect(within(await screen.findByTestId('region-error')).getByText('Try again')).toBeTruthy();
  });
});
