import { formatDateTime } from '../lib/time';

/** A time from the API in the phone's own zone, or a dash. */
export const when = (value: string | null | undefined): string => (value ? formatDateTime(value) : '—');

/** Minutes as "30 分钟" / "2 小时" in the person's language. */
export function duration(minutes: number, lang: 'zh' | 'en'): string {
  if (minutes % 60 === 0) return lang === 'zh' ? `${minutes / 60} 小时` : `${minutes / 60} h`;
  return lang === 'zh' ? `${minutes} 分钟` : `${minutes} min`;
}
