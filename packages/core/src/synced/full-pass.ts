import type { Database } from '@crm/db';
import { entityScope, type SyncedEntity, type SyncStateEntity } from './entities';
import { ident } from './sql/plan';
import { inTransaction, withoutNestedLoops, type Queryable } from './sql/transaction';
import { getSyncState, type SyncState } from './sync-state';

/*
 * A full pass lists every row of an entity and records the ids it saw; the rows it did not see are
 * the candidates for soft deletion once the engine has re-checked them at the source (offset paging
 * skips rows when earlier ones disappear mid-listing). The seen ids live in sync_seen_ids, so a
 * worker killed mid-pass resumes with them.
 */

/**
 * Starts a full pass of an entity, or resumes the one a killed worker left running (its seen ids
 * and checkpoint are kept). The start time is the database's clock.
 */
export async function beginFullPass(
  db: Pick<Database, 'pool' | 'prisma'>,
  integrationId: string,
  entity: SyncStateEntity,
): Promise<{ resumed: boolean; state: SyncState }> {
  const resumed = await inTransaction(db, async (client) => {
    const key = [integrationId, entity];
    await client.query(
      `INSERT INTO "sync_state" ("integration_id", "entity") VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      key,
    );
    const { rows } = await client.query<{ started: Date | null }>(
      `SELECT "full_pass_started_at" AS started FROM "sync_state" WHERE "integration_id" = $1 AND "entity" = $2 FOR UPDATE`,
      key,
    );
    if (rows[0]!.started) return true;
    await client.query(
      `DELETE FROM "sync_seen_ids" WHERE "integration_id" = $1 AND "entity" = $2`,
      key,
    );
    await client.query(
      `UPDATE "sync_state" SET "full_pass_started_at" = now(), "checkpoint" = '{}', "updated_at" = now()
        WHERE "integration_id" = $1 AND "entity" = $2`,
      key,
    );
    return false;
  });
  return { resumed, state: (await getSyncState(db, integrationId, entity))! };
}

/** Forgets the pass's seen ids and records it as completed, inside the caller's transaction. */
export async function closePass(
  client: Queryable,
  integrationId: string,
  entity: SyncStateEntity,
): Promise<void> {
  await client.query(`DELETE FROM "sync_seen_ids" WHERE "integration_id" = $1 AND "entity" = $2`, [
    integrationId,
    entity,
  ]);
  await client.query(
    `UPDATE "sync_state"
        SET "full_pass_started_at" = NULL, "last_full_sync_at" = now(), "checkpoint" = '{}', "updated_at" = now()
      WHERE "integration_id" = $1 AND "entity" = $2`,
    [integrationId, entity],
  );
}

/** Ends the running full pass of an entity: forgets its seen ids and records when it completed. */
export async function endFullPass(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  entity: SyncedEntity,
): Promise<void> {
  await inTransaction(db, (client) => closePass(client, integrationId, entity));
}

/** Records source ids the running pass has seen; returns how many were new to it. */
export async function recordSeenIds(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  entity: SyncedEntity,
  externalIds: readonly string[],
): Promise<number> {
  if (externalIds.length === 0) return 0;
  const { rowCount } = await db.pool.query(
    `INSERT INTO "sync_seen_ids" ("integration_id", "entity", "external_id")
     SELECT $1, $2, unnest($3::text[])
     ON CONFLICT DO NOTHING`,
    [integrationId, entity, [...externalIds]],
  );
  return rowCount ?? 0;
}

/**
 * One batch of ids of rows that are stored, not deleted, and not seen by the running pass, in
 * source-id order after `after` (pass the last id of the previous batch). Empty when done.
 */
export async function listUnseenIds(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  entity: SyncedEntity,
  options: { after?: string; limit?: number } = {},
): Promise<string[]> {
  const scope = entityScope(entity, 5);
  const { rows } = await withoutNestedLoops(db, (client) =>
    client.query<{ external_id: string }>(
      `SELECT t."external_id" FROM ${ident(scope.table)} AS t
      WHERE ${scope.where} AND t."deleted_at" IS NULL AND t."external_id" > $3
        AND NOT EXISTS (SELECT 1 FROM "sync_seen_ids" s
                         WHERE s."integration_id" = $1 AND s."entity" = $2 AND s."external_id" = t."external_id")
      ORDER BY t."external_id"
      LIMIT $4`,
      [integrationId, entity, options.after ?? '', options.limit ?? 1000, ...scope.params],
    ),
  );
  return rows.map((r) => r.external_id);
}

/** Forgets the ids the pass has seen (without ending it); returns how many there were. */
export async function clearSeenIds(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  entity: SyncedEntity,
): Promise<number> {
  const { rowCount } = await db.pool.query(
    `DELETE FROM "sync_seen_ids" WHERE "integration_id" = $1 AND "entity" = $2`,
    [integrationId, entity],
  );
  return rowCount ?? 0;
}

/** Those of `externalIds` the running pass has not seen yet. */
export async function unseenAmong(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  entity: SyncedEntity,
  externalIds: readonly string[],
): Promise<string[]> {
  if (externalIds.length === 0) return [];
  const { rows } = await db.pool.query<{ id: string }>(
    `SELECT u.id FROM unnest($3::text[]) AS u(id)
      WHERE NOT EXISTS (SELECT 1 FROM "sync_seen_ids" s
                         WHERE s."integration_id" = $1 AND s."entity" = $2 AND s."external_id" = u.id)`,
    [integrationId, entity, [...externalIds]],
  );
  return rows.map((r) => r.id);
}

/** Those of `externalIds` the CRM does not hold (or holds as deleted). */
export async function absentAmong(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  entity: SyncedEntity,
  externalIds: readonly string[],
): Promise<string[]> {
  if (externalIds.length === 0) return [];
  const scope = entityScope(entity, 3);
  const { rows } = await db.pool.query<{ id: string }>(
    `SELECT u.id FROM unnest($2::text[]) AS u(id)
      WHERE NOT EXISTS (SELECT 1 FROM ${ident(scope.table)} AS t
                         WHERE ${scope.where} AND t."external_id" = u.id AND t."deleted_at" IS NULL)`,
    [integrationId, [...externalIds], ...scope.params],
  );
  return rows.map((r) => r.id);
}

/**
 * Forgets every unfinished full pass of an integration, seen ids and all, so the next pass of
 * each entity starts from nothing: for a source replaced wholesale, where what an earlier pass saw
 * may no longer be there.
 */
export async function abandonFullPasses(
  db: Pick<Database, 'pool'>,
  integrationId: string,
): Promise<void> {
  await inTransaction(db, async (client) => {
    await client.query(`DELETE FROM "sync_seen_ids" WHERE "integration_id" = $1`, [integrationId]);
    await client.query(
      `UPDATE "sync_state"
          SET "full_pass_started_at" = NULL, "checkpoint" = '{}', "updated_at" = now()
        WHERE "integration_id" = $1 AND "full_pass_started_at" IS NOT NULL`,
      [integrationId],
    );
  });
}
