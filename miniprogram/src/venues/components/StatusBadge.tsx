import { Text } from '@tarojs/components';
import { useT } from '../../i18n';
import type { VenueStatus } from '../types';

/** R11, R12: an application's state, coloured as the code page colours (green passed, red refused). */
export function StatusBadge({ status }: { status: VenueStatus }) {
  const { t } = useT();
  return <Text className={`venue-status status-${status}`} data-status={status}>{t(`venues.status.${status}`)}</Text>;
}
