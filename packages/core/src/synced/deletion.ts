import type { Database } from '@crm/db';
import { entityScope, type SyncedEntity } from './entities';
import { ident } from './sql/plan';

/**
 * Soft-deletes rows of one entity of one integration by source id (a deletion webhook, the audit
 * log, or the end of a full pass). Rows stay for history and references; a later upsert of the same
 * id brings them back. Returns how many rows were newly marked.
 */
export async function markDeleted(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  entity: SyncedEntity,
  externalIds: readonly string[],
): Promise<number> {
  if (externalIds.length === 0) return 0;
  const scope = entityScope(entity, 3);
  const { rowCount } = await db.pool.query(
    `UPDATE ${ident(scope.table)} AS t SET "deleted_at" = now()
      WHERE ${scope.where} AND t."external_id" = ANY($2::text[]) AND t."deleted_at" IS NULL`,
    [integrationId, [...externalIds], ...scope.params],
  );
  return rowCount ?? 0;
}
