import type { z } from 'zod';
import type { appConfigResponse } from '@health-code/shared';
import { storage } from '../state/storage';
import { api } from './api';

export type AppConfig = z.infer<typeof appConfigResponse>;

const KEY = 'hc.appConfig';

export function cachedAppConfig(): AppConfig | null {
  return storage.get<AppConfig>(KEY) ?? null;
}

/**
 * The server's public settings (the hotline, R35). Kept on the phone: the help page matters
 * most when the network or the login is the problem, so the last answer is shown then.
 */
export async function loadAppConfig(): Promise<{ config: AppConfig; fresh: boolean }> {
  try {
    const config = await api.get<AppConfig>('/app-config', undefined, true);
    storage.set(KEY, config);
    return { config, fresh: true };
  } catch (err) {
    const cached = cachedAppConfig();
    if (cached) return { config: cached, fresh: false };
    throw err;
  }
}
