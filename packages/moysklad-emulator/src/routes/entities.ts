import type { Hono } from 'hono';
import { ApiError, errors } from '../http/errors';
import { jsonResponse } from '../http/respond';
import {
  queryParams,
  renderContext,
  type AppContext,
  type AppEnv,
  type Runtime,
} from '../http/runtime';
import type { AnyEntityDef } from '../model/entity';
import { state } from '../model/entities/dictionaries';
import { entityByPath } from '../model/registry';
import { isDocumentType } from '../model/types';
import { applyExpand, markExpanded } from '../serialize/expand';
import {
  idOf,
  MEDIA_TYPE,
  metaArray,
  type JsonObject,
  type RenderContext,
} from '../serialize/meta';
import { listEnvelope, listOptions, pageMeta, renderRows, selectRows } from '../query/list';
import { MAX_LIMIT, parseExpand, parseFields, parsePaging } from '../query/params';

/** An `/entity/<type>` the emulator serves; other types answer 1005 "unknown type". */
function definition(type: string): AnyEntityDef {
  const def = entityByPath(`entity/${type}`);
  if (!def) throw new ApiError(404, 1005, `Неизвестный тип: ${type}`);
  return def;
}

/** The row an id names in a table, or a 404 with code 1021. */
export function rowIndex(runtime: Runtime, def: AnyEntityDef, id: string): number {
  const decoded = runtime.store.ids.decode(id);
  const rows = def.rows(runtime.store);
  if (!decoded || decoded.table !== def.table || decoded.index >= rows.length)
    throw errors.notFound(def.type, id);
  const row = rows[decoded.index];
  if (def.exists && !def.exists(row)) throw errors.notFound(def.type, id);
  if (runtime.store.isRemoved(def.table, decoded.index)) throw errors.notFound(def.type, id);
  return decoded.index;
}

async function listResponse(c: AppContext, runtime: Runtime, def: AnyEntityDef): Promise<Response> {
  const params = queryParams(c);
  const options = listOptions(params, def.hiddenFields ?? []);
  const ctx = renderContext(c, runtime, options.fields, true);
  const indices = selectRows(def, runtime.store, ctx.api, params);
  const page = indices.slice(options.offset, options.offset + options.limit);
  const rows = renderRows(def, page, ctx, options.expand);
  const meta = pageMeta(
    `${ctx.api}/${def.path}`,
    params,
    def.type,
    indices.length,
    options.limit,
    options.offset,
  );
  return jsonResponse(200, listEnvelope(ctx, meta, rows), {}, pretty(c));
}

export function pretty(c: AppContext): boolean {
  return c.req.header('lognex-pretty-print-json') === 'true';
}

/** One entity: `?expand=` works to depth three, nested collections up to 1000 rows. */
export async function entityResponse(
  c: AppContext,
  runtime: Runtime,
  def: AnyEntityDef,
  index: number,
): Promise<Response> {
  const params = queryParams(c);
  const ctx = renderContext(
    c,
    runtime,
    parseFields(params.get('fields') ?? undefined, def.hiddenFields ?? []),
    false,
  );
  const json = def.serialize(def.rows(runtime.store)[index], index, ctx);
  const expand = parseExpand(params.get('expand') ?? undefined);
  applyExpand(json, expand, ctx, MAX_LIMIT);
  markExpanded(json, expand);
  return jsonResponse(200, json, {}, pretty(c));
}

/** Custom fields of a type, as `/metadata/attributes` lists them. */
function attributes(ctx: RenderContext, def: AnyEntityDef): JsonObject[] {
  return ctx.store.attributes
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => a.entityType === def.type)
    .map(({ a, i }) => ({
      meta: {
        href: `${ctx.api}/${def.path}/metadata/attributes/${idOf(ctx, 'attributemetadata', i)}`,
        type: 'attributemetadata',
        mediaType: MEDIA_TYPE,
      },
      id: idOf(ctx, 'attributemetadata', i),
      name: a.name,
      type: a.type,
      required: false,
      show: true,
      description: a.description,
    }));
}

/** `GET /entity/<type>/metadata`: states of documents, custom fields, characteristics. */
function metadata(ctx: RenderContext, def: AnyEntityDef): JsonObject {
  const store = ctx.store;
  const json: JsonObject = {
    meta: { href: `${ctx.api}/${def.path}/metadata`, mediaType: MEDIA_TYPE },
  };
  if (def.type === 'variant') {
    json.characteristics = store.characteristics.map((ch, i) => ({
      meta: {
        href: `${ctx.api}/entity/variant/metadata/characteristics/${idOf(ctx, 'characteristic', i)}`,
        type: 'attributemetadata',
        mediaType: MEDIA_TYPE,
      },
      id: idOf(ctx, 'characteristic', i),
      name: ch.name,
      required: false,
      type: 'string',
    }));
    return json;
  }
  json.attributes = metaArray(
    `${ctx.api}/${def.path}/metadata/attributes`,
    'attributemetadata',
    attributes(ctx, def).length,
  );
  if (isDocumentType(def.type)) {
    json.states = store.states
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.entityType === def.type)
      .map(({ s, i }) => state.serialize(s, i, ctx));
  }
  json.createShared = false;
  return json;
}

/**
 * Collections the emulator always reports empty (no images, files, contact persons, notes, zones or
 * slots are generated); their hrefs appear in responses, so they answer rather than 404.
 */
const EMPTY_COLLECTIONS: Record<string, string> = {
  images: 'image',
  files: 'files',
  contactpersons: 'contactperson',
  notes: 'note',
  zones: 'storezone',
  slots: 'slot',
};

/** Sub-resources: `/entity/<doc>/<id>/positions`, `/entity/bundle/<id>/components`, `…/accounts`. */
async function collectionList(
  c: AppContext,
  runtime: Runtime,
  def: AnyEntityDef,
  index: number,
  name: string,
): Promise<Response> {
  const collection =
    def.collections?.[name] ??
    (EMPTY_COLLECTIONS[name]
      ? { type: EMPTY_COLLECTIONS[name], size: () => 0, page: () => [] }
      : undefined);
  if (!collection) throw errors.unknownPath(c.req.path);
  const params = queryParams(c);
  const { limit, offset } = parsePaging(
    params.get('limit') ?? undefined,
    params.get('offset') ?? undefined,
  );
  const fields = parseFields(
    params.get('fields') ?? undefined,
    name === 'positions' ? (def.hiddenFields ?? []) : [],
  );
  const ctx = renderContext(c, runtime, fields, true);
  const expand = parseExpand(params.get('expand') ?? undefined);
  const rows = collection.page(index, ctx, offset, limit);
  for (const row of rows) {
    applyExpand(row, expand, ctx, MAX_LIMIT);
    markExpanded(row, expand);
  }
  const href = `${ctx.api}/${def.path}/${idOf(ctx, def.table, index)}/${name}`;
  const meta = pageMeta(href, params, collection.type, collection.size(index, ctx), limit, offset);
  return jsonResponse(200, listEnvelope(ctx, meta, rows), {}, pretty(c));
}

async function collectionItem(
  c: AppContext,
  runtime: Runtime,
  def: AnyEntityDef,
  index: number,
  name: string,
  itemId: string,
): Promise<Response> {
  const collection = def.collections?.[name];
  if (!collection?.item) throw errors.unknownPath(c.req.path);
  const params = queryParams(c);
  const fields = parseFields(
    params.get('fields') ?? undefined,
    name === 'positions' ? (def.hiddenFields ?? []) : [],
  );
  const ctx = renderContext(c, runtime, fields, false);
  const json = collection.item(index, ctx, itemId);
  if (!json) throw errors.notFound(collection.type, itemId);
  const expand = parseExpand(params.get('expand') ?? undefined);
  applyExpand(json, expand, ctx, MAX_LIMIT);
  markExpanded(json, expand);
  return jsonResponse(200, json, {}, pretty(c));
}

/** The generic read routes every entity type gets. */
export function registerEntityRoutes(api: Hono<AppEnv>, runtime: Runtime): void {
  api.get('/entity/:type', (c) => listResponse(c, runtime, definition(c.req.param('type'))));

  api.get('/entity/:type/metadata', async (c) => {
    const def = definition(c.req.param('type'));
    return jsonResponse(200, metadata(renderContext(c, runtime, null, false), def), {}, pretty(c));
  });

  api.get('/entity/variant/metadata/characteristics', async (c) => {
    const ctx = renderContext(c, runtime, null, false);
    const rows = metadata(ctx, definition('variant')).characteristics as JsonObject[];
    const meta = {
      href: `${ctx.api}/entity/variant/metadata/characteristics`,
      type: 'attributemetadata',
      mediaType: MEDIA_TYPE,
      size: rows.length,
      limit: MAX_LIMIT,
      offset: 0,
    };
    return jsonResponse(200, { meta, rows }, {}, pretty(c));
  });

  api.get('/entity/:type/metadata/attributes', async (c) => {
    const ctx = renderContext(c, runtime, null, false);
    const def = definition(c.req.param('type'));
    const rows = attributes(ctx, def);
    const meta = {
      href: `${ctx.api}/${def.path}/metadata/attributes`,
      type: 'attributemetadata',
      mediaType: MEDIA_TYPE,
      size: rows.length,
      limit: MAX_LIMIT,
      offset: 0,
    };
    return jsonResponse(200, { meta, rows }, {}, pretty(c));
  });

  api.get('/entity/:type/metadata/states/:id', async (c) => {
    const def = definition(c.req.param('type'));
    const index = rowIndex(runtime, state, c.req.param('id'));
    if (runtime.store.states[index]!.entityType !== def.type)
      throw errors.notFound('state', c.req.param('id'));
    return entityResponse(c, runtime, state, index);
  });

  api.get('/entity/:type/:id', async (c) => {
    const def = definition(c.req.param('type'));
    return entityResponse(c, runtime, def, rowIndex(runtime, def, c.req.param('id')));
  });

  api.get('/entity/:type/:id/:collection', async (c) => {
    const def = definition(c.req.param('type'));
    return collectionList(
      c,
      runtime,
      def,
      rowIndex(runtime, def, c.req.param('id')),
      c.req.param('collection'),
    );
  });

  api.get('/entity/:type/:id/:collection/:itemId', async (c) => {
    const def = definition(c.req.param('type'));
    const index = rowIndex(runtime, def, c.req.param('id'));
    return collectionItem(c, runtime, def, index, c.req.param('collection'), c.req.param('itemId'));
  });
}
