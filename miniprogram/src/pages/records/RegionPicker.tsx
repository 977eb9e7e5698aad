import { useEffect, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { useT } from '../../i18n';
import { ApiError } from '../../services/api';
import { regionsUnder, type RegionChoice } from './regions';

/** Province, then city (or a municipality's district), then optionally the district. */
export interface RegionPath {
  province?: RegionChoice;
  city?: RegionChoice;
  district?: RegionChoice;
}

/** The code a trip declares: the finest level chosen, once a city (or district) is chosen. */
export function regionOf(path: RegionPath): string | undefined {
  if (!path.province) return undefined;
  if (!path.province.hasChildren) return path.province.code;
  return (path.district ?? path.city)?.code;
}

function useList(parent: string | undefined, enabled: boolean) {
  const [list, setList] = useState<RegionChoice[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!enabled) return setList([]);
    let live = true;
    setError('');
    regionsUnder(parent).then(
      (l) => live && setList(l),
      (err: unknown) => live && setError(err instanceof ApiError ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [parent, enabled]);
  return { list, error };
}

function Level({ label, list, value, onPick }: { label: string; list: RegionChoice[]; value?: RegionChoice; onPick: (r: RegionChoice) => void }) {
  const { t } = useT();
  const index = value ? list.findIndex((r) => r.code === value.code) : -1;
  return (
    <Picker
      mode="selector"
      range={list}
      rangeKey="name"
      value={index < 0 ? undefined : index}
      onChange={(e) => {
        const picked = list[Number(e.detail.value)];
        if (picked) onPick(picked);
      }}
    >
      <View className="input region-level">
        <Text className={value ? '' : 'muted'}>{value ? value.name : `${label} · ${t('records.declare.chooseRegion')}`}</Text>
      </View>
    </Picker>
  );
}

/** A trip's region, from the division table (GET /regions): no one should type a code. */
export function RegionPicker({ value, onChange }: { value: RegionPath; onChange: (next: RegionPath) => void }) {
  const { t } = useT();
  const provinces = useList(undefined, true);
  const cities = useList(value.province?.code, Boolean(value.province?.hasChildren));
  const districts = useList(value.city?.code, Boolean(value.city?.hasChildren));
  const error = provinces.error || cities.error || districts.error;
  return (
    <View className="region-picker">
      <Level label={t('records.declare.province')} list={provinces.list} value={value.province} onPick={(province) => onChange({ province })} />
      {value.province?.hasChildren && (
        <Level label={t('records.declare.city')} list={cities.list} value={value.city} onPick={(city) => onChange({ province: value.province, city })} />
      )}
      {value.city?.hasChildren && (
        <Level label={t('records.declare.district')} list={districts.list} value={value.district} onPick={(district) => onChange({ ...value, district })} />
      )}
      {error && <View className="error-text">{error}</View>}
    </View>
  );
}
