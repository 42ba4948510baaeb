import type { DocumentType } from '@crm/db';
import { bundles, products, services, variants } from './catalog';
import { counterparties } from './counterparties';
import {
  currencies,
  employees,
  organizations,
  priceTypes,
  productFolders,
  projects,
  salesChannels,
  states,
  stores,
  units,
} from './dictionaries';
import { documents } from './documents';
import type { TableSpec } from './spec/tables';

type Entity = { spec: TableSpec; documentType?: DocumentType };

const document = (documentType: DocumentType): Entity => ({ spec: documents, documentType });

/** The source entities we keep, by our name, with the table each lives in. */
export const SYNCED_ENTITIES = {
  organization: { spec: organizations },
  employee: { spec: employees },
  currency: { spec: currencies },
  price_type: { spec: priceTypes },
  unit: { spec: units },
  store: { spec: stores },
  product_folder: { spec: productFolders },
  state: { spec: states },
  sales_channel: { spec: salesChannels },
  project: { spec: projects },
  counterparty: { spec: counterparties },
  product: { spec: products },
  variant: { spec: variants },
  service: { spec: services },
  bundle: { spec: bundles },
  customer_order: document('customer_order'),
  demand: document('demand'),
  invoice_out: document('invoice_out'),
  sales_return: document('sales_return'),
  retail_demand: document('retail_demand'),
  retail_sales_return: document('retail_sales_return'),
  supply: document('supply'),
  purchase_order: document('purchase_order'),
  purchase_return: document('purchase_return'),
} as const satisfies Record<string, Entity>;

export type SyncedEntity = keyof typeof SYNCED_ENTITIES;

/** Stock is kept per (assortment, store) and synced on its own schedule; it has sync state too. */
export type SyncStateEntity = SyncedEntity | 'stock';

/**
 * The rows of one entity of one integration: its table and the condition that selects them (a
 * document kind shares its table with the others). `$1` is the integration id; the entity's own
 * parameters follow from `$<first>`.
 */
export function entityScope(
  entity: SyncedEntity,
  first: number,
): { table: string; where: string; params: unknown[] } {
  const { spec, documentType } = SYNCED_ENTITIES[entity] as Entity;
  if (!spec) throw new Error(`unknown synced entity: ${entity}`);
  return documentType
    ? {
        table: spec.table,
        where: `t."integration_id" = $1 AND t."type" = $${first}::document_type`,
        params: [documentType],
      }
    : { table: spec.table, where: 't."integration_id" = $1', params: [] };
}
