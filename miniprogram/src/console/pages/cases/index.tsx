import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { Field } from '../../../components/Field';
import { useT } from '../../../i18n';
import { api, type ApiError } from '../../../services/api';
import { ConsolePage } from '../../components/ConsolePage';
import { DateTimeInput, localParts, type DateTimeValue } from '../../components/DateTimeInput';
import { namesField } from '../../components/Dialog';
import { IdNumberInput, idNumberProblem } from '../../components/IdNumberInput';
import { ActionError, Chips, Empty, ErrorBox, KV, Loading, Pager } from '../../components/States';
import { when } from '../../format';
import type { CaseList, CaseSummary, RecordedCase } from '../../types';
import { asApiError, useLoad } from '../../useLoad';
import '../../i18n';
import '../../console.css';

const PAGE_SIZE = 20;
const caseUrl = (id: string) => `/console/pages/case/index?id=${encodeURIComponent(id)}`;

/** R31, R32: record a confirmed case by ID number; tracing runs at once and the report opens. */
function RecordCase({ onRecorded }: { onRecorded: (c: RecordedCase) => void }) {
  const { t, lang } = useT();
  const [idNumber, setIdNumber] = useState('');
  const [onset, setOnset] = useState<DateTimeValue | null>(() => ({ date: localParts(new Date()).date, time: '00:00' }));
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<{ idNumber?: string; onsetDate?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async () => {
    const problems = { idNumber: idNumber ? idNumberProblem(idNumber, lang) : t('console.required'), onsetDate: onset ? undefined : t('console.required') };
    setLocal(problems);
    if (problems.idNumber || problems.onsetDate) return;
    setBusy(true);
    setError(null);
    try {
      const recorded = await api.post<RecordedCase>('/officials/cases', { idNumber: idNumber.trim(), onsetDate: onset!.date, ...(note.trim() ? { note: note.trim() } : {}) });
      // The number is not kept once the case exists: the case shows it masked from now on.
      setIdNumber('');
      setNote('');
      void Taro.showToast({ title: t('console.case.recorded', { total: recorded.report.total }), icon: 'none' });
      onRecorded(recorded);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" data-testid="case-record">
      <View className="card-title">{t('console.case.record')}</View>
      <View className="muted console-gap">{t('console.case.recordHint')}</View>
      <IdNumberInput
        label={t('console.idNumber')}
        value={idNumber}
        onChange={(v) => {
          setIdNumber(v);
          setLocal({ ...local, idNumber: undefined });
        }}
        error={local.idNumber ?? error?.fieldMessage('idNumber') ?? error?.fieldMessage('residentId')}
      />
      <Field label={t('console.case.onsetDate')} error={local.onsetDate ?? error?.fieldMessage('onsetDate')}>
        <DateTimeInput label={t('console.case.onsetDate')} value={onset} onChange={setOnset} withTime={false} testId="case-onset" />
        <Text className="muted">{t('console.case.onsetHint')}</Text>
      </Field>
      <Field label={t('console.case.note')} error={error?.fieldMessage('note')}>
        <Textarea className="input console-textarea" value={note} maxlength={1000} placeholder={t('console.case.notePlaceholder')} ariaLabel={t('console.case.note')} onInput={(e) => setNote(e.detail.value)} />
      </Field>
      {!namesField(error, ['idNumber', 'residentId', 'onsetDate', 'note']) && <ActionError error={error} />}
      <Button className="btn btn-danger" loading={busy} onClick={submit}>
        {t('console.case.recordButton')}
      </Button>
    </View>
  );
}

function CaseCard({ c }: { c: CaseSummary }) {
  const { t } = useT();
  return (
    <View className="card" data-testid={`case-${c.id}`} onClick={() => Taro.navigateTo({ url: caseUrl(c.id) })}>
      <View className="console-card-head">
        <Text className="card-title">{c.person.name}</Text>
        <Text className={`console-badge state-${c.status}`}>{t(`console.case.status.${c.status}`)}</Text>
      </View>
      <KV label={t('console.idNumber')}>{c.person.idNumber}</KV>
      {c.person.phone && <KV label={t('console.phone')}>{c.person.phone}</KV>}
      <KV label={t('console.case.onsetDate')}>{c.onsetDate}</KV>
      <KV label={t('console.case.confirmedAt')}>{when(c.confirmedAt)}</KV>
      <KV label={t('console.case.tracedAt')}>{when(c.tracedAt)}</KV>
      <KV label={t('console.case.contacts')}>{t('console.case.people', { n: c.contacts })}</KV>
      {c.closedAt && <KV label={t('console.case.closedAt')}>{when(c.closedAt)}</KV>}
      {c.closeReason && <KV label={t('console.case.closeReason')}>{c.closeReason}</KV>}
      <Text className="console-link">{t('console.case.open')}</Text>
    </View>
  );
}

function Cases() {
  const { t } = useT();
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const [page, setPage] = useState(1);
  const { state, reload } = useLoad(() => api.get<CaseList>('/officials/cases', { status, page, pageSize: PAGE_SIZE }), [status, page]);
  const shown = useRef(false);
  // Back from a case (closed, traced again): the list says so at once.
  useDidShow(() => {
    if (shown.current) void reload(true);
    shown.current = true;
  });

  return (
    <View className="console-split">
      <RecordCase
        onRecorded={(c) => {
          void reload(true);
          void Taro.navigateTo({ url: caseUrl(c.case.id) });
        }}
      />
      <View>
        <Chips
          options={(['open', 'closed'] as const).map((s) => ({ value: s, text: t(`console.case.list.${s}`) }))}
          value={status}
          onChange={(s) => {
            setStatus(s);
            setPage(1);
          }}
        />
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorBox error={state.error} onRetry={() => reload()} />}
        {state.status === 'ready' && (
          <View>
            {state.data.cases.length === 0 && <Empty />}
            {state.data.cases.map((c) => (
              <CaseCard key={c.id} c={c} />
            ))}
            <Pager page={state.data.page} pageSize={state.data.pageSize} total={state.data.total} onPage={setPage} />
          </View>
        )}
      </View>
    </View>
  );
}

/** Confirmed cases (R31, R32): record one, and the worklist of open and closed cases. */
export default function CasesPage() {
  const { t } = useT();
  return (
    <ConsolePage section="cases" title={t('console.menu.cases')}>
      {() => <Cases />}
    </ConsolePage>
  );
}
