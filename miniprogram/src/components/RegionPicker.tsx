import { useEffect, useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import { useT } from '../i18n';
import { ApiError } from '../services/api';
import { regionsUnder, type RegionChoice } from '../services/regions';

type Level = { status: 'loading' } | { status: 'ready'; list: RegionChoice[] } | { status: 'error'; message: string };

/** One level's list: the provinces, or the divisions under the one chosen above. */
function useLevel(parent: string | undefined, enabled: boolean): [Level, () => void] {
  const [level, setLevel] = useState<Level>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    setLevel({ status: 'loading' });
    regionsUnder(parent).then(
      (list) => live && setLevel({ status: 'ready', list }),
      (err: unknown) => live && setLevel({ status: 'error', message: err instanceof ApiError ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [parent, enabled, attempt]);
  return [level, () => setAttempt((n) => n + 1)];
}

function LevelPicker({ index, label, placeholder, level, value, onPick, invalid }: { index: number; label: string; placeholder: string; level: Level; value?: RegionChoice; onPick: (r: RegionChoice) => void; invalid: boolean }) {
  const { t } = useT();
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
        <Text className={value ? '' : 'muted'}>{value ? value.name : `${label} · ${level.status === 'loading' ? t('common.loading') : placeholder}`}</Text>
      </View>
    </Picker>
  );
}

/**
 * A region from the division table (GET /regions), so nobody types a 6-digit code: province,
 * then city, then district. A level is offered only under a division that has one below it, so
 * a municipality's district or a city without districts (东莞市) ends the path. `path` is what is
 * chosen so far, outermost first; which path is complete enough is the caller's rule. A list
 * that cannot load says so, with a retry.
 */
export function RegionPicker({
  path,
  onChange,
  labels,
  placeholder,
  invalid = false,
}: {
  path: RegionChoice[];
  onChange: (path: RegionChoice[]) => void;
  /** The three levels' names (province, city, district), already translated. */
  labels: readonly [string, string, string];
  /** What an empty level says after its name, e.g. "choose". */
  placeholder: string;
  /** Marks the levels not yet chosen (the field has an error). */
  invalid?: boolean;
}) {
  const { t } = useT();
  const [provinces, retryProvinces] = useLevel(undefined, true);
  const [cities, retryCities] = useLevel(path[0]?.code, Boolean(path[0]?.hasChildren));
  const [districts, retryDistricts] = useLevel(path[1]?.code, Boolean(path[1]?.hasChildren));
  const levels: Array<[Level, () => void]> = [[provinces, retryProvinces]];
  if (path[0]?.hasChildren) levels.push([cities, retryCities]);
  if (path[0]?.hasChildren && path[1]?.hasChildren) levels.push([districts, retryDistricts]);
  const failed = levels.find(([level]) => level.status === 'error');
  return (
    <View className="region-picker">
      {levels.map(([level], i) => (
        <LevelPicker key={i} index={i} label={labels[i]} placeholder={placeholder} level={level} value={path[i]} invalid={invalid} onPick={(r) => onChange([...path.slice(0, i), r])} />
      ))}
      {failed && failed[0].status === 'error' && (
        <View className="banner error" data-testid="region-error">
          <Text>{failed[0].message}</Text>
          <Button className="btn" size="mini" onClick={failed[1]}>
            {t('common.retry')}
          </Button>
        </View>
      )}
    </View>
  );
}
