import { DAY, HOUR, MINUTE } from '../time/moscow';
import { priceAt, vatRate } from './catalogue';
import type { AssortmentKind } from '../model/types';
import type { LineDraft, Trade } from './trade';

/** Orders to suppliers, receipts and returns to suppliers, and the opening stock. */
export function purchasing(trade: Trade) {
  const {
    store,
    profile,
    random,
    start,
    until,
    ledger,
    positions,
    schedule,
    state,
    goods,
    assortment,
    target,
    rankInStore,
    goodByCell,
    pending,
    pendingFlag,
    inbound,
    minuteOf,
    newDocument,
    commit,
    linesOf,
    atRateOf,
    touch,
  } = trade;
  const receive = (orderIndex: number, time: number) => {
    const order = store.documents.purchaseorder[orderIndex]!;
    const lines = atRateOf(linesOf(order), time);
    const discrepancy = random.chance(0.04);
    const received = lines.map((l) =>
      discrepancy && random.chance(0.3)
        ? { ...l, quantity: Math.max(1, Math.floor(l.quantity * 0.8)) }
        : l,
    );
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
    for (
      let p = order.positionStart, k = 0;
      p < order.positionStart + order.positionCount;
      p++, k++
    ) {
      positions.shipped[p] = received[k]!.quantity;
      positions.reserve[p] = 0;
      const good =
        goodByCell[ledger.cellOf(positions.assortmentKind[p]!, positions.assortment[p]!)]!;
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
      const available = ledger.available(
        positions,
        line.kind === 'product' ? 0 : 1,
        line.index,
        supply.store,
      );
      const quantity = Math.min(
        Math.max(1, Math.floor(line.quantity * 0.2)),
        Math.floor(available),
      );
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
        if ((supplier + day) % profile.reorderEveryDays !== 0 && day > 0 && !everySupplier)
          continue;
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
            const needed =
              target(storeIndex, rankInStore[storeIndex]![g]!) -
              ledger.stockAt(good.cell, storeIndex);
            if (needed <= 0 || good.retired <= time) continue;
            inbound[slot] = 1;
            lines.push({
              kind: good.kind === 0 ? 'product' : 'variant',
              index: good.index,
              quantity: Math.ceil(needed),
              price: Math.round(
                priceAt(good.buyPrice, time, until) * (0.97 + random.next() * 0.06),
              ),
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
          schedule(time + random.int(1, 5) * DAY + random.int(-2 * HOUR, 2 * HOUR), (t) =>
            receive(orderIndex, t),
          );
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

  return { placePurchaseOrders, openingStock };
}
