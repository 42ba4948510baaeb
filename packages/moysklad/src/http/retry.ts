import { MoySkladError, MoySkladNetworkError, MoySkladRateLimitError } from '../errors';

export interface RetryOptions {
  /** Attempts in total, the first included (default 5). */
  maxAttempts?: number;
  /** Backoff before the second attempt; doubles each time (default 500 ms). */
  baseDelayMs?: number;
  /** Backoff ceiling (default 30 s). */
  maxDelayMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/**
 * How long to wait before trying `error`'s request again, or `undefined` when it must not be
 * retried. 429s are always retried (the server refused before doing anything); 5xx and broken
 * connections only when the request is idempotent, since a POST may have been carried out and
 * MoySklad bans accounts that repeat identical failing requests. Other 4xx are never retried.
 */
export function retryDelay(
  error: unknown,
  attempt: number,
  idempotent: boolean,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (!(error instanceof MoySkladError) || attempt >= policy.maxAttempts) return undefined;
  if (error.status === 429) {
    // A budget 429 carries X-Lognex-Retry-After, and the limiter has paused the whole identity
    // for that long: the retry only needs to queue again. A parallel-limit 429 (1073) says
    // nothing about when a slot frees up.
    if (error instanceof MoySkladRateLimitError && error.retryAfterMs !== undefined) return 0;
    return backoff(attempt, policy, random);
  }
  if (!idempotent) return undefined;
  const transient =
    error instanceof MoySkladNetworkError ||
    (error.status !== undefined && TRANSIENT_STATUSES.has(error.status));
  return transient ? backoff(attempt, policy, random) : undefined;
}

/** Exponential backoff with "equal jitter": half fixed, half random, so waits never collapse. */
export function backoff(attempt: number, policy: RetryPolicy, random: () => number = Math.random) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'PUT',
  'DELETE',
  'OPTIONS',
]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}
