import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { alipayPrivateKey, alipayPublicKey } from './auth/providers/alipay';
import { parseOrigins } from './http/cors';

/**
 * Settings, read from the environment and validated once at start. Outside production, missing
 * secrets are generated once and kept in data/secrets.json so that a newcomer's `npm start`
 * works and data stays readable across restarts; production refuses to start without them.
 */
const base64Key = z
  .string()
  .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** sqlite:<file> (default) or mysql://user:pass@host:port/db */
  DATABASE_URL: z.string().default('sqlite:./data/health-code.sqlite'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(20),
  /**
   * How long a query waits for a database connection (and opening one may take) before the request
   * answers 503 with Retry-After: while the database is away, requests fail fast instead of hanging.
   */
  DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  /** HMAC secret of session tokens (jsonwebtoken, HS256). */
  SESSION_SECRET: z.string().min(32),
  SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(1800),
  /** AES-256-GCM key for ID and phone numbers at rest, and for signing keys' private halves. */
  DATA_KEY: base64Key,
  /** HMAC key of the lookup hashes of ID and phone numbers. */
  HASH_KEY: base64Key,
  /** Issuer region of codes (6-digit division code). */
  ISSUER_REGION: z.string().regex(/^\d{6}$/).default('440300'),
  CREDENTIAL_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(3600),
  /** A non-green credential lives shorter, so a colour change reaches offline checkpoints sooner. */
  CREDENTIAL_TTL_NON_GREEN_SECONDS: z.coerce.number().int().min(60).max(86400).default(600),
  /** How long a device proof (the dynamic QR) stays valid (R5). */
  CODE_TTL_SECONDS: z.coerce.number().int().min(10).max(600).default(60),
  /** R20: scans are kept this many days, then deleted by the retention job. */
  SCAN_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(28),
  /**
   * How long a computed colour is reused (0: never). Every write that can change a colour drops
   * it at once, in every process sharing REDIS_URL; the lifetime bounds what time alone changes.
   */
  COLOUR_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /**
   * How long the account behind a session is reused (0: read on every request). A role change or
   * a registration drops it at once, in every process sharing REDIS_URL.
   */
  ACCOUNT_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** How long a passed venue is reused by the scan path; revoking or retiring drops it at once. */
  VENUE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  /** Scan writes in flight at once; rows arriving meanwhile are written together (group commit). */
  SCAN_WRITE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  /** How often the dashboard's colour snapshot counts every resident's colour (issue 6). */
  COLOUR_SNAPSHOT_INTERVAL_MINUTES: z.coerce.number().int().min(5).max(1440).default(360),
  /** R32: a scan at the case's venue from this many minutes before his visit is a contact. */
  TRACE_WINDOW_BEFORE_MINUTES: z.coerce.number().int().min(0).max(1440).default(30),
  /** R32: ... and up to this many minutes after it. */
  TRACE_WINDOW_AFTER_MINUTES: z.coerce.number().int().min(0).max(2880).default(120),
  /** Tracing reads the case's visits from this many days before onset (never more than 14 days back). */
  TRACE_ONSET_LEAD_DAYS: z.coerce.number().int().min(0).max(14).default(4),
  /** Life of a printed offline code for a relative (R27). */
  OFFLINE_CODE_TTL_DAYS: z.coerce.number().int().min(1).max(30).default(7),
  VACCINATION_DOSES_REQUIRED: z.coerce.number().int().min(1).max(5).default(2),
  /** dev: the development login for every platform; platform: WeChat and/or Alipay, whichever has an app id. */
  LOGIN_PROVIDER: z.enum(['dev', 'platform']).default('dev'),
  /** dev: an in-memory outbox; http: the SMS gateway at SMS_API_URL (contract in src/sms/http.ts). */
  SMS_PROVIDER: z.enum(['dev', 'http']).default('dev'),
  /** Face check of a relative aged 7+ when bound (R24): 'dev' accepts `dev-face-ok` tokens; 'platform' asks WeChat or Alipay, by the guardian's login. */
  FACE_CHECK_PROVIDER: z.enum(['dev', 'platform']).default('dev'),
  WECHAT_APP_ID: z.string().default(''),
  WECHAT_APP_SECRET: z.string().default(''),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  ALIPAY_APP_ID: z.string().default(''),
  /** The app's RSA private key (RSA2 signing of gateway calls): PEM, or Alipay's bare base64 PKCS#8. */
  ALIPAY_PRIVATE_KEY: z.string().default(''),
  /** Alipay's public key (PEM or bare base64 SPKI), to verify response signatures; required in production. */
  ALIPAY_PUBLIC_KEY: z.string().default(''),
  ALIPAY_GATEWAY: z.string().url().default('https://openapi.alipay.com/gateway.do'),
  /** Fetch the certified real name (alipay.user.info.share) at login; needs Alipay's member-info permission. */
  ALIPAY_USER_INFO: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /**
   * merchant_config.return_url of Alipay's face check (R24): where Alipay sends the guardian back
   * after it. Empty: our own mini program (alipays://platformapi/startapp?appId=ALIPAY_APP_ID).
   */
  ALIPAY_FACE_RETURN_URL: z.string().default(''),
  SMS_API_URL: z.string().default(''),
  SMS_API_TOKEN: z.string().default(''),
  /** How long a call to WeChat, Alipay or the SMS gateway may take before it counts as unavailable. */
  PLATFORM_TIMEOUT_MS: z.coerce.number().int().min(100).max(30000).default(5000),
  HOTLINE: z.string().default('12345'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Comma-separated origins allowed by CORS (the H5 app's origin when served elsewhere); none by default. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .refine((s) => parseOrigins(s).invalid.length === 0, 'comma-separated origins such as https://h5.example.cn (scheme, host and port; no path, no *)'),
  /** The built H5 app served at / (a relative path is from the repository root). */
  APP_DIR: z.string().min(1).default('miniprogram/dist/h5'),
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(20480).default(64),
  /** Institutions upload thousands of rows in one request. */
  BATCH_BODY_LIMIT_KB: z.coerce.number().int().min(1).max(51200).default(4096),
  SECRETS_FILE: z.string().default('./data/secrets.json'),
  /** Fill an empty database with demo people and staff accounts at start (never in production). */
  DEMO_DATA: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Abuse limits (http/rate-limits.ts): on, except in tests that do not test them. */
  RATE_LIMITS: z.enum(['on', 'off']).default('on').transform((v) => v === 'on'),
  /** redis://host:port: limits shared by every server process; in memory when unset. */
  REDIS_URL: z.string().default(''),
  /** Prefix of this deployment's keys in Redis. */
  REDIS_PREFIX: z.string().regex(/^[\w-]{1,32}$/).default('hc'),
  /**
   * Overload protection (http/load-shedding.ts): requests one process answers at once; past it,
   * 503 SERVER_BUSY at once (0: no limit). At the measured scan rate (docs/performance.md), 1,000
   * in flight is about 0.15 s of answers.
   */
  MAX_REQUESTS_IN_FLIGHT: z.coerce.number().int().min(0).max(100000).default(1000),
  /** ... and the event loop's mean delay, in ms, past which it refuses too (0: not watched). */
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60000).default(500),
  /** How long SIGTERM waits for in-flight requests before closing anyway. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60000).default(8000),
});

export type Config = z.infer<typeof schema>;

const SECRET_NAMES = ['SESSION_SECRET', 'DATA_KEY', 'HASH_KEY'] as const;

function devSecrets(file: string): Record<string, string> {
  const path = resolve(file);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'));
  const secrets = {
    SESSION_SECRET: randomBytes(48).toString('base64'),
    DATA_KEY: randomBytes(32).toString('base64'),
    HASH_KEY: randomBytes(32).toString('base64'),
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input: Record<string, string | undefined> = { ...env };
  const production = input.NODE_ENV === 'production';
  if (!production && SECRET_NAMES.some((name) => !input[name])) {
    const generated = devSecrets(input.SECRETS_FILE ?? './data/secrets.json');
    for (const name of SECRET_NAMES) input[name] ??= generated[name];
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.NODE_ENV === 'production' && (config.LOGIN_PROVIDER === 'dev' || config.SMS_PROVIDER === 'dev')) {
    throw new ConfigError('The development login and SMS providers cannot run in production: set LOGIN_PROVIDER=platform and SMS_PROVIDER=http');
  }
  const providerProblems = platformProblems(config);
  if (providerProblems.length > 0) throw new ConfigError(`Invalid configuration:\n${providerProblems.map((p) => `  ${p}`).join('\n')}`);
  if (config.NODE_ENV === 'production' && config.FACE_CHECK_PROVIDER === 'dev') {
    throw new ConfigError('The development face check passes without a face: it cannot run in production; set FACE_CHECK_PROVIDER=platform');
  }
  // Each platform's check needs that platform's settings (platformProblems checks Alipay's keys).
  if (config.NODE_ENV === 'production' && config.FACE_CHECK_PROVIDER === 'platform' && !(config.WECHAT_APP_ID && config.WECHAT_APP_SECRET) && !config.ALIPAY_APP_ID) {
    throw new ConfigError('FACE_CHECK_PROVIDER=platform needs WECHAT_APP_ID and WECHAT_APP_SECRET, and/or ALIPAY_APP_ID with ALIPAY_PRIVATE_KEY and ALIPAY_PUBLIC_KEY');
  }
  if (config.NODE_ENV === 'production' && config.DEMO_DATA && input.DEMO_DATA === 'true') {
    throw new ConfigError('DEMO_DATA cannot be enabled in production');
  }
  if (config.NODE_ENV === 'production') config.DEMO_DATA = false;
  // The demo accounts log in through the development platform, which LOGIN_PROVIDER=platform leaves out.
  if (config.LOGIN_PROVIDER === 'platform' && config.DEMO_DATA) {
    if (input.DEMO_DATA === 'true') throw new ConfigError('DEMO_DATA=true needs LOGIN_PROVIDER=dev: the demo accounts log in through the development platform');
    config.DEMO_DATA = false;
  }
  return config;
}

const isHttpUrl = (s: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
};

/** What the chosen login and SMS providers need, said plainly (one line per missing or bad setting). */
function platformProblems(config: Config): string[] {
  const problems: string[] = [];
  const production = config.NODE_ENV === 'production';
  if (config.SMS_PROVIDER === 'http') {
    if (!isHttpUrl(config.SMS_API_URL)) problems.push('SMS_API_URL: SMS_PROVIDER=http needs the http(s) URL of the SMS gateway');
    if (!config.SMS_API_TOKEN) problems.push('SMS_API_TOKEN: SMS_PROVIDER=http needs the bearer token of the SMS gateway');
  }
  if (config.LOGIN_PROVIDER === 'platform') {
    if (!config.WECHAT_APP_ID && !config.ALIPAY_APP_ID) problems.push('LOGIN_PROVIDER=platform needs WECHAT_APP_ID (with WECHAT_APP_SECRET) and/or ALIPAY_APP_ID (with ALIPAY_PRIVATE_KEY)');
    if (config.WECHAT_APP_ID && !config.WECHAT_APP_SECRET) problems.push('WECHAT_APP_SECRET: WeChat login needs the mini-program app secret');
  }
  // Alipay is used by its login and, with FACE_CHECK_PROVIDER=platform, by the face check of
  // relatives (R24), whose passed "T" must be signed by Alipay as much as a login is.
  const alipayUses = [config.LOGIN_PROVIDER === 'platform' && 'login', config.FACE_CHECK_PROVIDER === 'platform' && 'face check'].filter(Boolean).join(' and ');
  if (config.ALIPAY_APP_ID && alipayUses) {
    if (!config.ALIPAY_PRIVATE_KEY) problems.push(`ALIPAY_PRIVATE_KEY: Alipay ${alipayUses} needs the app private key (RSA2)`);
    else if (!tryKey(() => alipayPrivateKey(config.ALIPAY_PRIVATE_KEY))) problems.push('ALIPAY_PRIVATE_KEY: not a readable RSA private key (PEM, or base64 PKCS#8 / PKCS#1)');
    if (config.ALIPAY_PUBLIC_KEY && !tryKey(() => alipayPublicKey(config.ALIPAY_PUBLIC_KEY))) problems.push('ALIPAY_PUBLIC_KEY: not a readable RSA public key (PEM, or base64 SPKI)');
    if (production && !config.ALIPAY_PUBLIC_KEY) problems.push(`ALIPAY_PUBLIC_KEY: production verifies Alipay response signatures (${alipayUses}) and needs the Alipay public key`);
  }
  if (config.FACE_CHECK_PROVIDER === 'platform' && config.ALIPAY_APP_ID && config.ALIPAY_FACE_RETURN_URL && !isReturnUrl(config.ALIPAY_FACE_RETURN_URL)) {
    problems.push('ALIPAY_FACE_RETURN_URL: not an http(s) or alipays:// URL for Alipay to send the guardian back to after the face check');
  }
  return problems;
}

const isReturnUrl = (s: string) => {
  try {
    return ['http:', 'https:', 'alipays:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
};

function tryKey(read: () => unknown): boolean {
  try {
    read();
    return true;
  } catch {
    return false;
  }
}
