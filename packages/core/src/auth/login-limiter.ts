import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';

export type LoginLimits = { perAccount: number; perIp: number; windowSeconds: number; lockoutSeconds: number };

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perIp: 30, windowSeconds: 15 * 60, lockoutSeconds: 15 * 60 };

/**
 * Failed sign-ins counted per account and per client address; past the limit the account or
 * address is locked out for a while. Shared through Redis when configured, in memory otherwise.
 */
export class LoginLimiter {
  private readonly account: RateLimiterAbstract;
  private readonly ip: RateLimiterAbstract;

  constructor(
    redis: Redis | undefined,
    readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  ) {
    const make = (keyPrefix: string, points: number) =>
      redis
        ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: limits.windowSeconds, blockDuration: limits.lockoutSeconds })
        : new RateLimiterMemory({ keyPrefix, points, duration: limits.windowSeconds, blockDuration: limits.lockoutSeconds });
    this.account = make('crm:login:account', limits.perAccount);
    this.ip = make('crm:login:ip', limits.perIp);
  }

  /** Seconds until the account or address may try again, or 0 when it may try now. */
  async lockedFor(email: string, ip: string | undefined): Promise<number> {
    const results = await Promise.all([this.account.get(email), ip ? this.ip.get(ip) : null]);
    const limits = [this.limits.perAccount, this.limits.perIp];
    let wait = 0;
    results.forEach((res, i) => {
      if (res && res.consumedPoints >= limits[i]!) wait = Math.max(wait, Math.ceil(res.msBeforeNext / 1000));
    });
    return wait;
  }

  async recordFailure(email: string, ip: string | undefined): Promise<void> {
    const consume = (limiter: RateLimiterAbstract, key: string) =>
      limiter.consume(key).catch((rejection: RateLimiterRes | Error) => {
        if (rejection instanceof Error) throw rejection; // the store failed, not the limit
      });
    await Promise.all([consume(this.account, email), ip ? consume(this.ip, ip) : undefined]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.account.delete(email);
  }
}
