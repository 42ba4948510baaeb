import { errors } from '../http/errors';

export const MAX_LIMIT = 1000;
/** Lists with `expand` or `fields` only honour them up to this page size. */
export const EXPAND_LIMIT = 100;
export const MAX_EXPAND_DEPTH = 3;

/**
 * `limit` and `offset`. The documentation allows 1–1000 for `limit` ("Допустимые значения
 * 1 - 1000"), so a value outside that range is refused rather than clamped.
 */
export function parsePaging(
  limitRaw: string | undefined,
  offsetRaw: string | undefined,
  defaultLimit = MAX_LIMIT,
  maxLimit = MAX_LIMIT,
): { limit: number; offset: number } {
  const limit = limitRaw === undefined ? defaultLimit : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit)
    throw errors.parameter(String(limitRaw), 'limit', `1 - ${maxLimit}`);
  const offset = offsetRaw === undefined ? 0 : Number(offsetRaw);
  if (!Number.isInteger(offset) || offset < 0)
    throw errors.parameter(String(offsetRaw), 'offset', '>= 0');
  return { limit, offset };
}

/** Field paths to expand, as a tree: `agent,positions.assortment` → { agent: {}, positions: { assortment: {} } }. */
export interface ExpandTree {
  [field: string]: ExpandTree;
}

export function parseExpand(raw: string | undefined): ExpandTree {
  const tree: ExpandTree = {};
  if (!raw) return tree;
  for (const path of raw.split(',')) {
    // Deeper levels than the documented maximum are dropped, not refused.
    const parts = path.trim().split('.').filter(Boolean).slice(0, MAX_EXPAND_DEPTH);
    let node = tree;
    for (const part of parts) node = node[part] ??= {};
  }
  return tree;
}

export function expandToString(tree: ExpandTree, prefix = ''): string {
  return Object.entries(tree)
    .flatMap(([key, sub]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return Object.keys(sub).length === 0 ? [path] : [path, expandToString(sub, path)];
    })
    .join(',');
}

/** `fields=`: exactly one of the values the entity type supports. */
export function parseFields(raw: string | undefined, allowed: readonly string[]): string | null {
  if (raw === undefined) return null;
  if (raw.includes(',')) throw errors.fieldsOnlyOne();
  if (!allowed.includes(raw)) throw errors.fieldsInvalid(raw);
  return raw;
}
