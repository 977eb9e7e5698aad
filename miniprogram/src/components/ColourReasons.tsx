import { View, Text, Button } from '@tarojs/components';
import { useT } from '../i18n';
import type { ColourView } from '../services/types';

/** The pop-up of R4: why the colour is not green, and what to do; an appeal starts from here. */
export function ColourReasons({ colour, onClose, onAppeal }: { colour: ColourView; onClose: () => void; onAppeal?: () => void }) {
  const { t } = useT();
  return (
    <View className="overlay" data-testid="colour-reasons">
      <View className="dialog">
        <View className={`dialog-title text-${colour.colour}`}>{t(`colour.${colour.colour}`)}</View>
        <View className="card-title">{t('code.reasons')}</View>
        {colour.reasons.map((r, i) => (
          <View key={`r${i}`} className="row"><Text>{r.message}</Text></View>
        ))}
        <View className="card-title">{t('code.measures')}</View>
        {colour.measures.map((m, i) => (
          <View key={`m${i}`} className="row"><Text>{m.message}</Text></View>
        ))}
        {onAppeal && <Button className="btn" onClick={onAppeal}>{t('code.appeal')}</Button>}
        <Button className="btn btn-primary" onClick={onClose}>{t('code.gotIt')}</Button>
      </View>
    </View>
  );
}
