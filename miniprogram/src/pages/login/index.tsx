import { View, Text } from '@tarojs/components';
import { Page } from '../../components/Page';
import { useT } from '../../i18n';

export default function Login() {
  const { t } = useT();
  return (
    <Page>
      <View className="card"><Text>{t('login.title')}</Text></View>
    </Page>
  );
}
