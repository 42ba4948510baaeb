import type { Filter, FilterField } from './filter';
import { formatMoscowTime } from './time';

export type OrderDirection = 'asc' | 'desc';

/** `order`: a raw string (`name;code,desc`) or fields, each optionally with a direction. */
export type Order<T = unknown> =
  string | ReadonlyArray<FilterField<T> | readonly [FilterField<T>, OrderDirection]>;

export type ParamValue = string | number | boolean | Date;

/** Query parameters shared by lists and single reads. */
export interface Query<T = unknown> {
  filter?: Filter<T> | string | undefined;
  order?: Order<T> | undefined;
  /** Context search over the type's main text fields; results come sorted by relevance. */
  search?: string | undefined;
  /** Fields to replace by the objects they reference, at most 3 levels deep (`agent`, `positions.assortment`). */
  expand?: string | readonly string[] | undefined;
  /** One hidden field to include, e.g. `stock` (stock and cost in document positions). */
  fields?: string | undefined;
  /** Any other parameter (`groupBy`, `stockType`, `momentFrom`, ...); dates go out in Moscow time. */
  params?: Readonly<Record<string, ParamValue | undefined>> | undefined;
}

export interface ListQuery<T = unknown> extends Query<T> {
  /** Rows per page; defaults to the largest the server serves for this query. */
  limit?: number | undefined;
  /** Where to start (rows to skip). */
  offset?: number | undefined;
}

const MAX_EXPAND_DEPTH = 3;

/** Expanded fields as one comma-separated list, checked against MoySklad's depth limit. */
export function expandList(expand: Query['expand']): string | undefined {
  if (expand === undefined) return undefined;
  const items = (typeof expand === 'string' ? expand.split(',') : [...expand])
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of items) {
    if (item.split('.').length > MAX_EXPAND_DEPTH) {
      throw new RangeError(`expand "${item}" is deeper than ${MAX_EXPAND_DEPTH} levels`);
    }
  }
  return items.length ? [...new Set(items)].join(',') : undefined;
}

export function searchParams<T>(query: ListQuery<T>): URLSearchParams {
  const params = new URLSearchParams();
  const filter = query.filter?.toString();
  if (filter) params.set('filter', filter);
  const order = orderString(query.order);
  if (order) params.set('order', order);
  if (query.search) params.set('search', query.search);
  const expand = expandList(query.expand);
  if (expand) params.set('expand', expand);
  if (query.fields) {
    // More than one value is answered with error 3042.
    if (query.fields.includes(',')) throw new RangeError('fields takes a single value');
    params.set('fields', query.fields);
  }
  for (const [name, value] of Object.entries(query.params ?? {})) {
    if (value !== undefined)
      params.set(name, value instanceof Date ? formatMoscowTime(value) : String(value));
  }
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset !== undefined) params.set('offset', String(query.offset));
  return params;
}

function orderString<T>(order: Order<T> | undefined): string | undefined {
  if (order === undefined || typeof order === 'string') return order || undefined;
  return order.map((item) => (typeof item === 'string' ? item : `${item[0]},${item[1]}`)).join(';');
}
