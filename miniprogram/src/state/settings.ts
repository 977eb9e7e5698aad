import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { storage } from './storage';

export type Lang = 'zh' | 'en';
export interface Settings {
  lang: Lang;
  /** Larger type and buttons on every page. */
  elder: boolean;
}

const KEY = 'hc.settings';
const CHANGED = 'hc:settings';

export function readSettings(): Settings {
  const saved = storage.get<Partial<Settings>>(KEY) ?? {};
  return { lang: saved.lang === 'en' ? 'en' : 'zh', elder: saved.elder === true };
}

export function saveSettings(change: Partial<Settings>): Settings {
  const next = { ...readSettings(), ...change };
  storage.set(KEY, next);
  Taro.eventCenter.trigger(CHANGED, next);
  return next;
}

/** The settings, re-rendering the page when another page changes them. */
export function useSettings(): Settings {
  const [settings, setSettings] = useState(readSettings);
  useEffect(() => {
    const listener = (next: Settings) => setSettings(next);
    Taro.eventCenter.on(CHANGED, listener);
    return () => {
      Taro.eventCenter.off(CHANGED, listener);
    };
  }, []);
  return settings;
}
