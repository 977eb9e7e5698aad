import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { useSettings } from '../state/settings';

/** Every page's frame: elder mode's larger type applies everywhere through this class. */
export function Page({ children, className = '' }: PropsWithChildren<{ className?: string }>) {
  const { elder, lang } = useSettings();
  return (
    <View className={`page ${elder ? 'elder' : ''} ${className}`} data-lang={lang}>
      {children}
    </View>
  );
}
