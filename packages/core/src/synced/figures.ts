import type { Database } from '@crm/db';
import { SYNCED_ENTITIES, type SyncStateEntity } from './entities';
import { ident } from './sql/plan';
import { listSyncStates } from './sync-state';

/** What the CRM holds of one entity of an integration, and where its syncs stand. */
export type SyncedFigures = {
  entity: SyncStateEntity;
  /** Rows held now. */
  rows: number;
  /** Rows the source no longer has, kept marked as deleted (stock rows are removed instead). */
  deleted: number;
  lastFullSyncAt: Date | null;
  lastIncrementalSyncAt: Date | null;
  watermark: Date | null;
};

const COUNTS = `count(*) FILTER (WHERE "deleted_at" IS NULL)::int AS rows,
       count(*) FILTER (WHERE "deleted_at" IS NOT NULL)::int AS deleted`;

/**
 * One statement counting every synced table of an integration: a branch per table, documents
 * grouped by their type (each type is an entity of its own), stock last.
 */
const COUNT_SQL = (() => {
  const branches: string[] = [];
  for (const [entity, value] of Object.entries(SYNCED_ENTITIES)) {
    if ('documentType' in value) continue;
    branches.push(
      `SELECT '${entity}' AS entity, ${COUNTS} FROM ${ident(value.spec.table)} WHERE "integration_id" = $1`,
    );
  }
  branches.push(
    `SELECT "type"::text AS entity, ${COUNTS} FROM "documents" WHERE "integration_id" = $1 GROUP BY "type"`,
    `SELECT 'stock' AS entity, count(*)::int AS rows, 0 AS deleted FROM "stock" WHERE "integration_id" = $1`,
  );
  return branches.join('\nUNION ALL\n');
})();

const ORDER: SyncStateEntity[] = [...(Object.keys(SYNCED_ENTITIES) as SyncStateEntity[]), 'stock'];

/**
 * Per entity, in sync order: the rows held and deleted, and the sync state. Entities never synced
 * and holding nothing are left out.
 */
export async function syncedFigures(
  db: Pick<Database, 'pool' | 'prisma'>,
  integrationId: string,
): Promise<SyncedFigures[]> {
  const [{ rows: counts }, states] = await Promise.all([
    db.pool.query<{ entity: string; rows: number; deleted: number }>(COUNT_SQL, [integrationId]),
    listSyncStates(db, integrationId),
  ]);
  const countOf = new Map(counts.map((c) => [c.entity, c]));
  const stateOf = new Map(states.map((s) => [s.entity, s]));
  return ORDER.flatMap((entity) => {
    const count = countOf.get(entity);
    const state = stateOf.get(entity);
    if (!state && !count?.rows && !count?.deleted) return [];
    return [
      {
        entity,
        rows: count?.rows ?? 0,
        deleted: count?.deleted ?? 0,
        lastFullSyncAt: state?.lastFullSyncAt ?? null,
        lastIncrementalSyncAt: state?.lastIncrementalSyncAt ?? null,
        watermark: state?.watermark ?? null,
      },
    ];
  });
}
