import { Redis } from 'ioredis';

/**
 * A Redis connection when REDIS_URL is set. Commands wait while it reconnects instead of failing at
 * once, and connection errors are logged by the caller's handler rather than crashing the process.
 */
export function connectRedis(url: string, onError: (error: Error) => void): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 3, enableOfflineQueue: true, lazyConnect: false });
  redis.on('error', onError);
  return redis;
}

export type { Redis };
