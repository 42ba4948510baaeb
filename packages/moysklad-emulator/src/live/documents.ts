import { BASE_LINK, PLANNED_MOMENT } from '../model/entities/documents';
import { type AssortmentKind, type DocumentType } from '../model/types';
import { STOCK_DIRECTION } from '../store/ledger';
import type { DocumentRow, GoodRow } from '../store/rows';
import type { EmulatorStore } from '../store/store';
import { DAY, HOUR, mskDayStart } from '../time/moscow';
import type { Footprint, Transaction } from './transaction';
import {
  bad,
  bool,
  ChangeError,
  isObject,
  minuteOf,
  momentOf,
  money,
  num,
  reference,
  referenceIndex,
  str,
} from './values';

const SALES_TYPES: readonly DocumentType[] = [
  'customerorder',
  'demand',
  'invoiceout',
  'salesreturn',
  'retaildemand',
  'retailsalesreturn',
];
const RETAIL_TYPES: readonly DocumentType[] = ['retaildemand', 'retailsalesreturn'];
const ORDER_TYPES: readonly DocumentType[] = ['customerorder', 'purchaseorder'];

/** The document an order is fulfilled by: demands of a customer order, supplies of a purchase order. */
const FULFILMENT: Partial<Record<DocumentType, DocumentType>> = {
  customerorder: 'demand',
  purchaseorder: 'supply',
};

/** Whether a document counts: posted, not in the recycle bin, not deleted. */
export function isActive(store: EmulatorStore, type: DocumentType, index: number): boolean {
  const row = store.documents[type][index]!;
  return row.applicable && row.deleted === 0 && !store.isRemoved(type, index);
}

/** Everything about a document that the stock ledger reads, and its moment. */
interface StockSignature {
  key: string;
  moment: number;
}

function stockSignature(store: EmulatorStore, type: DocumentType, index: number): StockSignature {
  const row = store.documents[type][index]!;
  const p = store.positions;
  let sig = `${isActive(store, type, index)}|${row.store}|${row.moment}|${row.closedAt}`;
  for (let k = row.positionStart; k < row.positionStart + row.positionCount; k++)
    sig += `|${p.assortmentKind[k]}:${p.assortment[k]}:${p.quantity[k]}:${p.price[k]}:${p.discount[k]}`;
  return { key: sig, moment: row.moment };
}

/** `sum` and `vatSum` from the positions, the way the generator works them out. */
export function recomputeSums(store: EmulatorStore, row: DocumentRow): void {
  const p = store.positions;
  let sum = 0;
  let vatSum = 0;
  for (let k = row.positionStart; k < row.positionStart + row.positionCount; k++) {
    const total = p.lineTotal(k);
    const vat = row.vatEnabled && p.vatEnabled[k] === 1 ? p.vat[k]! : 0;
    if (row.vatIncluded || !row.vatEnabled) {
      sum += total;
      vatSum += (total * vat) / (100 + vat);
    } else {
      sum += total + Math.round((total * vat) / 100);
      vatSum += (total * vat) / 100;
    }
  }
  row.sum = sum;
  row.vatSum = row.vatEnabled ? Math.round(vatSum) : 0;
  if (RETAIL_TYPES.includes(row.type)) {
    row.payedSum = row.sum;
    row.cashSum = Math.min(row.cashSum, row.sum);
    row.noCashSum = row.sum - row.cashSum;
  }
}

interface GoodRef {
  kind: AssortmentKind;
  index: number;
}

function goodRow(store: EmulatorStore, good: GoodRef): GoodRow & { product?: number } {
  switch (good.kind) {
    case 'product':
      return store.products[good.index]!;
    case 'variant': {
      const v = store.variants[good.index]!;
      const p = store.products[v.product]!;
      return { ...p, prices: v.prices, buyPrice: v.buyPrice, archived: v.archived };
    }
    case 'service':
      return store.services[good.index]!;
    case 'bundle':
      return store.bundles[good.index]!;
  }
}

/** Default price of a good on a document: its sale price for the buyer, or its purchase price. */
function defaultPrice(store: EmulatorStore, row: DocumentRow, good: GoodRef): number {
  const g = goodRow(store, good);
  if (!SALES_TYPES.includes(row.type)) return g.buyPrice;
  const priceType = row.agent >= 0 ? (store.counterparties[row.agent]?.priceType ?? 0) : 0;
  return g.prices[priceType] ?? g.prices[0] ?? 0;
}

interface PositionInput {
  ident?: number;
  kind: AssortmentKind;
  index: number;
  quantity: number;
  price: number;
  discount: number;
  vat: number;
  vatEnabled: boolean;
}

/**
 * Replaces a document's positions (MoySklad's PUT semantics: the list given is the new list).
 * Positions named by id keep their id and default to their current values; new ones take the
 * good's price and VAT. The new positions go to the end of the position table.
 */
function replacePositions(
  store: EmulatorStore,
  type: DocumentType,
  docIndex: number,
  value: unknown,
): void {
  if (!Array.isArray(value)) throw bad('positions: expected an array');
  if (value.length > 1000) throw bad('positions: at most 1000 in one request');
  const row = store.documents[type][docIndex]!;
  const p = store.positions;
  const inputs: PositionInput[] = value.map((item, k) => {
    const field = `positions[${k}]`;
    if (!isObject(item)) throw bad(`${field}: expected an object`);
    let existing = -1;
    const id =
      typeof item.id === 'string'
        ? item.id
        : isObject(item.meta) && typeof item.meta.href === 'string'
          ? item.meta.href.split('/').pop()!
          : undefined;
    if (id !== undefined) {
      const decoded = store.ids.decode(id);
      for (let q = row.positionStart; decoded && q < row.positionStart + row.positionCount; q++)
        if (decoded.table === 'position' && p.ident[q] === decoded.index) existing = q;
      if (existing < 0) throw new ChangeError(404, `${field}: no position ${id} in this document`);
    }
    let good: GoodRef;
    if (item.assortment !== undefined) {
      const ref = reference(
        store,
        item.assortment,
        ['product', 'variant', 'service', 'bundle'],
        `${field}.assortment`,
      );
      good = { kind: ref.table as AssortmentKind, index: ref.index };
    } else if (existing >= 0) {
      good = { kind: p.kindOf(existing), index: p.assortment[existing]! };
    } else throw bad(`${field}.assortment: required`);
    if (good.kind === 'product' && store.products[good.index]!.variantsCount > 0)
      throw bad(`${field}.assortment: a product with variants is sold as one of its variants`);
    if (
      STOCK_DIRECTION[type] === undefined &&
      good.kind === 'bundle' &&
      !SALES_TYPES.includes(type)
    )
      throw bad(`${field}.assortment: bundles cannot be bought`);
    const g = goodRow(store, good);
    const same =
      existing >= 0 && p.kindOf(existing) === good.kind && p.assortment[existing] === good.index;
    const quantity =
      item.quantity !== undefined
        ? num(item.quantity, `${field}.quantity`)
        : same
          ? p.quantity[existing]!
          : 1;
    if (!(quantity > 0)) throw bad(`${field}.quantity: must be positive`);
    return {
      ident: existing >= 0 ? p.ident[existing] : undefined,
      kind: good.kind,
      index: good.index,
      quantity,
      price:
        item.price !== undefined
          ? money(item.price, `${field}.price`)
          : same
            ? p.price[existing]!
            : defaultPrice(store, row, good),
      discount:
        item.discount !== undefined
          ? num(item.discount, `${field}.discount`)
          : same
            ? p.discount[existing]!
            : 0,
      vat: item.vat !== undefined ? num(item.vat, `${field}.vat`) : same ? p.vat[existing]! : g.vat,
      vatEnabled:
        item.vatEnabled !== undefined
          ? bool(item.vatEnabled, `${field}.vatEnabled`)
          : same
            ? p.vatEnabled[existing] === 1
            : g.vatEnabled,
    };
  });
  writePositions(store, type, docIndex, inputs);
}

function writePositions(
  store: EmulatorStore,
  type: DocumentType,
  docIndex: number,
  inputs: readonly PositionInput[],
): void {
  const row = store.documents[type][docIndex]!;
  const p = store.positions;
  const start = p.length;
  for (const input of inputs) {
    p.add({
      document: docIndex,
      kind: input.kind,
      assortment: input.index,
      quantity: input.quantity,
      price: input.price,
      discount: input.discount,
      vat: input.vat,
      vatEnabled: input.vatEnabled && row.vatEnabled,
      ident: input.ident,
    });
  }
  row.positionStart = start;
  row.positionCount = inputs.length;
}

/** Copies the positions of a base document (a demand made from an order, a return from a demand). */
function copyPositions(
  store: EmulatorStore,
  type: DocumentType,
  docIndex: number,
  base: DocumentRow,
) {
  const p = store.positions;
  const inputs: PositionInput[] = [];
  for (let k = base.positionStart; k < base.positionStart + base.positionCount; k++) {
    const kind = p.kindOf(k);
    const quantity = p.quantity[k]! - (ORDER_TYPES.includes(base.type) ? p.shipped[k]! : 0);
    if (quantity <= 0) continue;
    inputs.push({
      kind,
      index: p.assortment[k]!,
      quantity,
      price: p.price[k]!,
      discount: p.discount[k]!,
      vat: p.vat[k]!,
      vatEnabled: p.vatEnabled[k] === 1,
    });
  }
  writePositions(store, type, docIndex, inputs);
}

/** Fields of a document a change may set, as MoySklad names them. */
function applyFields(
  tx: Transaction,
  type: DocumentType,
  index: number,
  body: Record<string, unknown>,
): void {
  const store = tx.store;
  const row = store.documents[type][index]!;
  const has = (key: string) => body[key] !== undefined;
  if (has('moment')) row.moment = minuteOf(momentOf(body.moment, 'moment'));
  if (has('applicable')) row.applicable = bool(body.applicable, 'applicable');
  if (has('agent')) row.agent = referenceIndex(store, body.agent, 'counterparty', 'agent');
  if (has('organization'))
    row.organization = referenceIndex(store, body.organization, 'organization', 'organization');
  if (body.store !== undefined) {
    row.store = referenceIndex(store, body.store, 'store', 'store', ORDER_TYPES.includes(type));
  }
  if (body.state !== undefined) {
    row.state = referenceIndex(store, body.state, 'state', 'state', true);
    if (row.state >= 0 && store.states[row.state]!.entityType !== type)
      throw bad(`state: not a state of ${type}`);
  }
  if (body.project !== undefined)
    row.project = referenceIndex(store, body.project, 'project', 'project', true);
  if (body.salesChannel !== undefined)
    row.salesChannel = referenceIndex(
      store,
      body.salesChannel,
      'saleschannel',
      'salesChannel',
      true,
    );
  if (has('description')) row.description = str(body.description, 'description');
  if (has('vatEnabled')) row.vatEnabled = bool(body.vatEnabled, 'vatEnabled');
  if (has('vatIncluded')) row.vatIncluded = bool(body.vatIncluded, 'vatIncluded');
  if (has('payedSum')) row.payedSum = num(body.payedSum, 'payedSum');
  if (has('printed')) row.printed = bool(body.printed, 'printed');
  if (has('published')) row.published = bool(body.published, 'published');
  const planned = PLANNED_MOMENT[type];
  if (planned && body[planned] !== undefined)
    row.plannedMoment = body[planned] === null ? 0 : minuteOf(momentOf(body[planned], planned));
  const link = BASE_LINK[type];
  if (link && body[link.field] !== undefined) {
    row.base = referenceIndex(store, body[link.field], link.type, link.field, true);
    store.relinked();
  }
  if (type === 'supply' && has('incomingNumber'))
    row.incomingNumber = str(body.incomingNumber, 'incomingNumber');
  if (RETAIL_TYPES.includes(type)) {
    if (has('retailStore'))
      row.retailStore = referenceIndex(store, body.retailStore, 'retailstore', 'retailStore');
    if (has('retailShift'))
      row.retailShift = referenceIndex(store, body.retailShift, 'retailshift', 'retailShift');
    if (has('cashSum')) row.cashSum = num(body.cashSum, 'cashSum');
  }
  if (body.positions !== undefined) replacePositions(store, type, index, body.positions);
  recomputeSums(store, row);
  if (STOCK_DIRECTION[type] !== undefined && row.store < 0) throw bad('store: required');
  if (row.agent < 0) throw bad('agent: required');
}

/** The open shift of a point of sale on the current day, opened when there is none. */
export function shiftFor(tx: Transaction, retailStore: number): number {
  const store = tx.store;
  const day = mskDayStart(tx.moment);
  for (let i = store.retailShifts.length - 1; i >= 0; i--) {
    const s = store.retailShifts[i]!;
    if (s.retailStore === retailStore && s.moment >= day && s.closeDate === 0) return i;
    if (s.moment < day - 2 * DAY) break;
  }
  const rs = store.retailStores[retailStore]!;
  const index = store.retailShifts.length;
  store.retailShifts.push({
    retailStore,
    store: rs.store,
    organization: rs.organization,
    name: String(index + 1).padStart(5, '0'),
    moment: minuteOf(tx.moment),
    closeDate: 0,
    created: tx.moment,
    updated: tx.moment,
    owner: tx.employee,
  });
  tx.touch('retailshift', index, 'create');
  return index;
}

function firstState(store: EmulatorStore, type: DocumentType): number {
  return store.states.findIndex((s) => s.entityType === type);
}

function defaultWarehouse(store: EmulatorStore): number {
  const i = store.stores.findIndex(
    (s, k) => !s.retail && !s.archived && !store.isRemoved('store', k),
  );
  return i >= 0 ? i : store.stores.findIndex((s) => !s.archived);
}

/** Creates a document; fields missing from the body take MoySklad's defaults or the base's. */
export function createDocument(
  tx: Transaction,
  type: DocumentType,
  body: Record<string, unknown>,
): number {
  const store = tx.store;
  const list = store.documents[type];
  const index = list.length;
  const link = BASE_LINK[type];
  const baseIndex =
    link && body[link.field] !== undefined && body[link.field] !== null
      ? referenceIndex(store, body[link.field], link.type, link.field)
      : -1;
  const base = baseIndex >= 0 && link ? store.documents[link.type][baseIndex]! : null;
  const retailStore = RETAIL_TYPES.includes(type)
    ? body.retailStore !== undefined
      ? referenceIndex(store, body.retailStore, 'retailstore', 'retailStore')
      : (base?.retailStore ?? 0)
    : -1;
  const organization = base?.organization ?? 0;
  const retailCustomer = store.counterparties.findIndex((c) => c.name === 'Розничный покупатель');
  const row: DocumentRow = {
    type,
    number: (list[list.length - 1]?.number ?? 0) + 1,
    moment: minuteOf(tx.moment),
    created: tx.moment,
    updated: tx.moment,
    owner: tx.employee,
    deleted: 0,
    applicable: true,
    organization,
    agent: base?.agent ?? (RETAIL_TYPES.includes(type) ? retailCustomer : -1),
    store:
      base && base.store >= 0
        ? base.store
        : retailStore >= 0
          ? store.retailStores[retailStore]!.store
          : type === 'invoiceout'
            ? -1
            : defaultWarehouse(store),
    state: firstState(store, type),
    project: base?.project ?? -1,
    salesChannel: base?.salesChannel ?? -1,
    vatEnabled: base?.vatEnabled ?? store.organizations[organization]?.payerVat ?? true,
    vatIncluded: base?.vatIncluded ?? true,
    sum: 0,
    vatSum: 0,
    payedSum: 0,
    shippedSum: 0,
    invoicedSum: 0,
    reservedSum: 0,
    positionStart: store.positions.length,
    positionCount: 0,
    description: '',
    base: baseIndex,
    closedAt: Infinity,
    plannedMoment: 0,
    retailStore,
    retailShift: -1,
    incomingNumber: '',
    printed: false,
    published: false,
    cashSum: 0,
    noCashSum: 0,
  };
  list.push(row);
  tx.touch(type, index, 'create');
  if (retailStore >= 0 && body.retailShift === undefined)
    row.retailShift = shiftFor(tx, retailStore);
  if (base && body.positions === undefined) copyPositions(store, type, index, base);
  store.linkDerived(type, index);
  applyFields(tx, type, index, { ...body, [link?.field ?? '']: undefined });
  if (RETAIL_TYPES.includes(type) && body.cashSum === undefined) {
    row.noCashSum = row.sum;
    row.payedSum = row.sum;
  }
  afterDocumentChange(tx, type, index, null);
  return index;
}

/** Changes fields and positions of a document. */
export function updateDocument(
  tx: Transaction,
  type: DocumentType,
  index: number,
  body: Record<string, unknown>,
): void {
  const store = tx.store;
  const row = store.documents[type][index]!;
  const before = stockSignature(store, type, index);
  const footprint = tx.footprint(type, row);
  const oldBase = row.base;
  const oldAgent = row.agent;
  tx.touch(type, index, 'update');
  applyFields(tx, type, index, body);
  afterDocumentChange(tx, type, index, before, footprint, oldBase, oldAgent);
}

/** Moves a document to the recycle bin (`deleted` set, hidden from lists, stock released). */
export function trashDocument(tx: Transaction, type: DocumentType, index: number): void {
  const store = tx.store;
  const row = store.documents[type][index]!;
  if (row.deleted !== 0) throw new ChangeError(409, `${type} is already in the recycle bin`);
  const before = stockSignature(store, type, index);
  const footprint = tx.footprint(type, row);
  tx.touch(type, index, 'trash');
  row.deleted = tx.moment;
  store.invalidate();
  afterDocumentChange(tx, type, index, before, footprint);
}

export function restoreDocument(tx: Transaction, type: DocumentType, index: number): void {
  const store = tx.store;
  const row = store.documents[type][index]!;
  if (row.deleted === 0) throw new ChangeError(409, `${type} is not in the recycle bin`);
  const before = stockSignature(store, type, index);
  const footprint = tx.footprint(type, row);
  tx.touch(type, index, 'restore');
  row.deleted = 0;
  store.invalidate();
  afterDocumentChange(tx, type, index, before, footprint);
}

/** Deletes a document for good: it vanishes (404), documents made from it lose the link. */
export function deleteDocument(tx: Transaction, type: DocumentType, index: number): void {
  const store = tx.store;
  const row = store.documents[type][index]!;
  const before = stockSignature(store, type, index);
  const footprint = tx.footprint(type, row);
  tx.touch(type, index, 'delete');
  tx.remove(type, index);
  for (const [derivedType, link] of Object.entries(BASE_LINK)) {
    if (link.type !== type) continue;
    for (const d of store.derivedFrom(index, derivedType as DocumentType)) {
      const derived = store.documents[derivedType as DocumentType][d]!;
      tx.keep(derived);
      derived.base = -1;
    }
  }
  store.relinked();
  store.invalidate();
  afterDocumentChange(tx, type, index, before, footprint);
}

/**
 * What follows from a document change: the ledger (applied on top, or replayed), the order it
 * fulfils, the buyer's sales total, and which goods' stock moved.
 */
function afterDocumentChange(
  tx: Transaction,
  type: DocumentType,
  index: number,
  beforeSignature: StockSignature | null,
  beforeFootprint: Footprint = [],
  oldBase = -2,
  oldAgent = -2,
): void {
  const store = tx.store;
  const row = store.documents[type][index]!;
  const removed = store.isRemoved(type, index);
  store.invalidate();
  const after = stockSignature(store, type, index);
  const moved = after.key !== beforeSignature?.key;
  if (moved) {
    tx.noteFootprint(beforeFootprint);
    tx.noteFootprint(tx.footprint(type, row));
  }
  if (STOCK_DIRECTION[type] !== undefined) {
    if (beforeSignature === null) {
      const last = store.movements[store.movements.length - 1];
      const lastMoment = last ? store.documents[last[0]][last[1]]!.moment : 0;
      if (isActive(store, type, index) && row.moment >= lastMoment && !tx.rebuild)
        tx.appended.push([type, index]);
      else if (isActive(store, type, index)) tx.replayFrom(row.moment);
      else store.addMovement(type, index);
    } else if (moved) tx.replayFrom(Math.min(beforeSignature.moment, row.moment));
  }
  if (ORDER_TYPES.includes(type) && !removed) recomputeOrder(tx, type, index, false);
  const link = BASE_LINK[type];
  if (link && ORDER_TYPES.includes(link.type)) {
    for (const b of new Set([row.base, oldBase]))
      if (b >= 0 && !store.isRemoved(link.type, b)) recomputeOrder(tx, link.type, b, true);
  }
  if (type === 'demand' || type === 'retaildemand') {
    for (const a of new Set([row.agent, oldAgent])) if (a >= 0) recomputeSalesAmount(store, a);
  }
}

/**
 * An order's figures that follow from the documents made from it: shipped (received) and
 * invoiced sums and quantities, and whether it still reserves (awaits) its goods. An order stays
 * open until something ships against it or it is cancelled.
 */
export function recomputeOrder(
  tx: Transaction,
  type: DocumentType,
  index: number,
  touchIt: boolean,
): void {
  const store = tx.store;
  const order = store.documents[type][index]!;
  const fulfilment = FULFILMENT[type]!;
  const done = store.derivedFrom(index, fulfilment).filter((d) => isActive(store, fulfilment, d));
  const invoices =
    type === 'customerorder'
      ? store.derivedFrom(index, 'invoiceout').filter((d) => isActive(store, 'invoiceout', d))
      : [];
  const p = store.positions;
  const shippedByGood = new Map<string, number>();
  let shippedSum = 0;
  let firstShipped = Infinity;
  for (const d of done) {
    const doc = store.documents[fulfilment][d]!;
    shippedSum += doc.sum;
    firstShipped = Math.min(firstShipped, doc.moment);
    for (let k = doc.positionStart; k < doc.positionStart + doc.positionCount; k++) {
      const key = `${p.assortmentKind[k]}:${p.assortment[k]}`;
      shippedByGood.set(key, (shippedByGood.get(key) ?? 0) + p.quantity[k]!);
    }
  }
  const invoicedSum = invoices.reduce((s, i) => s + store.documents.invoiceout[i]!.sum, 0);
  const cancelled = order.state >= 0 && store.states[order.state]!.stateType === 'Unsuccessful';
  const closed = done.length > 0 || cancelled;
  const closedAt = closed
    ? order.closedAt !== Infinity
      ? order.closedAt
      : Math.min(firstShipped, minuteOf(tx.moment))
    : Infinity;
  const changed =
    order.shippedSum !== shippedSum ||
    (type === 'customerorder' && order.invoicedSum !== invoicedSum) ||
    order.closedAt !== closedAt;
  if (changed && touchIt) tx.touch(type, index, 'update');
  if (changed) tx.noteFootprint(tx.footprint(type, order));
  order.shippedSum = shippedSum;
  if (type === 'customerorder') order.invoicedSum = invoicedSum;
  order.closedAt = closedAt;
  for (let k = order.positionStart; k < order.positionStart + order.positionCount; k++) {
    p.shipped[k] = shippedByGood.get(`${p.assortmentKind[k]}:${p.assortment[k]}`) ?? 0;
    p.reserve[k] = !closed && order.applicable && p.assortmentKind[k] !== 2 ? p.quantity[k]! : 0;
  }
  order.reservedSum = !closed && order.applicable && type === 'customerorder' ? order.sum : 0;
  if (changed) store.invalidate();
}

/** `salesAmount` of a counterparty: its posted demands and retail sales (read-only, no event). */
function recomputeSalesAmount(store: EmulatorStore, agent: number): void {
  let total = 0;
  for (const type of ['demand', 'retaildemand'] as const) {
    store.documents[type].forEach((d, i) => {
      if (d.agent === agent && isActive(store, type, i)) total += d.sum;
    });
  }
  const row = store.counterparties[agent];
  if (row) row.salesAmount = total;
}

/** A planned moment some days ahead, at noon Moscow time (orders, invoices). */
export function plannedAhead(moment: number, days: number): number {
  return mskDayStart(moment) + days * DAY + 12 * HOUR;
}
