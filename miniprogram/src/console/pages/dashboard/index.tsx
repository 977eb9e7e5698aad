import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useT } from '../../../i18n';
import { api, type ApiError } from '../../../services/api';
import { formatDateTime } from '../../../lib/time';
import { ConsolePage } from '../../components/ConsolePage';
import { ActionError, ErrorBox, Loading } from '../../components/States';
import { asApiError, useLoad } from '../../useLoad';
import { ChartCard } from '../../dashboard/ChartCard';
import { casesSpec, scansSpec, todaySpec, totalOf, trendSpec, venuesSpec, type CaseContacts, type ColourDistribution, type ScansPerHour, type VenueStates } from '../../dashboard/spec';
import '../../i18n';
import '../../dashboard/i18n';
import '../../console.css';
import '../../dashboard/dashboard.css';

interface Figures {
  scans: ScansPerHour;
  colours: ColourDistribution;
  venues: VenueStates;
  cases: CaseContacts;
  /** When the answers arrived (the phone's clock). */
  at: Date;
}

/** The four reads, together: one server, so one state for the page (and one retry). */
async function loadFigures(): Promise<Figures> {
  const [scans, colours, venues, cases] = await Promise.all([
    api.get<ScansPerHour>('/officials/dashboard/scans-per-hour'),
    api.get<ColourDistribution>('/officials/dashboard/colours'),
    api.get<VenueStates>('/officials/dashboard/venue-states'),
    api.get<CaseContacts>('/officials/dashboard/case-contacts'),
  ]);
  return { scans, colours, venues, cases, at: new Date() };
}

function Dashboard() {
  const { t, lang } = useT();
  const { state, reload, set } = useLoad(loadFigures, []);
  // Made again only when the figures or the language change: a chart redraws when its spec does.
  const specs = useMemo(() => {
    if (state.status !== 'ready') return null;
    const { scans, colours, venues, cases } = state.data;
    return { scans: scansSpec(scans, t), today: todaySpec(colours, t), trend: trendSpec(colours, t), venues: venuesSpec(venues, t), cases: casesSpec(cases, t) };
  }, [state, lang]);
  const [refreshing, setRefreshing] = useState(false);
  const [recomputing, setRecomputing] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);

  const refresh = async () => {
    setRefreshing(true);
    setActionError(null);
    try {
      await reload(state.status === 'ready');
    } finally {
      setRefreshing(false);
    }
  };

  const recompute = async () => {
    if (state.status !== 'ready') return;
    setRecomputing(true);
    setActionError(null);
    try {
      const colours = await api.post<ColourDistribution>('/officials/dashboard/colours/recompute');
      set({ ...state.data, colours });
      void Taro.showToast({ title: t('dash.recomputed'), icon: 'none' });
    } catch (err) {
      setActionError(asApiError(err));
    } finally {
      setRecomputing(false);
    }
  };

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorBox error={state.error} onRetry={() => void reload()} />;
  if (!specs) return <Loading />;
  const { scans, colours, venues, cases, at } = state.data;
  const today = colours.today;
  const noSnapshot = colours.days.every((d) => d.counts === null);

  return (
    <View data-testid="dashboard">
      {/* `|| undefined`: in H5 a disabled={false} button still carries the attribute its style reads as disabled. */}
      <View className="dash-bar">
        <Text className="muted" data-testid="dash-updated">
          {refreshing ? t('dash.refreshing') : t('dash.updatedAt', { time: formatDateTime(at) })}
        </Text>
        <Button className="btn dash-refresh" data-testid="dash-refresh" disabled={refreshing || undefined} onClick={() => void refresh()}>
          {t('dash.refresh')}
        </Button>
      </View>
      <ActionError error={actionError} />
      <View className="dash-grid">
        <ChartCard id="scans" title={t('dash.scans.title')} spec={specs.scans} empty={scans.total === 0 ? t('dash.scans.empty') : null} columns={{ category: t('dash.scans.hour') }} tall />
        <ChartCard
          id="today"
          title={t('dash.today.title')}
          spec={specs.today}
          empty={today.counts === null ? t('dash.today.empty') : totalOf(today) === 0 ? t('dash.today.nobody') : null}
          columns={{ category: t('dash.today.colour') }}
          header={
            today.computedAt ? (
              <Text className="muted dash-note" data-testid="dash-today-computed">
                {t('dash.today.computedAt', { time: formatDateTime(today.computedAt) })}
              </Text>
            ) : null
          }
          footer={
            <Button className="btn" data-testid="dash-recompute" disabled={recomputing || undefined} onClick={() => void recompute()}>
              {recomputing ? t('dash.recomputing') : t('dash.recompute')}
            </Button>
          }
        />
        <ChartCard id="trend" title={t('dash.trend.title')} spec={specs.trend} empty={noSnapshot ? t('dash.trend.empty') : null} columns={{ category: t('dash.trend.day') }} />
        <ChartCard id="venues" title={t('dash.venues.title')} spec={specs.venues} empty={venues.total === 0 ? t('dash.venues.empty') : null} columns={{ category: t('dash.venues.state') }} />
        <ChartCard
          id="cases"
          title={t('dash.cases.title')}
          spec={specs.cases}
          empty={cases.cases.length === 0 ? t('dash.cases.empty') : null}
          columns={{ category: t('dash.cases.case') }}
          footer={<Text className="muted dash-note">{t('dash.cases.note')}</Text>}
        />
      </View>
    </View>
  );
}

/** Issue 6: what is happening, in pictures, for health officials only (the server checks the role too). */
export default function DashboardPage() {
  const { t } = useT();
  return (
    <ConsolePage section="dashboard" title={t('dash.title')}>
      {() => <Dashboard />}
    </ConsolePage>
  );
}
