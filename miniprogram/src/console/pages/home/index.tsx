import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useT } from '../../../i18n';
import { mayOpen, type Section } from '../../access';
import { ConsolePage } from '../../components/ConsolePage';
import '../../i18n';
import '../../console.css';

/** The menu in the order officials use it; each entry names the page and the rule it serves. */
export const MENU: Array<{ section: Section; page: string }> = [
  { section: 'dashboard', page: 'dashboard' },
  { section: 'venues', page: 'venues' },
  { section: 'categories', page: 'categories' },
  { section: 'cases', page: 'cases' },
  { section: 'colour', page: 'colour' },
  { section: 'appeals', page: 'appeals' },
  { section: 'riskAreas', page: 'risk-areas' },
  { section: 'institutions', page: 'institutions' },
  { section: 'staff', page: 'staff' },
  { section: 'audit', page: 'audit' },
];

/** The console's menu: only what the account's role may use (R31-R33). */
export default function ConsoleHome() {
  const { t } = useT();
  return (
    <ConsolePage section="home" title={t('console.title')}>
      {(role) => (
        <View>
          <View className="muted console-gap" data-testid="console-role">
            {t('console.signedInAs', { role: t(`console.role.${role}`) })}
          </View>
          <View className="console-menu">
            {MENU.filter((m) => mayOpen(role, m.section)).map((m) => (
              <View
                key={m.section}
                className="card console-menu-item"
                data-testid={`menu-${m.section}`}
                onClick={() => Taro.navigateTo({ url: `/console/pages/${m.page}/index` })}
              >
                <View className="card-title">{t(`console.menu.${m.section}`)}</View>
                <Text className="muted">{t(`console.menu.${m.section}.hint`)}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
    </ConsolePage>
  );
}
