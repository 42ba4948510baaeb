import type { z } from 'zod';
import { auditContextSchema, auditEventSchema } from './schemas/audit';
import {
  bundleComponentSchema,
  bundleSchema,
  productFolderSchema,
  productSchema,
  serviceSchema,
  variantSchema,
} from './schemas/catalog';
import {
  currencySchema,
  priceTypeSchema,
  projectSchema,
  salesChannelSchema,
  stateSchema,
  storeSchema,
  uomSchema,
} from './schemas/directories';
import {
  customerOrderPositionSchema,
  customerOrderSchema,
  demandPositionSchema,
  demandSchema,
  invoiceOutSchema,
  invoicePositionSchema,
  purchaseOrderPositionSchema,
  purchaseOrderSchema,
  purchaseReturnPositionSchema,
  purchaseReturnSchema,
  retailDemandSchema,
  retailSalesReturnSchema,
  salesReturnPositionSchema,
  salesReturnSchema,
  supplyPositionSchema,
  supplySchema,
} from './schemas/documents';
import {
  contactPersonSchema,
  counterpartySchema,
  employeeSchema,
  organizationSchema,
} from './schemas/parties';
import { stockAllRowSchema, stockByStoreRowSchema } from './schemas/reports';
import { webhookSchema, webhookStockSchema } from './schemas/webhooks';

/** Anything listed with `limit`/`offset` paging and `{ meta, rows }` pages. */
export interface ListEndpoint<S extends z.ZodType = z.ZodType> {
  /** Path under the base URL, e.g. `/entity/product`. */
  readonly path: string;
  /** Schema of one row. */
  readonly schema: S;
  /** Largest page the server serves (1000 by default; the audit caps at 100). */
  readonly maxLimit?: number;
}

/** A `/entity/<type>` collection: listable, readable by id, writable. */
export interface EntityEndpoint<S extends z.ZodType = z.ZodType> extends ListEndpoint<S> {
  /** MoySklad's type keyword (`meta.type`). */
  readonly type: string;
  readonly kind: 'dictionary' | 'document' | 'webhook';
}

/** A document type, with the schema of its positions (`/entity/<type>/<id>/positions`). */
export interface DocumentEndpoint<
  S extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
> extends EntityEndpoint<S> {
  readonly kind: 'document';
  readonly position: { readonly type: string; readonly schema: P };
}

function dictionary<S extends z.ZodType>(type: string, schema: S): EntityEndpoint<S> {
  return { type, kind: 'dictionary', path: `/entity/${type}`, schema };
}

function document<S extends z.ZodType, P extends z.ZodType>(
  type: string,
  schema: S,
  positionType: string,
  positionSchema: P,
): DocumentEndpoint<S, P> {
  return {
    type,
    kind: 'document',
    path: `/entity/${type}`,
    schema,
    position: { type: positionType, schema: positionSchema },
  };
}

/** The canonical synced entity collections, by name. */
export const entities = {
  organization: dictionary('organization', organizationSchema),
  employee: dictionary('employee', employeeSchema),
  currency: dictionary('currency', currencySchema),
  uom: dictionary('uom', uomSchema),
  store: dictionary('store', storeSchema),
  productFolder: dictionary('productfolder', productFolderSchema),
  product: dictionary('product', productSchema),
  variant: dictionary('variant', variantSchema),
  service: dictionary('service', serviceSchema),
  bundle: dictionary('bundle', bundleSchema),
  counterparty: dictionary('counterparty', counterpartySchema),
  salesChannel: dictionary('saleschannel', salesChannelSchema),
  project: dictionary('project', projectSchema),
  customerOrder: document(
    'customerorder',
    customerOrderSchema,
    'customerorderposition',
    customerOrderPositionSchema,
  ),
  demand: document('demand', demandSchema, 'demandposition', demandPositionSchema),
  invoiceOut: document('invoiceout', invoiceOutSchema, 'invoiceposition', invoicePositionSchema),
  salesReturn: document(
    'salesreturn',
    salesReturnSchema,
    'salesreturnposition',
    salesReturnPositionSchema,
  ),
  retailDemand: document(
    'retaildemand',
    retailDemandSchema,
    'demandposition',
    demandPositionSchema,
  ),
  retailSalesReturn: document(
    'retailsalesreturn',
    retailSalesReturnSchema,
    'salesreturnposition',
    salesReturnPositionSchema,
  ),
  supply: document('supply', supplySchema, 'supplyposition', supplyPositionSchema),
  purchaseOrder: document(
    'purchaseorder',
    purchaseOrderSchema,
    'purchaseorderposition',
    purchaseOrderPositionSchema,
  ),
  purchaseReturn: document(
    'purchasereturn',
    purchaseReturnSchema,
    'purchasereturnposition',
    purchaseReturnPositionSchema,
  ),
  webhook: { type: 'webhook', kind: 'webhook', path: '/entity/webhook', schema: webhookSchema },
  webhookStock: {
    type: 'webhookstock',
    kind: 'webhook',
    path: '/entity/webhookstock',
    schema: webhookStockSchema,
  },
} as const satisfies Record<string, EntityEndpoint>;

export type EntityName = keyof typeof entities;

/** Paged reports and the audit feed. */
export const reports = {
  /** Stock with cost (`price`, kopecks) per product/variant; weighs 5 units. */
  stockAll: { path: '/report/stock/all', schema: stockAllRowSchema },
  /** Stock per store; weighs 5 units. */
  stockByStore: { path: '/report/stock/bystore', schema: stockByStoreRowSchema },
  /** Audit contexts, newest first; at most 100 a page. */
  audit: { path: '/audit', schema: auditContextSchema, maxLimit: 100 },
} as const satisfies Record<string, ListEndpoint>;

/** Lists by name: the entity collections and the reports. */
export type ListName = EntityName | keyof typeof reports;
export type ListEndpointOf<E> = E extends EntityName
  ? (typeof entities)[E]
  : E extends keyof typeof reports
    ? (typeof reports)[E]
    : E;
/** The parsed row type of a list, given by name or endpoint. */
export type RowOf<E> = ListEndpointOf<E> extends ListEndpoint<infer S> ? z.output<S> : never;

/** A document type, by name or endpoint. */
export type DocumentRef =
  | { [K in EntityName]: (typeof entities)[K] extends DocumentEndpoint ? K : never }[EntityName]
  | DocumentEndpoint;
/** The parsed position type of a document type. */
export type PositionOf<E> =
  ListEndpointOf<E> extends DocumentEndpoint<z.ZodType, infer P> ? z.output<P> : never;

/** Audit events of one context. */
export function auditEventsEndpoint(auditId: string): ListEndpoint<typeof auditEventSchema> {
  return {
    path: `/audit/${encodeURIComponent(auditId)}/events`,
    schema: auditEventSchema,
    maxLimit: 100,
  };
}

/** Positions of one document. */
export function positionsEndpoint<P extends z.ZodType>(
  document: DocumentEndpoint<z.ZodType, P>,
  documentId: string,
): ListEndpoint<P> {
  return {
    path: `${document.path}/${encodeURIComponent(documentId)}/positions`,
    schema: document.position.schema,
  };
}

/**
 * Row schema for each `meta.type` this client models: entities, their positions, nested
 * objects and report rows (report rows are keyed by their list's `meta.type`, `stock` and
 * `stockbystore`, because each row's own meta names the product).
 */
export const schemasByMetaType: Readonly<Record<string, z.ZodType>> = {
  ...Object.fromEntries(Object.values(entities).map((e) => [e.type, e.schema])),
  ...Object.fromEntries(
    Object.values(entities).flatMap((e) =>
      'position' in e ? [[e.position.type, e.position.schema]] : [],
    ),
  ),
  pricetype: priceTypeSchema,
  state: stateSchema,
  bundlecomponent: bundleComponentSchema,
  contactperson: contactPersonSchema,
  audit: auditContextSchema,
  auditevent: auditEventSchema,
  stock: stockAllRowSchema,
  stockbystore: stockByStoreRowSchema,
};
