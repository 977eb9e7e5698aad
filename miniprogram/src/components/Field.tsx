import type { PropsWithChildren } from 'react';
import { View, Text } from '@tarojs/components';

/** A labelled form field with its own error under it. */
export function Field({ label, error, children }: PropsWithChildren<{ label: string; error?: string }>) {
  return (
    <View className="field">
      <Text className="field-label">{label}</Text>
      {children}
      {error && <View className="error-text" role="alert">{error}</View>}
    </View>
  );
}
