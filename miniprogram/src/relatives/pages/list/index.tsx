import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { Page } from '../../../components/Page';
import { useT } from '../../../i18n';
import { api, ApiError, binaryRequest } from '../../../services/api';
import type { Relative, RelativeList } from '../../../services/types';
import { platform, PlatformCancelled } from '../../../platform';
import { readSession } from '../../../state/session';
import { storage } from '../../../state/storage';
import { formatDateTime } from '../../../lib/time';
import { showCodeOf } from '../../navigation';
import '../../i18n';
import '../../relatives.css';

type State =
  | { status: 'loading' }
  | { status: 'ready'; list: RelativeList; cachedAt: string | null }
  | { status: 'error'; error: ApiError };

interface Note {
  ok: boolean;
  text: string;
}

/** The list as last fetched, per account: masked as the server sent it, shown when offline. */
interface CachedList {
  list: RelativeList;
  fetchedAt: string;
}
const cacheKey = () => `hc.relatives.${readSession()?.accountId ?? 'anonymous'}`;

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', String(err)));

export default function RelativesList() {
  const { t } = useT();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [notes, setNotes] = useState<Record<string, Note>>({});
  const [busy, setBusy] = useState<Record<string, string>>({});
  const loadId = useRef(0);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('relatives.title') });
  }, [t('relatives.title')]);

  const load = useCallback(async () => {
    const id = ++loadId.current;
    try {
      const list = await api.get<RelativeList>('/me/relatives');
      if (id !== loadId.current) return;
      storage.set(cacheKey(), { list, fetchedAt: new Date().toISOString() } satisfies CachedList);
      setState({ status: 'ready', list, cachedAt: null });
    } catch (err) {
      if (id !== loadId.current) return;
      const error = asApiError(err);
      const cached = error.offline ? storage.get<CachedList>(cacheKey()) : undefined;
      setState(cached ? { status: 'ready', list: cached.list, cachedAt: cached.fetchedAt } : { status: 'error', error });
    }
  }, []);

  // Also on coming back from the bind page, so a new relative shows at once.
  useDidShow(() => {
    void load();
  });

  const note = (id: string, value: Note | null) =>
    setNotes((all) => {
      const next = { ...all };
      if (value) next[id] = value;
      else delete next[id];
      return next;
    });
  const working = (id: string, what: string | null) =>
    setBusy((all) => {
      const next = { ...all };
      if (what) next[id] = what;
      else delete next[id];
      return next;
    });

  /** R27: the offline code, as a PNG for the album, or on H5 also as an A4 PDF to print. */
  const saveOffline = async (r: Relative, format: 'png' | 'pdf') => {
    note(r.id, null);
    working(r.id, format);
    try {
      await platform.saveImage(await binaryRequest(`/me/relatives/${encodeURIComponent(r.id)}/offline-code.${format}`, `offline-code.${format}`));
      const text = t(platform.name === 'h5' ? 'relatives.offlineDownloaded' : 'relatives.offlineSaved');
      note(r.id, { ok: true, text });
      void Taro.showToast({ title: text, icon: 'none' });
    } catch (err) {
      if (err instanceof PlatformCancelled) return;
      const denied = /auth|denied|permission/i.test(String((err as { errMsg?: string })?.errMsg ?? ''));
      note(r.id, { ok: false, text: t(denied ? 'relatives.albumDenied' : 'relatives.offlineFailed') });
    } finally {
      working(r.id, null);
    }
  };

  /** R25: the server refuses within 24 hours of binding; its answer and the time it becomes possible are shown. */
  const unbind = async (r: Relative) => {
    note(r.id, null);
    const answer = await Taro.showModal({
      title: t('relatives.unbindTitle', { name: r.name }),
      content: t('relatives.unbindContent'),
      confirmText: t('relatives.unbind'),
      confirmColor: '#cf222e',
      cancelText: t('common.cancel'),
    });
    if (!answer.confirm) return;
    working(r.id, 'unbind');
    try {
      await api.delete(`/me/relatives/${encodeURIComponent(r.id)}`);
      void Taro.showToast({ title: t('relatives.unbound'), icon: 'success' });
      await load();
    } catch (err) {
      const error = asApiError(err);
      if (error.code === 'RELATIVE_UNBIND_TOO_SOON') {
        const from = typeof error.details.unbindableAt === 'string' ? error.details.unbindableAt : r.unbindableAt;
        note(r.id, { ok: false, text: `${error.message}\n${t('relatives.unbindableFrom', { time: formatDateTime(from) })}` });
      } else {
        note(r.id, { ok: false, text: `${t('relatives.unbindFailed')}: ${error.message}` });
        if (error.code === 'RELATIVE_NOT_FOUND') await load();
      }
    } finally {
      working(r.id, null);
    }
  };

  if (state.status === 'loading') {
    return (
      <Page>
        <View className="card"><Text className="muted">{t('common.loading')}</Text></View>
      </Page>
    );
  }

  if (state.status === 'error') {
    return (
      <Page>
        <View className="card">
          <View className="card-title">{t('relatives.loadFailed')}</View>
          <View className="banner error" data-testid="load-error">{state.error.message}</View>
          <Button className="btn" onClick={() => { setState({ status: 'loading' }); void load(); }}>{t('common.retry')}</Button>
        </View>
      </Page>
    );
  }

  const { list, cachedAt } = state;
  const full = list.relatives.length >= list.maxRelatives;
  const now = Date.now();

  return (
    <Page>
      {cachedAt && <View className="banner" data-testid="offline-banner">{t('common.offline', { since: formatDateTime(cachedAt) })}</View>}

      <View className="card">
        <View className="limit-row">
          <Text className="muted" data-testid="count">{t('relatives.count', { n: list.relatives.length, max: list.maxRelatives })}</Text>
        </View>
        {full && <View className="banner" data-testid="limit">{t('relatives.limitReached', { max: list.maxRelatives })}</View>}
        <Button className="btn btn-primary" disabled={full || Boolean(cachedAt)} onClick={() => Taro.navigateTo({ url: '/relatives/pages/bind/index' })}>
          {t('relatives.add')}
        </Button>
        <Button className="btn" onClick={() => showCodeOf({ kind: 'self' })}>{t('relatives.showMine')}</Button>
      </View>

      {list.relatives.length === 0 && (
        <View className="card" data-testid="empty">
          <Text className="muted">{t('relatives.empty')}</Text>
        </View>
      )}

      {list.relatives.map((r) => {
        const doing = busy[r.id];
        const n = notes[r.id];
        const tooSoon = Date.parse(r.unbindableAt) > now;
        return (
          <View key={r.id} className="card relative-card" data-testid={`relative-${r.id}`}>
            <View className="relative-head" onClick={() => showCodeOf({ kind: 'relative', id: r.id, name: r.name })}>
              <View className={`relative-colour colour-${r.colour}`} data-colour={r.colour}>
                <Text className="relative-colour-name">{t(`colour.${r.colour}`)}</Text>
                {r.vaccinated && <Text className="relative-badge" data-testid="vaccinated">🛡 {t('relatives.vaccinated')}</Text>}
              </View>
              <View className="relative-info">
                <Text className="relative-name">{r.name}</Text>
                <Text className="muted">
                  {[r.relationship ? t(`relatives.rel.${r.relationship}`) : '', t('relatives.age', { age: r.age })].filter(Boolean).join(' · ')}
                </Text>
                <Text className="muted">{t('relatives.idNumber', { id: r.idNumber })}</Text>
                <Text className="muted">{t(`relatives.confirmed.${r.identityConfirmedBy}`)}</Text>
                <Text className="relative-show">{t('relatives.tapToShow')} ›</Text>
              </View>
            </View>
            <View className="relative-actions">
              <Button className="btn btn-primary" loading={doing === 'png'} disabled={Boolean(doing)} onClick={() => saveOffline(r, 'png')}>
                {t('relatives.offlineCode')}
              </Button>
              {platform.name === 'h5' && (
                <Button className="btn" loading={doing === 'pdf'} disabled={Boolean(doing)} onClick={() => saveOffline(r, 'pdf')}>
                  {t('relatives.offlinePdf')}
                </Button>
              )}
              <Text className="muted">{t('relatives.offlineHint')}</Text>
              <Button className="btn" onClick={() => Taro.navigateTo({ url: `/pages/records/index?relative=${encodeURIComponent(r.id)}` })}>
                {t('relatives.records')}
              </Button>
              <Button className="btn btn-danger" loading={doing === 'unbind'} disabled={Boolean(doing) || Boolean(cachedAt)} onClick={() => unbind(r)}>
                {t('relatives.unbind')}
              </Button>
              {tooSoon && !n && <Text className="muted" data-testid="unbindable-from">{t('relatives.unbindableFrom', { time: formatDateTime(r.unbindableAt) })}</Text>}
              {n && (
                <View className={`relative-note ${n.ok ? 'ok' : 'error-text'}`} data-testid="note">
                  {n.text.split('\n').map((line) => <View key={line}>{line}</View>)}
                </View>
              )}
            </View>
          </View>
        );
      })}
    </Page>
  );
}
