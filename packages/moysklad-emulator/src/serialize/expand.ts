import type { AnyEntityDef } from '../model/entity';
import { entityByTable } from '../model/registry';
import { expandToString, type ExpandTree } from '../query/params';
import type { JsonObject, RenderContext } from './meta';

/** The row an href names, when it is one of ours. */
function resolveHref(
  ctx: RenderContext,
  href: string,
): { def: AnyEntityDef; index: number } | null {
  const id = href.split('?')[0]!.split('/').pop() ?? '';
  const decoded = ctx.store.ids.decode(id);
  if (!decoded) return null;
  const def = entityByTable(decoded.table);
  if (!def) return null;
  const row = def.rows(ctx.store)[decoded.index];
  if (row === undefined || (def.exists && !def.exists(row))) return null;
  return { def, index: decoded.index };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Replaces references named in the expand tree with the objects they point at, and nested
 * collections (positions, components) with their rows. An expanded object's `meta.href` carries
 * what is still expanded below it, as MoySklad shows (`…/employee/<id>?expand=group`).
 */
export function applyExpand(
  json: JsonObject,
  tree: ExpandTree,
  ctx: RenderContext,
  nestedLimit: number,
): void {
  for (const [field, subtree] of Object.entries(tree)) {
    const value = json[field];
    if (Array.isArray(value)) {
      json[field] = value.map((item) =>
        isObject(item) ? expandReference(item, subtree, ctx, nestedLimit) : item,
      );
      continue;
    }
    if (!isObject(value) || !isObject(value.meta)) continue;
    if (typeof value.meta.size === 'number') {
      json[field] = expandCollection(json, field, value, subtree, ctx, nestedLimit);
    } else {
      json[field] = expandReference(value, subtree, ctx, nestedLimit);
    }
  }
}

function expandReference(
  value: JsonObject,
  subtree: ExpandTree,
  ctx: RenderContext,
  nestedLimit: number,
): JsonObject {
  const meta = value.meta;
  if (!isObject(meta) || typeof meta.href !== 'string') return value;
  const target = resolveHref(ctx, meta.href);
  if (!target) return value;
  const expanded = target.def.serialize(
    target.def.rows(ctx.store)[target.index],
    target.index,
    ctx,
  );
  applyExpand(expanded, subtree, ctx, nestedLimit);
  markExpanded(expanded, subtree);
  return expanded;
}

function expandCollection(
  owner: JsonObject,
  field: string,
  value: JsonObject,
  subtree: ExpandTree,
  ctx: RenderContext,
  nestedLimit: number,
): JsonObject {
  const ownerId = typeof owner.id === 'string' ? owner.id : '';
  const decoded = ctx.store.ids.decode(ownerId);
  const def = decoded && entityByTable(decoded.table);
  const collection = def?.collections?.[field];
  if (!decoded || !collection) return value;
  const rows = collection.page(decoded.index, ctx, 0, nestedLimit);
  for (const row of rows) {
    applyExpand(row, subtree, ctx, nestedLimit);
  }
  return { meta: { ...(value.meta as JsonObject), limit: nestedLimit }, rows };
}

/** Appends `?expand=` with what was expanded beneath an object to its `meta.href`. */
export function markExpanded(json: JsonObject, tree: ExpandTree): void {
  const rest = expandToString(tree);
  if (
    rest &&
    isObject(json.meta) &&
    typeof json.meta.href === 'string' &&
    !json.meta.href.includes('?')
  ) {
    json.meta = { ...json.meta, href: `${json.meta.href}?expand=${rest}` };
  }
}
