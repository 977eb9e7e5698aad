import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { MAX_DECLARED_TRIPS, TRIP_LOOKBACK_DAYS } from '@health-code/shared';
import { Field } from '../../components/Field';
import { RegionPicker } from '../../components/RegionPicker';
import { useT } from '../../i18n';
import { api, ApiError } from '../../services/api';
import type { RegionChoice } from '../../services/regions';

/** The symptoms the declaration interface knows (shared/src/schemas/records.ts, symptomField). */
export const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'fatigue', 'loss_of_taste_smell', 'shortness_of_breath', 'diarrhoea', 'muscle_ache'] as const;

interface Trip {
  /** Province, then city (or a municipality's district), then optionally the district. */
  path: RegionChoice[];
  from: number;
  to: number;
}

/** The code a trip declares: the finest level chosen, once a city (or district) is chosen. */
function regionOf([province, city, district]: RegionChoice[]): string | undefined {
  if (!province) return undefined;
  if (!province.hasChildren) return province.code;
  return (district ?? city)?.code;
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The days a trip may name: today and the TRIP_LOOKBACK_DAYS before it, newest first. */
function tripDays(now = new Date()): string[] {
  return Array.from({ length: TRIP_LOOKBACK_DAYS + 1 }, (_, i) => localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - i)));
}

/** R36: symptoms, temperature and trips, for oneself or (through `base`) a bound relative. */
export function DeclareForm({ base, onDone, onCancel }: { base: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useT();
  const [days] = useState(tripDays);
  const [symptoms, setSymptoms] = useState<string[]>([]);
  const [temperature, setTemperature] = useState('');
  const [trips, setTrips] = useState<Trip[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const dayLabels = days.map((d, i) => (i === 0 ? `${d} (${t('records.declare.today')})` : d));
  const fieldError = (path: string) => local[path] ?? error?.fields.find((f) => f.path === path)?.message;

  const toggle = (s: string) => setSymptoms(symptoms.includes(s) ? symptoms.filter((x) => x !== s) : [...symptoms, s]);
  const setTrip = (i: number, change: Partial<Trip>) => setTrips(trips.map((trip, j) => (j === i ? { ...trip, ...change } : trip)));

  const submit = async () => {
    const problems: Record<string, string> = {};
    const temp = temperature.trim();
    if (temp && !/^\d{2}(\.\d{1,2})?$/.test(temp)) problems.temperature = t('records.declare.temperatureNumber');
    trips.forEach((trip, i) => {
      if (!regionOf(trip.path)) problems[`trips.${i}.region`] = t('records.declare.chooseRegion');
    });
    setLocal(problems);
    setError(null);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      await api.post(`${base}/declarations`, {
        symptoms,
        ...(temp ? { temperature: Number(temp) } : {}),
        // `days` runs newest first: the picker's index counts back from today.
        trips: trips.map((trip) => ({ region: regionOf(trip.path)!, from: days[trip.from], to: days[trip.to] })),
      });
      void Taro.showToast({ title: t('records.declare.done'), icon: 'success' });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" data-testid="declare-form">
      <View className="card-title">{t('records.declare.title')}</View>
      <View className="muted">{t('records.declare.hint')}</View>
      {error && <View className="banner error" role="alert">{error.message}</View>}

      <Field label={t('records.declare.symptoms')} error={fieldError('symptoms')}>
        <View className="chips">
          {SYMPTOMS.map((s) => (
            <Text key={s} className={`chip ${symptoms.includes(s) ? 'active' : ''}`} data-selected={symptoms.includes(s) ? 'yes' : 'no'} onClick={() => toggle(s)}>
              {t(`symptom.${s}`)}
            </Text>
          ))}
        </View>
      </Field>

      <Field label={t('records.declare.temperature')} error={fieldError('temperature')}>
        <Input
          className={`input ${fieldError('temperature') ? 'invalid' : ''}`}
          type="digit"
          value={temperature}
          placeholder={t('records.declare.temperaturePlaceholder')}
          ariaLabel={t('records.declare.temperature')}
          onInput={(e) => setTemperature(e.detail.value)}
        />
      </Field>

      <View className="field-label">{t('records.declare.trips')}</View>
      {trips.map((trip, i) => (
        <View key={i} className="trip" data-testid={`trip-${i}`}>
          <View className="row">
            <Text>{t('records.declare.tripN', { n: i + 1 })}</Text>
            <Text className="text-red" onClick={() => setTrips(trips.filter((_, j) => j !== i))}>{t('records.declare.removeTrip')}</Text>
          </View>
          <Field label={t('records.declare.region')} error={fieldError(`trips.${i}.region`)}>
            <RegionPicker
              path={trip.path}
              labels={[t('records.declare.province'), t('records.declare.city'), t('records.declare.district')]}
              placeholder={t('records.declare.chooseRegion')}
              invalid={Boolean(fieldError(`trips.${i}.region`))}
              onChange={(path) => setTrip(i, { path })}
            />
          </Field>
          <Field label={t('records.declare.from')} error={fieldError(`trips.${i}.from`)}>
            <Picker mode="selector" range={dayLabels} value={trip.from} onChange={(e) => setTrip(i, { from: Number(e.detail.value) })}>
              <View className="input">{dayLabels[trip.from]}</View>
            </Picker>
          </Field>
          <Field label={t('records.declare.to')} error={fieldError(`trips.${i}.to`)}>
            <Picker mode="selector" range={dayLabels} value={trip.to} onChange={(e) => setTrip(i, { to: Number(e.detail.value) })}>
              <View className="input">{dayLabels[trip.to]}</View>
            </Picker>
          </Field>
        </View>
      ))}
      {trips.length < MAX_DECLARED_TRIPS ? (
        <Button className="btn" onClick={() => setTrips([...trips, { path: [], from: 0, to: 0 }])}>{t('records.declare.addTrip')}</Button>
      ) : (
        <Text className="muted">{t('records.declare.maxTrips', { n: MAX_DECLARED_TRIPS })}</Text>
      )}

      <Button className="btn btn-primary" loading={busy} onClick={submit}>{t('records.declare.submit')}</Button>
      <Button className="btn" onClick={onCancel}>{t('common.cancel')}</Button>
    </View>
  );
}
