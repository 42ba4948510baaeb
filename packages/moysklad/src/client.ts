import { Redis } from 'ioredis';
import { z } from 'zod';
import { authorizationHeader, credentialsKey, tokenKindOf, type Credentials } from './auth';
import { idBatches } from './batch';
import {
  entities,
  auditEventsEndpoint,
  positionsEndpoint,
  reports,
  schemasByMetaType,
  type DocumentEndpoint,
  type EntityEndpoint,
  type ListEndpoint,
} from './endpoints';
import { MoySkladInvalidRowsError, MoySkladValidationError, type FailedRequest } from './errors';
import { filter as emptyFilter } from './filter';
import { RequestAccounting, type RequestEvent, type RequestStats } from './http/accounting';
import {
  DEFAULT_RETRY,
  isIdempotent,
  retryDelay,
  type RetryOptions,
  type RetryPolicy,
} from './http/retry';
import { exchange, numericHeader, type ExchangeResult, type FetchLike } from './http/transport';
import { pageLimit, pageStream, type Page, type PagingOptions } from './paging';
import { completePositions } from './positions';
import { expandList, searchParams, type ListQuery, type Query } from './query';
import { RateLimiter, type ServerBudgetSignals } from './rate-limit/limiter';
import { processBudgetStore } from './rate-limit/memory-store';
import { RedisBudgetStore, type RedisScripting } from './rate-limit/redis-store';
import type { BudgetStore } from './rate-limit/store';
import { requestWeight, type WeighedRequest } from './rate-limit/weights';
import { listEnvelopeSchema, type Meta } from './schemas/common';
import {
  entityMetadataSchema,
  priceTypeSchema,
  type PriceType,
  type State,
} from './schemas/directories';
import {
  contextApplicationSchema,
  contextEmployeeSchema,
  type ContextEmployee,
} from './schemas/parties';
import { stockCurrentRowSchema, type StockCurrentRow, type StockType } from './schemas/reports';
import { sleep } from './sleep';
import { parseRow, type InvalidRow } from './validation';

export const DEFAULT_BASE_URL = 'https://api.moysklad.ru/api/remap/1.2';

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
  /** Longest URL sent (default 7168: the 8 KB header limit minus room for the other headers). */
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

export type ListName = keyof typeof entities | keyof typeof reports;
type ListEndpointOf<E> = E extends keyof typeof entities
  ? (typeof entities)[E]
  : E extends keyof typeof reports
    ? (typeof reports)[E]
    : E;
export type RowOf<E> = ListEndpointOf<E> extends ListEndpoint<infer S> ? z.output<S> : never;
type EntityOf<E> = E extends keyof typeof entities ? (typeof entities)[E] : E;
type DocumentOf<E> = EntityOf<E> extends DocumentEndpoint ? EntityOf<E> : never;
export type DocumentRef =
  | {
      [K in keyof typeof entities]: (typeof entities)[K] extends DocumentEndpoint ? K : never;
    }[keyof typeof entities]
  | DocumentEndpoint;
type PositionOf<E> =
  DocumentOf<E> extends DocumentEndpoint<z.ZodType, infer P> ? z.output<P> : never;

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_URL_LENGTH = 7168;

/**
 * Typed client for MoySklad JSON API 1.2: authentication, gzip, a shared rate-limit budget,
 * retries, paging with per-row validation, and the synced entities' schemas.
 */
export class MoySkladClient {
  private readonly baseUrl: URL;
  private readonly fetchImpl: FetchLike;
  private readonly limiter: RateLimiter;
  private readonly retry: RetryPolicy;
  private readonly accounting = new RequestAccounting();
  private readonly headers: Record<string, string>;
  private readonly ownedRedis: Redis | undefined;

  constructor(private readonly options: MoySkladClientOptions) {
    this.baseUrl = new URL((options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ''));
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

    const rl = options.rateLimit ?? {};
    const windowMs = rl.windowMs ?? 3000;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let store = rl.store;
    if (!store && rl.redis !== undefined) {
      const redis = typeof rl.redis === 'string' ? new Redis(rl.redis) : rl.redis;
      if (typeof rl.redis === 'string') this.ownedRedis = redis as Redis;
      store = new RedisBudgetStore(redis, rl.redisKeyPrefix);
    }
    this.limiter = new RateLimiter(
      store ?? processBudgetStore,
      rl.key ?? credentialsKey(options.credentials),
      {
        units: rl.units ?? 45,
        windowMs,
        maxInFlight: rl.maxInFlight ?? 5,
        marginMs: rl.marginMs ?? windowMs / 100,
        leaseMs: timeoutMs + windowMs,
      },
      Math.max(2, windowMs / 60),
    );
  }

  /** Requests made and weight used so far. */
  get stats(): RequestStats {
    return this.accounting.snapshot();
  }

  resetStats(): void {
    this.accounting.reset();
  }

  /** The rate-limit key requests are charged to. */
  get rateLimitKey(): string {
    return this.limiter.key;
  }

  /** Closes the Redis connection the client opened itself (from a URL). */
  async close(): Promise<void> {
    await this.ownedRedis?.quit();
  }

  /**
   * One request, retried per the retry policy. `path` is relative to the base URL, or an href
   * MoySklad returned (it must lie under the base URL: credentials go nowhere else).
   */
  async request<S extends z.ZodType | undefined = undefined>(
    method: string,
    path: string,
    options: RequestOptions<S> = {},
  ): Promise<S extends z.ZodType ? z.output<S> : unknown> {
    const url = this.url(path, options.query);
    const upper = method.toUpperCase();
    const display: FailedRequest = { method: upper, url: url.href };
    const result = await this.send(upper, url, display, options);
    if (!options.schema) return result.body as S extends z.ZodType ? z.output<S> : unknown;
    const parsed = options.schema.safeParse(result.body);
    if (!parsed.success) {
      throw new MoySkladValidationError(
        `Response does not match the expected shape:\n${z.prettifyError(parsed.error)}`,
        parsed.error.issues,
        display,
      );
    }
    return parsed.data as S extends z.ZodType ? z.output<S> : unknown;
  }

  /** One object by id (`GET /entity/<type>/<id>`). */
  async get<E extends keyof typeof entities | EntityEndpoint>(
    entity: E,
    id: string,
    query: Query<RowOf<E>> = {},
  ): Promise<RowOf<E>> {
    const endpoint = this.endpoint(entity) as EntityEndpoint;
    return this.request('GET', `${endpoint.path}/${encodeURIComponent(id)}`, {
      query: query as Query<unknown>,
      schema: endpoint.schema,
    }) as Promise<RowOf<E>>;
  }

  /**
   * The object a `meta` (from a webhook event, an audit event, a reference) points at, parsed
   * with the schema of its `type` when this client models it.
   */
  async getByMeta(meta: Pick<Meta, 'href' | 'type'>, query: Query = {}): Promise<unknown> {
    return this.request('GET', meta.href, { query, schema: schemasByMetaType[meta.type] });
  }

  /** Pages of a listing, every row validated on its own. */
  pages<E extends ListName | ListEndpoint>(
    list: E,
    query: ListQuery<RowOf<E>> = {},
    options: PagingOptions = {},
  ): AsyncGenerator<Page<RowOf<E>>> {
    const endpoint = this.endpoint(list);
    const q = query as ListQuery<unknown>;
    const limit = pageLimit(
      q.limit,
      expandList(q.expand) !== undefined || !!q.fields,
      endpoint.maxLimit,
    );
    const fetchPage = (offset: number, pageSize: number, signal: AbortSignal) =>
      this.request('GET', endpoint.path, {
        query: { ...q, limit: pageSize, offset },
        schema: listEnvelopeSchema,
        signal,
      });
    return pageStream(
      fetchPage,
      endpoint.schema,
      { offset: q.offset ?? 0, limit },
      options,
    ) as AsyncGenerator<Page<RowOf<E>>>;
  }

  /** Every row of a listing, in order. See `ListOptions.onInvalidRow` for rows that fail validation. */
  list<E extends ListName | ListEndpoint>(
    list: E,
    query: ListQuery<RowOf<E>> = {},
    options: ListOptions = {},
  ): AsyncGenerator<RowOf<E>> {
    const endpoint = this.endpoint(list);
    return this.rowsOf(this.pages(list, query, options), options, endpoint.path);
  }

  /**
   * Documents with all their positions: `expand=positions` (100 documents a page), plus the
   * document's own `/positions` pages where the expanded ones were cut short.
   */
  documentPages<E extends DocumentRef>(
    document: E,
    query: ListQuery<RowOf<E>> = {},
    options: DocumentListOptions = {},
  ): AsyncGenerator<Page<RowOf<E>>> {
    const endpoint = this.endpoint(document) as DocumentEndpoint;
    const q = query as ListQuery<unknown>;
    const expand = [...(expandList(q.expand)?.split(',') ?? []), 'positions'];
    const fields = options.stock ? 'stock' : q.fields;
    const pages = this.pages(endpoint, { ...q, expand, fields }, options);
    const load = async (documentId: string) => {
      const all = { rows: [] as unknown[], invalid: [] as InvalidRow[] };
      for await (const page of this.pages(
        positionsEndpoint(endpoint, documentId),
        { fields },
        options,
      )) {
        all.rows.push(...page.rows);
        all.invalid.push(...page.invalid);
      }
      return all;
    };
    return (async function* () {
      for await (const page of pages) {
        yield await completePositions(page as Page<{ id: string }>, load);
      }
    })() as AsyncGenerator<Page<RowOf<E>>>;
  }

  /** Every document of a listing with all its positions (see `documentPages`). */
  documents<E extends DocumentRef>(
    document: E,
    query: ListQuery<RowOf<E>> = {},
    options: DocumentListOptions = {},
  ): AsyncGenerator<RowOf<E>> {
    const endpoint = this.endpoint(document);
    return this.rowsOf(this.documentPages(document, query, options), options, endpoint.path);
  }

  /** The positions of one document, from `/entity/<type>/<id>/positions`. */
  positions<E extends DocumentRef>(
    document: E,
    documentId: string,
    query: ListQuery = {},
    options: ListOptions = {},
  ): AsyncGenerator<PositionOf<E>> {
    const endpoint = positionsEndpoint(this.endpoint(document) as DocumentEndpoint, documentId);
    return this.list(endpoint, query, options) as AsyncGenerator<PositionOf<E>>;
  }

  /** Events of one audit context. */
  auditEvents(auditId: string, query: ListQuery = {}, options: ListOptions = {}) {
    return this.list(auditEventsEndpoint(auditId), query, options);
  }

  /**
   * Rows for a set of ids, fetched in batches (`filter=id=a;id=b;...`, URLs kept under
   * `maxUrlLength`), and the ids that did not come back. Used to re-check rows a full pass
   * did not see before treating them as deleted. For documents, add
   * `filter().isDeleted('any')` to see those in the recycle bin.
   */
  async getByIds<E extends ListName | ListEndpoint>(
    list: E,
    ids: readonly string[],
    query: ListQuery<RowOf<E>> = {},
    options: PagingOptions = {},
  ): Promise<ByIdsResult<RowOf<E>>> {
    const endpoint = this.endpoint(list);
    const q = query as ListQuery<unknown>;
    const base = typeof q.filter === 'string' ? q.filter : (q.filter ?? emptyFilter()).toString();
    const withIds = (batch: readonly string[]) => {
      const ids = emptyFilter().ids(batch).toString();
      return base ? `${base};${ids}` : ids;
    };
    const limit = pageLimit(
      undefined,
      expandList(q.expand) !== undefined || !!q.fields,
      endpoint.maxLimit,
    );
    const batches = idBatches(
      ids,
      (batch) => this.url(endpoint.path, { ...q, filter: withIds(batch), limit, offset: 0 }),
      this.options.maxUrlLength ?? DEFAULT_MAX_URL_LENGTH,
      limit,
    );
    const result: ByIdsResult<RowOf<E>> = { rows: [], missingIds: [], invalid: [] };
    const seen = new Set<string>();
    for (const batch of batches) {
      for await (const page of this.pages(
        list,
        { ...query, filter: withIds(batch), limit },
        options,
      )) {
        for (const row of page.rows) {
          const id = (row as { id?: unknown }).id;
          if (typeof id === 'string') seen.add(id);
          result.rows.push(row);
        }
        for (const invalid of page.invalid) if (invalid.id) seen.add(invalid.id);
        result.invalid.push(...page.invalid);
      }
      result.missingIds.push(...batch.filter((id) => !seen.has(id)));
    }
    return result;
  }

  /** The short stock report (`/report/stock/{all,bystore}/current`): one bare array, no paging. */
  async stockCurrent(
    query: StockCurrentQuery,
  ): Promise<{ rows: StockCurrentRow[]; invalid: InvalidRow[] }> {
    const stockType = query.stockType ?? 'stock';
    let filter = '';
    if (query.assortmentIds?.length) filter += `assortmentId=${query.assortmentIds.join(',')}`;
    if (query.storeIds?.length) filter += `${filter ? ';' : ''}storeId=${query.storeIds.join(',')}`;
    const body = await this.request('GET', `/report/stock/${query.report}/current`, {
      query: {
        filter: filter || undefined,
        params: {
          stockType,
          changedSince: query.changedSince,
          include: query.zeroLines ? 'zeroLines' : undefined,
        },
      },
      schema: z.array(z.unknown()),
    });
    const schema = stockCurrentRowSchema(stockType);
    const result = { rows: [] as StockCurrentRow[], invalid: [] as InvalidRow[] };
    body.forEach((raw, index) => {
      const parsed = parseRow(schema, raw, index);
      if (parsed.ok) result.rows.push(parsed.value);
      else result.invalid.push(parsed.invalid);
    });
    return result;
  }

  /** Price types (`/context/companysettings/pricetype`, a bare array; the first is the default). */
  async priceTypes(): Promise<PriceType[]> {
    return this.request('GET', '/context/companysettings/pricetype', {
      schema: z.array(priceTypeSchema),
    });
  }

  /** The states a document type can be in (from `/entity/<type>/metadata`). */
  async documentStates(document: DocumentRef): Promise<State[]> {
    const endpoint = this.endpoint(document);
    const metadata = await this.request('GET', `${endpoint.path}/metadata`, {
      schema: entityMetadataSchema,
    });
    return metadata.states ?? [];
  }

  /** The user the credentials belong to, with their permissions. */
  async contextEmployee(): Promise<ContextEmployee> {
    return this.request('GET', '/context/employee', { schema: contextEmployeeSchema });
  }

  /**
   * Who MoySklad charges these credentials' requests to, read from `/context/employee` (users)
   * or `/context/application` (solutions). Its `key` is the right `rateLimit.key`.
   */
  async identity(): Promise<Identity> {
    if (tokenKindOf(this.options.credentials) === 'solution') {
      const app = await this.request('GET', '/context/application', {
        schema: contextApplicationSchema,
      });
      return {
        key: `solution:${app.id}`,
        kind: 'solution',
        id: app.id,
        accountId: app.accountId ?? undefined,
        uid: app.appUid ?? undefined,
      };
    }
    const employee = await this.contextEmployee();
    return {
      key: `employee:${employee.id}`,
      kind: 'employee',
      id: employee.id,
      accountId: employee.accountId ?? undefined,
      uid: employee.uid ?? undefined,
    };
  }

  /** Creates an object (`POST /entity/<type>`); not retried on 5xx, see `RequestOptions.idempotent`. */
  async create<E extends keyof typeof entities | EntityEndpoint>(
    entity: E,
    body: Record<string, unknown>,
    options: Pick<RequestOptions, 'idempotent' | 'signal' | 'headers'> = {},
  ): Promise<RowOf<E>> {
    const endpoint = this.endpoint(entity);
    return this.request('POST', endpoint.path, {
      ...options,
      body,
      schema: endpoint.schema,
    }) as Promise<RowOf<E>>;
  }

  /** Changes the given fields of an object (`PUT /entity/<type>/<id>`). */
  async update<E extends keyof typeof entities | EntityEndpoint>(
    entity: E,
    id: string,
    patch: Record<string, unknown>,
    options: Pick<RequestOptions, 'signal' | 'headers'> = {},
  ): Promise<RowOf<E>> {
    const endpoint = this.endpoint(entity);
    return this.request('PUT', `${endpoint.path}/${encodeURIComponent(id)}`, {
      ...options,
      body: patch,
      schema: endpoint.schema,
    }) as Promise<RowOf<E>>;
  }

  /** Deletes an object (`DELETE /entity/<type>/<id>`). */
  async delete(
    entity: keyof typeof entities | EntityEndpoint,
    id: string,
    options: Pick<RequestOptions, 'signal' | 'headers'> = {},
  ): Promise<void> {
    const endpoint = this.endpoint(entity);
    await this.request('DELETE', `${endpoint.path}/${encodeURIComponent(id)}`, options);
  }

  private endpoint<E extends ListName | ListEndpoint>(list: E): ListEndpointOf<E> & ListEndpoint {
    if (typeof list !== 'string') return list as ListEndpointOf<E> & ListEndpoint;
    const endpoint =
      (entities as Record<string, ListEndpoint>)[list] ??
      (reports as Record<string, ListEndpoint>)[list];
    if (!endpoint) throw new TypeError(`Unknown MoySklad list "${list}"`);
    return endpoint as ListEndpointOf<E> & ListEndpoint;
  }

  private async *rowsOf<T>(
    pages: AsyncGenerator<Page<T>>,
    options: ListOptions,
    path: string,
  ): AsyncGenerator<T> {
    const unhandled: InvalidRow[] = [];
    for await (const page of pages) {
      for (const invalid of page.invalid) {
        if (options.onInvalidRow) options.onInvalidRow(invalid);
        else unhandled.push(invalid);
      }
      yield* page.rows;
    }
    if (unhandled.length > 0) {
      throw new MoySkladInvalidRowsError(unhandled, { method: 'GET', url: this.url(path).href });
    }
  }

  private url(path: string, query?: ListQuery<unknown>): URL {
    const base = this.baseUrl.href;
    const url = /^https?:\/\//i.test(path)
      ? new URL(path)
      : new URL(base + (path.startsWith('/') ? path : `/${path}`));
    if (
      url.origin !== this.baseUrl.origin ||
      !`${url.pathname}/`.startsWith(`${this.baseUrl.pathname}/`)
    ) {
      throw new TypeError(
        `Refusing to send MoySklad credentials outside ${base}: ${url.origin}${url.pathname}`,
      );
    }
    if (this.relativePath(url) === '/security/token') {
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

  private relativePath(url: URL): string {
    return url.pathname.slice(this.baseUrl.pathname.length).replace(/\/+$/, '') || '/';
  }

  private async send(
    method: string,
    url: URL,
    display: FailedRequest,
    options: RequestOptions<z.ZodType | undefined>,
  ): Promise<ExchangeResult> {
    const path = this.relativePath(url);
    const pathAndQuery = `${path}${url.search}`;
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
        path: pathAndQuery,
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

export function createMoySkladClient(options: MoySkladClientOptions): MoySkladClient {
  return new MoySkladClient(options);
}
