import type { Config, Role } from '@crm/config';
import type { Database } from '@crm/db';
import { LoginLimiter } from './auth/login-limiter';
import { PRODUCTION_HASH_COST, TEST_HASH_COST, type HashCost } from './auth/passwords';
import { PrincipalCache } from './auth/principal-cache';
import type { PgBoss } from './jobs/boss';
import type { Logger } from './logger';
import { createEventBus, type EventBus } from './platform/events';
import { connectRedis, type Redis } from './platform/redis';

/** What every core service needs: configuration, database, logger and the shared runtime pieces. */
export type CoreDeps = {
  config: Config;
  db: Database;
  log: Logger;
  /** The roles this instance runs and when it started, for status reports. */
  runtime: { roles: Role[]; startedAt: Date };
  redis: Redis | undefined;
  events: EventBus;
  /** The job queue, for sending jobs; every server instance runs one (one-off commands do not). */
  boss: PgBoss | undefined;
  auth: { principals: PrincipalCache; loginLimiter: LoginLimiter; hashCost: HashCost };
};

export function createCoreDeps(options: {
  config: Config;
  db: Database;
  log: Logger;
  roles: Role[];
  boss?: PgBoss;
  loginLimiter?: LoginLimiter;
}): CoreDeps & { close(): Promise<void> } {
  const { config, db, log } = options;
  const onRedisError = (error: Error) => log.warn({ err: error }, 'redis error');
  const redis = config.redisUrl ? connectRedis(config.redisUrl, onRedisError) : undefined;
  const events = createEventBus(redis, onRedisError);
  const principals = new PrincipalCache(events);
  return {
    config,
    db,
    log,
    runtime: { roles: options.roles, startedAt: new Date() },
    redis,
    events,
    boss: options.boss,
    auth: {
      principals,
      loginLimiter: options.loginLimiter ?? new LoginLimiter(redis),
      hashCost: config.env === 'test' ? TEST_HASH_COST : PRODUCTION_HASH_COST,
    },
    async close() {
      principals.close();
      await events.close();
      await redis?.quit().catch(() => {});
    },
  };
}
