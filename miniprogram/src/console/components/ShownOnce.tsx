import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useT } from '../../i18n';

/**
 * A secret the server shows only in this one answer (an institution's API key, an invitation
 * code): with a copy button and a plain warning that it cannot be shown again.
 */
export function ShownOnce({ title, label, secret, warning, details, onDone, testId }: { title: string; label: string; secret: string; warning: string; details?: ReactNode; onDone: () => void; testId: string }) {
  const { t } = useT();
  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: secret });
      void Taro.showToast({ title: t('console.copied'), icon: 'success' });
    } catch {
      void Taro.showToast({ title: t('console.copyFailed'), icon: 'none' });
    }
  };
  return (
    <View className="card console-once" data-testid={testId}>
      <View className="card-title">{title}</View>
      <View className="banner">{warning}</View>
      {details}
      <View className="field-label">{label}</View>
      <Text className="console-secret" userSelect data-testid={`${testId}-secret`}>
        {secret}
      </Text>
      <View className="console-actions">
        <Button className="btn btn-primary" onClick={copy}>
          {t('console.copy')}
        </Button>
        <Button className="btn" onClick={onDone}>
          {t('console.savedIt')}
        </Button>
      </View>
    </View>
  );
}
