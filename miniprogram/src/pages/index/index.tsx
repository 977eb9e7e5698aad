import { View, Text } from '@tarojs/components';
import { Page } from '../../components/Page';
import { QrImage } from '../../components/QrImage';
import { useT } from '../../i18n';

export default function Index() {
  const { t } = useT();
  return (
    <Page>
      <View className="card"><Text>{t('code.title')}</Text><QrImage text="HC1:test" label="qr" /></View>
    </Page>
  );
}
