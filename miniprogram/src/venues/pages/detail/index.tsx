import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import { Page } from '../../../components/Page';
import { useT } from '../../../i18n';
import { api, type ApiError } from '../../../services/api';
import { platform, PlatformCancelled } from '../../../platform';
import { formatDateTime } from '../../../lib/time';
import { StatusBadge } from '../../components/StatusBadge';
import { albumDenied, asApiError } from '../../errors';
import { openPosterPdf, posterPreview, savePoster } from '../../files';
import type { Venue } from '../../types';
import '../../i18n';
import '../../venues.css';

type State = { status: 'loading' } | { status: 'ready'; venue: Venue } | { status: 'error'; error: ApiError };
type Poster = { status: 'loading' } | { status: 'ready'; src: string } | { status: 'error' };
interface Note {
  ok: boolean;
  text: string;
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className="row">
      <Text className="muted">{label}</Text>
      <Text className="value">{value}</Text>
    </View>
  );
}

/**
 * R11-R13: one application. Its details and state; the reviewer's reason when it failed (and
 * "apply again", filled in); for a passed code the poster (PNG to the album, A4 PDF to print)
 * and retiring it, which refuses scans from then on while the records stay.
 */
export default function VenueDetailPage() {
  const { t, lang } = useT();
  const id = useRouter().params?.id ?? '';
  const [state, setState] = useState<State>({ status: 'loading' });
  const [poster, setPoster] = useState<Poster>({ status: 'loading' });
  const [busy, setBusy] = useState<'' | 'png' | 'pdf' | 'retire'>('');
  const [note, setNote] = useState<Note | null>(null);
  const loadId = useRef(0);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('venues.detail.title') });
  }, [lang]);

  const loadPoster = async (venue: Venue) => {
    if (!venue.posterAvailable) return;
    setPoster({ status: 'loading' });
    try {
      setPoster({ status: 'ready', src: await posterPreview(venue.id) });
    } catch {
      setPoster({ status: 'error' });
    }
  };

  /** `refresh`: after a failed action, show what the server now holds, keeping the page when that fails too. */
  const load = async (refresh = false) => {
    const run = ++loadId.current;
    try {
      const venue = await api.get<Venue>(`/me/venues/${encodeURIComponent(id)}`);
      if (run !== loadId.current) return;
      setState({ status: 'ready', venue });
      if (!refresh) void loadPoster(venue);
    } catch (err) {
      if (run === loadId.current && !refresh) setState({ status: 'error', error: asApiError(err) });
    }
  };

  useEffect(() => {
    void load();
  }, [id]);

  const applyAgain = () => Taro.navigateTo({ url: `/venues/pages/apply/index?from=${encodeURIComponent(id)}` });

  /** A download that failed may mean the code changed meanwhile (revoked): the details are asked again. */
  const download = async (what: 'png' | 'pdf') => {
    setNote(null);
    setBusy(what);
    try {
      if (what === 'png') {
        await savePoster(id);
        const text = t(platform.name === 'h5' ? 'venues.detail.downloaded' : 'venues.detail.savedAlbum');
        setNote({ ok: true, text });
        void Taro.showToast({ title: text, icon: 'none' });
      } else if ((await openPosterPdf(id)) === 'downloaded') {
        setNote({ ok: true, text: t('venues.detail.pdfDownloaded') });
      }
    } catch (err) {
      if (err instanceof PlatformCancelled) return;
      setNote({ ok: false, text: t(what === 'png' && albumDenied(err) ? 'venues.detail.albumDenied' : what === 'png' ? 'venues.detail.saveFailed' : 'venues.detail.pdfFailed') });
      void load(true);
    } finally {
      setBusy('');
    }
  };

  /** R12: retiring asks first, saying what it means; the server's refusal is shown as it says it. */
  const retire = async () => {
    setNote(null);
    const answer = await Taro.showModal({
      title: t('venues.detail.retireTitle'),
      content: t('venues.detail.retireContent'),
      confirmText: t('venues.detail.retireConfirm'),
      confirmColor: '#cf222e',
      cancelText: t('common.cancel'),
    });
    if (!answer.confirm) return;
    setBusy('retire');
    try {
      const venue = await api.post<Venue>(`/me/venues/${encodeURIComponent(id)}/retire`);
      setState({ status: 'ready', venue });
      void Taro.showToast({ title: t('venues.detail.retiredToast'), icon: 'success' });
    } catch (err) {
      const error = asApiError(err);
      setNote({ ok: false, text: error.message });
      // Not active any more (revoked meanwhile) or gone: show what the server now holds.
      if (!error.offline) void load(true);
    } finally {
      setBusy('');
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
    const notFound = state.error.code === 'VENUE_NOT_FOUND';
    return (
      <Page>
        <View className="card">
          <View className="card-title">{t('venues.detail.loadFailed')}</View>
          <View className="banner error" data-testid="load-error">{state.error.message}</View>
          {!notFound && <Button className="btn" onClick={() => { setState({ status: 'loading' }); void load(); }}>{t('common.retry')}</Button>}
          <Button className="btn" onClick={() => Taro.redirectTo({ url: '/venues/pages/list/index' })}>{t('venues.detail.backToList')}</Button>
        </View>
      </Page>
    );
  }

  const v = state.venue;
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : '');
  const noteView = note && (
    <View className={note.ok ? 'banner' : 'banner error'} data-testid="note">{note.text}</View>
  );

  return (
    <Page>
      <View className="card venue-item">
        <View className="venue-item-head">
          <Text className="venue-name">{v.name}</Text>
          <StatusBadge status={v.status} />
        </View>
        <View className="venue-facts">
          <Fact label={t('venues.detail.category')} value={`${lang === 'en' ? v.categoryNameEn : v.categoryName}${v.mobile ? ` · ${t('venues.detail.mobile')}` : ''}`} />
          <Fact label={t('venues.field.region')} value={v.regionName ?? v.region} />
          <Fact label={t('venues.field.address')} value={v.address} />
          <Fact label={t(v.mobile ? 'venues.field.operator' : 'venues.field.unit')} value={v.unitName} />
          <Fact label={t('venues.field.uscc')} value={v.socialCreditCode} />
          <Fact label={t('venues.field.phone')} value={v.contactPhone} />
          <Fact label={t('venues.detail.appliedAt')} value={when(v.createdAt)} />
          {v.reviewedAt && <Fact label={t('venues.detail.reviewedAt')} value={when(v.reviewedAt)} />}
          {v.revokedAt && <Fact label={t('venues.detail.revokedAt')} value={when(v.revokedAt)} />}
          {v.retiredAt && <Fact label={t('venues.detail.retiredAt')} value={when(v.retiredAt)} />}
        </View>
      </View>

      {v.status === 'under_review' && (
        <View className="card"><Text className="muted">{t('venues.detail.underReview')}</Text></View>
      )}

      {v.status === 'failed' && (
        <View className="card">
          <View className="card-title">{t('venues.detail.failReason')}</View>
          <View className="banner error" data-testid="fail-reason">{v.failReason}</View>
          <Button className="btn btn-primary" onClick={applyAgain}>{t('venues.detail.applyAgain')}</Button>
        </View>
      )}

      {(v.status === 'revoked' || v.status === 'retired') && (
        <View className="card">
          <View className="banner" data-testid="ended">{t(v.status === 'revoked' ? 'venues.detail.revokedNote' : 'venues.detail.retiredNote')}</View>
          {v.status === 'revoked' && v.revokeReason && (
            <View>
              <View className="card-title">{t('venues.detail.revokeReason')}</View>
              <View className="banner error" data-testid="revoke-reason">{v.revokeReason}</View>
            </View>
          )}
          <Button className="btn" onClick={applyAgain}>{t('venues.detail.applyAgain')}</Button>
        </View>
      )}

      {v.status === 'passed' && (
        <View className="card">
          {v.posterAvailable && (
            <View>
              <View className="card-title">{t('venues.detail.poster')}</View>
              {poster.status === 'loading' && <Text className="muted">{t('venues.detail.posterLoading')}</Text>}
              {poster.status === 'error' && (
                <View className="banner error" data-testid="poster-error">
                  <Text>{t('venues.detail.posterFailed')}</Text>
                  <Button className="btn" size="mini" onClick={() => loadPoster(v)}>{t('common.retry')}</Button>
                </View>
              )}
              {poster.status === 'ready' && <Image className="venue-poster" src={poster.src} mode="aspectFit" ariaLabel={t('venues.detail.posterAlt', { name: v.name })} />}
              <Text className="muted">{t('venues.detail.posterHint')}</Text>
              <Button className="btn btn-primary" loading={busy === 'png'} disabled={Boolean(busy)} onClick={() => download('png')}>{t('venues.detail.saveImage')}</Button>
              <Button className="btn" loading={busy === 'pdf'} disabled={Boolean(busy)} onClick={() => download('pdf')}>{t('venues.detail.pdf')}</Button>
            </View>
          )}
          <Text className="muted">{t('venues.detail.fixHint')}</Text>
          <Button className="btn" onClick={applyAgain}>{t('venues.detail.correct')}</Button>
          <Button className="btn btn-danger" loading={busy === 'retire'} disabled={Boolean(busy)} onClick={retire}>{t('venues.detail.retire')}</Button>
          {noteView}
        </View>
      )}

      {v.status !== 'passed' && noteView}
    </Page>
  );
}
