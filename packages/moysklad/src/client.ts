import type { Redis } from 'ioredis';
import { z } from 'zod';
import { tokenKindOf } from './auth';
import { idBatches } from './batch';
import {
  auditEventsEndpoint,
  entities,
  positionsEndpoint,
  reports,
  schemasByMetaType,
  type DocumentEndpoint,
  type DocumentRef,
  type EntityEndpoint,
  type ListEndpoint,
  type ListEndpointOf,
  type ListName,
  type PositionOf,
  type RowOf,
} from './endpoints';
import { MoySkladInvalidRowsError } from './errors';
import { filter as emptyFilter } from './filter';
import type { RequestStats } from './http/accounting';
import { HttpSession, type Parsed } from './http/session';
import {
  DEFAULT_MAX_URL_LENGTH,
  type ByIdsResult,
  type DocumentListOptions,
  type Identity,
  type ListOptions,
  type MoySkladClientOptions,
  type RequestOptions,
  type StockCurrentQuery,
} from './options';
import { pageLimit, pageStream, type Page, type PagingOptions } from './paging';
import { completePositions } from './positions';
import { expandList, type ListQuery, type Query } from './query';
import type { RateLimiter } from './rate-limit/limiter';
import { limiterFor } from './rate-limit/setup';
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
import { stockCurrentRowSchema, type StockCurrentRow } from './schemas/reports';
import { formatMoscowTime } from './time';
import { parseRow, type InvalidRow } from './validation';

/**
 * Typed client for MoySklad JSON API 1.2: authentication, gzip, a shared rate-limit budget,
 * retries, paging with per-row validation, and the synced entities' schemas.
 */
export class MoySkladClient {
  private readonly session: HttpSession;
  private readonly limiter: RateLimiter;
  private readonly ownedRedis: Redis | undefined;

  constructor(private readonly options: MoySkladClientOptions) {
    ({ limiter: this.limiter, ownedRedis: this.ownedRedis } = limiterFor(options));
    this.session = new HttpSession(options, this.limiter);
  }

  /** Requests made and weight used so far. */
  get stats(): RequestStats {
    return this.session.stats;
  }

  resetStats(): void {
    this.session.resetStats();
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
   * One request, retried per the retry policy, its answer checked against `options.schema`.
   * `path` is relative to the base URL, or an href MoySklad returned (always sent to the base
   * URL: credentials go nowhere else).
   */
  request<S extends z.ZodType | undefined = undefined>(
    method: string,
    path: string,
    options: RequestOptions<S> = {},
  ): Promise<Parsed<S>> {
    return this.session.request(method, path, options);
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
      const idConditions = emptyFilter().ids(batch).toString();
      return base ? `${base};${idConditions}` : idConditions;
    };
    const limit = pageLimit(
      undefined,
      expandList(q.expand) !== undefined || !!q.fields,
      endpoint.maxLimit,
    );
    const batches = idBatches(
      ids,
      (batch) =>
        this.session.url(endpoint.path, { ...q, filter: withIds(batch), limit, offset: 0 }),
      this.options.maxUrlLength ?? DEFAULT_MAX_URL_LENGTH,
      limit,
    );
    const result: ByIdsResult<RowOf<E>> = { rows: [], missingIds: [], invalid: [] };
    const seen = new Set<string>();
    for (const batch of batches) {
      for await (const page of this.pages(
        list,
        { ...query, filter: withIds(batch), limit, offset: 0 },
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
    let filter = emptyFilter();
    // Ids (not hrefs), several to a condition, comma-separated.
    if (query.assortmentIds?.length)
      filter = filter.eq('assortmentId', query.assortmentIds.join(','));
    if (query.storeIds?.length) filter = filter.eq('storeId', query.storeIds.join(','));
    const body = await this.request('GET', `/report/stock/${query.report}/current`, {
      query: {
        filter,
        params: {
          stockType,
          // Documented to the second; truncating only widens the window.
          changedSince:
            query.changedSince && formatMoscowTime(query.changedSince, { milliseconds: 'never' }),
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
      throw new MoySkladInvalidRowsError(unhandled, {
        method: 'GET',
        url: this.session.url(path).href,
      });
    }
  }
}

export function createMoySkladClient(options: MoySkladClientOptions): MoySkladClient {
  return new MoySkladClient(options);
}
