import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useT } from '../../../i18n';
import { api, type ApiError } from '../../../services/api';
import { ConsolePage } from '../../components/ConsolePage';
import { Dialog, namesField } from '../../components/Dialog';
import { ReasonField } from '../../components/ReasonField';
import { ActionError, Chips, Empty, ErrorBox, KV, Loading, Pager } from '../../components/States';
import { when } from '../../format';
import type { OfficialVenue, OfficialVenueList, VenueStatus } from '../../types';
import { asApiError, useLoad } from '../../useLoad';
import '../../i18n';
import '../../console.css';

const STATES: VenueStatus[] = ['under_review', 'passed', 'failed', 'revoked', 'retired'];
const PAGE_SIZE = 20;

type Pending = { kind: 'reject' | 'revoke'; venue: OfficialVenue };

function VenueCard({ venue, busy, error, onApprove, onReject, onRevoke }: { venue: OfficialVenue; busy: boolean; error: ApiError | null; onApprove: () => void; onReject: () => void; onRevoke: () => void }) {
  const { t, lang } = useT();
  return (
    <View className="card" data-testid={`venue-${venue.id}`}>
      <View className="console-card-head">
        <Text className="card-title">{venue.name}</Text>
        <Text className={`console-badge state-${venue.status}`}>{t(`console.venue.status.${venue.status}`)}</Text>
      </View>
      <KV label={t('console.venue.category')}>
        {lang === 'en' ? venue.categoryNameEn : venue.categoryName}
        {venue.mobile ? ` · ${t('console.venue.mobile')}` : ''}
      </KV>
      <KV label={t('console.venue.address')}>{venue.address}</KV>
      <KV label={t('console.venue.region')}>{venue.regionName ?? venue.region}</KV>
      <KV label={t(venue.mobile ? 'console.venue.operator' : 'console.venue.unit')}>{venue.unitName}</KV>
      <KV label={t('console.venue.uscc')}>{venue.socialCreditCode}</KV>
      <KV label={t('console.venue.applicant')} testId="venue-applicant">{venue.owner.name}</KV>
      <KV label={t('console.venue.phone')} testId="venue-phone">{venue.contactPhone}</KV>
      <KV label={t('console.venue.appliedAt')}>{when(venue.createdAt)}</KV>
      {venue.reviewedAt && <KV label={t('console.venue.reviewedAt')}>{when(venue.reviewedAt)}</KV>}
      {venue.failReason && <KV label={t('console.venue.failReason')}>{venue.failReason}</KV>}
      {venue.revokedAt && <KV label={t('console.venue.revokedAt')}>{when(venue.revokedAt)}</KV>}
      {venue.revokeReason && <KV label={t('console.venue.revokeReason')}>{venue.revokeReason}</KV>}
      {venue.retiredAt && <KV label={t('console.venue.retiredAt')}>{when(venue.retiredAt)}</KV>}
      <ActionError error={error} />
      {venue.status === 'under_review' && (
        <View className="console-actions">
          <Button className="btn btn-primary" loading={busy} onClick={onApprove}>
            {t('console.venue.approve')}
          </Button>
          <Button className="btn btn-danger" disabled={busy} onClick={onReject}>
            {t('console.venue.reject')}
          </Button>
        </View>
      )}
      {venue.status === 'passed' && (
        <View className="console-actions">
          <Button className="btn btn-danger" loading={busy} onClick={onRevoke}>
            {t('console.venue.revoke')}
          </Button>
        </View>
      )}
    </View>
  );
}

function VenueReview() {
  const { t } = useT();
  const [status, setStatus] = useState<VenueStatus>('under_review');
  const [page, setPage] = useState(1);
  const { state, reload } = useLoad(() => api.get<OfficialVenueList>('/officials/venues', { status, page, pageSize: PAGE_SIZE }), [status, page]);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, ApiError>>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const [dialogError, setDialogError] = useState<ApiError | null>(null);

  const failed = (id: string, error: ApiError | null) =>
    setErrors((all) => {
      const next = { ...all };
      if (error) next[id] = error;
      else delete next[id];
      return next;
    });

  /** R11: passing assigns the code; the owner can then download the poster. */
  const approve = async (venue: OfficialVenue) => {
    failed(venue.id, null);
    const answer = await Taro.showModal({ title: t('console.venue.approveTitle'), content: t('console.venue.approveContent', { name: venue.name }), confirmText: t('console.venue.approve'), cancelText: t('common.cancel') });
    if (!answer.confirm) return;
    setBusy(venue.id);
    try {
      await api.post(`/officials/venues/${encodeURIComponent(venue.id)}/approve`);
      void Taro.showToast({ title: t('console.venue.approved'), icon: 'success' });
      await reload(true);
    } catch (err) {
      failed(venue.id, asApiError(err));
    } finally {
      setBusy(null);
    }
  };

  const open = (kind: Pending['kind'], venue: OfficialVenue) => {
    failed(venue.id, null);
    setReason('');
    setDialogError(null);
    setPending({ kind, venue });
  };

  /** R11 (fail with a reason the owner reads) and R12 (revoke a passed code: it refuses scans). */
  const submitReason = async () => {
    if (!pending) return;
    setBusy(pending.venue.id);
    setDialogError(null);
    try {
      await api.post(`/officials/venues/${encodeURIComponent(pending.venue.id)}/${pending.kind}`, { reason });
      void Taro.showToast({ title: t(pending.kind === 'reject' ? 'console.venue.rejected' : 'console.venue.revoked'), icon: 'success' });
      setPending(null);
      await reload(true);
    } catch (err) {
      setDialogError(asApiError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <View>
      <Chips
        options={STATES.map((s) => ({ value: s, text: t(`console.venue.status.${s}`) }))}
        value={status}
        onChange={(s) => {
          setStatus(s);
          setPage(1);
        }}
      />
      {status === 'under_review' && <View className="muted console-gap">{t('console.venue.queueHint')}</View>}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorBox error={state.error} onRetry={() => reload()} />}
      {state.status === 'ready' && (
        <View>
          {state.data.venues.length === 0 && <Empty text={t(status === 'under_review' ? 'console.venue.queueEmpty' : 'common.none')} />}
          <View className="console-grid">
            {state.data.venues.map((v) => (
              <VenueCard
                key={v.id}
                venue={v}
                busy={busy === v.id}
                error={errors[v.id] ?? null}
                onApprove={() => approve(v)}
                onReject={() => open('reject', v)}
                onRevoke={() => open('revoke', v)}
              />
            ))}
          </View>
          <Pager page={state.data.page} pageSize={state.data.pageSize} total={state.data.total} onPage={setPage} />
        </View>
      )}
      {pending && (
        <Dialog
          title={t(pending.kind === 'reject' ? 'console.venue.rejectTitle' : 'console.venue.revokeTitle', { name: pending.venue.name })}
          confirmText={t(pending.kind === 'reject' ? 'console.venue.reject' : 'console.venue.revoke')}
          danger
          busy={busy === pending.venue.id}
          error={dialogError}
          showError={!namesField(dialogError, ['reason'])}
          onConfirm={submitReason}
          onCancel={() => setPending(null)}
        >
          <View className="muted console-gap">{t(pending.kind === 'reject' ? 'console.venue.rejectHint' : 'console.venue.revokeHint')}</View>
          <ReasonField label={t('console.reason')} value={reason} onChange={setReason} error={dialogError} />
        </Dialog>
      )}
    </View>
  );
}

/** The venue review queue (R11, R12, R31): approve, fail with a reason, revoke a passed code. */
export default function VenuesPage() {
  const { t } = useT();
  return (
    <ConsolePage section="venues" title={t('console.menu.venues')}>
      {() => <VenueReview />}
    </ConsolePage>
  );
}
