import type { Database } from '@crm/db';
import { entityScope, SYNCED_ENTITIES, type SyncedEntity } from './entities';
import type { PolyRef, Ref } from './spec/references';
import type { Refs } from './spec/tables';
import { ident, referenceColumns } from './sql/plan';
import { stockSpec } from './stock';

/** One key column that a reference fills: where it lives and which table it points at. */
type Site = { table: string; target: string; sql: string; type?: string };

function sitesOf(table: string, refs: Refs): Site[] {
  return Object.entries(refs).flatMap(([name, reference]: [string, Ref | PolyRef]) => {
    const { externalId, type, resolutions } = referenceColumns(name, reference);
    // The same predicate as the partial "unresolved" indexes, so the large tables are searched
    // through them: every key of the reference is NULL and there is an id to resolve.
    const unresolved = [...resolutions.map((r) => `t.${ident(r.column)} IS NULL`), `t.${ident(externalId)} IS NOT NULL`].join(' AND ');
    return resolutions.map((r) => ({
      table,
      target: r.table,
      type: r.type,
      sql: `UPDATE ${ident(table)} AS t SET ${ident(r.column)} = r."id"
              FROM ${ident(r.table)} AS r
             WHERE t."integration_id" = $1${type ? ` AND t.${ident(type)} = $2` : ''} AND ${unresolved}
               AND r."integration_id" = $1 AND r."external_id" = t.${ident(externalId)}`,
    }));
  });
}

const SITES: Site[] = [
  ...new Set(Object.values(SYNCED_ENTITIES).map((e) => e.spec)),
].flatMap((spec) => [
  ...sitesOf(spec.table, spec.refs),
  ...Object.values(spec.children).flatMap((list) => sitesOf(list.spec.table, list.spec.refs)),
]).concat(sitesOf(stockSpec.table, stockSpec.refs))
  // Sale prices are a child list of four tables; their references are the same each time.
  .filter((site, i, all) => all.findIndex((s) => s.sql === site.sql) === i);

/**
 * Fills the foreign keys that are still NULL although their target has arrived since: after a
 * page of `targets` (or of everything, when omitted), for one integration. Cheap enough to run
 * after every entity: it only touches unresolved rows, found through partial indexes on the large
 * tables. Returns how many keys it filled.
 */
export async function resolveReferences(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  targets?: SyncedEntity | readonly SyncedEntity[],
): Promise<number> {
  const wanted = targets === undefined ? undefined : new Set([targets].flat().map((e) => entityScope(e, 2).table));
  let resolved = 0;
  for (const site of SITES) {
    if (wanted && !wanted.has(site.target)) continue;
    const { rowCount } = await db.pool.query(site.sql, site.type ? [integrationId, site.type] : [integrationId]);
    resolved += rowCount ?? 0;
  }
  return resolved;
}
