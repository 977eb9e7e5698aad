import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useT } from '../i18n';
import { ApiError } from '../services/api';
import { cachedAppConfig, loadAppConfig } from '../services/app-config';

type State = { status: 'loading' } | { status: 'ready'; hotline: string } | { status: 'error'; message: string };

/** The help hotline, a server setting (R35), with a button that calls it. */
export function Hotline() {
  const { t } = useT();
  const [state, setState] = useState<State>(() => {
    const cached = cachedAppConfig();
    return cached ? { status: 'ready', hotline: cached.hotline } : { status: 'loading' };
  });

  const load = async () => {
    if (!cachedAppConfig()) setState({ status: 'loading' });
    try {
      const { config } = await loadAppConfig();
      setState({ status: 'ready', hotline: config.hotline });
    } catch (err) {
      setState({ status: 'error', message: err instanceof ApiError ? err.message : String(err) });
    }
  };

  useEffect(() => {
    void load();
  }, []);

  const call = async (hotline: string) => {
    try {
      await Taro.makePhoneCall({ phoneNumber: hotline });
    } catch {
      // The person closed the dialler's prompt: nothing to say.
    }
  };

  return (
    <View className="card" data-testid="hotline">
      <View className="card-title">{t('help.hotline')}</View>
      {state.status === 'loading' && <Text className="muted">{t('common.loading')}</Text>}
      {state.status === 'ready' && (
        <View>
          <View className="row">
            <Text className="hotline-number">{state.hotline}</Text>
            <Button className="btn btn-primary" onClick={() => call(state.hotline)}>{t('help.call')}</Button>
          </View>
          <Text className="muted">{t('help.hotlineHint')}</Text>
        </View>
      )}
      {state.status === 'error' && (
        <View>
          <View className="banner error">{state.message}</View>
          <Button className="btn" onClick={load}>{t('common.retry')}</Button>
        </View>
      )}
    </View>
  );
}
