import type { DocumentPositionRow, DocumentRow } from '@crm/core';
import type { DocumentType } from '@crm/db';
import type { CustomerOrder, PositionStock, Reference } from '@crm/moysklad';
import { attributesOf, orNull, polyRef, refId } from './common';

/** What any document of the synced kinds may carry; each kind has a subset. */
type AnyDocument = CustomerOrder & {
  paymentPlannedMoment?: Date | null;
  incomingNumber?: string | null;
  incomingDate?: Date | null;
};

type AnyPosition = {
  id: string;
  assortment: Reference;
  quantity: number;
  price: number;
  discount?: number | null;
  vat?: number | null;
  vatEnabled?: boolean | null;
  cost?: number | null;
  reserve?: number | null;
  shipped?: number | null;
  stock?: PositionStock | null;
};

/** The document a document was made from: the order a shipment fulfils, the shipment a return undoes. */
function baseDocument(d: AnyDocument): Reference | null | undefined {
  const links = d as unknown as Record<string, Reference | null | undefined>;
  return links.customerOrder ?? links.demand ?? links.purchaseOrder ?? links.supply;
}

const ASSORTMENT_TYPES = new Set(['product', 'variant', 'service', 'bundle', 'consignment']);

export function positionRow(p: AnyPosition): DocumentPositionRow {
  const assortment = polyRef(p.assortment);
  const discount = p.discount ?? 0;
  return {
    externalId: p.id,
    quantity: p.quantity,
    price: p.price,
    discount,
    vat: orNull(p.vat),
    vatEnabled: orNull(p.vatEnabled),
    // MoySklad has no position sum; the document's sum is the sum of these.
    sum: (p.quantity * p.price * (100 - discount)) / 100,
    // Goods carry their cost per unit in the stock block (`fields=stock`), services in `cost`.
    cost: orNull(p.stock?.cost ?? p.cost),
    reserve: orNull(p.reserve),
    shipped: orNull(p.shipped),
    assortmentType: (assortment && ASSORTMENT_TYPES.has(assortment.type)
      ? assortment.type
      : 'product') as DocumentPositionRow['assortmentType'],
    assortmentExternalId: assortment?.id ?? '',
  };
}

export function documentRow(type: DocumentType, raw: unknown): DocumentRow {
  const d = raw as AnyDocument;
  const agent = polyRef(d.agent);
  const positions = d.positions?.rows as AnyPosition[] | undefined;
  return {
    externalId: d.id,
    sourceUpdatedAt: d.updated,
    attributes: attributesOf(d.attributes),
    type,
    name: d.name,
    externalCode: orNull(d.externalCode),
    description: orNull(d.description),
    moment: d.moment,
    applicable: d.applicable,
    trashedAt: orNull(d.deleted),
    sourceCreatedAt: orNull(d.created),
    sum: d.sum,
    vatSum: orNull(d.vatSum),
    payedSum: orNull(d.payedSum),
    shippedSum: orNull(d.shippedSum),
    invoicedSum: orNull(d.invoicedSum),
    reservedSum: orNull(d.reservedSum),
    vatEnabled: orNull(d.vatEnabled),
    vatIncluded: orNull(d.vatIncluded),
    currencyRate: orNull(d.rate?.value),
    currencyExternalId: refId(d.rate?.currency),
    deliveryPlannedAt: orNull(d.deliveryPlannedMoment),
    paymentPlannedAt: orNull(d.paymentPlannedMoment),
    incomingNumber: orNull(d.incomingNumber),
    incomingDate: orNull(d.incomingDate),
    shipmentAddress: orNull(d.shipmentAddress),
    organizationExternalId: refId(d.organization),
    agentType: agent && (agent.type === 'organization' ? 'organization' : 'counterparty'),
    agentExternalId: agent?.id ?? null,
    storeExternalId: refId(d.store),
    stateExternalId: refId(d.state),
    projectExternalId: refId(d.project),
    salesChannelExternalId: refId(d.salesChannel),
    ownerExternalId: refId(d.owner?.meta ? { meta: d.owner.meta } : null),
    baseDocumentExternalId: refId(baseDocument(d)),
    ...(positions && { positions: positions.map(positionRow) }),
  };
}
