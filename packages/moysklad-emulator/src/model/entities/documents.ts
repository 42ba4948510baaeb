import { externalCode, head, ownership, serialNumber } from '../../serialize/common';
import { idOf, metaArray, ref, type JsonObject, type RenderContext } from '../../serialize/meta';
import { STOCK_DIRECTION } from '../../store/ledger';
import type { DocumentRow } from '../../store/rows';
import type { EmulatorStore } from '../../store/store';
import { formatMsk } from '../../time/moscow';
import { defineEntity, OPS, type CollectionDef, type EntityDef, type FieldSpec } from '../entity';
import { flag, moment, numeric, reference, standardFields, text } from '../fields';
import { ASSORTMENT_KINDS, DOCUMENT_TYPES, type DocumentType } from '../types';

export const PLANNED_MOMENT: Partial<Record<DocumentType, string>> = {
  customerorder: 'deliveryPlannedMoment',
  purchaseorder: 'deliveryPlannedMoment',
  invoiceout: 'paymentPlannedMoment',
};

/** The base document each type links back to, and the field it appears under. */
export const BASE_LINK: Partial<Record<DocumentType, { type: DocumentType; field: string }>> = {
  demand: { type: 'customerorder', field: 'customerOrder' },
  invoiceout: { type: 'customerorder', field: 'customerOrder' },
  salesreturn: { type: 'demand', field: 'demand' },
  retailsalesreturn: { type: 'retaildemand', field: 'demand' },
  supply: { type: 'purchaseorder', field: 'purchaseOrder' },
  purchasereturn: { type: 'supply', field: 'supply' },
};

/** Documents derived from a type, listed as arrays of metas under these fields. */
const DERIVED_LINKS: Partial<Record<DocumentType, { type: DocumentType; field: string }[]>> = {
  customerorder: [
    { type: 'demand', field: 'demands' },
    { type: 'invoiceout', field: 'invoicesOut' },
  ],
  demand: [{ type: 'salesreturn', field: 'returns' }],
  retaildemand: [],
  supply: [{ type: 'purchasereturn', field: 'returns' }],
  purchaseorder: [{ type: 'supply', field: 'supplies' }],
};

const HAS_PAYED_SUM: readonly DocumentType[] = [
  'customerorder',
  'demand',
  'invoiceout',
  'salesreturn',
  'retaildemand',
  'supply',
  'purchaseorder',
  'purchasereturn',
];

/** Which good a position is and the ledger cell it is counted in (-1 for services and bundles). */
function positionCell(store: EmulatorStore, p: number): number {
  return store.ledger.cellOf(store.positions.assortmentKind[p]!, store.positions.assortment[p]!);
}

/**
 * The `stock` block of a position (`fields=stock`): for documents that move goods, stock and cost
 * on the document's store at its moment; for orders and invoices, as they are now.
 */
function positionStock(ctx: RenderContext, row: DocumentRow, p: number): JsonObject {
  const store = ctx.store;
  const positions = store.positions;
  const kind = positions.assortmentKind[p]!;
  const atMoment = STOCK_DIRECTION[row.type] !== undefined && row.applicable && row.deleted === 0;
  const when = atMoment ? row.moment : Number.MAX_VALUE;
  let quantity = 0;
  let cost = 0;
  let reserve = 0;
  let inTransit = 0;
  if (kind === 2) {
    cost = store.services[positions.assortment[p]!]!.buyPrice;
  } else if (kind === 3) {
    let limit = Infinity;
    for (const c of store.bundles[positions.assortment[p]!]!.components) {
      const cell = store.ledger.cellOf(c.kind === 'product' ? 0 : 1, c.index);
      const onHand =
        row.store >= 0 ? store.ledger.stockAt(cell, row.store) : store.ledger.totalStock(cell);
      limit = Math.min(limit, Math.floor(onHand / c.quantity));
      cost += store.ledger.cost[cell]! * c.quantity;
    }
    quantity = atMoment ? store.ledger.positionStockBefore[p]! : limit === Infinity ? 0 : limit;
    if (atMoment) cost = store.ledger.positionCost[p]!;
  } else {
    const cell = positionCell(store, p);
    quantity = atMoment
      ? store.ledger.positionStockBefore[p]!
      : row.store >= 0
        ? store.ledger.stockAt(cell, row.store)
        : store.ledger.totalStock(cell);
    cost = atMoment ? store.ledger.positionCost[p]! : store.ledger.cost[cell]!;
    ({ reserve, inTransit } = store.reservedAt(cell, row.store, when));
  }
  return {
    cost: ctx.canSeeCost ? cost : undefined,
    quantity,
    reserve,
    intransit: inTransit,
    available: quantity - reserve + inTransit,
  };
}

function renderPosition(
  ctx: RenderContext,
  type: DocumentType,
  docIndex: number,
  row: DocumentRow,
  p: number,
): JsonObject {
  const positions = ctx.store.positions;
  const kind = ASSORTMENT_KINDS[positions.assortmentKind[p]!]!;
  const assortment = positions.assortment[p]!;
  const id = idOf(ctx, 'position', positions.ident[p]!);
  const json: JsonObject = {
    meta: {
      href: `${ctx.api}/entity/${type}/${idOf(ctx, type, docIndex)}/positions/${id}`,
      type: `${type}position`,
      mediaType: 'application/json',
    },
    id,
    accountId: ctx.store.accountId,
    quantity: positions.quantity[p]!,
    price: positions.price[p]!,
    discount: positions.discount[p]!,
    vat: positions.vat[p]!,
    vatEnabled: positions.vatEnabled[p] === 1,
    assortment: ref(ctx, kind, assortment),
  };
  switch (type) {
    case 'customerorder':
      json.reserve = positions.reserve[p]!;
      json.shipped = positions.shipped[p]!;
      break;
    case 'purchaseorder':
      json.shipped = positions.shipped[p]!;
      json.inTransit = positions.reserve[p]!;
      break;
    case 'demand':
    case 'retaildemand':
      // Only services carry `cost` here; goods show theirs in the stock block.
      if (kind === 'service' && ctx.canSeeCost)
        json.cost = ctx.store.services[assortment]!.buyPrice;
      if (type === 'demand') json.overhead = 0;
      break;
    case 'supply':
      json.overhead = 0;
      break;
  }
  if (ctx.fields === 'stock') json.stock = positionStock(ctx, row, p);
  return json;
}

function positionsCollection(type: DocumentType): CollectionDef {
  return {
    type: `${type}position`,
    size: (index, ctx) => ctx.store.documents[type][index]!.positionCount,
    page: (index, ctx, offset, limit) => {
      const row = ctx.store.documents[type][index]!;
      const out: JsonObject[] = [];
      const end = Math.min(row.positionCount, offset + limit);
      for (let k = offset; k < end; k++)
        out.push(renderPosition(ctx, type, index, row, row.positionStart + k));
      return out;
    },
    item: (index, ctx, id) => {
      const row = ctx.store.documents[type][index]!;
      const decoded = ctx.store.ids.decode(id);
      if (!decoded || decoded.table !== 'position') return null;
      const end = row.positionStart + row.positionCount;
      for (let p = row.positionStart; p < end; p++)
        if (ctx.store.positions.ident[p] === decoded.index)
          return renderPosition(ctx, type, index, row, p);
      return null;
    },
  };
}

/** Ids of a document's goods and of every folder above them, for `filter=assortment=<href>`. */
function assortmentIds(row: DocumentRow, store: EmulatorStore): string[] {
  const ids: string[] = [];
  for (let p = row.positionStart; p < row.positionStart + row.positionCount; p++) {
    const kind = ASSORTMENT_KINDS[store.positions.assortmentKind[p]!]!;
    const index = store.positions.assortment[p]!;
    ids.push(store.ids.encode(kind, index));
    let folder =
      kind === 'product'
        ? store.products[index]!.folder
        : kind === 'variant'
          ? store.products[store.variants[index]!.product]!.folder
          : kind === 'service'
            ? store.services[index]!.folder
            : store.bundles[index]!.folder;
    if (kind === 'variant') ids.push(store.ids.encode('product', store.variants[index]!.product));
    while (folder >= 0) {
      ids.push(store.ids.encode('productfolder', folder));
      folder = store.folders[folder]!.parent;
    }
  }
  return ids;
}

function documentFields(type: DocumentType): Record<string, FieldSpec<DocumentRow>> {
  const fields: Record<string, FieldSpec<DocumentRow>> = {
    ...standardFields<DocumentRow>(type, { name: false, created: true }),
    owner: reference('employee', (r) => r.owner),
    name: text((r) => serialNumber(r.number - 1)),
    description: text((r) => r.description || undefined),
    code: text(() => undefined),
    moment: moment((r) => r.moment),
    deleted: moment((r) => r.deleted),
    applicable: flag((r) => r.applicable),
    sum: numeric((r) => r.sum),
    printed: flag((r) => r.printed),
    published: flag((r) => r.published),
    agent: reference('counterparty', (r) => r.agent, ['counterparty', 'organization']),
    organization: reference('organization', (r) => r.organization),
    store: reference('store', (r) => r.store),
    state: reference('state', (r) => r.state),
    project: reference('project', (r) => r.project),
    salesChannel: reference('saleschannel', (r) => r.salesChannel),
    'state.name': {
      kind: 'string',
      ops: OPS.eq,
      get: (r, _i, s) => (r.state >= 0 ? s.states[r.state]!.name : null),
    },
    assortment: {
      kind: 'ref',
      ops: ['='],
      refTypes: ['product', 'service', 'variant', 'bundle', 'productfolder'],
      get: (r, _i, s) => assortmentIds(r, s),
    },
    syncId: { kind: 'uuid', ops: OPS.eq, get: () => null },
  };
  if (type === 'retaildemand' || type === 'retailsalesreturn') {
    fields.retailStore = reference('retailstore', (r) => r.retailStore);
    fields.retailShift = reference('retailshift', (r) => r.retailShift);
  }
  const planned = PLANNED_MOMENT[type];
  if (planned) fields[planned] = moment((r) => r.plannedMoment);
  return fields;
}

function serializeDocument(
  type: DocumentType,
  row: DocumentRow,
  index: number,
  ctx: RenderContext,
): JsonObject {
  const id = idOf(ctx, type, index);
  const json: JsonObject = {
    ...head(ctx, type, index),
    ...ownership(ctx, row),
    name: serialNumber(row.number - 1),
    description: row.description || undefined,
    externalCode: externalCode(ctx, type, index),
    moment: formatMsk(row.moment),
    applicable: row.applicable,
    rate: { currency: ref(ctx, 'currency', 0) },
    sum: row.sum,
    store: row.store >= 0 ? ref(ctx, 'store', row.store) : undefined,
    agent: ref(ctx, 'counterparty', row.agent),
    organization: ref(ctx, 'organization', row.organization),
    state: row.state >= 0 ? ref(ctx, 'state', row.state) : undefined,
    project: row.project >= 0 ? ref(ctx, 'project', row.project) : undefined,
    salesChannel: row.salesChannel >= 0 ? ref(ctx, 'saleschannel', row.salesChannel) : undefined,
    created: formatMsk(row.created),
    deleted: row.deleted ? formatMsk(row.deleted) : undefined,
    printed: row.printed,
    published: row.published,
    files: metaArray(`${ctx.api}/entity/${type}/${id}/files`, 'files', 0),
    positions: metaArray(
      `${ctx.api}/entity/${type}/${id}/positions`,
      `${type}position`,
      row.positionCount,
      1000,
      `${ctx.api}/entity/${type}/metadata`,
    ),
    vatEnabled: row.vatEnabled,
    vatIncluded: row.vatEnabled ? row.vatIncluded : undefined,
    vatSum: row.vatSum,
    payedSum: HAS_PAYED_SUM.includes(type) ? row.payedSum : undefined,
  };
  const planned = PLANNED_MOMENT[type];
  if (planned && row.plannedMoment) json[planned] = formatMsk(row.plannedMoment);
  switch (type) {
    case 'customerorder':
      Object.assign(json, {
        reservedSum: row.reservedSum,
        shippedSum: row.shippedSum,
        invoicedSum: row.invoicedSum,
      });
      break;
    case 'invoiceout':
      json.shippedSum = row.shippedSum;
      break;
    case 'purchaseorder':
      Object.assign(json, {
        shippedSum: row.shippedSum,
        invoicedSum: 0,
        waitSum: row.closedAt === Infinity && row.applicable ? row.sum : 0,
      });
      break;
    case 'supply':
      Object.assign(json, {
        incomingNumber: row.incomingNumber || undefined,
        incomingDate: row.incomingNumber ? formatMsk(row.moment) : undefined,
      });
      break;
    case 'retaildemand':
    case 'retailsalesreturn':
      Object.assign(json, {
        retailStore: ref(ctx, 'retailstore', row.retailStore),
        retailShift: ref(ctx, 'retailshift', row.retailShift),
        cashSum: row.cashSum,
        noCashSum: row.noCashSum,
        qrSum: 0,
      });
      if (type === 'retaildemand')
        Object.assign(json, {
          advancePaymentSum: 0,
          prepaymentCashSum: 0,
          prepaymentNoCashSum: 0,
          prepaymentQrSum: 0,
        });
      break;
  }
  const base = BASE_LINK[type];
  if (base && row.base >= 0) json[base.field] = ref(ctx, base.type, row.base);
  for (const link of DERIVED_LINKS[type] ?? []) {
    const derived = ctx.store.derivedFrom(index, link.type);
    if (derived.length > 0) json[link.field] = derived.map((i) => ref(ctx, link.type, i));
  }
  return json;
}

function documentDef(type: DocumentType): EntityDef<DocumentRow> {
  const planned = PLANNED_MOMENT[type];
  return defineEntity<DocumentRow>({
    type,
    table: type,
    path: `entity/${type}`,
    kind: 'document',
    rows: (s) => s.documents[type],
    fields: documentFields(type),
    sortable: [
      'id',
      'updated',
      'name',
      'description',
      'externalCode',
      'moment',
      'applicable',
      'sum',
      'created',
      ...(planned ? [planned] : []),
    ],
    search: (r) => [serialNumber(r.number - 1), r.description, r.incomingNumber],
    hiddenFields: ['stock'],
    serialize: (row, index, ctx) => serializeDocument(type, row, index, ctx),
    collections: { positions: positionsCollection(type) },
  });
}

export const documentDefs = Object.fromEntries(
  DOCUMENT_TYPES.map((t) => [t, documentDef(t)]),
) as Record<DocumentType, EntityDef<DocumentRow>>;
