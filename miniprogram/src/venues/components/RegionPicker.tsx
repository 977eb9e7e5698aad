import { useEffect, useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import { useT } from '../../i18n';
import { asApiError } from '../errors';
import { regionsUnder } from '../regions';
import type { RegionChoice } from '../types';

type Level = { status: 'loading' } | { status: 'ready'; list: RegionChoice[] } | { status: 'error'; message: string };

const LABELS = ['venues.region.province', 'venues.region.city', 'venues.region.district'];

/** One level's list: the provinces, or the divisions under the one chosen above. */
function useLevel(parent: string | undefined, enabled: boolean): [Level, () => void] {
  const [level, setLevel] = useState<Level>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setLevel({ status: 'loading' });
    regionsUnder(parent).then(
      (list) => live && setLevel({ status: 'ready', list }),
      (err: unknown) => live && setLevel({ status: 'error', message: asApiError(err).message }),
    );
    return () => {
      live = false;
    };
  }, [parent, enabled, attempt]);
  return [level, () => setAttempt((n) => n + 1)];
}

function LevelPicker({ index, level, value, onPick, invalid }: { index: number; level: Level; value?: RegionChoice; onPick: (r: RegionChoice) => void; invalid: boolean }) {
  const { t } = useT();
  const label = t(LABELS[index]);
  const list = level.status === 'ready' ? level.list : [];
  const selected = value ? list.findIndex((r) => r.code === value.code) : -1;
  return (
    <Picker
      mode="selector"
      range={list}
      rangeKey="name"
      value={selected < 0 ? undefined : selected}
      disabled={level.status !== 'ready'}
      data-testid={`region-level-${index}`}
      onChange={(e) => {
        const picked = list[Number(e.detail.value)];
        if (picked) onPick(picked);
      }}
    >
      <View className={`input region-level ${invalid && !value ? 'invalid' : ''}`}>
        <Text className={value ? '' : 'muted'}>{value ? value.name : `${label} · ${level.status === 'loading' ? t('common.loading') : t('venues.field.choose')}`}</Text>
      </View>
    </Picker>
  );
}

/**
 * The venue's region (R10): province, then city, then district, from the division table
 * (GET /regions), so nobody types a 6-digit code. A city without districts (东莞市) and a
 * municipality's district end the path themselves.
 */
export function RegionPicker({ path, onChange, invalid = false }: { path: RegionChoice[]; onChange: (path: RegionChoice[]) => void; invalid?: boolean }) {
  const [provinces, retryProvinces] = useLevel(undefined, true);
  const [cities, retryCities] = useLevel(path[0]?.code, Boolean(path[0]?.hasChildren));
  const [districts, retryDistricts] = useLevel(path[1]?.code, Boolean(path[1]?.hasChildren));
  const { t } = useT();
  const levels: Array<[Level, () => void]> = [[provinces, retryProvinces]];
  if (path[0]?.hasChildren) levels.push([cities, retryCities]);
  if (path[0]?.hasChildren && path[1]?.hasChildren) levels.push([districts, retryDistricts]);
  const failed = levels.find(([level]) => level.status === 'error');
  return (
    <View className="region-picker">
      {levels.map(([level], i) => (
        <LevelPicker key={i} index={i} level={level} value={path[i]} invalid={invalid} onPick={(r) => onChange([...path.slice(0, i), r])} />
      ))}
      {failed && failed[0].status === 'error' && (
        <View className="banner error" data-testid="region-error">
          <Text>{failed[0].message}</Text>
          <Button className="btn" size="mini" onClick={failed[1]}>{t('common.retry')}</Button>
        </View>
      )}
    </View>
  );
}
