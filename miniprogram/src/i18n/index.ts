import { useSettings, readSettings, type Lang } from '../state/settings';
import type { Catalogue } from './types';
import { common } from './common';
import { code } from './code';
import { account } from './account';
import { records } from './records';
import { help } from './help';
import { settings } from './settings';

// Each feature keeps its own catalogue file; they are merged here. Chinese first (R35).
const catalogues: Catalogue[] = [common, code, account, records, help, settings];
const messages: Catalogue = Object.assign({}, ...catalogues);

/** Adds a feature's catalogue (pages in subpackages register theirs when they load). */
export function register(catalogue: Catalogue): void {
  Object.assign(messages, catalogue);
}

export function translate(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const text = messages[key]?.[lang] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

export function currentLang(): Lang {
  return readSettings().lang;
}

/** t() bound to the person's language, re-rendering when it changes. */
export function useT(): { t: (key: string, params?: Record<string, string | number>) => string; lang: Lang } {
  const { lang } = useSettings();
  return { t: (key, params) => translate(lang, key, params), lang };
}

export type { Catalogue, Text } from './types';
