import { Picker, Text, View } from '@tarojs/components';
import { useT } from '../../i18n';

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' and 'HH:mm' in the phone's own time zone. */
export function localParts(d: Date): { date: string; time: string } {
  return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
}

/** The instant a local date and time name, as ISO 8601 (the API's datetime fields). */
export function toIso(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  return new Date(y, m - 1, d, h, min).toISOString();
}

export interface DateTimeValue {
  date: string;
  time: string;
}

/**
 * A date and a time from the platform's own pickers (usable on a phone and with a mouse). With
 * `optional`, an empty value means "none" and a clear link empties it again.
 */
export function DateTimeInput({
  label,
  value,
  onChange,
  optional = false,
  withTime = true,
  testId,
}: {
  label: string;
  value: DateTimeValue | null;
  onChange: (v: DateTimeValue | null) => void;
  optional?: boolean;
  withTime?: boolean;
  testId: string;
}) {
  const { t } = useT();
  const now = localParts(new Date());
  const current = value ?? { date: '', time: '' };
  return (
    <View className="console-datetime" data-testid={testId}>
      <Picker mode="date" value={current.date || now.date} onChange={(e) => onChange({ date: String(e.detail.value), time: current.time || (withTime ? now.time : '00:00') })} data-testid={`${testId}-date`}>
        <View className="input console-picker">
          <Text className={current.date ? '' : 'muted'}>{current.date || `${label} · ${t('console.pickDate')}`}</Text>
        </View>
      </Picker>
      {withTime && (
        <Picker mode="time" value={current.time || now.time} onChange={(e) => onChange({ date: current.date || now.date, time: String(e.detail.value) })} data-testid={`${testId}-time`}>
          <View className="input console-picker">
            <Text className={current.time ? '' : 'muted'}>{current.time || t('console.pickTime')}</Text>
          </View>
        </Picker>
      )}
      {optional && value && (
        <Text className="console-link" onClick={() => onChange(null)}>
          {t('console.clearValue')}
        </Text>
      )}
    </View>
  );
}
