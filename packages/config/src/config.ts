import path from 'node:path';
import { DEVELOPMENT_DEFAULTS, envSchema, type Env } from './env';

/** A configuration problem, phrased for the person who runs the server. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Role = 'api' | 'worker';

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: Env, raw: NodeJS.ProcessEnv) {
  const moyskladCredentials = env.MOYSKLAD_TOKEN
    ? ({ kind: 'token', token: env.MOYSKLAD_TOKEN, tokenKind: env.MOYSKLAD_TOKEN_KIND } as const)
    : env.MOYSKLAD_USERNAME && env.MOYSKLAD_PASSWORD
      ? ({ kind: 'basic', username: env.MOYSKLAD_USERNAME, password: env.MOYSKLAD_PASSWORD } as const)
      : undefined;
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    port: env.PORT,
    roles: (env.CRM_ROLE === 'all' ? ['api', 'worker'] : [env.CRM_ROLE]) as Role[],
    dataDir: path.resolve(env.CRM_DATA_DIR),
    database: { url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX },
    redisUrl: env.REDIS_URL,
    secretKey: env.SECRET_KEY,
    jwtSecretKey: env.JWT_SECRET_KEY,
    encryptionKey: env.ENCRYPTION_KEY,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    publicBaseUrlConfigured: env.PUBLIC_BASE_URL !== undefined,
    corsOrigins: env.CORS_ORIGINS,
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    businessTimezone: env.BUSINESS_TIMEZONE,
    /** The first admin to create at start; in production only when ADMIN_PASSWORD is set. */
    admin:
      env.NODE_ENV === 'production' && !raw.ADMIN_PASSWORD?.trim()
        ? undefined
        : { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD },
    moysklad: {
      baseUrl: env.MOYSKLAD_BASE_URL,
      credentials: moyskladCredentials,
      syncIntervalMinutes: env.MOYSKLAD_SYNC_INTERVAL_MINUTES,
    },
    metricsToken: env.METRICS_TOKEN,
    /** Demo data from a built-in MoySklad emulator while no account is connected (never in production). */
    demo: env.CRM_DEMO === 'auto' && env.NODE_ENV !== 'production',
    /** The demo account's size: `demo` (a shop of 5 000 goods), or `tiny` for tests. */
    demoDataset: env.CRM_DEMO_DATASET,
  };
}

function productionProblems(env: Env, raw: NodeJS.ProcessEnv): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  for (const name of ['SECRET_KEY', 'JWT_SECRET_KEY', 'ENCRYPTION_KEY'] as const) {
    const value = raw[name]?.trim();
    if (!value || value === DEVELOPMENT_DEFAULTS[name]) {
      problems.push(`${name}: must be set to a secret of your own in production`);
    }
  }
  if (env.SECRET_KEY === env.JWT_SECRET_KEY) {
    problems.push('JWT_SECRET_KEY: must differ from SECRET_KEY');
  }
  if (raw.ADMIN_PASSWORD?.trim()) {
    if (env.ADMIN_PASSWORD === DEVELOPMENT_DEFAULTS.ADMIN_PASSWORD) {
      problems.push('ADMIN_PASSWORD: the development password is refused in production; or leave it unset and use `crm-server admin create`');
    }
    if (env.ADMIN_EMAIL === DEVELOPMENT_DEFAULTS.ADMIN_EMAIL) {
      problems.push('ADMIN_EMAIL: set the first admin\'s real email in production');
    }
  }
  return problems;
}

export function loadConfig(raw: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const value = raw[name];
        const shown = value === undefined || /KEY|PASSWORD|TOKEN|SECRET|_URL/.test(name) ? '' : ` (got "${value}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const problems = productionProblems(parsed.data, raw);
  if (problems.length > 0) throw new ConfigError(problems);
  return toConfig(parsed.data, raw);
}

let cached: Config | undefined;

/** The process's configuration, read from `process.env` once. */
export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}

export { envSchema, DEVELOPMENT_DEFAULTS };
