import type { Database } from '@crm/db';
import { ident } from './sql/plan';
import { inTransaction } from './sql/transaction';

/**
 * Every table of synced data, referencing tables before the ones they reference, so that deleting
 * in this order never makes PostgreSQL null out references in rows about to go anyway.
 */
const PURGE_ORDER = [
  'document_positions',
  'documents',
  'stock',
  'sale_prices',
  'bundle_components',
  'counterparty_contacts',
  'bundles',
  'variants',
  'services',
  'products',
  'counterparties',
  'product_folders',
  'stores',
  'units',
  'price_types',
  'currencies',
  'states',
  'sales_channels',
  'projects',
  'employees',
  'organizations',
  'sync_seen_ids',
  'sync_state',
] as const;

/**
 * Deletes everything synced from one integration (the integration itself stays), in one
 * transaction. Returns the number of rows deleted per table.
 */
export async function purgeSyncedData(
  db: Pick<Database, 'pool'>,
  integrationId: string,
): Promise<Record<string, number>> {
  return inTransaction(db, async (client) => {
    const deleted: Record<string, number> = {};
    for (const table of PURGE_ORDER) {
      const { rowCount } = await client.query(
        `DELETE FROM ${ident(table)} WHERE "integration_id" = $1`,
        [integrationId],
      );
      deleted[table] = rowCount ?? 0;
    }
    return deleted;
  });
}
