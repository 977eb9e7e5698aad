import { z } from 'zod';

/** GET /app-config: the settings the app shows to anyone, before or without a login (R35). */
export const appConfigResponse = z.object({
  /** The help hotline (a server setting, HOTLINE), for the help page's call button. */
  hotline: z.string(),
});
