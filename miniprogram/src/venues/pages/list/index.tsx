import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { Page } from '../../../components/Page';
import { useT } from '../../../i18n';
import { api, type ApiError } from '../../../services/api';
import { asApiError } from '../../errors';
import { formatDate } from '../../format';
import { StatusBadge } from '../../components/StatusBadge';
import type { Venue, VenueList } from '../../types';
import '../../i18n';
import '../../venues.css';

/** The tabs (R11): by review state, and everything (revoked and retired codes stay, R12). */
const TABS = ['passed', 'under_review', 'failed', 'all'] as const;
type Tab = (typeof TABS)[number];
const PAGE_SIZE = 20;

type State = { status: 'loading' } | { status: 'ready'; venues: Venue[]; total: number; page: number; more: 'idle' | 'loading' | ApiError } | { status: 'error'; error: ApiError };

/** R11: "my place codes", by state, newest first; each opens its details. */
export default function VenueListPage() {
  const { t, lang } = useT();
  const { params } = useRouter();
  const [tab, setTab] = useState<Tab>(TABS.includes(params?.tab as Tab) ? (params.tab as Tab) : 'passed');
  const [state, setState] = useState<State>({ status: 'loading' });
  const loadId = useRef(0);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('venues.list.title') });
  }, [lang]);

  const fetchPage = (which: Tab, page: number) =>
    api.get<VenueList>('/me/venues', { status: which === 'all' ? undefined : which, page, pageSize: PAGE_SIZE });

  const load = async (which: Tab) => {
    const id = ++loadId.current;
    try {
      const list = await fetchPage(which, 1);
      if (id === loadId.current) setState({ status: 'ready', venues: list.venues, total: list.total, page: 1, more: 'idle' });
    } catch (err) {
      if (id === loadId.current) setState({ status: 'error', error: asApiError(err) });
    }
  };

  const loadMore = async () => {
    if (state.status !== 'ready') return;
    const id = loadId.current;
    setState({ ...state, more: 'loading' });
    try {
      const next = await fetchPage(tab, state.page + 1);
      if (id !== loadId.current) return;
      // A code added meanwhile shifts the pages: the same id is shown once.
      const seen = new Set(state.venues.map((v) => v.id));
      setState({ status: 'ready', venues: [...state.venues, ...next.venues.filter((v) => !seen.has(v.id))], total: next.total, page: next.page, more: 'idle' });
    } catch (err) {
      if (id === loadId.current) setState({ ...state, more: asApiError(err) });
    }
  };

  const show = (which: Tab) => {
    setTab(which);
    setState({ status: 'loading' });
    void load(which);
  };

  // Also on coming back from applying or retiring, so the list is current.
  useDidShow(() => {
    void load(tab);
  });

  return (
    <Page>
      <View className="tabs">
        {TABS.map((which) => (
          <View key={which} data-testid={`tab-${which}`} className={`tab ${tab === which ? 'active' : ''}`} onClick={() => show(which)}>
            {t(`venues.tab.${which}`)}
          </View>
        ))}
      </View>

      <Button className="btn btn-primary" onClick={() => Taro.navigateTo({ url: '/venues/pages/apply/index' })}>{t('venues.list.apply')}</Button>

      {state.status === 'loading' && (
        <View className="card"><Text className="muted">{t('common.loading')}</Text></View>
      )}

      {state.status === 'error' && (
        <View className="card">
          <View className="card-title">{t('venues.list.loadFailed')}</View>
          <View className="banner error" data-testid="load-error">{state.error.message}</View>
          {state.error.code === 'REGISTRATION_REQUIRED' ? (
            <Button className="btn" onClick={() => Taro.navigateTo({ url: '/pages/login/index' })}>{t('venues.register')}</Button>
          ) : (
            <Button className="btn" onClick={() => show(tab)}>{t('common.retry')}</Button>
          )}
        </View>
      )}

      {state.status === 'ready' && state.venues.length === 0 && (
        <View className="card" data-testid="empty"><Text className="muted">{t(`venues.empty.${tab}`)}</Text></View>
      )}

      {state.status === 'ready' && state.venues.length > 0 && (
        <View>
          <Text className="muted" data-testid="count">{t('venues.list.count', { n: state.total })}</Text>
          {state.venues.map((v) => (
            <View
              key={v.id}
              className="card venue-item"
              data-testid={`venue-${v.id}`}
              onClick={() => Taro.navigateTo({ url: `/venues/pages/detail/index?id=${encodeURIComponent(v.id)}` })}
            >
              <View className="venue-item-head">
                <Text className="venue-name">{v.name}</Text>
                <StatusBadge status={v.status} />
              </View>
              <Text className="muted">{lang === 'en' ? v.categoryNameEn : v.categoryName}</Text>
              <Text className="muted">{t('venues.list.appliedOn', { date: formatDate(v.createdAt) })}</Text>
            </View>
          ))}
          {state.venues.length < state.total && (
            <Button className="btn" loading={state.more === 'loading'} disabled={state.more === 'loading'} onClick={loadMore}>{t('venues.list.loadMore')}</Button>
          )}
          {typeof state.more === 'object' && <View className="error-text" data-testid="more-error">{state.more.message}</View>}
        </View>
      )}
    </Page>
  );
}
