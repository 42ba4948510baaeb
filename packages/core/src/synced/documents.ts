import type { DocumentType } from '@crm/db';
import {
  boolean,
  integer,
  money,
  percent,
  quantity,
  rate,
  text,
  timestamptz,
  type Column,
} from './spec/columns';
import { polyRef, ref } from './spec/references';
import { defineChild, defineTable, type ChildRow, type InputRow } from './spec/tables';
import { upserter } from './upsert';

const documentType = (): Column<DocumentType, false> => ({
  kind: 'column',
  type: 'document_type',
  optional: false,
});

const positions = defineChild({
  table: 'document_positions',
  parentColumn: 'document_id',
  numbered: true,
  columns: {
    externalId: text(),
    quantity: quantity(),
    price: money(),
    discount: percent.or('0'),
    vat: integer.nullable(),
    vatEnabled: boolean.nullable(),
    sum: money(),
    cost: money.nullable(),
    reserve: quantity.nullable(),
    shipped: quantity.nullable(),
  },
  refs: {
    assortment: polyRef(
      {
        product: { table: 'products', column: 'product_id' },
        variant: { table: 'variants', column: 'variant_id' },
        service: { table: 'services', column: 'service_id' },
        bundle: { table: 'bundles', column: 'bundle_id' },
      },
      { unresolvable: ['consignment'], required: true },
    ),
  },
});

/** Every kind of trade document in one table; see the comment above the models in schema.prisma. */
export const documents = defineTable({
  table: 'documents',
  versioned: true,
  columns: {
    type: documentType(),
    name: text(),
    externalCode: text.nullable(),
    description: text.nullable(),
    moment: timestamptz(),
    applicable: boolean(),
    trashedAt: timestamptz.nullable(),
    sourceCreatedAt: timestamptz.nullable(),
    sum: money(),
    vatSum: money.nullable(),
    payedSum: money.nullable(),
    shippedSum: money.nullable(),
    invoicedSum: money.nullable(),
    reservedSum: money.nullable(),
    vatEnabled: boolean.nullable(),
    vatIncluded: boolean.nullable(),
    currencyRate: rate.nullable(),
    deliveryPlannedAt: timestamptz.nullable(),
    paymentPlannedAt: timestamptz.nullable(),
    incomingNumber: text.nullable(),
    incomingDate: timestamptz.nullable(),
    shipmentAddress: text.nullable(),
  },
  refs: {
    organization: ref('organizations'),
    agent: polyRef({
      counterparty: { table: 'counterparties', column: 'agent_counterparty_id' },
      organization: { table: 'organizations', column: 'agent_organization_id' },
    }),
    store: ref('stores'),
    state: ref('states'),
    project: ref('projects'),
    salesChannel: ref('sales_channels'),
    owner: ref('employees'),
    currency: ref('currencies'),
    baseDocument: ref('documents'),
  },
  children: { positions: { spec: positions, digest: 'positions_hash' } },
});

export type DocumentRow = InputRow<typeof documents>;
export type DocumentPositionRow = ChildRow<typeof positions>;

/** Documents of any kinds (each row says its `type`), each with its positions when given. */
export const upsertDocuments = upserter(documents);
