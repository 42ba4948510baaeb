import type { EmulatorStore } from '../store/store';

export const STOCK_TYPES = ['stock', 'freeStock', 'quantity', 'reserve', 'inTransit'] as const;
export type StockType = (typeof STOCK_TYPES)[number];

export interface CurrentStockQuery {
  stockType: StockType;
  includeZero: boolean;
  /** Only goods whose stock moved since then; zero lines are always included. */
  changedSince: number | null;
  assortmentIds: Set<string> | null;
  storeIds: Set<string> | null;
}

function value(type: StockType, stock: number, reserve: number, inTransit: number): number {
  switch (type) {
    case 'stock':
      return stock;
    case 'freeStock':
      return stock - reserve;
    case 'quantity':
      return stock - reserve + inTransit;
    case 'reserve':
      return reserve;
    case 'inTransit':
      return inTransit;
  }
}

/**
 * `/report/stock/{all,bystore}/current`: bare arrays of `{ assortmentId[, storeId], <stockType> }`,
 * no paging, no sorting. Goods that never took part in an operation are never listed; with
 * `storeId: null` come reserves and expected receipts of orders without a store.
 */
export function currentStock(
  store: EmulatorStore,
  report: 'all' | 'bystore',
  query: CurrentStockQuery,
): Record<string, string | number | null>[] {
  const ledger = store.ledger;
  const { reserve, inTransit } = store.reservations();
  const width = store.stores.length + 1;
  const stores = store.stores
    .map((s, i) => ({ i, id: store.ids.encode('store', i), archived: s.archived }))
    .filter((s) => !s.archived && (query.storeIds === null || query.storeIds.has(s.id)));
  const includeZero = query.includeZero || query.changedSince !== null;
  const out: Record<string, string | number | null>[] = [];
  const cellId = (cell: number) =>
    cell < store.products.length
      ? store.ids.encode('product', cell)
      : store.ids.encode('variant', cell - store.products.length);

  for (let cell = 0; cell < ledger.cells; cell++) {
    const id = cellId(cell);
    if (query.assortmentIds && !query.assortmentIds.has(id)) continue;
    const kind = cell < store.products.length ? 'product' : 'variant';
    const index = kind === 'product' ? cell : cell - store.products.length;
    const change = store.stockChanges.get(`${kind}:${index}`);
    // A good deleted or archived within the interval is reported with zero stock.
    const gone =
      store.isRemoved(kind, index) ||
      (kind === 'product' ? store.products[index]!.archived : store.variants[index]!.archived);
    if (store.isRemoved(kind, index) && (query.changedSince === null || !change)) continue;
    let moved = change?.at ?? 0;
    for (let s = 0; s < store.stores.length; s++)
      moved = Math.max(moved, ledger.lastMovement[cell * store.stores.length + s]!);
    const reservedSomewhere = (() => {
      for (let s = 0; s < width; s++)
        if (reserve[cell * width + s] !== 0 || inTransit[cell * width + s] !== 0) return true;
      return false;
    })();
    if (moved === 0 && !reservedSomewhere) continue;
    const zeroed = query.changedSince !== null && gone;
    if (report === 'all') {
      if (query.changedSince !== null && moved < query.changedSince) continue;
      let stock = 0;
      let r = 0;
      let t = 0;
      for (const s of stores) {
        stock += ledger.stockAt(cell, s.i);
        r += reserve[cell * width + s.i]!;
        t += inTransit[cell * width + s.i]!;
      }
      if (query.storeIds === null) {
        r += reserve[cell * width + store.stores.length]!;
        t += inTransit[cell * width + store.stores.length]!;
      }
      const v = zeroed ? 0 : value(query.stockType, stock, r, t);
      if (v !== 0 || includeZero) out.push({ assortmentId: id, [query.stockType]: v });
      continue;
    }
    for (const s of stores) {
      const slot = cell * store.stores.length + s.i;
      const changedAt = Math.max(ledger.lastMovement[slot]!, change?.stores.get(s.i) ?? 0);
      if (
        changedAt === 0 &&
        reserve[cell * width + s.i] === 0 &&
        inTransit[cell * width + s.i] === 0
      )
        continue;
      if (query.changedSince !== null && changedAt < query.changedSince) continue;
      const v = zeroed
        ? 0
        : value(
            query.stockType,
            ledger.stock[slot]!,
            reserve[cell * width + s.i]!,
            inTransit[cell * width + s.i]!,
          );
      if (v !== 0 || includeZero)
        out.push({ assortmentId: id, storeId: s.id, [query.stockType]: v });
    }
    if (query.storeIds === null && query.changedSince === null && query.stockType !== 'stock') {
      const v = value(
        query.stockType,
        0,
        reserve[cell * width + store.stores.length]!,
        inTransit[cell * width + store.stores.length]!,
      );
      if (v !== 0) out.push({ assortmentId: id, storeId: null, [query.stockType]: v });
    }
  }
  return out;
}
