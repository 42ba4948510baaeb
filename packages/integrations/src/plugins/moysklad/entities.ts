import {
  upsertBundles,
  upsertCounterparties,
  upsertCurrencies,
  upsertDocuments,
  upsertEmployees,
  upsertOrganizations,
  upsertPriceTypes,
  upsertProductFolders,
  upsertProducts,
  upsertProjects,
  upsertSalesChannels,
  upsertServices,
  upsertStates,
  upsertStores,
  upsertUnits,
  upsertVariants,
  type SyncedEntity,
  type UpsertResult,
} from '@crm/core';
import type { Database, DocumentType } from '@crm/db';
import {
  entities,
  entityMetadataSchema,
  filter,
  MoySkladForbiddenError,
  type EntityName,
  type MoySkladClient,
} from '@crm/moysklad';
import { bundleRow, productRow, serviceRow, variantRow } from './map/catalog';
import { counterpartyRow } from './map/counterparties';
import {
  currencyRow,
  employeeRow,
  organizationRow,
  priceTypeRow,
  productFolderRow,
  projectRow,
  salesChannelRow,
  stateRow,
  storeRow,
  unitRow,
} from './map/dictionaries';
import { documentRow } from './map/documents';

type Db = Pick<Database, 'pool'>;
type Upsert = (db: Db, integrationId: string, rows: never[]) => Promise<UpsertResult>;

/**
 * An entity MoySklad lists page by page with a change time (`updated`): listed in full passes,
 * followed by `updated>=` between them, re-checked by id.
 */
export type ListedEntity = {
  name: SyncedEntity;
  source: 'listed';
  dependsOn: string[];
  endpoint: EntityName;
  /** MoySklad's type keyword, as in webhook and audit events. */
  type: string;
  /** Documents: listed with their positions (and cost) and with those in the recycle bin. */
  document: DocumentType | null;
  /** Child lists that only come when expanded (contact persons, bundle components). */
  expand?: string;
  /** Dictionaries hide archived rows unless asked; units have no archive. */
  archivable: boolean;
  map(row: unknown): unknown;
  upsert: Upsert;
};

/** A small entity without a change time, read whole on every run (a request or a few). */
export type WholeEntity = {
  name: SyncedEntity;
  source: 'whole';
  dependsOn: string[];
  /** MoySklad's type keyword, where webhooks and the audit know it. */
  type: string | null;
  fetch(client: MoySkladClient): Promise<unknown[]>;
  map(row: unknown): unknown;
  upsert: Upsert;
};

export type MoyskladEntity = ListedEntity | WholeEntity;

const listed = (
  name: SyncedEntity,
  endpoint: EntityName,
  map: (row: never) => unknown,
  upsert: unknown,
  dependsOn: string[] = [],
  expand?: string,
): ListedEntity => ({
  name,
  source: 'listed',
  dependsOn,
  endpoint,
  type: entities[endpoint].type,
  document: null,
  expand,
  archivable: endpoint !== 'uom',
  map: map as (row: unknown) => unknown,
  upsert: upsert as Upsert,
});

const PARTIES = ['organization', 'counterparty', 'employee', 'store', 'state', 'currency'];

const document = (
  name: DocumentType,
  endpoint: EntityName,
  extra: string[] = [],
): ListedEntity => ({
  name,
  source: 'listed',
  dependsOn: [
    ...PARTIES,
    'project',
    'sales_channel',
    'product',
    'variant',
    'service',
    'bundle',
    ...extra,
  ],
  endpoint,
  type: entities[endpoint].type,
  document: name,
  archivable: false,
  map: (row) => documentRow(name, row),
  upsert: upsertDocuments as Upsert,
});

/** Types whose states (`/entity/<type>/metadata`) the documents and counterparties refer to. */
const STATE_OWNERS = [
  'counterparty',
  'customerOrder',
  'demand',
  'invoiceOut',
  'salesReturn',
  'retailDemand',
  'retailSalesReturn',
  'supply',
  'purchaseOrder',
  'purchaseReturn',
] as const;

/** Everything the MoySklad plugin syncs, dependencies first; stock is synced before documents. */
export const ENTITIES: MoyskladEntity[] = [
  listed('organization', 'organization', organizationRow, upsertOrganizations),
  listed('employee', 'employee', employeeRow, upsertEmployees),
  {
    name: 'currency',
    source: 'whole',
    dependsOn: [],
    type: 'currency',
    fetch: (client) => collect(client.pages('currency', { filter: filter().archived('any') })),
    map: currencyRow as (row: unknown) => unknown,
    upsert: upsertCurrencies as Upsert,
  },
  {
    name: 'price_type',
    source: 'whole',
    dependsOn: [],
    type: null,
    fetch: (client) => client.priceTypes(),
    map: priceTypeRow as (row: unknown) => unknown,
    upsert: upsertPriceTypes as Upsert,
  },
  listed('unit', 'uom', unitRow, upsertUnits),
  listed('store', 'store', storeRow, upsertStores),
  listed('product_folder', 'productFolder', productFolderRow, upsertProductFolders),
  {
    name: 'state',
    source: 'whole',
    dependsOn: [],
    type: null,
    fetch: async (client) => {
      const all = await Promise.allSettled(
        STATE_OWNERS.map(async (owner) => {
          const states =
            owner === 'counterparty'
              ? await counterpartyStates(client)
              : await client.documentStates(owner);
          return states.map((s) => ({ ...s, entityType: s.entityType ?? entities[owner].type }));
        }),
      );
      // A type the employee may not see has no states to show; the others still do.
      return all.flatMap((result) => {
        if (result.status === 'fulfilled') return result.value;
        if (result.reason instanceof MoySkladForbiddenError) return [];
        throw result.reason;
      });
    },
    map: stateRow as (row: unknown) => unknown,
    upsert: upsertStates as Upsert,
  },
  listed('sales_channel', 'salesChannel', salesChannelRow, upsertSalesChannels),
  listed('project', 'project', projectRow, upsertProjects),
  listed(
    'counterparty',
    'counterparty',
    counterpartyRow,
    upsertCounterparties,
    ['state', 'price_type', 'employee'],
    'contactpersons',
  ),
  listed('product', 'product', productRow, upsertProducts, [
    'product_folder',
    'unit',
    'currency',
    'price_type',
    'counterparty',
  ]),
  listed('variant', 'variant', variantRow, upsertVariants, ['product']),
  listed('service', 'service', serviceRow, upsertServices, [
    'product_folder',
    'unit',
    'currency',
    'price_type',
  ]),
  listed(
    'bundle',
    'bundle',
    bundleRow,
    upsertBundles,
    ['product', 'variant', 'service'],
    'components',
  ),
  document('customer_order', 'customerOrder'),
  document('demand', 'demand', ['customer_order']),
  document('invoice_out', 'invoiceOut', ['customer_order']),
  document('sales_return', 'salesReturn', ['demand']),
  document('retail_demand', 'retailDemand', ['customer_order']),
  document('retail_sales_return', 'retailSalesReturn', ['retail_demand']),
  document('purchase_order', 'purchaseOrder'),
  document('supply', 'supply', ['purchase_order']),
  document('purchase_return', 'purchaseReturn', ['supply']),
];

export const ENTITY_BY_NAME = new Map(ENTITIES.map((e) => [e.name as string, e]));
/** By MoySklad's type keyword (`customerorder`), for webhook and audit events. */
export const ENTITY_BY_TYPE = new Map(
  ENTITIES.flatMap((e) => (e.type ? [[e.type, e] as const] : [])),
);

async function collect(pages: AsyncIterable<{ rows: unknown[] }>): Promise<unknown[]> {
  const rows: unknown[] = [];
  for await (const page of pages) rows.push(...page.rows);
  return rows;
}

/** Counterparty states live in the counterparty's metadata, like a document's. */
async function counterpartyStates(client: MoySkladClient) {
  const metadata = await client.request('GET', `${entities.counterparty.path}/metadata`, {
    schema: entityMetadataSchema,
  });
  return metadata.states ?? [];
}
