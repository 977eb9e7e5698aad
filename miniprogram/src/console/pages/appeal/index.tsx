import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { errorMessage } from '@health-code/shared';
import { Field } from '../../../components/Field';
import { useT } from '../../../i18n';
import { api, binaryRequest, type ApiError } from '../../../services/api';
import { ConsolePage } from '../../components/ConsolePage';
import { DateTimeInput, toIso, type DateTimeValue } from '../../components/DateTimeInput';
import { Dialog, namesField } from '../../components/Dialog';
import { ReasonField } from '../../components/ReasonField';
import { Chips, Empty, ErrorBox, KV, Loading } from '../../components/States';
import { when } from '../../format';
import type { Colour, OfficialAppeal } from '../../types';
import { asApiError, useLoad } from '../../useLoad';
import '../../i18n';
import '../../console.css';

type Evidence = { status: 'idle' } | { status: 'loading' } | { status: 'shown'; src: string } | { status: 'failed'; message: string };
type Answering = { kind: 'accept' | 'refuse'; colour: Colour; answer: string; expires: DateTimeValue | null };

/** The report photo, fetched with the session (the address alone shows nothing); each look is audited (R33). */
function EvidenceView({ id }: { id: string }) {
  const { t, lang } = useT();
  const [evidence, setEvidence] = useState<Evidence>({ status: 'idle' });
  const serverLang = lang === 'en' ? 'en-US' : 'zh-CN';

  const load = async () => {
    setEvidence({ status: 'loading' });
    try {
      const request = await binaryRequest(`/officials/appeals/${encodeURIComponent(id)}/evidence`, 'evidence');
      const file = await Taro.downloadFile({ url: request.url, header: request.headers });
      if (file.statusCode === 200) setEvidence({ status: 'shown', src: file.tempFilePath });
      else if (file.statusCode === 404) setEvidence({ status: 'failed', message: errorMessage('APPEAL_EVIDENCE_NOT_FOUND', serverLang) });
      else if (file.statusCode === 403) setEvidence({ status: 'failed', message: errorMessage('ROLE_FORBIDDEN', serverLang) });
      else setEvidence({ status: 'failed', message: t('console.appeal.evidenceFailed', { status: file.statusCode }) });
    } catch {
      setEvidence({ status: 'failed', message: t('console.offline') });
    }
  };

  if (evidence.status === 'shown') {
    return (
      <View className="console-evidence" data-testid="appeal-evidence">
        <Image src={evidence.src} mode="widthFix" className="console-evidence-image" ariaLabel={t('console.appeal.evidence')} onClick={() => Taro.previewImage({ urls: [evidence.src], current: evidence.src })} />
      </View>
    );
  }
  return (
    <View>
      {evidence.status === 'failed' && <View className="banner error" data-testid="appeal-evidence-error">{evidence.message}</View>}
      <Button className="btn" loading={evidence.status === 'loading'} onClick={load}>
        {t('console.appeal.showEvidence')}
      </Button>
    </View>
  );
}

function AppealDetail({ id }: { id: string }) {
  const { t } = useT();
  const { state, reload, set } = useLoad(() => api.get<OfficialAppeal>(`/officials/appeals/${encodeURIComponent(id)}`), [id]);
  const [answering, setAnswering] = useState<Answering | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorBox error={state.error} onRetry={() => reload()} />;
  const a = state.data;

  const open = (kind: Answering['kind']) => {
    setError(null);
    setAnswering({ kind, colour: a.colourAtFiling === 'red' ? 'yellow' : 'green', answer: '', expires: null });
  };

  /** Accepting corrects the colour through the audited override (R31); refusing sends the reason the person reads. */
  const submit = async () => {
    if (!answering) return;
    setBusy(true);
    setError(null);
    try {
      const body =
        answering.kind === 'accept'
          ? { colour: answering.colour, answer: answering.answer, ...(answering.expires ? { expiresAt: toIso(answering.expires.date, answering.expires.time) } : {}) }
          : { answer: answering.answer };
      const next = await api.post<OfficialAppeal>(`/officials/appeals/${encodeURIComponent(id)}/${answering.kind}`, body);
      set(next);
      setAnswering(null);
      void Taro.showToast({ title: t(answering.kind === 'accept' ? 'console.appeal.accepted' : 'console.appeal.refused'), icon: 'success' });
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="console-split">
      <View className="card" data-testid="appeal-detail">
        <View className="console-card-head">
          <Text className="card-title">{a.person?.name ?? t('console.appeal.unknownPerson')}</Text>
          <Text className="console-badge">{t(`console.appeal.status.${a.status}`)}</Text>
        </View>
        {a.person && <KV label={t('console.idNumber')}>{a.person.idNumber}</KV>}
        <KV label={t('console.appeal.colourAtFiling')}>
          <Text className={`text-${a.colourAtFiling}`}>{t(`colour.${a.colourAtFiling}`)}</Text>
        </KV>
        <KV label={t('console.appeal.filedAt')}>{when(a.createdAt)}</KV>
        {a.byGuardian && <KV label={t('console.appeal.filedBy')}>{t('console.appeal.byGuardian')}</KV>}
        <KV label={t('console.appeal.reason')}>{a.reason}</KV>
        {a.answeredAt && <KV label={t('console.appeal.answeredAt')}>{when(a.answeredAt)}</KV>}
        {a.correctedColour && <KV label={t('console.appeal.correctedColour')}>{t(`colour.${a.correctedColour}`)}</KV>}
        {a.answer && <KV label={t('console.appeal.answer')}>{a.answer}</KV>}
        {a.status === 'open' && (
          <View className="console-actions">
            <Button className="btn btn-primary" onClick={() => open('accept')}>
              {t('console.appeal.accept')}
            </Button>
            <Button className="btn btn-danger" onClick={() => open('refuse')}>
              {t('console.appeal.refuse')}
            </Button>
          </View>
        )}
      </View>
      <View className="card">
        <View className="card-title">{t('console.appeal.evidence')}</View>
        {a.hasEvidence ? <EvidenceView id={a.id} /> : <View className="muted">{t('console.appeal.noEvidence')}</View>}
      </View>
      {answering && (
        <Dialog
          title={t(answering.kind === 'accept' ? 'console.appeal.acceptTitle' : 'console.appeal.refuseTitle')}
          confirmText={t(answering.kind === 'accept' ? 'console.appeal.accept' : 'console.appeal.refuse')}
          danger={answering.kind === 'refuse'}
          busy={busy}
          error={error}
          showError={!namesField(error, ['colour', 'answer', 'expiresAt'])}
          onConfirm={submit}
          onCancel={() => setAnswering(null)}
        >
          {answering.kind === 'accept' && (
            <View>
              <View className="muted console-gap">{t('console.appeal.acceptHint')}</View>
              <Field label={t('console.appeal.correctedColour')} error={error?.fieldMessage('colour')}>
                <Chips options={(['green', 'yellow', 'red'] as const).map((c) => ({ value: c, text: t(`colour.${c}`) }))} value={answering.colour} onChange={(colour) => setAnswering({ ...answering, colour })} />
              </Field>
            </View>
          )}
          <ReasonField label={t('console.appeal.answerLabel')} value={answering.answer} onChange={(answer) => setAnswering({ ...answering, answer })} error={error} path="answer" />
          {answering.kind === 'accept' && (
            <Field label={t('console.colour.expiresAt')} error={error?.fieldMessage('expiresAt')}>
              <DateTimeInput label={t('console.colour.expiresAt')} value={answering.expires} onChange={(expires) => setAnswering({ ...answering, expires })} optional testId="appeal-expires" />
            </Field>
          )}
        </Dialog>
      )}
    </View>
  );
}

/** One appeal: the person (masked), the reason, the evidence, and the answer (accept with the corrected colour, or refuse). */
export default function AppealPage() {
  const { t } = useT();
  const { params } = useRouter();
  const id = String(params.id ?? '');
  return (
    <ConsolePage section="appeals" title={t('console.appeal.title')}>
      {() => (id ? <AppealDetail id={id} /> : <Empty text={t('console.appeal.noId')} />)}
    </ConsolePage>
  );
}
