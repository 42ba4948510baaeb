import type { Limits } from '../config';
import { ApiError } from './errors';

/** Start dates of the staged weight of user-authenticated requests (`_restrictions.md`). */
const USER_WEIGHT_SCHEDULE: readonly [number, number][] = [
  [Date.UTC(2026, 11, 1) - 3 * 3600_000, 4],
  [Date.UTC(2026, 8, 1) - 3 * 3600_000, 3],
  [Date.UTC(2026, 4, 12) - 3 * 3600_000, 2],
];

export function scheduledUserWeight(now: number): number {
  for (const [from, weight] of USER_WEIGHT_SCHEDULE) if (now >= from) return weight;
  return 1;
}

interface Bucket {
  level: number;
  at: number;
  inFlight: number;
  /** Moments of recent 429s, for the ban on 429 storms. */
  refusals: number[];
  banned: boolean;
}

export interface Admission {
  headers: Record<string, string>;
  release: () => void;
}

/**
 * MoySklad's limits, per user or solution: a bucket of `capacity` units that drains evenly over
 * `intervalMs` (each request adds its weight), and at most `parallelPerIdentity` requests in flight
 * (`parallelPerAccount` for the whole account). With a time scale of N the interval is N times
 * shorter, and the headers report the scaled milliseconds a client actually has to wait.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private accountInFlight = 0;

  constructor(
    private readonly limits: Limits,
    private readonly timeScale: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  private get intervalMs(): number {
    return this.limits.intervalMs / this.timeScale;
  }

  /** Units drained per millisecond. */
  private get rate(): number {
    return this.limits.capacity / this.intervalMs;
  }

  private bucket(identity: string): Bucket {
    let bucket = this.buckets.get(identity);
    if (!bucket) {
      bucket = { level: 0, at: this.clock(), inFlight: 0, refusals: [], banned: false };
      this.buckets.set(identity, bucket);
    }
    const now = this.clock();
    bucket.level = Math.max(0, bucket.level - (now - bucket.at) * this.rate);
    bucket.at = now;
    return bucket;
  }

  private headers(bucket: Bucket): Record<string, string> {
    return {
      'X-RateLimit-Limit': String(this.limits.capacity),
      'X-RateLimit-Remaining': String(
        Math.max(0, Math.floor(this.limits.capacity - bucket.level + 1e-9)),
      ),
      'X-Lognex-Retry-TimeInterval': String(Math.round(this.intervalMs)),
      'X-Lognex-Reset': String(Math.ceil(bucket.level / this.rate)),
    };
  }

  /** Lets a request of the given weight in, or throws the 429 MoySklad would answer with. */
  admit(identity: string, weight: number): Admission {
    const bucket = this.bucket(identity);
    if (!this.limits.enabled) {
      // Clients read these headers on every response, so they stay, showing an untouched bucket.
      return { headers: this.headers({ ...bucket, level: 0 }), release: () => undefined };
    }
    if (bucket.banned)
      throw new ApiError(403, 1061, 'Отсутствует доступ к API для данного пользователя');
    if (
      bucket.inFlight >= this.limits.parallelPerIdentity ||
      this.accountInFlight >= this.limits.parallelPerAccount
    ) {
      // The rate headers do not describe the parallel limit, and this 429 has no Retry-After.
      this.refused(bucket);
      throw new ApiError(
        429,
        1073,
        'Превышено ограничение на одновременное количество запросов',
        undefined,
        this.headers(bucket),
      );
    }
    if (bucket.level + weight > this.limits.capacity + 1e-9) {
      const wait = Math.ceil((bucket.level + weight - this.limits.capacity) / this.rate);
      this.refused(bucket);
      throw new ApiError(
        429,
        1049,
        'Превышено ограничение на количество запросов в единицу времени',
        undefined,
        {
          ...this.headers(bucket),
          'X-Lognex-Retry-After': String(Math.max(wait, 1)),
        },
      );
    }
    bucket.level += weight;
    bucket.inFlight++;
    this.accountInFlight++;
    let released = false;
    return {
      headers: this.headers(bucket),
      release: () => {
        if (released) return;
        released = true;
        bucket.inFlight--;
        this.accountInFlight--;
      },
    };
  }

  /** MoySklad switches off API access of a user who keeps hammering through 429s. */
  private refused(bucket: Bucket): void {
    const limit = this.limits.banAfterRateLimitedPerMinute;
    if (limit === 0) return;
    const now = this.clock();
    const minute = 60_000 / this.timeScale;
    bucket.refusals.push(now);
    while (bucket.refusals.length > 0 && bucket.refusals[0]! <= now - minute)
      bucket.refusals.shift();
    if (bucket.refusals.length > limit) bucket.banned = true;
  }

  reset(): void {
    this.buckets.clear();
  }
}
