import type { z } from 'zod';
import type { Credentials } from './auth';
import type { RequestEvent } from './http/accounting';
import type { RetryOptions } from './http/retry';
import type { FetchLike } from './http/transport';
import type { PagingOptions } from './paging';
import type { ListQuery } from './query';
import type { RedisScripting } from './rate-limit/redis-store';
import type { BudgetStore } from './rate-limit/store';
import type { WeighedRequest } from './rate-limit/weights';
import type { StockType } from './schemas/reports';
import type { InvalidRow } from './validation';

export const DEFAULT_BASE_URL = 'https://api.moysklad.ru/api/remap/1.2';
export const DEFAULT_TIMEOUT_MS = 120_000;
/** The 8 KB request-header limit minus room for Authorization, User-Agent and the rest. */
export const DEFAULT_MAX_URL_LENGTH = 7168;

export interface RateLimitOptions {
  /**
   * Whose budget requests are charged to. MoySklad counts per user (or per solution), so every
   * process acting as that user must use the same key; `client.identity()` gives a stable one.
   * Defaults to a key derived from the credentials (the login, or a hash of the token).
   */
  key?: string;
  /** Units per window (default 45). */
  units?: number;
  /** Window length (default 3000 ms). Divide by N to talk to an emulator running N× faster. */
  windowMs?: number;
  /** Parallel requests per identity (default 5). */
  maxInFlight?: number;
  /** Extra time a charge stays in the window after its response (default 1% of the window). */
  marginMs?: number;
  /**
   * Weight of a request. Receives the documented weight (by auth kind, endpoint and date) and
   * may change it, e.g. to 4 for a draft solution's token.
   */
  weight?: (request: WeighedRequest, documented: number) => number;
  /** Redis client or URL: share the budget with every process using the same key. */
  redis?: RedisScripting | string;
  /** Prefix of the Redis keys (default `moysklad:budget`). */
  redisKeyPrefix?: string;
  /** A budget store of your own (overrides `redis`); by default one per process. */
  store?: BudgetStore;
}

export interface MoySkladClientOptions {
  credentials: Credentials;
  /** Defaults to MoySklad's production API; point it at an emulator for tests. */
  baseUrl?: string;
  /** `fetch` to send requests with (default: the global one). */
  fetch?: FetchLike;
  /** Per attempt (default 120 s; MoySklad's heavy reports can take minutes). */
  timeoutMs?: number;
  rateLimit?: RateLimitOptions;
  retry?: RetryOptions;
  /** Called after every HTTP attempt; must not throw. */
  onRequest?: (event: RequestEvent) => void;
  /** Extra headers on every request (e.g. `X-Lognex-WebHook-DisableByPrefix`). */
  headers?: Record<string, string>;
  userAgent?: string;
  /** Longest URL sent (default 7168). */
  maxUrlLength?: number;
}

export interface RequestOptions<S extends z.ZodType | undefined = undefined> {
  query?: ListQuery<unknown>;
  /** JSON body. */
  body?: unknown;
  /** Validates (and converts) the response; a mismatch throws `MoySkladValidationError`. */
  schema?: S;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Whether resending is harmless; defaults by method (POST is not). */
  idempotent?: boolean;
}

export interface ListOptions extends PagingOptions {
  /**
   * Receives each row that fails validation. Without it, the listing still delivers every valid
   * row and then throws `MoySkladInvalidRowsError` naming the invalid ones.
   */
  onInvalidRow?: (row: InvalidRow) => void;
}

export interface DocumentListOptions extends ListOptions {
  /** Add `fields=stock`: stock and cost (`stock.cost`) in every position. */
  stock?: boolean;
}

export interface ByIdsResult<T> {
  rows: T[];
  /** Requested ids the server did not return (deleted, or filtered out). */
  missingIds: string[];
  invalid: InvalidRow[];
}

export interface StockCurrentQuery {
  /** `all` (per item) or `bystore` (per item and store). */
  report: 'all' | 'bystore';
  stockType?: StockType;
  /** Only items whose stock changed since then (at most 24 h back; includes zero lines). */
  changedSince?: Date;
  /** Include items with zero stock. */
  zeroLines?: boolean;
  assortmentIds?: readonly string[];
  storeIds?: readonly string[];
}

export interface Identity {
  /** Rate-limit key for this user or solution: pass it as `rateLimit.key`. */
  key: string;
  kind: 'employee' | 'solution';
  id: string;
  accountId: string | undefined;
  /** The employee's login (`user@account`) or the solution's uid. */
  uid: string | undefined;
}
