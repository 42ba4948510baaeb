import { z } from 'zod';
import {
  addressSchema,
  collectionOf,
  entityBase,
  kopecks,
  moscowDateTime,
  objectSchema,
  optional,
  ownedEntityBase,
  priceSchema,
  referenceSchema,
  referencesSchema,
  type Reference,
} from './common';

/**
 * Stock and cost of a position at the document's moment, present with `fields=stock`. Goods in
 * a demand carry their cost here (the position's own `cost` is filled for services only).
 * `cost` is missing for returns without a base document.
 */
export const positionStockSchema = z.looseObject({
  cost: optional(kopecks),
  quantity: optional(z.number()),
  reserve: optional(z.number()),
  // Lower-case here, unlike `inTransit` elsewhere.
  intransit: optional(z.number()),
  available: optional(z.number()),
});
export type PositionStock = z.output<typeof positionStockSchema>;

/** Fields of every document position. */
const positionBase = entityBase.extend({
  // A product, variant, service, bundle or consignment; required, see `positionOf`.
  assortment: optional(referenceSchema),
  quantity: z.number(),
  price: kopecks,
  // Percent; negative is a markup.
  discount: optional(z.number()),
  vat: optional(z.number()),
  vatEnabled: optional(z.boolean()),
  pack: optional(objectSchema),
  stock: optional(positionStockSchema),
});

/** Some documented examples name the assortment by its type instead of `assortment`. */
const LEGACY_ASSORTMENT_KEYS = ['product', 'variant', 'service', 'bundle', 'consignment'];

/** A position schema: the shared fields plus `extra`, with `assortment` guaranteed. */
function positionOf<Extra extends z.core.$ZodLooseShape>(extra: Extra) {
  const schema = positionBase.extend(extra);
  type Row = z.output<typeof schema>;
  return schema.transform((position: Row, ctx): Row & { assortment: Reference } => {
    const fields = position as Record<string, unknown> & { assortment?: Reference | null };
    const assortment =
      fields.assortment ??
      LEGACY_ASSORTMENT_KEYS.map((key) => referenceSchema.safeParse(fields[key])).find(
        (result) => result.success,
      )?.data;
    if (assortment) return { ...position, assortment };
    ctx.issues.push({
      code: 'custom',
      message: 'Position has no assortment',
      input: position,
      path: ['assortment'],
    });
    return z.NEVER;
  });
}

const traceableFields = {
  things: optional(z.array(z.string())),
  slot: optional(referenceSchema),
  trackingCodes: optional(z.array(objectSchema)),
};

export const customerOrderPositionSchema = positionOf({
  reserve: optional(z.number()),
  shipped: optional(z.number()),
  taxSystem: optional(z.string()),
});

/** Positions of demands and retail demands (`demandposition`). */
export const demandPositionSchema = positionOf({
  ...traceableFields,
  cost: optional(kopecks),
  overhead: optional(kopecks),
});

/** Positions of invoices out (`invoiceposition`). */
export const invoicePositionSchema = positionOf({});

/** Positions of sales returns and retail sales returns (`salesreturnposition`). */
export const salesReturnPositionSchema = positionOf({
  ...traceableFields,
  cost: optional(kopecks),
  country: optional(referenceSchema),
  gtd: optional(objectSchema),
});

export const supplyPositionSchema = positionOf({
  ...traceableFields,
  country: optional(referenceSchema),
  gtd: optional(objectSchema),
  overhead: optional(kopecks),
});

export const purchaseOrderPositionSchema = positionOf({
  shipped: optional(z.number()),
  inTransit: optional(z.number()),
  wait: optional(z.boolean()),
});

export const purchaseReturnPositionSchema = positionOf(traceableFields);

export type CustomerOrderPosition = z.output<typeof customerOrderPositionSchema>;
export type DemandPosition = z.output<typeof demandPositionSchema>;
export type InvoicePosition = z.output<typeof invoicePositionSchema>;
export type SalesReturnPosition = z.output<typeof salesReturnPositionSchema>;
export type SupplyPosition = z.output<typeof supplyPositionSchema>;
export type PurchaseOrderPosition = z.output<typeof purchaseOrderPositionSchema>;
export type PurchaseReturnPosition = z.output<typeof purchaseReturnPositionSchema>;

/** Fields of every trade document. Sums are kopecks in the document's currency. */
const documentBase = ownedEntityBase.extend({
  name: z.string(),
  moment: moscowDateTime,
  created: optional(moscowDateTime),
  updated: moscowDateTime,
  // Set while the document is in the recycle bin.
  deleted: optional(moscowDateTime),
  // Posted; drafts move no stock and are not revenue.
  applicable: z.boolean(),
  printed: optional(z.boolean()),
  published: optional(z.boolean()),
  sum: kopecks,
  vatEnabled: optional(z.boolean()),
  vatIncluded: optional(z.boolean()),
  vatSum: optional(kopecks),
  // `value` only appears when the rate differs from 1.
  rate: optional(
    z.looseObject({ currency: optional(referenceSchema), value: optional(z.number()) }),
  ),
  // A counterparty or an organization.
  agent: optional(referenceSchema),
  agentAccount: optional(referenceSchema),
  organization: optional(referenceSchema),
  organizationAccount: optional(referenceSchema),
  store: optional(referenceSchema),
  state: optional(referenceSchema),
  contract: optional(referenceSchema),
  project: optional(referenceSchema),
  salesChannel: optional(referenceSchema),
});

/** A document schema with its positions collection typed by `position`. */
function documentOf<P extends z.ZodType, Extra extends z.core.$ZodLooseShape>(
  position: P,
  extra: Extra,
) {
  return documentBase.extend({ ...extra, positions: optional(collectionOf(position)) });
}

const shipmentFields = {
  shipmentAddress: optional(z.string()),
  shipmentAddressFull: optional(addressSchema),
};

const retailFields = {
  retailStore: optional(referenceSchema),
  retailShift: optional(referenceSchema),
  cashSum: optional(kopecks),
  noCashSum: optional(kopecks),
  qrSum: optional(kopecks),
  taxSystem: optional(z.string()),
};

export const customerOrderSchema = documentOf(customerOrderPositionSchema, {
  ...shipmentFields,
  deliveryPlannedMoment: optional(moscowDateTime),
  payedSum: optional(kopecks),
  shippedSum: optional(kopecks),
  invoicedSum: optional(kopecks),
  reservedSum: optional(kopecks),
  taxSystem: optional(z.string()),
  demands: optional(referencesSchema),
  invoicesOut: optional(referencesSchema),
  payments: optional(referencesSchema),
  purchaseOrders: optional(referencesSchema),
});

export const demandSchema = documentOf(demandPositionSchema, {
  ...shipmentFields,
  payedSum: optional(kopecks),
  overhead: optional(priceSchema.extend({ distribution: optional(z.string()) })),
  customerOrder: optional(referenceSchema),
  invoicesOut: optional(referencesSchema),
  returns: optional(referencesSchema),
  payments: optional(referencesSchema),
  factureOut: optional(referenceSchema),
});

export const invoiceOutSchema = documentOf(invoicePositionSchema, {
  paymentPlannedMoment: optional(moscowDateTime),
  payedSum: optional(kopecks),
  shippedSum: optional(kopecks),
  customerOrder: optional(referenceSchema),
  demands: optional(referencesSchema),
  payments: optional(referencesSchema),
});

export const salesReturnSchema = documentOf(salesReturnPositionSchema, {
  payedSum: optional(kopecks),
  demand: optional(referenceSchema),
  losses: optional(referencesSchema),
  payments: optional(referencesSchema),
  factureOut: optional(referenceSchema),
});

export const retailDemandSchema = documentOf(demandPositionSchema, {
  ...retailFields,
  payedSum: optional(kopecks),
  prepaymentCashSum: optional(kopecks),
  prepaymentNoCashSum: optional(kopecks),
  prepaymentQrSum: optional(kopecks),
  customerOrder: optional(referenceSchema),
});

export const retailSalesReturnSchema = documentOf(salesReturnPositionSchema, {
  ...retailFields,
  demand: optional(referenceSchema),
});

export const supplySchema = documentOf(supplyPositionSchema, {
  payedSum: optional(kopecks),
  incomingNumber: optional(z.string()),
  incomingDate: optional(moscowDateTime),
  overhead: optional(priceSchema.extend({ distribution: optional(z.string()) })),
  purchaseOrder: optional(referenceSchema),
  invoicesIn: optional(referencesSchema),
  payments: optional(referencesSchema),
  returns: optional(referencesSchema),
  factureIn: optional(referenceSchema),
});

export const purchaseOrderSchema = documentOf(purchaseOrderPositionSchema, {
  deliveryPlannedMoment: optional(moscowDateTime),
  payedSum: optional(kopecks),
  shippedSum: optional(kopecks),
  invoicedSum: optional(kopecks),
  waitSum: optional(kopecks),
  customerOrders: optional(referencesSchema),
  invoicesIn: optional(referencesSchema),
  supplies: optional(referencesSchema),
  payments: optional(referencesSchema),
  internalOrder: optional(referenceSchema),
});

export const purchaseReturnSchema = documentOf(purchaseReturnPositionSchema, {
  payedSum: optional(kopecks),
  supply: optional(referenceSchema),
  factureIn: optional(referenceSchema),
  factureOut: optional(referenceSchema),
  payments: optional(referencesSchema),
});

export type CustomerOrder = z.output<typeof customerOrderSchema>;
export type Demand = z.output<typeof demandSchema>;
export type InvoiceOut = z.output<typeof invoiceOutSchema>;
export type SalesReturn = z.output<typeof salesReturnSchema>;
export type RetailDemand = z.output<typeof retailDemandSchema>;
export type RetailSalesReturn = z.output<typeof retailSalesReturnSchema>;
export type Supply = z.output<typeof supplySchema>;
export type PurchaseOrder = z.output<typeof purchaseOrderSchema>;
export type PurchaseReturn = z.output<typeof purchaseReturnSchema>;
