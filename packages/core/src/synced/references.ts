import type { Database } from '@crm/db';
import { entityScope, SYNCED_ENTITIES, type SyncedEntity } from './entities';
import { resolveSites, siteParams, type ResolveSite } from './sql/resolve';
import { stockSpec } from './stock';

const specs = [...new Set(Object.values(SYNCED_ENTITIES).map((e) => e.spec))];

const SITES: ResolveSite[] = [
  ...specs.flatMap((spec) => [
    ...resolveSites(spec.table, spec.refs),
    ...Object.values(spec.children).flatMap((list) =>
      resolveSites(list.spec.table, list.spec.refs),
    ),
  ]),
  ...resolveSites(stockSpec.table, stockSpec.refs),
  // Sale prices are a child list of four tables, with the same references each time.
].filter((site, i, all) => all.findIndex((s) => s.sql === site.sql) === i);

/**
 * Fills the foreign keys that are still NULL although their target has arrived since, for one
 * integration: those pointing at the tables of `targets` (an entity just synced), or all of them.
 * Cheap enough to run after every entity: it touches only unresolved rows, which partial indexes
 * find on the large tables. Returns how many keys it filled.
 */
export async function resolveReferences(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  targets?: SyncedEntity | readonly SyncedEntity[],
): Promise<number> {
  const wanted =
    targets === undefined
      ? undefined
      : new Set([targets].flat().map((e) => entityScope(e, 2).table));
  let resolved = 0;
  for (const site of SITES) {
    if (wanted && !wanted.has(site.target)) continue;
    const { rowCount } = await db.pool.query(site.sql, siteParams(site, integrationId));
    resolved += rowCount ?? 0;
  }
  return resolved;
}
