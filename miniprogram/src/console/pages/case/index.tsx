import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useT } from '../../../i18n';
import { api, type ApiError } from '../../../services/api';
import { ConsolePage } from '../../components/ConsolePage';
import { Dialog, namesField } from '../../components/Dialog';
import { ReasonField } from '../../components/ReasonField';
import { ActionError, Empty, ErrorBox, KV, Loading } from '../../components/States';
import { duration, when } from '../../format';
import type { CaseSummary, TraceReport } from '../../types';
import { asApiError, useLoad } from '../../useLoad';
import '../../i18n';
import '../../console.css';

interface CaseData {
  summary: CaseSummary;
  report: TraceReport;
}

/** R32: the contacts found at one venue, each masked, with the times of his scans there. */
function VenueBlock({ venue, report }: { venue: TraceReport['venues'][number]; report: TraceReport }) {
  const { t } = useT();
  const people = report.contacts
    .map((c) => ({ person: c, times: c.encounters.filter((e) => e.venueId === venue.venueId) }))
    .filter((x) => x.times.length > 0);
  return (
    <View className="card" data-testid={`trace-venue-${venue.venueId}`}>
      <View className="console-card-head">
        <Text className="card-title">{venue.venueName}</Text>
        <Text className="console-badge">{t('console.case.people', { n: venue.contacts })}</Text>
      </View>
      <KV label={t('console.venue.region')}>{venue.regionName}</KV>
      <KV label={t('console.case.caseVisits', { n: venue.caseVisits })}>
        {venue.visitTimes.map((v) => (
          <View key={v}>{when(v)}</View>
        ))}
      </KV>
      {people.length === 0 && <View className="muted">{t('console.case.noContactsHere')}</View>}
      {people.length > 0 && (
        <View className="console-table">
          <View className="console-tr console-th">
            <Text className="console-td">{t('console.name')}</Text>
            <Text className="console-td">{t('console.idNumber')}</Text>
            <Text className="console-td">{t('console.phone')}</Text>
            <Text className="console-td">{t('console.case.scannedAt')}</Text>
          </View>
          {people.map(({ person, times }) => (
            <View key={person.residentId} className="console-tr" data-testid={`contact-${person.residentId}`}>
              <Text className="console-td">{person.name}</Text>
              <Text className="console-td">{person.idNumber}</Text>
              <Text className="console-td">{person.phone ?? '—'}</Text>
              <View className="console-td">
                {times.map((e) => (
                  <View key={e.at}>{when(e.at)}</View>
                ))}
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

function CaseReport({ id }: { id: string }) {
  const { t, lang } = useT();
  const { state, reload, set } = useLoad<CaseData>(async () => {
    const [summary, report] = await Promise.all([
      api.get<CaseSummary>(`/officials/cases/${encodeURIComponent(id)}`),
      api.get<TraceReport>(`/officials/cases/${encodeURIComponent(id)}/report`),
    ]);
    return { summary, report };
  }, [id]);
  const [tracing, setTracing] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState('');
  const [closeBusy, setCloseBusy] = useState(false);
  const [closeError, setCloseError] = useState<ApiError | null>(null);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorBox error={state.error} onRetry={() => reload()} />;
  const { summary, report } = state.data;

  /** R32: scans that reached the server later are traced too; only new contacts are added. */
  const retrace = async () => {
    setTracing(true);
    setActionError(null);
    try {
      const next = await api.post<TraceReport>(`/officials/cases/${encodeURIComponent(id)}/trace`);
      set({ summary: { ...summary, tracedAt: next.tracedAt, contacts: next.total }, report: next });
      void Taro.showToast({ title: t('console.case.traced', { added: Math.max(0, next.total - report.total), total: next.total }), icon: 'none' });
    } catch (err) {
      setActionError(asApiError(err));
    } finally {
      setTracing(false);
    }
  };

  const close = async () => {
    setCloseBusy(true);
    setCloseError(null);
    try {
      const closed = await api.post<CaseSummary>(`/officials/cases/${encodeURIComponent(id)}/close`, { reason });
      set({ summary: { ...summary, ...closed }, report });
      setClosing(false);
      void Taro.showToast({ title: t('console.case.closed'), icon: 'success' });
    } catch (err) {
      setCloseError(asApiError(err));
    } finally {
      setCloseBusy(false);
    }
  };

  return (
    <View>
      <View className="console-split">
        <View className="card" data-testid="case-summary">
          <View className="console-card-head">
            <Text className="card-title">{summary.person.name}</Text>
            <Text className={`console-badge state-${summary.status}`}>{t(`console.case.status.${summary.status}`)}</Text>
          </View>
          <KV label={t('console.idNumber')}>{summary.person.idNumber}</KV>
          {summary.person.phone && <KV label={t('console.phone')}>{summary.person.phone}</KV>}
          <KV label={t('console.case.onsetDate')}>{summary.onsetDate}</KV>
          <KV label={t('console.case.confirmedAt')}>{when(summary.confirmedAt)}</KV>
          {summary.note && <KV label={t('console.case.note')}>{summary.note}</KV>}
          {summary.closedAt && <KV label={t('console.case.closedAt')}>{when(summary.closedAt)}</KV>}
          {summary.closeReason && <KV label={t('console.case.closeReason')}>{summary.closeReason}</KV>}
          <ActionError error={actionError} />
          {summary.status === 'open' && (
            <View className="console-actions">
              <Button className="btn btn-primary" loading={tracing} onClick={retrace}>
                {t('console.case.retrace')}
              </Button>
              <Button
                className="btn btn-danger"
                disabled={tracing}
                onClick={() => {
                  setReason('');
                  setCloseError(null);
                  setClosing(true);
                }}
              >
                {t('console.case.close')}
              </Button>
            </View>
          )}
        </View>
        <View className="card" data-testid="case-trace">
          <View className="card-title">{t('console.case.report')}</View>
          <KV label={t('console.case.tracedAt')}>{when(report.tracedAt)}</KV>
          {report.period && <KV label={t('console.case.period')}>{`${when(report.period.from)} — ${when(report.period.to)}`}</KV>}
          {report.window && (
            <KV label={t('console.case.window')}>{t('console.case.windowText', { before: duration(report.window.beforeMinutes, lang), after: duration(report.window.afterMinutes, lang) })}</KV>
          )}
          <KV label={t('console.case.venues')}>{String(report.venues.length)}</KV>
          <KV label={t('console.case.contacts')} testId="case-total">
            {t('console.case.people', { n: report.total })}
          </KV>
          <View className="muted">{t('console.case.maskedNote')}</View>
        </View>
      </View>
      {report.venues.length === 0 && <Empty text={t('console.case.noVisits')} />}
      <View className="console-grid">
        {report.venues.map((v) => (
          <VenueBlock key={v.venueId} venue={v} report={report} />
        ))}
      </View>
      {closing && (
        <Dialog
          title={t('console.case.closeTitle', { name: summary.person.name })}
          confirmText={t('console.case.close')}
          danger
          busy={closeBusy}
          error={closeError}
          showError={!namesField(closeError, ['reason'])}
          onConfirm={close}
          onCancel={() => setClosing(false)}
        >
          <View className="muted console-gap">{t('console.case.closeHint')}</View>
          <ReasonField label={t('console.reason')} value={reason} onChange={setReason} error={closeError} />
        </Dialog>
      )}
    </View>
  );
}

/** One case's tracing report (R32): the case's visits and the contacts found at each venue, masked. */
export default function CasePage() {
  const { t } = useT();
  const { params } = useRouter();
  const id = String(params.id ?? '');
  return (
    <ConsolePage section="cases" title={t('console.case.title')}>
      {() => (id ? <CaseReport id={id} /> : <Empty text={t('console.case.noId')} />)}
    </ConsolePage>
  );
}
