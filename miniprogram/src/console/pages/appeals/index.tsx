import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useT } from '../../../i18n';
import { api } from '../../../services/api';
import { ConsolePage } from '../../components/ConsolePage';
import { Chips, Empty, ErrorBox, KV, Loading, Pager } from '../../components/States';
import { when } from '../../format';
import type { AppealQueue, OfficialAppeal } from '../../types';
import { useLoad } from '../../useLoad';
import '../../i18n';
import '../../console.css';

type Status = OfficialAppeal['status'];
const PAGE_SIZE = 20;

function AppealCard({ a }: { a: OfficialAppeal }) {
  const { t } = useT();
  return (
    <View className="card" data-testid={`appeal-${a.id}`} onClick={() => Taro.navigateTo({ url: `/console/pages/appeal/index?id=${encodeURIComponent(a.id)}` })}>
      <View className="console-card-head">
        <Text className="card-title">{a.person?.name ?? t('console.appeal.unknownPerson')}</Text>
        <Text className={`console-badge text-${a.colourAtFiling}`}>{t(`colour.${a.colourAtFiling}`)}</Text>
      </View>
      {a.person && <KV label={t('console.idNumber')}>{a.person.idNumber}</KV>}
      <KV label={t('console.appeal.filedAt')}>{when(a.createdAt)}</KV>
      <KV label={t('console.appeal.reason')}>
        <Text className="console-clamp">{a.reason}</Text>
      </KV>
      <View className="muted">
        {[a.byGuardian ? t('console.appeal.byGuardian') : '', a.hasEvidence ? t('console.appeal.withEvidence') : t('console.appeal.noEvidence')].filter(Boolean).join(' · ')}
      </View>
      {a.answeredAt && <KV label={t('console.appeal.answeredAt')}>{when(a.answeredAt)}</KV>}
      <Text className="console-link">{t('console.appeal.open')}</Text>
    </View>
  );
}

function Queue() {
  const { t } = useT();
  const [status, setStatus] = useState<Status>('open');
  const [page, setPage] = useState(1);
  const { state, reload } = useLoad(() => api.get<AppealQueue>('/officials/appeals', { status, page, pageSize: PAGE_SIZE }), [status, page]);
  const shown = useRef(false);
  // Back from an answered appeal: it leaves the open queue at once.
  useDidShow(() => {
    if (shown.current) void reload(true);
    shown.current = true;
  });

  return (
    <View>
      <Chips
        options={(['open', 'accepted', 'refused'] as const).map((s) => ({ value: s, text: t(`console.appeal.status.${s}`) }))}
        value={status}
        onChange={(s) => {
          setStatus(s);
          setPage(1);
        }}
      />
      {status === 'open' && <View className="muted console-gap">{t('console.appeal.queueHint')}</View>}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorBox error={state.error} onRetry={() => reload()} />}
      {state.status === 'ready' && (
        <View>
          {state.data.appeals.length === 0 && <Empty text={t(status === 'open' ? 'console.appeal.queueEmpty' : 'common.none')} />}
          <View className="console-grid">
            {state.data.appeals.map((a) => (
              <AppealCard key={a.id} a={a} />
            ))}
          </View>
          <Pager page={page} pageSize={PAGE_SIZE} total={state.data.total} onPage={setPage} />
        </View>
      )}
    </View>
  );
}

/** Colour appeals (GB/T 38963 correction): the queue, oldest open first. */
export default function AppealsPage() {
  const { t } = useT();
  return (
    <ConsolePage section="appeals" title={t('console.menu.appeals')}>
      {() => <Queue />}
    </ConsolePage>
  );
}
