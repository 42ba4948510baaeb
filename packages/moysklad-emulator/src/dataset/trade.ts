import { DAY, MINUTE } from '../time/moscow';
import { type CatalogueInfo, priceAt, vatRate } from './catalogue';
import { stateIndex } from './dictionaries';
import { STOCK_DIRECTION } from '../store/ledger';
import { DESCRIPTIONS, type VatClass } from './vocabulary';
import { pickShare } from './calendar';
import type { DocumentRow } from '../store/rows';
import type { AssortmentKind, DocumentType } from '../model/types';
import type { EmulatorStore } from '../store/store';
import type { Random } from '../random/prng';
import type { CounterpartyRoles } from './counterparties';
import type { SizeProfile } from './sizes';

/** A good that can sit on a shelf: a product without variants, or a variant. */
export interface Good {
  kind: 0 | 1;
  index: number;
  cell: number;
  vat: VatClass;
  /** Current prices per price type, kopecks. */
  prices: number[];
  buyPrice: number;
  supplier: number;
  created: number;
  /** Moment it went to the archive; Infinity when it is still on sale. */
  retired: number;
  weighed: boolean;
}

export interface LineDraft {
  kind: AssortmentKind;
  index: number;
  quantity: number;
  price: number;
  discount: number;
  vat: number;
  vatEnabled: boolean;
}

export interface ScheduledEvent {
  time: number;
  run: (time: number) => void;
}

const PICK_EXPONENT = 2.4;

/**
 * The shared state of the trade simulation: shelves, reorder lists, the event scheduler, and the
 * helpers every kind of document is made with. Purchasing, selling and retail build on it.
 */
export function createTrade(
  store: EmulatorStore,
  profile: SizeProfile,
  random: Random,
  start: number,
  until: number,
  catalogue: CatalogueInfo,
  roles: CounterpartyRoles,
) {
  const ledger = store.newLedger();
  store.ledger = ledger;
  const positions = store.positions;
  const numbers = new Map<DocumentType, number>();
  const scheduled = new Map<number, ScheduledEvent[]>();
  const dayOf = (moment: number) => Math.floor((moment - start) / DAY);
  // The day being simulated runs its events from a sorted queue; what they schedule for later the
  // same day is slotted in after the cursor.
  let currentDay = -1;
  let queue: ScheduledEvent[] = [];
  let cursor = 0;
  const schedule = (time: number, run: (time: number) => void) => {
    if (time >= until) return false;
    const day = dayOf(time);
    if (day === currentDay) {
      let lo = cursor + 1;
      let hi = queue.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (queue[mid]!.time <= time) lo = mid + 1;
        else hi = mid;
      }
      queue.splice(lo, 0, { time, run });
      return true;
    }
    if (day < currentDay) throw new Error('an event was scheduled in the past');
    const list = scheduled.get(day);
    if (list) list.push({ time, run });
    else scheduled.set(day, [{ time, run }]);
    return true;
  };
  const owners = store.employees.map((e, i) => (e.archived ? -1 : i)).filter((i) => i >= 0);
  const warehouses = store.stores
    .map((s, i) => (!s.retail && !s.archived ? i : -1))
    .filter((i) => i >= 0);
  const state = (type: DocumentType, name: string) => stateIndex(store, type, name);

  // Goods in order of popularity (rank 0 sells most); each store carries a slice of them.
  const goods: Good[] = [];
  store.products.forEach((p, i) => {
    const retired = p.archived ? p.updated : Infinity;
    if (p.variantsCount === 0) {
      goods.push({
        kind: 0,
        index: i,
        cell: ledger.cellOf(0, i),
        vat: catalogue.productVat[i]!,
        prices: p.prices,
        buyPrice: p.buyPrice,
        supplier: p.supplier,
        created: p.created,
        retired,
        weighed: p.weighed,
      });
      return;
    }
    for (let v = p.firstVariant; v < p.firstVariant + p.variantsCount; v++) {
      const variant = store.variants[v]!;
      goods.push({
        kind: 1,
        index: v,
        cell: ledger.cellOf(1, v),
        vat: catalogue.productVat[i]!,
        prices: variant.prices,
        buyPrice: variant.buyPrice,
        supplier: p.supplier,
        created: variant.created,
        retired: variant.archived ? Math.min(retired, variant.updated) : retired,
        weighed: false,
      });
    }
  });
  random.shuffle(goods);
  const assortment: number[][] = store.stores.map((s) => {
    if (s.archived) return [];
    if (!s.retail) return goods.map((_, i) => i);
    return goods.map((_, i) => i).filter(() => random.chance(profile.retailAssortment));
  });

  const retailStores = store.retailStores.map((r) => r.store);
  const dailyPicks = store.stores.map((s, i) => {
    if (s.retail) return profile.retailSalesPerStorePerDay * 2;
    const share = 1 / Math.max(warehouses.length, 1);
    return (
      (profile.wholesaleOrdersPerDay * 6 +
        (i === warehouses[0] ? profile.onlineOrdersPerDay * 2 : 0)) *
      share
    );
  });
  /** Shelf level a store restocks a good up to: about three weeks of its expected sales. */
  const target = (storeIndex: number, rank: number) => {
    const n = assortment[storeIndex]!.length;
    const unitsPerPick = store.stores[storeIndex]!.retail ? 1.2 : 9;
    const expected =
      dailyPicks[storeIndex]! * pickShare(rank, n, PICK_EXPONENT) * unitsPerPick * 21;
    return Math.min(Math.max(Math.ceil(expected), store.stores[storeIndex]!.retail ? 2 : 5), 2000);
  };
  const rankInStore: Int32Array[] = assortment.map((list) => {
    const ranks = new Int32Array(goods.length).fill(-1);
    list.forEach((g, r) => (ranks[g] = r));
    return ranks;
  });
  const goodByCell = new Int32Array(ledger.cells).fill(-1);
  goods.forEach((g, i) => (goodByCell[g.cell] = i));

  // Reorders waiting for their supplier's order day, per store; a flag stops duplicates.
  const pending: Map<number, number[]>[] = store.stores.map(() => new Map());
  const pendingFlag = new Uint8Array(ledger.cells * store.stores.length);
  const inbound = new Uint8Array(ledger.cells * store.stores.length);
  const markReorder = (storeIndex: number, goodIndex: number) => {
    const good = goods[goodIndex]!;
    const slot = good.cell * store.stores.length + storeIndex;
    if (pendingFlag[slot] || inbound[slot] || good.retired !== Infinity) return;
    const rank = rankInStore[storeIndex]![goodIndex]!;
    if (rank < 0) return;
    if (ledger.stockAt(good.cell, storeIndex) > target(storeIndex, rank) * 0.35) return;
    pendingFlag[slot] = 1;
    const list = pending[storeIndex]!.get(good.supplier);
    if (list) list.push(goodIndex);
    else pending[storeIndex]!.set(good.supplier, [goodIndex]);
  };

  const minuteOf = (moment: number) => Math.floor(moment / MINUTE) * MINUTE;
  const newDocument = (
    type: DocumentType,
    moment: number,
    fields: Partial<DocumentRow>,
  ): DocumentRow => {
    const number = (numbers.get(type) ?? 0) + 1;
    numbers.set(type, number);
    const created = Math.min(moment + random.int(5_000, 20 * MINUTE), until - 1);
    const row: DocumentRow = {
      type,
      number,
      moment: minuteOf(moment),
      created,
      updated: created + random.int(0, 5_000),
      owner: owners.length > 0 ? random.pick(owners) : 0,
      deleted: 0,
      applicable: true,
      organization: 0,
      agent: -1,
      store: -1,
      state: -1,
      project: -1,
      salesChannel: -1,
      vatEnabled: true,
      vatIncluded: true,
      sum: 0,
      vatSum: 0,
      payedSum: 0,
      shippedSum: 0,
      invoicedSum: 0,
      reservedSum: 0,
      positionStart: positions.length,
      positionCount: 0,
      description: random.chance(0.12) ? random.pick(DESCRIPTIONS) : '',
      base: -1,
      closedAt: Infinity,
      plannedMoment: 0,
      retailStore: -1,
      retailShift: -1,
      incomingNumber: '',
      printed: false,
      published: false,
      cashSum: 0,
      noCashSum: 0,
      ...fields,
    };
    return row;
  };
  /** Stores the document with its lines, works out its sums, and moves stock if it is posted. */
  const commit = (row: DocumentRow, lines: readonly LineDraft[]): number => {
    const list = store.documents[row.type];
    const index = list.length;
    row.positionStart = positions.length;
    let sum = 0;
    let vatSum = 0;
    for (const line of lines) {
      const p = positions.add({
        document: index,
        kind: line.kind,
        assortment: line.index,
        quantity: line.quantity,
        price: line.price,
        discount: line.discount,
        vat: line.vat,
        vatEnabled: line.vatEnabled && row.vatEnabled,
      });
      const total = positions.lineTotal(p);
      const vat = row.vatEnabled && line.vatEnabled ? line.vat : 0;
      if (row.vatIncluded || !row.vatEnabled) {
        sum += total;
        vatSum += (total * vat) / (100 + vat);
      } else {
        sum += total + Math.round((total * vat) / 100);
        vatSum += (total * vat) / 100;
      }
    }
    row.positionCount = lines.length;
    row.sum = sum;
    row.vatSum = row.vatEnabled ? Math.round(vatSum) : 0;
    row.printed = row.applicable && random.chance(0.4);
    row.published = random.chance(0.05);
    list.push(row);
    if (
      row.applicable &&
      row.deleted === 0 &&
      row.store >= 0 &&
      STOCK_DIRECTION[row.type] !== undefined
    ) {
      ledger.apply(row, positions);
      store.movements.push([row.type, index]);
    }
    return index;
  };
  const linesOf = (row: DocumentRow): LineDraft[] => {
    const out: LineDraft[] = [];
    for (let p = row.positionStart; p < row.positionStart + row.positionCount; p++) {
      out.push({
        kind: positions.kindOf(p),
        index: positions.assortment[p]!,
        quantity: positions.quantity[p]!,
        price: positions.price[p]!,
        discount: positions.discount[p]!,
        vat: positions.vat[p]!,
        vatEnabled: positions.vatEnabled[p] === 1,
      });
    }
    return out;
  };
  /**
   * Shipments, receipts and copies are taxed at the rate in force on their own date (an order from
   * December 2025 ships in January 2026 at 22 %); returns keep the rate of the sale they undo.
   */
  const atRateOf = (lines: LineDraft[], moment: number): LineDraft[] =>
    lines.map((l) =>
      l.vat === 20 || l.vat === 22 ? { ...l, vat: vatRate('standard', moment) } : l,
    );
  const goodLine = (
    good: Good,
    quantity: number,
    priceType: number,
    moment: number,
    discount: number,
    vatPayer: boolean,
    exportSale: boolean,
  ): LineDraft => ({
    kind: good.kind === 0 ? 'product' : 'variant',
    index: good.index,
    quantity,
    price: priceAt(good.prices[priceType]!, moment, until),
    discount,
    vat: exportSale ? 0 : vatPayer ? vatRate(good.vat, moment) : 0,
    vatEnabled: vatPayer,
  });
  /** Draws goods the store carries and sells at the moment, more often the popular ones. */
  const pickGood = (storeIndex: number, moment: number): number => {
    const list = assortment[storeIndex]!;
    for (let attempt = 0; attempt < 4 && list.length > 0; attempt++) {
      const g = list[random.skewedIndex(list.length, PICK_EXPONENT)]!;
      const good = goods[g]!;
      if (good.created <= moment && good.retired > moment) return g;
    }
    return -1;
  };
  const activeAgent = (pool: readonly number[], moment: number): number => {
    for (let attempt = 0; attempt < 6 && pool.length > 0; attempt++) {
      const index = pool[random.skewedIndex(pool.length, 1.6)]!;
      const c = store.counterparties[index]!;
      if (c.created <= moment && !(c.archived && c.updated <= moment)) return index;
    }
    return -1;
  };
  const serviceLine = (moment: number, vatPayer: boolean, priceType: number): LineDraft | null => {
    const candidates = store.services.map((s, i) => (s.archived ? -1 : i)).filter((i) => i >= 0);
    if (candidates.length === 0) return null;
    const index = candidates[random.skewedIndex(candidates.length, 1.8)]!;
    const s = store.services[index]!;
    return {
      kind: 'service',
      index,
      quantity: 1,
      price: priceAt(s.prices[priceType]!, moment, until),
      discount: 0,
      vat: vatPayer ? vatRate(catalogue.serviceVat[index]!, moment) : 0,
      vatEnabled: vatPayer,
    };
  };
  const bundleLine = (moment: number, vatPayer: boolean): LineDraft | null => {
    if (store.bundles.length === 0) return null;
    const index = random.int(0, store.bundles.length - 1);
    const b = store.bundles[index]!;
    if (b.archived || b.created > moment) return null;
    return {
      kind: 'bundle',
      index,
      quantity: 1,
      price: priceAt(b.prices[0]!, moment, until),
      discount: 0,
      vat: vatPayer ? vatRate(catalogue.bundleVat[index]!, moment) : 0,
      vatEnabled: vatPayer,
    };
  };
  const project = (moment: number) => {
    if (!random.chance(0.08)) return -1;
    const index = random.int(0, store.projects.length - 1);
    const p = store.projects[index]!;
    return p.created <= moment && !(p.archived && p.updated <= moment) ? index : -1;
  };
  const touch = (row: DocumentRow, moment: number) => {
    row.updated = Math.min(Math.max(row.updated, moment + random.int(1_000, 90_000)), until - 1);
  };

  /** Opens a day of the calendar: the events scheduled for it so far. */
  const startDay = (day: number): ScheduledEvent[] => {
    currentDay = day;
    const events = scheduled.get(day) ?? [];
    scheduled.delete(day);
    return events;
  };
  /** Runs a day's events in time order, including those they schedule for later the same day. */
  const runDay = (events: ScheduledEvent[]) => {
    queue = events.sort((a, b) => a.time - b.time);
    for (cursor = 0; cursor < queue.length; cursor++) {
      const event = queue[cursor]!;
      if (event.time < until) event.run(event.time);
    }
  };

  return {
    store,
    profile,
    random,
    start,
    until,
    catalogue,
    roles,
    ledger,
    positions,
    schedule,
    owners,
    warehouses,
    state,
    goods,
    assortment,
    retailStores,
    target,
    rankInStore,
    goodByCell,
    pending,
    pendingFlag,
    inbound,
    markReorder,
    minuteOf,
    newDocument,
    commit,
    linesOf,
    atRateOf,
    goodLine,
    pickGood,
    activeAgent,
    serviceLine,
    bundleLine,
    project,
    touch,
    startDay,
    runDay,
  };
}

export type Trade = ReturnType<typeof createTrade>;
