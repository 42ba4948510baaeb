import type { PolyRef, Ref } from '../spec/references';
import type { Refs } from '../spec/tables';
import { ident, referenceColumns } from './plan';

/**
 * One key column a reference fills, with the statement that fills it where it is still NULL and
 * the target has arrived: `$1` is the integration id, `$2` the target type of a polymorphic one.
 */
export type ResolveSite = { table: string; target: string; type?: string; sql: string };

export function resolveSites(table: string, refs: Refs): ResolveSite[] {
  return Object.entries(refs).flatMap(([name, reference]: [string, Ref | PolyRef]) => {
    const { externalId, type, resolutions } = referenceColumns(name, reference);
    // The same predicate as the partial "unresolved" indexes, so the large tables are searched
    // through them: every key of the reference is NULL and there is an id to resolve.
    const unresolved = [
      ...resolutions.map((r) => `t.${ident(r.column)} IS NULL`),
      `t.${ident(externalId)} IS NOT NULL`,
    ].join(' AND ');
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

export const siteParams = (site: ResolveSite, integrationId: string) =>
  site.type ? [integrationId, site.type] : [integrationId];
