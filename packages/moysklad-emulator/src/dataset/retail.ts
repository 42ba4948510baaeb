import { DAY, HOUR, MINUTE, mskDayStart } from '../time/moscow';
import type { LineDraft, Trade } from './trade';

/** Sales at the shops, in daily shifts, and what customers bring back. */
export function retail(trade: Trade) {
  const {
    store,
    profile,
    random,
    until,
    roles,
    ledger,
    positions,
    schedule,
    owners,
    goods,
    retailStores,
    goodByCell,
    markReorder,
    newDocument,
    commit,
    linesOf,
    goodLine,
    pickGood,
    activeAgent,
    bundleLine,
  } = trade;
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
      closeDate:
        dayStart + 22 * HOUR + 10 * MINUTE < until ? dayStart + 22 * HOUR + 10 * MINUTE : 0,
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
      const wanted = good.weighed
        ? Math.round((0.2 + random.next() * 1.8) * 1000) / 1000
        : random.chance(0.85)
          ? 1
          : 2;
      markReorder(storeIndex, g);
      if (available < wanted) continue;
      lines.push(goodLine(good, wanted, 0, time, discount, vatPayer, false));
    }
    if (random.chance(0.03)) {
      const bundle = bundleLine(time, vatPayer);
      if (bundle && ledger.available(positions, 3, bundle.index, storeIndex) >= 1)
        lines.push(bundle);
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
      schedule(time + random.int(0, 7) * DAY + random.int(HOUR, 5 * HOUR), (t) =>
        retailReturn(index, t),
      );
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

  return { retailSale };
}
