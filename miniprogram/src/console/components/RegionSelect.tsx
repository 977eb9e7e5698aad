import { useEffect, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import type { z } from 'zod';
import type { regionChoiceView } from '@health-code/shared';
import { useT } from '../../i18n';
import { api } from '../../services/api';
import { asApiError } from '../useLoad';

export type RegionChoice = z.infer<typeof regionChoiceView>;

/** Province, then city, then district: each level may be the answer (a risk area can be a whole city). */
export interface RegionPath {
  province?: RegionChoice;
  city?: RegionChoice;
  district?: RegionChoice;
}

/** The finest division chosen. */
export function chosenRegion(path: RegionPath): RegionChoice | undefined {
  return path.district ?? path.city ?? path.province;
}

const lists = new Map<string, Promise<RegionChoice[]>>();
function under(parent?: string): Promise<RegionChoice[]> {
  const key = parent ?? '';
  let list = lists.get(key);
  if (!list) {
    list = api.get<{ regions: RegionChoice[] }>('/regions', parent ? { parent } : undefined, true).then((r) => r.regions);
    list.catch(() => lists.delete(key));
    lists.set(key, list);
  }
  return list;
}

/** Forgets the division lists (tests start afresh). */
export function forgetRegions(): void {
  lists.clear();
}

function useLevel(parent: string | undefined, enabled: boolean) {
  const [list, setList] = useState<RegionChoice[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!enabled) {
      setList([]);
      return undefined;
    }
    let live = true;
    setError('');
    under(parent).then(
      (l) => live && setList(l),
      (err: unknown) => live && setError(asApiError(err).message),
    );
    return () => {
      live = false;
    };
  }, [parent, enabled]);
  return { list, error };
}

function Level({ label, list, value, onPick, testId }: { label: string; list: RegionChoice[]; value?: RegionChoice; onPick: (r: RegionChoice) => void; testId: string }) {
  const { t } = useT();
  const index = value ? list.findIndex((r) => r.code === value.code) : -1;
  return (
    <Picker mode="selector" range={list} rangeKey="name" value={index < 0 ? 0 : index} data-testid={testId} onChange={(e) => {
      const picked = list[Number(e.detail.value)];
      if (picked) onPick(picked);
    }}>
      <View className="input console-picker">
        <Text className={value ? '' : 'muted'}>{value ? value.name : `${label} · ${t('console.choose')}`}</Text>
      </View>
    </Picker>
  );
}

/** The division table (GET /regions) as three pickers: nobody types a six-digit code. */
export function RegionSelect({ value, onChange }: { value: RegionPath; onChange: (next: RegionPath) => void }) {
  const { t } = useT();
  const provinces = useLevel(undefined, true);
  const cities = useLevel(value.province?.code, Boolean(value.province?.hasChildren));
  const districts = useLevel(value.city?.code, Boolean(value.city?.hasChildren));
  const error = provinces.error || cities.error || districts.error;
  return (
    <View className="console-region">
      <Level label={t('console.region.province')} list={provinces.list} value={value.province} onPick={(province) => onChange({ province })} testId="region-province" />
      {value.province?.hasChildren && (
        <Level label={t('console.region.city')} list={cities.list} value={value.city} onPick={(city) => onChange({ province: value.province, city })} testId="region-city" />
      )}
      {value.city?.hasChildren && (
        <Level label={t('console.region.district')} list={districts.list} value={value.district} onPick={(district) => onChange({ ...value, district })} testId="region-district" />
      )}
      {error && <View className="error-text">{error}</View>}
    </View>
  );
}
