import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { Field } from '../../../components/Field';
import { useT } from '../../../i18n';
import { api, type ApiError } from '../../../services/api';
import { ConsolePage } from '../../components/ConsolePage';
import { DateTimeInput, toIso, type DateTimeValue } from '../../components/DateTimeInput';
import { Dialog, namesField } from '../../components/Dialog';
import { RegionSelect, chosenRegion, type RegionPath } from '../../components/RegionSelect';
import { ActionError, Chips, Empty, ErrorBox, KV, Loading } from '../../components/States';
import { when } from '../../format';
import type { RiskArea, RiskAreaList } from '../../types';
import { asApiError, useLoad } from '../../useLoad';
import '../../i18n';
import '../../console.css';

type Level = RiskArea['level'];
const iso = (v: DateTimeValue | null) => (v ? toIso(v.date, v.time) : undefined);

function RiskAreas() {
  const { t } = useT();
  const { state, reload } = useLoad(() => api.get<RiskAreaList>('/risk-areas'), []);
  const [path, setPath] = useState<RegionPath>({});
  const [level, setLevel] = useState<Level>('medium');
  const [startsAt, setStartsAt] = useState<DateTimeValue | null>(null);
  const [endsAt, setEndsAt] = useState<DateTimeValue | null>(null);
  const [declaring, setDeclaring] = useState(false);
  const [declareError, setDeclareError] = useState<ApiError | null>(null);
  const [regionMissing, setRegionMissing] = useState(false);
  const [ending, setEnding] = useState<{ area: RiskArea; at: DateTimeValue | null } | null>(null);
  const [endBusy, setEndBusy] = useState(false);
  const [endError, setEndError] = useState<ApiError | null>(null);

  /** R31: a medium or high risk area from a time (now when none is given), until ended or until a set time. */
  const declare = async () => {
    const region = chosenRegion(path);
    setRegionMissing(!region);
    if (!region) return;
    setDeclaring(true);
    setDeclareError(null);
    try {
      const ends = iso(endsAt);
      await api.post('/officials/risk-areas', { region: region.code, level, startsAt: iso(startsAt) ?? new Date().toISOString(), ...(ends ? { endsAt: ends } : {}) });
      void Taro.showToast({ title: t('console.risk.declared'), icon: 'success' });
      setPath({});
      setStartsAt(null);
      setEndsAt(null);
      await reload(true);
    } catch (err) {
      setDeclareError(asApiError(err));
    } finally {
      setDeclaring(false);
    }
  };

  const end = async () => {
    if (!ending) return;
    setEndBusy(true);
    setEndError(null);
    try {
      const at = iso(ending.at);
      await api.post(`/officials/risk-areas/${encodeURIComponent(ending.area.id)}/end`, at ? { endsAt: at } : {});
      void Taro.showToast({ title: t('console.risk.ended'), icon: 'success' });
      setEnding(null);
      await reload(true);
    } catch (err) {
      setEndError(asApiError(err));
    } finally {
      setEndBusy(false);
    }
  };

  const areas = state.status === 'ready' ? [...state.data.riskAreas].sort((a, b) => a.region.localeCompare(b.region) || a.startsAt.localeCompare(b.startsAt)) : [];

  return (
    <View className="console-split">
      <View className="card" data-testid="risk-declare">
        <View className="card-title">{t('console.risk.declare')}</View>
        <Field label={t('console.risk.region')} error={regionMissing ? t('console.risk.regionMissing') : declareError?.fieldMessage('region')}>
          <RegionSelect value={path} onChange={(p) => { setPath(p); setRegionMissing(false); }} />
        </Field>
        <Field label={t('console.risk.level')}>
          <Chips options={(['medium', 'high'] as const).map((l) => ({ value: l, text: t(`console.risk.level.${l}`) }))} value={level} onChange={setLevel} />
        </Field>
        <Field label={t('console.risk.startsAt')} error={declareError?.fieldMessage('startsAt')}>
          <DateTimeInput label={t('console.risk.startsAt')} value={startsAt} onChange={setStartsAt} optional testId="risk-starts" />
          {!startsAt && <Text className="muted">{t('console.risk.startsNow')}</Text>}
        </Field>
        <Field label={t('console.risk.endsAt')} error={declareError?.fieldMessage('endsAt')}>
          <DateTimeInput label={t('console.risk.endsAt')} value={endsAt} onChange={setEndsAt} optional testId="risk-ends" />
          {!endsAt && <Text className="muted">{t('console.risk.untilEnded')}</Text>}
        </Field>
        {!namesField(declareError, ['region', 'startsAt', 'endsAt']) && <ActionError error={declareError} />}
        <Button className="btn btn-primary" loading={declaring} onClick={declare}>
          {t('console.risk.declareButton')}
        </Button>
      </View>
      <View>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorBox error={state.error} onRetry={() => reload()} />}
        {state.status === 'ready' && areas.length === 0 && <Empty text={t('console.risk.none')} />}
        {areas.map((a) => (
          <View key={a.id} className="card" data-testid={`risk-${a.id}`}>
            <View className="console-card-head">
              <Text className="card-title">{a.regionName ?? a.region}</Text>
              <Text className={`console-badge level-${a.level}`}>{t(`console.risk.level.${a.level}`)}</Text>
            </View>
            <KV label={t('console.risk.code')}>{a.region}</KV>
            <KV label={t('console.risk.period')}>{`${when(a.startsAt)} — ${a.endsAt ? when(a.endsAt) : t('console.risk.untilEnded')}`}</KV>
            <KV label={t('console.risk.state')}>{t(a.active ? 'console.risk.inForce' : 'console.risk.announced')}</KV>
            <View className="console-actions">
              <Button className="btn btn-danger" onClick={() => { setEndError(null); setEnding({ area: a, at: null }); }}>
                {t('console.risk.end')}
              </Button>
            </View>
          </View>
        ))}
        {state.status === 'ready' && <Text className="muted">{t('console.risk.asOf', { time: when(state.data.asOf) })}</Text>}
      </View>
      {ending && (
        <Dialog
          title={t('console.risk.endTitle', { name: ending.area.regionName ?? ending.area.region })}
          confirmText={t('console.risk.end')}
          danger
          busy={endBusy}
          error={endError}
          showError={!namesField(endError, ['endsAt'])}
          onConfirm={end}
          onCancel={() => setEnding(null)}
        >
          <Field label={t('console.risk.endsAt')} error={endError?.fieldMessage('endsAt')}>
            <DateTimeInput label={t('console.risk.endsAt')} value={ending.at} onChange={(at) => setEnding({ ...ending, at })} optional testId="risk-end-at" />
          </Field>
          {!ending.at && <View className="muted">{t('console.risk.endNow')}</View>}
        </Dialog>
      )}
    </View>
  );
}

/** Risk areas by region, with level and period (R30, R31): declare one, end one. */
export default function RiskAreasPage() {
  const { t } = useT();
  return (
    <ConsolePage section="riskAreas" title={t('console.menu.riskAreas')}>
      {() => <RiskAreas />}
    </ConsolePage>
  );
}
