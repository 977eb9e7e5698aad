import type { Knex } from 'knex';
import type Redis from 'ioredis';
import type { Config } from './config';
import type { Logger } from './lib/logger';
import type { Clock } from './lib/clock';
import type { DataCrypto } from './lib/data-crypto';
import type { LoginProvider, Platform, SmsProvider } from './auth/providers/types';
import type { FaceCheckProvider } from './relatives/face-check/types';

/** What the app needs from the outside world: everything a test may replace. */
export interface Deps {
  config: Config;
  db: Knex;
  logger: Logger;
  clock: Clock;
  crypto: DataCrypto;
  loginProviders: Partial<Record<Platform, LoginProvider>>;
  sms: SmsProvider;
  /** Shared state across server processes (abuse limits), when REDIS_URL is set. */
  redis?: Redis;
  /** Face check of relatives (R24); built from FACE_CHECK_PROVIDER when left out. */
  faceCheck?: FaceCheckProvider;
}
