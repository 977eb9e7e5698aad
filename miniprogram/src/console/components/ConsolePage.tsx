import { useEffect, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../components/Page';
import { useT } from '../../i18n';
import type { Role } from '../../state/session';
import { useConsoleAccess, type Section } from '../access';
import { ErrorBox, Loading, NotAllowed } from './States';

const HOME = '/console/pages/home/index';

/** Back to the console menu: down the page stack when it is there, else opened afresh (an H5 link). */
export function backToMenu(): void {
  const pages = typeof Taro.getCurrentPages === 'function' ? Taro.getCurrentPages() : [];
  const routes = pages.map((p) => String((p as { route?: string; path?: string }).route ?? (p as { path?: string }).path ?? ''));
  const at = routes.map((r) => r.replace(/^\//, '').split('?')[0]).lastIndexOf(HOME.slice(1));
  if (at >= 0) void Taro.navigateBack({ delta: pages.length - 1 - at });
  else void Taro.redirectTo({ url: HOME });
}

/**
 * Every console page's frame: the title, the way back to the menu, and the role check. The
 * page's own body (and its requests) only runs for an account whose role may open it.
 */
export function ConsolePage({ section, title, children }: { section: Section | 'home'; title: string; children: (role: Role) => ReactNode }) {
  const { t } = useT();
  const { access, recheck } = useConsoleAccess(section);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title });
  }, [title]);

  return (
    <Page className="console">
      <View className="console-head">
        <Text className="console-title">{title}</Text>
        {section !== 'home' && (
          <Text className="console-link" onClick={backToMenu}>
            {t('console.backToMenu')}
          </Text>
        )}
      </View>
      {access.status === 'checking' && <Loading />}
      {access.status === 'error' && <ErrorBox error={access.error} onRetry={recheck} />}
      {access.status === 'denied' && <NotAllowed role={access.role} onRecheck={recheck} />}
      {access.status === 'allowed' && children(access.role)}
    </Page>
  );
}
