import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { Field } from '../../../components/Field';
import { useT } from '../../../i18n';
import { api, type ApiError } from '../../../services/api';
import { ColourBlock } from '../../components/ColourBlock';
import { ConsolePage } from '../../components/ConsolePage';
import { DateTimeInput, toIso, type DateTimeValue } from '../../components/DateTimeInput';
import { Dialog, namesField } from '../../components/Dialog';
import { IdNumberInput, idNumberProblem } from '../../components/IdNumberInput';
import { ReasonField } from '../../components/ReasonField';
import { ActionError, Chips, ErrorBox, KV, Loading } from '../../components/States';
import { when } from '../../format';
import type { Colour, ResidentColour } from '../../types';
import { asApiError } from '../../useLoad';
import '../../i18n';
import '../../console.css';

const COLOURS: Colour[] = ['green', 'yellow', 'red'];

/** R31: an official's correction of the colour, with a mandatory reason and an optional end. */
function OverrideForm({ person, onDone }: { person: ResidentColour; onDone: (next: ResidentColour) => void }) {
  const { t } = useT();
  const [colour, setColour] = useState<Colour | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState<DateTimeValue | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async () => {
    setMissing(!colour);
    if (!colour) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api.post<ResidentColour>(`/officials/residents/${encodeURIComponent(person.resident.id)}/colour-override`, {
        colour,
        reason,
        ...(expires ? { expiresAt: toIso(expires.date, expires.time) } : {}),
      });
      setReason('');
      setExpires(null);
      setColour(undefined);
      void Taro.showToast({ title: t('console.colour.overridden'), icon: 'success' });
      onDone(next);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" data-testid="override-form">
      <View className="card-title">{t('console.colour.override')}</View>
      <View className="muted console-gap">{t('console.colour.overrideHint')}</View>
      <Field label={t('console.colour.newColour')} error={missing ? t('console.colour.pickColour') : error?.fieldMessage('colour')}>
        <Chips options={COLOURS.map((c) => ({ value: c, text: t(`colour.${c}`) }))} value={colour} onChange={(c) => { setColour(c); setMissing(false); }} />
      </Field>
      <ReasonField label={t('console.colour.reasonRequired')} value={reason} onChange={setReason} error={error} />
      <Field label={t('console.colour.expiresAt')} error={error?.fieldMessage('expiresAt')}>
        <DateTimeInput label={t('console.colour.expiresAt')} value={expires} onChange={setExpires} optional testId="override-expires" />
        {!expires && <Text className="muted">{t('console.colour.noExpiry')}</Text>}
      </Field>
      {!namesField(error, ['colour', 'reason', 'expiresAt']) && <ActionError error={error} />}
      <Button className="btn btn-danger" loading={busy} onClick={submit}>
        {t('console.colour.overrideButton')}
      </Button>
    </View>
  );
}

function Person({ person, onChange }: { person: ResidentColour; onChange: (next: ResidentColour) => void }) {
  const { t } = useT();
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [clearing, setClearing] = useState(false);
  const [reason, setReason] = useState('');
  const [clearBusy, setClearBusy] = useState(false);
  const [clearError, setClearError] = useState<ApiError | null>(null);
  const path = `/officials/residents/${encodeURIComponent(person.resident.id)}`;

  const refresh = async () => {
    setRefreshing(true);
    setError(null);
    try {
      onChange(await api.get<ResidentColour>(`${path}/colour`));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setRefreshing(false);
    }
  };

  /** The override ends: the records decide the colour again (audited). */
  const clear = async () => {
    setClearBusy(true);
    setClearError(null);
    try {
      const next = await api.post<ResidentColour>(`${path}/colour-override/clear`, { reason });
      setClearing(false);
      void Taro.showToast({ title: t('console.colour.cleared'), icon: 'success' });
      onChange(next);
    } catch (err) {
      setClearError(asApiError(err));
    } finally {
      setClearBusy(false);
    }
  };

  return (
    <View>
      <View className="card" data-testid="colour-person">
        <View className="console-card-head">
          <Text className="card-title">{person.resident.name}</Text>
          <Text className="console-link" onClick={refresh}>
            {refreshing ? t('common.loading') : t('console.refresh')}
          </Text>
        </View>
        <KV label={t('console.idNumber')} testId="colour-id">
          {person.resident.idNumber}
        </KV>
        <KV label={t('console.colour.birthDate')}>{person.resident.birthDate}</KV>
        <KV label={t('console.venue.region')}>{person.resident.region}</KV>
        <ActionError error={error} />
        <ColourBlock colour={person.colour} />
      </View>
      {person.override && (
        <View className="card" data-testid="override-current">
          <View className="card-title">{t('console.colour.currentOverride')}</View>
          <KV label={t('console.colour.newColour')}>{t(`colour.${person.override.colour}`)}</KV>
          <KV label={t('console.reason')}>{person.override.reason}</KV>
          <KV label={t('console.colour.setAt')}>{when(person.override.createdAt)}</KV>
          <KV label={t('console.colour.expiresAt')}>{person.override.expiresAt ? when(person.override.expiresAt) : t('console.colour.noExpiry')}</KV>
          <Button
            className="btn"
            onClick={() => {
              setReason('');
              setClearError(null);
              setClearing(true);
            }}
          >
            {t('console.colour.clear')}
          </Button>
        </View>
      )}
      <OverrideForm person={person} onDone={onChange} />
      {clearing && (
        <Dialog
          title={t('console.colour.clearTitle')}
          confirmText={t('console.colour.clear')}
          busy={clearBusy}
          error={clearError}
          showError={!namesField(clearError, ['reason'])}
          onConfirm={clear}
          onCancel={() => setClearing(false)}
        >
          <View className="muted console-gap">{t('console.colour.clearHint')}</View>
          <ReasonField label={t('console.colour.reasonRequired')} value={reason} onChange={setReason} error={clearError} />
        </Dialog>
      )}
    </View>
  );
}

function ColourLookup() {
  const { t, lang } = useT();
  const [idNumber, setIdNumber] = useState('');
  const [local, setLocal] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [person, setPerson] = useState<ResidentColour | null>(null);

  /** The lookup is audited (R33); the number goes in the body only, and is dropped once found. */
  const lookup = async () => {
    const problem = idNumber ? idNumberProblem(idNumber, lang) : t('console.required');
    setLocal(problem);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const found = await api.post<ResidentColour>('/officials/residents/lookup', { idNumber: idNumber.trim() });
      setIdNumber('');
      setPerson(found);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="console-split">
      <View className="card" data-testid="colour-lookup">
        <View className="card-title">{t('console.colour.lookup')}</View>
        <View className="muted console-gap">{t('console.colour.lookupHint')}</View>
        <IdNumberInput
          label={t('console.idNumber')}
          value={idNumber}
          onChange={(v) => {
            setIdNumber(v);
            setLocal(undefined);
          }}
          error={local ?? error?.fieldMessage('idNumber')}
        />
        {!namesField(error, ['idNumber']) && <ActionError error={error} />}
        <Button className="btn btn-primary" loading={busy} onClick={lookup}>
          {t('console.colour.lookupButton')}
        </Button>
      </View>
      <View>{busy && !person ? <Loading /> : person ? <Person person={person} onChange={setPerson} /> : <View className="muted console-empty">{t('console.colour.nobodyYet')}</View>}</View>
    </View>
  );
}

/** Colour lookup and correction (R4, R31, R33): see the colour and its reasons, override it with a reason, clear the override. */
export default function ColourPage() {
  const { t } = useT();
  return (
    <ConsolePage section="colour" title={t('console.menu.colour')}>
      {() => <ColourLookup />}
    </ConsolePage>
  );
}
