import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useT } from '../../i18n';
import { KV } from './States';

/**
 * A secret the server shows only in this one answer (an institution's API key, an invitation
 * code): what it belongs to, how to use it, the secret with a copy button, and a plain warning
 * that it cannot be shown again. The page keeps the secret only in its memory until `onDone`.
 */
export function ShownOnce({
  title,
  label,
  secret,
  warning,
  facts,
  hint,
  onDone,
  testId,
}: {
  title: string;
  label: string;
  secret: string;
  warning: string;
  /** What the secret belongs to, a label and its value a line. */
  facts: Array<{ label: string; value: ReactNode }>;
  /** How the secret is used (where to put the key, how to redeem the code). */
  hint: string;
  onDone: () => void;
  testId: string;
}) {
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
      {facts.map((f) => (
        <KV key={f.label} label={f.label}>
          {f.value}
        </KV>
      ))}
      <View className="muted console-gap">{hint}</View>
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
