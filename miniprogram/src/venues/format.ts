import { formatDateTime } from '../lib/time';

/** 2026-12-02 in the phone's own time zone. */
export const formatDate = (value: string): string => formatDateTime(value).slice(0, 10);
