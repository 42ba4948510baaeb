import type { Random } from '../random/prng';
import type { EmulatorStore } from '../store/store';
import type { DocumentRow } from '../store/rows';
import type { AssortmentKind, DocumentType } from '../model/types';
import { DAY, HOUR, MINUTE, mskDayStart, mskWeekday } from '../time/moscow';
import { B2B_WEEKDAY, pickShare, poisson, RETAIL_WEEKDAY, seasonality } from './calendar';
import { priceAt, vatRate, type CatalogueInfo } from './catalogue';
import type { CounterpartyRoles } from './counterparties';
import { stateIndex } from './dictionaries';
import { STOCK_DIRECTION } from '../store/ledger';
import type { SizeProfile } from './sizes';
import { DESCRIPTIONS, type VatClass } from './vocabulary';

/** A good that can sit on a shelf: a product without variants, or a variant. */
interface Good {
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

interface LineDraft {
  kind: AssortmentKind;
  index: number;
  quantity: number;
  price: number;
  discount: number;
  vat: number;
  vatEnabled: boolean;
}

interface ScheduledEvent {
  time: number;
  run: (time: number) => void;
}

const PICK_EXPONENT = 2.4;

/**
 * Simulates the account's trade day by day: purchasing keeps shelves stocked, wholesale and online
 * orders are invoiced and shipped, shops ring up retail sales, and some of everything comes back.
 * Stock moves through the same ledger the reports read, so what the documents say and what the
 * stock reports show cannot disagree.
 */
export function generateDocuments(
  store: EmulatorStore,
  profile: SizeProfile,
  random: Random,
  start: number,
  until: number,
  catalogue: CatalogueInfo,
  roles: CounterpartyRoles,
): void {
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
  const warehouses = store.stores.map((s, i) => (!s.retail && !s.archived ? i : -1)).filter((i) => i >= 0);
  const state = (type: DocumentType, name: string) => stateIndex(store, type, name);

  // Goods in order of popularity (rank 0 sells most); each store carries a slice of them.
  const goods: Good[] = [];
  store.products.forEach((p, i) => {
    const retired = p.archived ? p.updated : Infinity;
    if (p.variantsCount === 0) {
      goods.push({
        kind: 0, index: i, cell: ledger.cellOf(0, i), vat: catalogue.productVat[i]!, prices: p.prices,
        buyPrice: p.buyPrice, supplier: p.supplier, created: p.created, retired, weighed: p.weighed,
      });
      return;
    }
    for (let v = p.firstVariant; v < p.firstVariant + p.variantsCount; v++) {
      const variant = store.variants[v]!;
      goods.push({
        kind: 1, index: v, cell: ledger.cellOf(1, v), vat: catalogue.productVat[i]!, prices: variant.prices,
        buyPrice: variant.buyPrice, supplier: p.supplier, created: variant.created,
        retired: variant.archived ? Math.min(retired, variant.updated) : retired, weighed: false,
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
    return (profile.wholesaleOrdersPerDay * 6 + (i === warehouses[0] ? profile.onlineOrdersPerDay * 2 : 0)) * share;
  });
  /** Shelf level a store restocks a good up to: about three weeks of its expected sales. */
  const target = (storeIndex: number, rank: number) => {
    const n = assortment[storeIndex]!.length;
    const unitsPerPick = store.stores[storeIndex]!.retail ? 1.2 : 9;
    const expected = dailyPicks[storeIndex]! * pickShare(rank, n, PICK_EXPONENT) * unitsPerPick * 21;
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
  const newDocument = (type: DocumentType, moment: number, fields: Partial<DocumentRow>): DocumentRow => {
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
    if (row.applicable && row.deleted === 0 && row.store >= 0 && STOCK_DIRECTION[row.type] !== undefined) {
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
    lines.map((l) => (l.vat === 20 || l.vat === 22 ? { ...l, vat: vatRate('standard', moment) } : l));
  const goodLine = (good: Good, quantity: number, priceType: number, moment: number, discount: number, vatPayer: boolean, exportSale: boolean): LineDraft => ({
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

  // ---- purchasing -------------------------------------------------------------------------------
  const receive = (orderIndex: number, time: number) => {
    const order = store.documents.purchaseorder[orderIndex]!;
    const lines = atRateOf(linesOf(order), time);
    const discrepancy = random.chance(0.04);
    const received = lines.map((l) => (discrepancy && random.chance(0.3) ? { ...l, quantity: Math.max(1, Math.floor(l.quantity * 0.8)) } : l));
    const supply = newDocument('supply', time, {
      organization: order.organization,
      agent: order.agent,
      store: order.store,
      state: state('supply', discrepancy ? 'Расхождения' : 'Принята'),
      base: orderIndex,
      vatEnabled: order.vatEnabled,
      vatIncluded: order.vatIncluded,
      incomingNumber: String(random.int(100, 99_999)),
    });
    const supplyIndex = commit(supply, received);
    supply.payedSum = time < until - 14 * DAY || random.chance(0.3) ? supply.sum : 0;
    order.closedAt = supply.moment;
    order.state = state('purchaseorder', 'Получен');
    order.shippedSum = supply.sum;
    order.payedSum = supply.payedSum;
    for (let p = order.positionStart, k = 0; p < order.positionStart + order.positionCount; p++, k++) {
      positions.shipped[p] = received[k]!.quantity;
      positions.reserve[p] = 0;
      const good = goodByCell[ledger.cellOf(positions.assortmentKind[p]!, positions.assortment[p]!)]!;
      const slot = goods[good]!.cell * store.stores.length + order.store;
      inbound[slot] = 0;
    }
    touch(order, time);
    if (random.chance(0.015 * profile.returnBoost)) {
      schedule(time + random.int(3, 20) * DAY, (t) => purchaseReturn(supplyIndex, t));
    }
  };
  const purchaseReturn = (supplyIndex: number, time: number) => {
    const supply = store.documents.supply[supplyIndex]!;
    const lines: LineDraft[] = [];
    for (const line of linesOf(supply)) {
      if (lines.length >= 3 || !random.chance(0.3)) continue;
      const available = ledger.available(positions, line.kind === 'product' ? 0 : 1, line.index, supply.store);
      const quantity = Math.min(Math.max(1, Math.floor(line.quantity * 0.2)), Math.floor(available));
      if (quantity > 0) lines.push({ ...line, quantity });
    }
    if (lines.length === 0) return;
    const row = newDocument('purchasereturn', time, {
      organization: supply.organization,
      agent: supply.agent,
      store: supply.store,
      base: supplyIndex,
      state: state('purchasereturn', 'Отправлен'),
      vatEnabled: supply.vatEnabled,
      vatIncluded: supply.vatIncluded,
      description: 'Возврат брака поставщику',
    });
    commit(row, lines);
    row.payedSum = random.chance(0.7) ? row.sum : 0;
  };
  /** `everySupplier` orders from all suppliers at once, whatever their weekday. */
  const placePurchaseOrders = (day: number, dayStart: number, everySupplier: boolean) => {
    store.stores.forEach((s, storeIndex) => {
      const bySupplier = pending[storeIndex]!;
      if (bySupplier.size === 0) return;
      for (const [supplier, list] of [...bySupplier.entries()].sort((a, b) => a[0] - b[0])) {
        // Each supplier takes orders on its own day of the cycle.
        if ((supplier + day) % profile.reorderEveryDays !== 0 && day > 0 && !everySupplier) continue;
        bySupplier.delete(supplier);
        const organization = s.retail ? 1 : 0;
        const vatPayer = store.organizations[organization]!.payerVat;
        for (let from = 0; from < list.length; from += profile.maxSupplyPositions) {
          const time = dayStart + 9 * HOUR + random.int(0, 7 * HOUR);
          const lines: LineDraft[] = [];
          for (const g of list.slice(from, from + profile.maxSupplyPositions)) {
            const good = goods[g]!;
            const slot = good.cell * store.stores.length + storeIndex;
            pendingFlag[slot] = 0;
            const needed = target(storeIndex, rankInStore[storeIndex]![g]!) - ledger.stockAt(good.cell, storeIndex);
            if (needed <= 0 || good.retired <= time) continue;
            inbound[slot] = 1;
            lines.push({
              kind: good.kind === 0 ? 'product' : 'variant',
              index: good.index,
              quantity: Math.ceil(needed),
              price: Math.round(priceAt(good.buyPrice, time, until) * (0.97 + random.next() * 0.06)),
              discount: 0,
              vat: vatPayer ? vatRate(good.vat, time) : 0,
              vatEnabled: vatPayer,
            });
          }
          if (lines.length === 0) continue;
          const order = newDocument('purchaseorder', time, {
            organization,
            agent: supplier,
            store: storeIndex,
            state: state('purchaseorder', 'Отправлен поставщику'),
            vatEnabled: vatPayer,
            plannedMoment: minuteOf(time + 3 * DAY),
          });
          const orderIndex = commit(order, lines);
          for (let p = order.positionStart; p < order.positionStart + order.positionCount; p++) {
            positions.reserve[p] = positions.quantity[p]!;
          }
          // Orders whose delivery falls after the end of the history stay open: goods in transit.
          schedule(time + random.int(1, 5) * DAY + random.int(-2 * HOUR, 2 * HOUR), (t) => receive(orderIndex, t));
        }
      }
    });
  };
  const openingStock = () => {
    store.stores.forEach((s, storeIndex) => {
      if (s.archived) return;
      const organization = s.retail ? 1 : 0;
      const vatPayer = store.organizations[organization]!.payerVat;
      const bySupplier = new Map<number, number[]>();
      for (const g of assortment[storeIndex]!) {
        const good = goods[g]!;
        if (good.created > start) continue;
        const list = bySupplier.get(good.supplier);
        if (list) list.push(g);
        else bySupplier.set(good.supplier, [g]);
      }
      for (const [supplier, list] of [...bySupplier.entries()].sort((a, b) => a[0] - b[0])) {
        for (let from = 0; from < list.length; from += profile.maxSupplyPositions) {
          // Opening stock lands in the first minutes of the history, before anything is sold.
          const time = start + random.int(0, 20 * MINUTE);
          const lines = list.slice(from, from + profile.maxSupplyPositions).map((g) => {
            const good = goods[g]!;
            return {
              kind: (good.kind === 0 ? 'product' : 'variant') as AssortmentKind,
              index: good.index,
              quantity: target(storeIndex, rankInStore[storeIndex]![g]!),
              price: Math.round(priceAt(good.buyPrice, time, until) * (0.95 + random.next() * 0.1)),
              discount: 0,
              vat: vatPayer ? vatRate(good.vat, time) : 0,
              vatEnabled: vatPayer,
            };
          });
          const supply = newDocument('supply', time, {
            organization,
            agent: supplier,
            store: storeIndex,
            state: state('supply', 'Принята'),
            vatEnabled: vatPayer,
            incomingNumber: String(random.int(100, 99_999)),
            description: 'Ввод начальных остатков',
          });
          commit(supply, lines);
          supply.payedSum = supply.sum;
        }
      }
    });
  };

  // ---- selling ---------------------------------------------------------------------------------
  /** A cancelled order releases its reserve. */
  const cancel = (order: DocumentRow, time: number) => {
    order.state = state('customerorder', 'Отменен');
    order.closedAt = minuteOf(time);
    for (let p = order.positionStart; p < order.positionStart + order.positionCount; p++) positions.reserve[p] = 0;
    order.reservedSum = 0;
    touch(order, time);
  };
  const ship = (orderIndex: number, time: number, invoiceIndex: number) => {
    const order = store.documents.customerorder[orderIndex]!;
    // An order taken without a store ships from the main warehouse.
    const from = order.store >= 0 ? order.store : warehouses[0]!;
    const lines: LineDraft[] = [];
    for (const line of atRateOf(linesOf(order), time)) {
      if (line.kind === 'service') {
        lines.push(line);
        continue;
      }
      const kind = line.kind === 'product' ? 0 : line.kind === 'variant' ? 1 : 3;
      const available = Math.max(0, ledger.available(positions, kind, line.index, from));
      const quantity = Math.min(line.quantity, Number.isInteger(line.quantity) ? Math.floor(available) : available);
      if (quantity > 0) lines.push({ ...line, quantity });
      if (kind !== 3) {
        const g = goodByCell[ledger.cellOf(kind, line.index)]!;
        if (g >= 0) markReorder(from, g);
      }
    }
    if (!lines.some((l) => l.kind !== 'service')) {
      cancel(order, time);
      return;
    }
    const demand = newDocument('demand', time, {
      organization: order.organization,
      agent: order.agent,
      store: from,
      state: state('demand', 'Отгружено'),
      project: order.project,
      salesChannel: order.salesChannel,
      base: orderIndex,
      vatEnabled: order.vatEnabled,
      vatIncluded: order.vatIncluded,
      description: order.description,
    });
    const demandIndex = commit(demand, lines);
    for (const line of lines) {
      if (line.kind === 'product' || line.kind === 'variant') {
        const g = goodByCell[ledger.cellOf(line.kind === 'product' ? 0 : 1, line.index)]!;
        if (g >= 0) markReorder(from, g);
      }
    }
    const shipped = new Map(lines.map((l) => [`${l.kind}:${l.index}`, l.quantity]));
    for (let p = order.positionStart; p < order.positionStart + order.positionCount; p++) {
      positions.shipped[p] = shipped.get(`${positions.kindOf(p)}:${positions.assortment[p]}`) ?? 0;
      positions.reserve[p] = 0;
    }
    order.closedAt = demand.moment;
    order.shippedSum = demand.sum;
    order.state = state('customerorder', time < until - 3 * DAY ? 'Доставлен' : 'Отгружен');
    const recent = time > until - 10 * DAY;
    const paid = random.next();
    demand.payedSum = paid < (recent ? 0.5 : 0.9) ? demand.sum : paid < 0.95 ? Math.round(demand.sum * 0.5) : 0;
    order.payedSum = demand.payedSum;
    touch(order, time);
    if (invoiceIndex >= 0) {
      const invoice = store.documents.invoiceout[invoiceIndex]!;
      invoice.payedSum = Math.min(demand.payedSum, invoice.sum);
      invoice.shippedSum = demand.sum;
      invoice.state = state('invoiceout', invoice.payedSum >= invoice.sum ? 'Оплачен' : 'Выставлен');
      touch(invoice, time);
    }
    if (random.chance(0.04 * profile.returnBoost)) schedule(time + random.int(2, 14) * DAY + random.int(0, 6 * HOUR), (t) => salesReturn(demandIndex, t));
  };
  const salesReturn = (demandIndex: number, time: number) => {
    const demand = store.documents.demand[demandIndex]!;
    const lines = linesOf(demand)
      .filter((l) => l.kind !== 'service' && random.chance(0.5))
      .map((l) => ({ ...l, quantity: Number.isInteger(l.quantity) ? random.int(1, Math.max(1, Math.floor(l.quantity))) : l.quantity }));
    if (lines.length === 0) return;
    const row = newDocument('salesreturn', time, {
      organization: demand.organization,
      agent: demand.agent,
      store: demand.store,
      project: demand.project,
      salesChannel: demand.salesChannel,
      base: demandIndex,
      state: state('salesreturn', 'Принят'),
      vatEnabled: demand.vatEnabled,
      vatIncluded: demand.vatIncluded,
      description: random.pick(['Возврат по браку', 'Не подошёл размер', 'Пересорт', 'Отказ покупателя']),
    });
    commit(row, lines);
    row.payedSum = random.chance(0.8) ? row.sum : 0;
    const order = store.documents.customerorder[demand.base];
    if (order) {
      order.state = state('customerorder', 'Возврат');
      touch(order, time);
    }
    for (const line of lines) {
      if (line.kind === 'product' || line.kind === 'variant') {
        const g = goodByCell[ledger.cellOf(line.kind === 'product' ? 0 : 1, line.index)]!;
        if (g >= 0) markReorder(demand.store, g);
      }
    }
  };
  const customerOrder = (time: number, online: boolean) => {
    const warehouse = online ? warehouses[0]! : random.pick(warehouses);
    if (warehouse === undefined) return;
    const agent = activeAgent(online ? roles.online : roles.wholesale, time);
    if (agent < 0) return;
    const counterparty = store.counterparties[agent]!;
    const exportSale = counterparty.tags.includes('экспорт');
    const vatPayer = store.organizations[0]!.payerVat;
    const count = online ? random.int(1, 4) : 1 + random.skewedIndex(15, 1.7);
    const discount = !online && random.chance(0.3) ? random.pick([3, 5, 7.5, 10]) : online && random.chance(0.1) ? 5 : 0;
    const lines: LineDraft[] = [];
    const seen = new Set<number>();
    for (let k = 0; k < count; k++) {
      const g = pickGood(warehouse, time);
      if (g < 0 || seen.has(g)) continue;
      seen.add(g);
      const good = goods[g]!;
      const quantity = good.weighed
        ? Math.round((online ? 0.3 + random.next() * 2 : 2 + random.next() * 30) * 1000) / 1000
        : online ? random.int(1, 2) : 1 + random.skewedIndex(40, 2.2);
      lines.push(goodLine(good, quantity, online ? 0 : counterparty.priceType, time, discount, vatPayer, exportSale));
    }
    if (lines.length === 0) return;
    if (online && random.chance(0.05)) {
      const bundle = bundleLine(time, vatPayer);
      if (bundle) lines.push(bundle);
    }
    if (random.chance(online ? 0.6 : 0.2)) {
      const service = serviceLine(time, vatPayer, 0);
      if (service) lines.push(service);
    }
    const draft = random.chance(0.02);
    const channels = online ? [1, 3] : [2, 2, 2, 3];
    const order = newDocument('customerorder', time, {
      organization: 0,
      agent,
      store: random.chance(online ? 0.02 : 0) ? -1 : warehouse,
      state: state('customerorder', draft ? 'Новый' : 'Подтвержден'),
      project: project(time),
      salesChannel: random.pick(channels),
      applicable: !draft,
      vatEnabled: vatPayer,
      vatIncluded: online || random.chance(0.85),
      plannedMoment: minuteOf(time + random.int(1, 4) * DAY),
    });
    const orderIndex = commit(order, lines);
    if (draft) return;
    for (let p = order.positionStart; p < order.positionStart + order.positionCount; p++) {
      if (positions.assortmentKind[p] !== 2) positions.reserve[p] = positions.quantity[p]!;
    }
    order.reservedSum = order.sum;
    let invoiceIndex = -1;
    if (!online && counterparty.companyType !== 'individual' && random.chance(0.75)) {
      const invoice = newDocument('invoiceout', time + random.int(5, 90) * MINUTE, {
        organization: 0,
        agent,
        store: order.store,
        state: state('invoiceout', 'Выставлен'),
        project: order.project,
        salesChannel: order.salesChannel,
        base: orderIndex,
        vatEnabled: order.vatEnabled,
        vatIncluded: order.vatIncluded,
        plannedMoment: minuteOf(time + 5 * DAY),
      });
      invoiceIndex = commit(invoice, lines);
      order.invoicedSum = invoice.sum;
    }
    if (random.chance(0.04)) {
      schedule(time + random.int(1, 3) * DAY, (t) => cancel(order, t));
      return;
    }
    const lag = online ? random.int(0, 2) : random.int(0, 4);
    const shipAt = mskDayStart(time) + lag * DAY + 10 * HOUR + random.int(0, 8 * HOUR);
    const when = Math.max(shipAt, time + 30 * MINUTE);
    if (!schedule(when, (t) => {
      order.reservedSum = 0;
      ship(orderIndex, t, invoiceIndex);
    })) {
      order.state = state('customerorder', random.chance(0.5) ? 'Подтвержден' : 'Собран');
    }
  };

  const shifts = new Map<string, number>();
  const shiftFor = (retailStore: number, time: number) => {
    const dayStart = mskDayStart(time);
    const key = `${retailStore}:${dayStart}`;
    const existing = shifts.get(key);
    if (existing !== undefined) return existing;
    const index = store.retailShifts.length;
    const rs = store.retailStores[retailStore]!;
    store.retailShifts.push({
      retailStore,
      store: rs.store,
      organization: rs.organization,
      name: String(index + 1).padStart(5, '0'),
      moment: dayStart + 9 * HOUR + 45 * MINUTE,
      closeDate: dayStart + 22 * HOUR + 10 * MINUTE < until ? dayStart + 22 * HOUR + 10 * MINUTE : 0,
      created: dayStart + 9 * HOUR + 45 * MINUTE,
      updated: Math.min(dayStart + 22 * HOUR + 10 * MINUTE, until - MINUTE),
      owner: owners.length > 0 ? random.pick(owners) : 0,
    });
    shifts.set(key, index);
    return index;
  };
  const retailSale = (retailStore: number, time: number) => {
    const storeIndex = retailStores[retailStore]!;
    const loyalty = random.chance(0.25) ? activeAgent(roles.loyalty, time) : -1;
    const agent = loyalty >= 0 ? loyalty : roles.retailCustomer;
    const organization = store.retailStores[retailStore]!.organization;
    const vatPayer = store.organizations[organization]!.payerVat;
    const discount = loyalty >= 0 ? 5 : 0;
    const lines: LineDraft[] = [];
    const seen = new Set<number>();
    const count = 1 + random.skewedIndex(5, 2);
    for (let k = 0; k < count * 2 && lines.length < count; k++) {
      const g = pickGood(storeIndex, time);
      if (g < 0 || seen.has(g)) continue;
      seen.add(g);
      const good = goods[g]!;
      const available = ledger.stockAt(good.cell, storeIndex);
      const wanted = good.weighed ? Math.round((0.2 + random.next() * 1.8) * 1000) / 1000 : random.chance(0.85) ? 1 : 2;
      markReorder(storeIndex, g);
      if (available < wanted) continue;
      lines.push(goodLine(good, wanted, 0, time, discount, vatPayer, false));
    }
    if (random.chance(0.03)) {
      const bundle = bundleLine(time, vatPayer);
      if (bundle && ledger.available(positions, 3, bundle.index, storeIndex) >= 1) lines.push(bundle);
    }
    if (lines.length === 0) return;
    const row = newDocument('retaildemand', time, {
      organization,
      agent,
      store: storeIndex,
      retailStore,
      retailShift: shiftFor(retailStore, time),
      vatEnabled: vatPayer,
      description: '',
    });
    const index = commit(row, lines);
    for (const line of lines) {
      if (line.kind !== 'bundle') {
        const g = goodByCell[ledger.cellOf(line.kind === 'product' ? 0 : 1, line.index)]!;
        if (g >= 0) markReorder(storeIndex, g);
      }
    }
    row.payedSum = row.sum;
    row.cashSum = random.chance(0.3) ? row.sum : 0;
    row.noCashSum = row.sum - row.cashSum;
    if (random.chance(0.015 * profile.returnBoost)) {
      schedule(time + random.int(0, 7) * DAY + random.int(HOUR, 5 * HOUR), (t) => retailReturn(index, t));
    }
  };
  const retailReturn = (saleIndex: number, time: number) => {
    const sale = store.documents.retaildemand[saleIndex]!;
    const lines = linesOf(sale).slice(0, 1);
    const row = newDocument('retailsalesreturn', time, {
      organization: sale.organization,
      agent: sale.agent,
      store: sale.store,
      retailStore: sale.retailStore,
      retailShift: shiftFor(sale.retailStore, time),
      base: saleIndex,
      vatEnabled: sale.vatEnabled,
      description: 'Возврат покупателем',
    });
    commit(row, lines);
    row.payedSum = row.sum;
    row.noCashSum = sale.cashSum > 0 ? 0 : row.sum;
    row.cashSum = row.sum - row.noCashSum;
  };

  /**
   * Drafts and the recycle bin: copies of ordinary documents that never moved stock, so the flows
   * above stay consistent however many of them there are.
   */
  const strayCopy = (type: DocumentType, time: number) => {
    const list = store.documents[type];
    if (list.length === 0) return;
    const source = list[random.int(Math.max(0, list.length - 20), list.length - 1)]!;
    const trashed = random.chance(0.4);
    const row = newDocument(type, time, {
      organization: source.organization,
      agent: source.agent,
      store: source.store,
      retailStore: source.retailStore,
      retailShift: source.retailShift,
      vatEnabled: source.vatEnabled,
      vatIncluded: source.vatIncluded,
      applicable: trashed ? random.chance(0.5) : false,
      description: trashed ? 'Создан по ошибке' : 'Черновик',
      state: source.state,
    });
    if (trashed) {
      row.deleted = Math.max(row.created, Math.min(row.created + random.int(HOUR, 3 * DAY), until - 1));
      row.updated = row.deleted;
    }
    commit(row, atRateOf(linesOf(source).slice(0, 5), time));
    if (type === 'customerorder' || type === 'purchaseorder') row.closedAt = row.moment;
  };

  // ---- the calendar ------------------------------------------------------------------------------
  openingStock();
  const days = Math.round((until - start) / DAY);
  for (let day = 0; day < days; day++) {
    const dayStart = start + day * DAY;
    const weekday = mskWeekday(dayStart + 12 * HOUR);
    const season = seasonality(dayStart, start);
    // The last days always see some trade, so every size ends with open orders, goods in transit
    // and fresh stock movements (what reserves and `changedSince` are about).
    const tail = day >= days - 2 ? 1 : 0;
    currentDay = day;
    const events: ScheduledEvent[] = scheduled.get(day) ?? [];
    scheduled.delete(day);
    const wholesale = Math.max(2 * tail, poisson(random, profile.wholesaleOrdersPerDay * season * B2B_WEEKDAY[weekday]!));
    for (let i = 0; i < wholesale; i++) {
      events.push({ time: dayStart + 9 * HOUR + random.int(0, 9 * HOUR), run: (t) => customerOrder(t, false) });
    }
    const online = Math.max(tail, poisson(random, profile.onlineOrdersPerDay * season));
    for (let i = 0; i < online; i++) {
      events.push({ time: dayStart + random.int(0, DAY - MINUTE), run: (t) => customerOrder(t, true) });
    }
    store.retailStores.forEach((rs, r) => {
      if (rs.created > dayStart) return;
      const sales = Math.max(2 * tail, poisson(random, profile.retailSalesPerStorePerDay * season * RETAIL_WEEKDAY[weekday]!));
      for (let i = 0; i < sales; i++) {
        events.push({ time: dayStart + 10 * HOUR + random.int(0, 12 * HOUR - MINUTE), run: (t) => retailSale(r, t) });
      }
    });
    for (const type of ['customerorder', 'demand', 'invoiceout', 'retaildemand', 'supply', 'purchaseorder', 'salesreturn'] as const) {
      if (random.chance(type === 'retaildemand' ? 0.15 : 0.035)) {
        events.push({ time: dayStart + 11 * HOUR + random.int(0, 8 * HOUR), run: (t) => strayCopy(type, t) });
      }
    }
    events.push({ time: dayStart + 8 * HOUR, run: () => placePurchaseOrders(day, dayStart, day === days - 1) });
    queue = events.sort((a, b) => a.time - b.time);
    for (cursor = 0; cursor < queue.length; cursor++) {
      const event = queue[cursor]!;
      if (event.time < until) event.run(event.time);
    }
  }
  positions.compact();
  ledger.compact(positions.length);
  tallySales(store);
}

/** Counterparties' `salesAmount`: what they bought and kept, in kopecks. */
function tallySales(store: EmulatorStore): void {
  const signs: [DocumentType, number][] = [
    ['demand', 1],
    ['retaildemand', 1],
    ['salesreturn', -1],
    ['retailsalesreturn', -1],
  ];
  for (const [type, sign] of signs) {
    for (const d of store.documents[type]) {
      if (!d.applicable || d.deleted !== 0) continue;
      const c = store.counterparties[d.agent];
      if (c) c.salesAmount += sign * d.sum;
    }
  }
}
