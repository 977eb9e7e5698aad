import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';
import type { ColourView } from '../../services/types';
import { when } from '../format';

/** A person's colour as the rules computed it, with each reason and the measures that follow (R4). */
export function ColourBlock({ colour }: { colour: ColourView }) {
  const { t } = useT();
  return (
    <View className="console-colour" data-testid="colour-block" data-colour={colour.colour}>
      <View className={`console-colour-head colour-${colour.colour}`}>
        <Text className="console-colour-name">{t(`colour.${colour.colour}`)}</Text>
        <Text>{t(`colour.${colour.colour}.hint`)}</Text>
        {colour.vaccinated && <Text className="console-shield">{`🛡 ${t('console.colour.vaccinated')}`}</Text>}
      </View>
      {colour.reasons.length > 0 && (
        <View className="console-gap">
          <View className="field-label">{t('console.colour.reasons')}</View>
          {colour.reasons.map((r, i) => (
            <View key={`${r.code}-${i}`} className="console-reason" data-testid="colour-reason">
              <Text>{r.message}</Text>
              {(r.detail || r.at) && <Text className="muted">{[r.detail, r.at ? when(r.at) : ''].filter(Boolean).join(' · ')}</Text>}
            </View>
          ))}
        </View>
      )}
      {colour.measures.length > 0 && (
        <View className="console-gap">
          <View className="field-label">{t('console.colour.measures')}</View>
          {colour.measures.map((m) => (
            <View key={m.code} className="console-reason">
              {m.message}
            </View>
          ))}
        </View>
      )}
      <Text className="muted">{t('console.colour.computedAt', { time: when(colour.computedAt) })}</Text>
    </View>
  );
}
