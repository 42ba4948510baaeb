import { Redis } from 'ioredis';
import { credentialsKey } from '../auth';
import { DEFAULT_TIMEOUT_MS, type MoySkladClientOptions } from '../options';
import { RateLimiter } from './limiter';
import { processBudgetStore } from './memory-store';
import { RedisBudgetStore } from './redis-store';

/** MoySklad's documented limits: 45 units per 3 s, 5 requests in parallel. */
export const MOYSKLAD_UNITS = 45;
export const MOYSKLAD_WINDOW_MS = 3000;
export const MOYSKLAD_MAX_IN_FLIGHT = 5;

/**
 * The limiter a client's options describe, and the Redis connection it opened for a URL (the
 * client closes that one; a Redis client passed in stays the caller's).
 */
export function limiterFor(options: MoySkladClientOptions): {
  limiter: RateLimiter;
  ownedRedis: Redis | undefined;
} {
  const rl = options.rateLimit ?? {};
  const windowMs = rl.windowMs ?? MOYSKLAD_WINDOW_MS;
  const ownedRedis = typeof rl.redis === 'string' ? new Redis(rl.redis) : undefined;
  const redis = ownedRedis ?? (typeof rl.redis === 'string' ? undefined : rl.redis);
  const store =
    rl.store ?? (redis ? new RedisBudgetStore(redis, rl.redisKeyPrefix) : processBudgetStore);
  const limiter = new RateLimiter(
    store,
    rl.key ?? credentialsKey(options.credentials),
    {
      units: rl.units ?? MOYSKLAD_UNITS,
      windowMs,
      maxInFlight: rl.maxInFlight ?? MOYSKLAD_MAX_IN_FLIGHT,
      marginMs: rl.marginMs ?? windowMs / 100,
      // A lease outlives any request that is still being waited for.
      leaseMs: (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + windowMs,
    },
    // Other processes release without telling us: look again a few dozen times a window.
    Math.max(2, windowMs / 60),
  );
  return { limiter, ownedRedis };
}
