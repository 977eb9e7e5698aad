import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { z } from 'zod';
import type { declarationListResponse } from '@health-code/shared';
import { Page } from '../../components/Page';
import { useT } from '../../i18n';
import { api, ApiError } from '../../services/api';
import type { Relative, ScanHistory, TestResults, TravelCard, Vaccinations } from '../../services/types';
import { formatDateTime } from '../../lib/time';
import { readSaved, save } from './cache';
import { describeRegion } from './regions';
import { DeclareForm } from './DeclareForm';
import './index.css';

type Declarations = z.infer<typeof declarationListResponse>;
type Tab = 'scans' | 'tests' | 'vaccinations' | 'declarations';
const TABS: Tab[] = ['scans', 'tests', 'vaccinations', 'declarations'];

interface Data {
  scans: { history: ScanHistory; travel: TravelCard };
  tests: TestResults;
  vaccinations: Vaccinations;
  declarations: Declarations;
}

type Load<T> = { status: 'loading' } | { status: 'ready'; data: T; savedAt?: string } | { status: 'error'; error: ApiError };

function fetchTab(base: string, tab: Tab): Promise<Data[Tab]> {
  switch (tab) {
    case 'scans':
      return Promise.all([api.get<ScanHistory>(`${base}/scans`), api.get<TravelCard>(`${base}/travel-card`)]).then(([history, travel]) => ({ history, travel }));
    case 'tests':
      return api.get<TestResults>(`${base}/test-results`);
    case 'vaccinations':
      return api.get<Vaccinations>(`${base}/vaccinations`);
    default:
      return api.get<Declarations>(`${base}/declarations`);
  }
}

function RegionName({ code }: { code: string }) {
  const [name, setName] = useState(code);
  useEffect(() => {
    let live = true;
    void describeRegion(code).then((n) => live && setName(n));
    return () => {
      live = false;
    };
  }, [code]);
  return <>{name}</>;
}

function ScansTab({ data }: { data: Data['scans'] }) {
  const { t } = useT();
  return (
    <View>
      <View className="card" data-testid="scan-history">
        <View className="card-title">{t('records.tab.scans')}</View>
        <View className="muted">{t('records.scans.hint')}</View>
        {data.history.scans.length === 0 && <Text className="muted">{t('records.scans.none')}</Text>}
        {data.history.scans.map((s) => (
          <View key={s.id} className="record">
            <View className="record-title">{s.venueName}</View>
            <View className="muted">{s.venueAddress}</View>
            <View className="row">
              <Text>{formatDateTime(s.enteredAt)}</Text>
              {s.byGuardian && <Text className="muted">{t('records.scans.byGuardian')}</Text>}
            </View>
          </View>
        ))}
      </View>
      <View className="card" data-testid="travel">
        <View className="card-title">{t('records.travel')}</View>
        {data.travel.regions.length === 0 && <Text className="muted">{t('records.travel.none')}</Text>}
        {data.travel.regions.map((r) => (
          <View key={`${r.region}-${r.declared}`} className="row">
            <Text className={r.atRisk ? 'text-red' : ''}>{`${r.province ?? ''}${r.name}${r.declared ? ` (${t('records.travel.declared')})` : ''}`}</Text>
            <Text className={r.atRisk ? 'text-red' : 'muted'}>{r.atRisk && r.risk ? t(`records.travel.risk.${r.risk.level}`) : `${r.from} – ${r.to}`}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function TestsTab({ data }: { data: TestResults }) {
  const { t } = useT();
  return (
    <View className="card" data-testid="tests">
      {data.testResults.length === 0 && <Text className="muted">{t('records.tests.none')}</Text>}
      {data.testResults.map((r) => (
        <View key={r.id} className="record">
          <View className="row">
            <Text className={`record-title ${r.result === 'negative' ? 'text-green' : 'text-red'}`}>{t(`records.tests.${r.result}`)}</Text>
            <Text className="muted">{r.institution}</Text>
          </View>
          <View className="muted">{t('records.tests.sampledAt', { time: formatDateTime(r.sampledAt) })}</View>
        </View>
      ))}
    </View>
  );
}

function VaccinationsTab({ data }: { data: Vaccinations }) {
  const { t } = useT();
  return (
    <View className="card" data-testid="vaccinations">
      {data.vaccinations.length === 0 && <Text className="muted">{t('records.vaccinations.none')}</Text>}
      {data.vaccinations.map((v) => (
        <View key={v.id} className="record">
          <View className="row">
            <Text className="record-title">{`${t('records.vaccinations.dose', { n: v.doseNumber })} · ${v.vaccine}`}</Text>
            <Text className="muted">{v.vaccinatedAt.slice(0, 10)}</Text>
          </View>
          <View className="muted">{v.institution}</View>
        </View>
      ))}
    </View>
  );
}

function DeclarationsTab({ data }: { data: Declarations }) {
  const { t } = useT();
  return (
    <View className="card" data-testid="declarations">
      {data.declarations.length === 0 && <Text className="muted">{t('records.declarations.none')}</Text>}
      {data.declarations.map((d) => (
        <View key={d.id} className="record">
          <View className="record-title">{formatDateTime(d.declaredAt)}</View>
          <View>{d.symptoms.length ? d.symptoms.map((s) => t(`symptom.${s}`)).join('、') : t('records.declarations.noSymptoms')}</View>
          {d.temperature !== null && <View>{t('records.declarations.temperature', { t: d.temperature.toFixed(1) })}</View>}
          {d.trips.map((trip, i) => (
            <View key={i} className="muted">
              <RegionName code={trip.region} />
              {`  ${trip.from} – ${trip.to}`}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

/**
 * My records (R19, R28-R30, R36): the scans of the last 14 days with the cities they passed,
 * test results, vaccinations, and health declarations with a form to make one. With
 * `?relative=<id>`, a bound relative's records through /me/relatives/{id}/....
 */
export default function RecordsPage() {
  const { t } = useT();
  const { params } = useRouter();
  const relativeId = params.relative ? decodeURIComponent(params.relative) : undefined;
  const base = relativeId ? `/me/relatives/${encodeURIComponent(relativeId)}` : '/me';
  const subjectKey = relativeId ? `relative:${relativeId}` : 'self';
  const [tab, setTab] = useState<Tab>(TABS.includes(params.tab as Tab) ? (params.tab as Tab) : 'scans');
  const [loads, setLoads] = useState<Partial<Record<Tab, Load<Data[Tab]>>>>({});
  const [relative, setRelative] = useState<Relative | null>(null);
  const [declaring, setDeclaring] = useState(false);

  const load = async (which: Tab) => {
    setLoads((l) => ({ ...l, [which]: { status: 'loading' } }));
    const key = `${subjectKey}:${which}`;
    try {
      const data = await fetchTab(base, which);
      save(key, data);
      setLoads((l) => ({ ...l, [which]: { status: 'ready', data } }));
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', String(err));
      const saved = error.offline ? readSaved<Data[Tab]>(key) : null;
      setLoads((l) => ({ ...l, [which]: saved ? { status: 'ready', data: saved.data, savedAt: saved.savedAt } : { status: 'error', error } }));
    }
  };

  useEffect(() => {
    if (!loads[tab]) void load(tab);
  }, [tab]);

  useEffect(() => {
    if (!relativeId) return;
    api.get<Relative>(base).then(setRelative, () => undefined);
  }, [relativeId]);

  const current = loads[tab] ?? { status: 'loading' };

  return (
    <Page>
      <View className="card">
        <View className="card-title">{relativeId ? (relative ? t('records.forRelative', { name: relative.name }) : t('records.relative')) : t('records.title')}</View>
        <View className="tabs">
          {TABS.map((name) => (
            <Text key={name} className={`tab ${tab === name ? "active" : ""}`} data-active={tab === name ? "yes" : "no"} onClick={() => setTab(name)}>
              {t(`records.tab.${name}`)}
            </Text>
          ))}
        </View>
      </View>

      {current.status === 'ready' && current.savedAt && (
        <View className="banner" data-testid="offline-banner">{t('common.offline', { since: formatDateTime(current.savedAt) })}</View>
      )}

      {current.status === 'loading' && (
        <View className="card">
          <Text className="muted">{t('common.loading')}</Text>
        </View>
      )}

      {current.status === 'error' && (
        <View className="card" data-testid="load-error">
          <View className="banner error">{current.error.message}</View>
          {current.error.code === 'REGISTRATION_REQUIRED' ? (
            <Button className="btn btn-primary" onClick={() => Taro.navigateTo({ url: '/pages/login/index' })}>{t('code.register')}</Button>
          ) : (
            <Button className="btn" onClick={() => load(tab)}>{t('common.retry')}</Button>
          )}
          {current.error.offline && <Button className="btn" onClick={() => Taro.navigateTo({ url: '/pages/help/index' })}>{t('nav.help')}</Button>}
        </View>
      )}

      {current.status === 'ready' && tab === 'scans' && <ScansTab data={current.data as Data['scans']} />}
      {current.status === 'ready' && tab === 'tests' && <TestsTab data={current.data as TestResults} />}
      {current.status === 'ready' && tab === 'vaccinations' && <VaccinationsTab data={current.data as Vaccinations} />}
      {tab === 'declarations' &&
        (declaring ? (
          <DeclareForm
            base={base}
            onCancel={() => setDeclaring(false)}
            onDone={() => {
              setDeclaring(false);
              void load('declarations');
            }}
          />
        ) : (
          <Button className="btn btn-primary" onClick={() => setDeclaring(true)}>{t('records.declarations.new')}</Button>
        ))}
      {current.status === 'ready' && tab === 'declarations' && <DeclarationsTab data={current.data as Declarations} />}
    </Page>
  );
}
