import type { AnyEntityDef } from '../model/entity';
import { applyExpand, markExpanded } from '../serialize/expand';
import { listContext, MEDIA_TYPE, type JsonObject, type RenderContext } from '../serialize/meta';
import type { EmulatorStore } from '../store/store';
import { compileFilter, parseFilter } from './filter';
import { parseOrder, sortIndices } from './order';
import { EXPAND_LIMIT, parseExpand, parseFields, parsePaging, type ExpandTree } from './params';
import { searchIndices } from './search';

/** Rows matching `filter`, `search` and the archive/recycle-bin defaults, in `order`. */
export function selectRows(
  def: AnyEntityDef,
  store: EmulatorStore,
  api: string,
  params: URLSearchParams,
): number[] {
  const rows = def.rows(store);
  const filter = compileFilter(def, parseFilter(params.getAll('filter')), store, api);
  const order = parseOrder(params.get('order') ?? undefined, def.sortable);
  const archivedOf = def.fields.archived?.get;
  const deletedOf = def.fields.deleted?.get;
  let indices: number[] = [];
  const removed = def.virtual ? undefined : store.removed.get(def.table);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (def.exists && !def.exists(row)) continue;
    if (removed?.has(i)) continue;
    if (archivedOf && filter.archived !== 'all') {
      const archived = archivedOf(row, i, store) === true;
      if (archived !== (filter.archived === 'archived')) continue;
    }
    if (def.kind === 'document' && deletedOf && filter.deleted !== 'all') {
      const trashed = deletedOf(row, i, store) !== null;
      if (trashed !== (filter.deleted === 'trashed')) continue;
    }
    if (!filter.test(row, i)) continue;
    indices.push(i);
  }
  const search = params.get('search');
  if (search) indices = searchIndices(def, rows, indices, search, store);
  sortIndices(indices, order, def, rows, store);
  return indices;
}

/** `meta` of a page: total size, and links to the neighbouring pages with the same parameters. */
export function pageMeta(
  href: string,
  params: URLSearchParams,
  type: string,
  size: number,
  limit: number,
  offset: number,
  extra: JsonObject = {},
): JsonObject {
  const query = params.toString();
  const link = (newOffset: number) => {
    const p = new URLSearchParams(params);
    p.set('offset', String(newOffset));
    p.set('limit', String(limit));
    return `${href}?${p.toString()}`;
  };
  return {
    href: query ? `${href}?${query}` : href,
    ...extra,
    type,
    mediaType: MEDIA_TYPE,
    size,
    limit,
    offset,
    nextHref: offset + limit < size ? link(offset + limit) : undefined,
    previousHref: offset > 0 ? link(Math.max(0, offset - limit)) : undefined,
  };
}

/**
 * `expand` and `fields` of a list: both only apply with `limit` ≤ 100, and are silently dropped
 * above it (the documented behaviour, and a classic source of client bugs).
 */
export function listOptions(
  params: URLSearchParams,
  hiddenFields: readonly string[],
  defaultLimit?: number,
) {
  const paging = parsePaging(
    params.get('limit') ?? undefined,
    params.get('offset') ?? undefined,
    defaultLimit,
  );
  const fields = parseFields(params.get('fields') ?? undefined, hiddenFields);
  const honoured = paging.limit <= EXPAND_LIMIT;
  return {
    ...paging,
    fields: honoured ? fields : null,
    expand: honoured ? parseExpand(params.get('expand') ?? undefined) : {},
  };
}

/** Renders rows of one page, expanded as asked. */
export function renderRows(
  def: AnyEntityDef,
  indices: readonly number[],
  ctx: RenderContext,
  expand: ExpandTree,
): JsonObject[] {
  const rows = def.rows(ctx.store);
  return indices.map((i) => {
    const json = def.serialize(rows[i], i, ctx);
    applyExpand(json, expand, ctx, EXPAND_LIMIT);
    markExpanded(json, expand);
    return json;
  });
}

/** The list envelope: `{ context, meta, rows }`. */
export function listEnvelope(ctx: RenderContext, meta: JsonObject, rows: JsonObject[]): JsonObject {
  return { context: listContext(ctx), meta, rows };
}
