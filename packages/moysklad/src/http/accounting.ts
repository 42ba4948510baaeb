/** One HTTP attempt, as reported to the `onRequest` hook. Carries no credentials. */
export interface RequestEvent {
  method: string;
  /** Path and query under the base URL (`/entity/product?limit=1000&offset=0`). */
  path: string;
  /** HTTP status, when the server answered. */
  status: number | undefined;
  durationMs: number;
  /** 1 for the first try. */
  attempt: number;
  /** Units charged against the rate-limit budget. */
  weight: number;
  /** Error name when the attempt failed (`MoySkladRateLimitError`, ...). */
  error: string | undefined;
  /** Milliseconds until the next attempt, when there will be one. */
  retryInMs: number | undefined;
}

/** Totals since the client was created (or `resetStats`). */
export interface RequestStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Rate-limit units charged. */
  weight: number;
  /** Attempts that were repeats of a failed one. */
  retries: number;
  /** Answers with status 429. */
  rateLimited: number;
  /** Attempts that failed (any error, retried or not). */
  failures: number;
  /** Answers by HTTP status; `network` for attempts without one. */
  byStatus: Record<string, number>;
}

export class RequestAccounting {
  private totals: RequestStats = emptyStats();

  record(event: RequestEvent): void {
    const t = this.totals;
    t.requests++;
    t.weight += event.weight;
    if (event.attempt > 1) t.retries++;
    if (event.status === 429) t.rateLimited++;
    if (event.error !== undefined) t.failures++;
    const status = event.status === undefined ? 'network' : String(event.status);
    t.byStatus[status] = (t.byStatus[status] ?? 0) + 1;
  }

  snapshot(): RequestStats {
    return { ...this.totals, byStatus: { ...this.totals.byStatus } };
  }

  reset(): void {
    this.totals = emptyStats();
  }
}

function emptyStats(): RequestStats {
  return { requests: 0, weight: 0, retries: 0, rateLimited: 0, failures: 0, byStatus: {} };
}
