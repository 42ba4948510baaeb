import { z } from 'zod';

/**
 * Development values of the secrets. They make a fresh clone start without configuration and are
 * refused in production, where every one of them must be set.
 */
export const DEVELOPMENT_DEFAULTS = {
  SECRET_KEY: 'dev-secret-key-change-me-in-production-0000',
  JWT_SECRET_KEY: 'dev-jwt-secret-key-change-me-in-production-00',
  ENCRYPTION_KEY: 'ZGV2LWVuY3J5cHRpb24ta2V5LTMyLWJ5dGVzLWxvbmc=',
  ADMIN_EMAIL: 'admin@example.com',
  ADMIN_PASSWORD: 'admin123',
} as const;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, value: z.input<T>) =>
  z.preprocess(emptyToUndefined, schema.prefault(value as never));

const port = z.coerce.number().int().min(0).max(65535);

const postgresUrl = z
  .string()
  .refine((v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol), {
    message: 'must be a postgres:// or postgresql:// URL, e.g. postgres://user:pass@host:5432/db',
  });

const redisUrl = z
  .string()
  .refine((v) => URL.canParse(v) && /^rediss?:$/.test(new URL(v).protocol), {
    message: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
  });

const httpUrl = z
  .string()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
    message: 'must be an http:// or https:// URL',
  });

const timezone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Europe/Moscow' },
);

/** 32 bytes for AES-256-GCM, given as base64 or 64 hex digits. */
const encryptionKey = z.string().transform((value, ctx) => {
  const bytes = /^[0-9a-f]{64}$/i.test(value)
    ? Buffer.from(value, 'hex')
    : Buffer.from(value, 'base64');
  if (bytes.length !== 32) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be 32 bytes as base64 or 64 hex digits (openssl rand -base64 32)',
    });
    return z.NEVER;
  }
  return bytes;
});

const secret = z.string().min(32, 'must be at least 32 characters (openssl rand -base64 48)');

/**
 * Which proxies' `X-Forwarded-For` to believe: `false` (none), `true` (any), a number of hops, or
 * a comma-separated list of proxy addresses.
 */
const trustProxy = z.string().transform((value, ctx): false | true | number | string[] => {
  const v = value.trim().toLowerCase();
  if (v === 'false' || v === '0' || v === '') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.every((ip) => /^[0-9a-f.:/]+$/.test(ip))) return list;
  ctx.addIssue({
    code: 'custom',
    message: 'must be false, true, a number of proxy hops or a comma-separated list of addresses',
  });
  return z.NEVER;
});

const commaList = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

export const envSchema = z.object({
  NODE_ENV: withDefault(z.enum(['development', 'test', 'production']), 'development'),
  PORT: withDefault(port, 8000),
  CRM_ROLE: withDefault(z.enum(['all', 'api', 'worker']), 'all'),
  CRM_DATA_DIR: withDefault(z.string(), './.data'),
  DATABASE_URL: optional(postgresUrl),
  DATABASE_POOL_MAX: withDefault(z.coerce.number().int().min(1).max(200), 10),
  REDIS_URL: optional(redisUrl),
  SECRET_KEY: withDefault(secret, DEVELOPMENT_DEFAULTS.SECRET_KEY),
  JWT_SECRET_KEY: withDefault(secret, DEVELOPMENT_DEFAULTS.JWT_SECRET_KEY),
  ENCRYPTION_KEY: withDefault(encryptionKey, DEVELOPMENT_DEFAULTS.ENCRYPTION_KEY),
  PUBLIC_BASE_URL: optional(httpUrl),
  CORS_ORIGINS: withDefault(commaList, ''),
  TRUST_PROXY: withDefault(trustProxy, 'false'),
  LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  BUSINESS_TIMEZONE: withDefault(timezone, 'Europe/Moscow'),
  ADMIN_EMAIL: withDefault(z.email(), DEVELOPMENT_DEFAULTS.ADMIN_EMAIL),
  ADMIN_PASSWORD: withDefault(z.string().min(1), DEVELOPMENT_DEFAULTS.ADMIN_PASSWORD),
  MOYSKLAD_TOKEN: optional(z.string()),
  MOYSKLAD_TOKEN_KIND: withDefault(z.enum(['user', 'solution']), 'user'),
  MOYSKLAD_USERNAME: optional(z.string()),
  MOYSKLAD_PASSWORD: optional(z.string()),
  MOYSKLAD_BASE_URL: withDefault(httpUrl, 'https://api.moysklad.ru/api/remap/1.2'),
  MOYSKLAD_SYNC_INTERVAL_MINUTES: withDefault(z.coerce.number().int().min(1).max(1440), 15),
  METRICS_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  CRM_DEMO: withDefault(z.enum(['auto', 'off']), 'auto'),
  CRM_DEMO_DATASET: withDefault(z.enum(['demo', 'tiny']), 'demo'),
});

export type Env = z.output<typeof envSchema>;
