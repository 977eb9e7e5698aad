import { View, Text } from '@tarojs/components';
import { useT } from '../i18n';
import type { TestResults, TravelCard, Vaccinations } from '../services/types';

export interface Summary {
  tests: TestResults | null;
  vaccinations: Vaccinations | null;
  travel: TravelCard | null;
}

const day = (iso: string) => iso.slice(0, 10);

/** Below the code and never veiled (R6): latest test, vaccination and the travel card. */
export function RecordsSummary({ summary }: { summary: Summary }) {
  const { t } = useT();
  const latest = summary.tests?.testResults[0];
  const doses = summary.vaccinations?.vaccinations.length ?? 0;
  return (
    <View>
      <View className="card" data-testid="latest-test">
        <View className="card-title">{t('code.latestTest')}</View>
        {latest ? (
          <View className="row">
            <Text className={latest.result === 'negative' ? 'text-green' : 'text-red'}>{t(`code.${latest.result}`)}</Text>
            <Text className="muted">{`${day(latest.sampledAt)} · ${latest.institution}`}</Text>
          </View>
        ) : (
          <Text className="muted">{t('code.noTest')}</Text>
        )}
      </View>
      <View className="card" data-testid="vaccination">
        <View className="card-title">{t('code.vaccination')}</View>
        <Text className={doses ? '' : 'muted'}>{doses ? t('code.doses', { n: doses }) : t('code.noVaccination')}</Text>
      </View>
      <View className="card" data-testid="travel-card">
        <View className="card-title">{t('code.travel')}</View>
        {summary.travel && summary.travel.regions.length > 0 ? (
          summary.travel.regions.map((r) => (
            <View key={`${r.region}-${r.declared}`} className="row">
              <Text className={r.atRisk ? 'text-red' : ''}>{`${r.province ?? ''}${r.name}${r.declared ? ` (${t('code.declared')})` : ''}`}</Text>
              <Text className="muted">{r.atRisk ? t('code.atRisk') : `${r.from} – ${r.to}`}</Text>
            </View>
          ))
        ) : (
          <Text className="muted">{t('code.noTravel')}</Text>
        )}
      </View>
    </View>
  );
}
