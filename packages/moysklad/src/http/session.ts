import { z } from 'zod';
import { authorizationHeader, tokenKindOf } from '../auth';
import { MoySkladValidationError, type FailedRequest } from '../errors';
import {
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  type MoySkladClientOptions,
  type RequestOptions,
} from '../options';
import { searchParams, type ListQuery } from '../query';
import type { RateLimiter, ServerBudgetSignals } from '../rate-limit/limiter';
import { requestWeight, type WeighedRequest } from '../rate-limit/weights';
import { sleep } from '../sleep';
import { RequestAccounting, type RequestEvent, type RequestStats } from './accounting';
import { DEFAULT_RETRY, isIdempotent, retryDelay, type RetryPolicy } from './retry';
import { exchange, numericHeader, type ExchangeResult, type FetchLike } from './transport';

/** Where MoySklad's API lives under any host; hrefs it returns all contain it. */
const API_PATH = '/api/remap/1.2';

export type Parsed<S> = S extends z.ZodType ? z.output<S> : unknown;

/**
 * Requests against one base URL with one set of credentials: headers, the rate limiter,
 * retries, accounting. Knows nothing of MoySklad's entities.
 */
export class HttpSession {
  private readonly baseUrl: URL;
  /** The base URL's path without a trailing slash (`/api/remap/1.2`, or `` at a host's root). */
  private readonly basePath: string;
  private readonly fetchImpl: FetchLike;
  private readonly retry: RetryPolicy;
  private readonly accounting = new RequestAccounting();
  private readonly headers: Record<string, string>;

  constructor(
    private readonly options: MoySkladClientOptions,
    private readonly limiter: RateLimiter,
  ) {
    this.baseUrl = new URL(options.baseUrl ?? DEFAULT_BASE_URL);
    this.basePath = this.baseUrl.pathname.replace(/\/+$/, '');
    if (this.baseUrl.username || this.baseUrl.password) {
      throw new TypeError('Pass MoySklad credentials in `credentials`, not in the base URL');
    }
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.headers = {
      ...options.headers,
      Authorization: authorizationHeader(options.credentials),
      // Mandatory: without it MoySklad answers 415 with an empty body.
      'Accept-Encoding': 'gzip',
      Accept: 'application/json;charset=utf-8',
      'User-Agent': options.userAgent ?? '@crm/moysklad',
    };
  }

  get stats(): RequestStats {
    return this.accounting.snapshot();
  }

  resetStats(): void {
    this.accounting.reset();
  }

  /**
   * One request, retried per the retry policy, its answer checked against `schema` if given.
   * `path` is relative to the base URL, or an href MoySklad returned.
   */
  async request<S extends z.ZodType | undefined = undefined>(
    method: string,
    path: string,
    options: RequestOptions<S> = {},
  ): Promise<Parsed<S>> {
    const url = this.url(path, options.query);
    const upper = method.toUpperCase();
    const display: FailedRequest = { method: upper, url: url.href };
    const result = await this.send(upper, url, display, options);
    if (!options.schema) return result.body as Parsed<S>;
    const parsed = options.schema.safeParse(result.body);
    if (!parsed.success) {
      throw new MoySkladValidationError(
        `Response does not match the expected shape:\n${z.prettifyError(parsed.error)}`,
        parsed.error.issues,
        display,
      );
    }
    return parsed.data as Parsed<S>;
  }

  /**
   * The URL for `path`. An absolute href is taken by its part after `/api/remap/1.2`, so hrefs
   * an emulator or MoySklad wrote under another host still go to the configured base URL: the
   * credentials are never sent anywhere else.
   */
  url(path: string, query?: ListQuery<unknown>): URL {
    const relative = /^https?:\/\//i.test(path) ? this.hrefPath(new URL(path)) : path;
    // One leading slash: `//host/...` would otherwise name another host.
    const url = new URL(`${this.basePath}/${relative.replace(/^\/+/, '')}`, this.baseUrl.origin);
    if (this.relativePath(url).toLowerCase() === '/security/token') {
      // Issuing a token revokes every other token of the user, breaking whatever else uses them.
      throw new TypeError(
        'This client never requests /security/token; create tokens in MoySklad instead',
      );
    }
    if (query) {
      for (const [name, value] of searchParams(query)) url.searchParams.set(name, value);
    }
    return url;
  }

  /** The part of an absolute href under the API root: after our base URL, or after `/api/remap/1.2`. */
  private hrefPath(href: URL): string {
    if (href.origin === this.baseUrl.origin && href.pathname.startsWith(`${this.basePath}/`)) {
      return `${href.pathname.slice(this.basePath.length)}${href.search}`;
    }
    const at = href.pathname.indexOf(`${API_PATH}/`);
    if (at < 0) throw new TypeError(`Not a MoySklad API href: ${href.origin}${href.pathname}`);
    return `${href.pathname.slice(at + API_PATH.length)}${href.search}`;
  }

  private relativePath(url: URL): string {
    return url.pathname.slice(this.basePath.length).replace(/\/+$/, '') || '/';
  }

  private async send(
    method: string,
    url: URL,
    display: FailedRequest,
    options: RequestOptions<z.ZodType | undefined>,
  ): Promise<ExchangeResult> {
    const path = this.relativePath(url);
    const idempotent = options.idempotent ?? isIdempotent(method);
    const headers = { ...this.headers, ...options.headers };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    for (let attempt = 1; ; attempt++) {
      const weight = this.weigh({ method, path });
      const permit = await this.limiter.acquire(weight, options.signal);
      const started = performance.now();
      let result: ExchangeResult | undefined;
      try {
        result = await exchange(this.fetchImpl, {
          method,
          url,
          headers,
          body,
          timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          signal: options.signal,
          display,
        });
      } finally {
        // Runs for the caller's abort too, so the slot is never leaked.
        await this.limiter.complete(permit, budgetSignals(result));
      }
      const retryInMs =
        result.error === undefined
          ? undefined
          : retryDelay(result.error, attempt, idempotent, this.retry);
      const event: RequestEvent = {
        method,
        path: `${path}${url.search}`,
        status: result.status,
        durationMs: performance.now() - started,
        attempt,
        weight,
        error: result.error?.name,
        retryInMs,
      };
      this.accounting.record(event);
      this.options.onRequest?.(event);
      if (result.error === undefined) return result;
      if (retryInMs === undefined) throw result.error;
      await sleep(retryInMs, options.signal);
    }
  }

  /** The documented weight (by auth kind, endpoint and today's date), unless overridden. */
  private weigh(request: WeighedRequest): number {
    const documented = requestWeight(request, tokenKindOf(this.options.credentials), new Date());
    return this.options.rateLimit?.weight?.(request, documented) ?? documented;
  }
}

/** What the limiter learns from an answer (nothing, when there was none). */
function budgetSignals(result: ExchangeResult | undefined): ServerBudgetSignals {
  const headers = result?.headers;
  if (!headers) return {};
  return {
    retryAfterMs:
      result.status === 429 ? numericHeader(headers, 'x-lognex-retry-after') : undefined,
    remaining: numericHeader(headers, 'x-ratelimit-remaining'),
    limit: numericHeader(headers, 'x-ratelimit-limit'),
    resetMs: numericHeader(headers, 'x-lognex-reset'),
  };
}
