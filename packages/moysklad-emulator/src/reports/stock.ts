import { errors } from '../http/errors';
import { goodCode, folderPath } from '../model/entities/catalogue';
import { externalCode } from '../serialize/common';
import { idOf, MEDIA_TYPE, type JsonObject, type RenderContext } from '../serialize/meta';
import type { Condition } from '../query/filter';
import type { StockLedger } from '../store/ledger';
import type { EmulatorStore, Reservations } from '../store/store';
import { DAY, parseMsk } from '../time/moscow';

/** One line of a stock report: a product (possibly with its variants added up) or a variant. */
interface ReportLine {
  kind: 'product' | 'variant';
  index: number;
  /** Ledger cells counted in this line. */
  cells: number[];
  product: number;
}

export const STOCK_MODES = [
  'all',
  'positiveOnly',
  'negativeOnly',
  'empty',
  'nonEmpty',
  'underMinimum',
] as const;
type StockMode = (typeof STOCK_MODES)[number];

export interface StockFilter {
  stores: { include: Set<number> | null; exclude: Set<number> };
  goods: { include: Set<string> | null; exclude: Set<string> };
  folders: Set<number> | null;
  suppliers: { include: Set<number> | null; exclude: Set<number> };
  search: string | null;
  moment: number | null;
  stockMode: StockMode;
  quantityMode: StockMode;
  stockDaysFrom: number | null;
  stockDaysTo: number | null;
  reserveOnly: boolean;
  inTransitOnly: boolean;
  soldByWeight: boolean | null;
  archived: 'active' | 'archived' | 'all';
}

const UUID_IN_HREF = /\/entity\/([a-z]+)\/([0-9a-fA-F-]{36})/;

function hrefIndex(
  store: EmulatorStore,
  field: string,
  value: string,
  types: readonly string[],
): { type: string; index: number; id: string } {
  const m = UUID_IN_HREF.exec(value);
  const decoded = m && store.ids.decode(m[2]!);
  if (!m || !decoded || !types.includes(decoded.table)) throw errors.filterValue(value, field);
  return { type: decoded.table, index: decoded.index, id: m[2]!.toLowerCase() };
}

function booleanValue(field: string, value: string): boolean {
  if (value !== 'true' && value !== 'false') throw errors.filterValue(value, field);
  return value === 'true';
}

function mode(field: string, value: string): StockMode {
  if (!(STOCK_MODES as readonly string[]).includes(value))
    throw errors.filterEnum(value, field, STOCK_MODES);
  return value as StockMode;
}

/** Reads the report filters the documentation lists; `bystore` defaults `stockMode` to nonEmpty. */
export function parseStockFilter(
  store: EmulatorStore,
  conditions: readonly Condition[],
  report: 'all' | 'bystore',
): StockFilter {
  const filter: StockFilter = {
    stores: { include: null, exclude: new Set() },
    goods: { include: null, exclude: new Set() },
    folders: null,
    suppliers: { include: null, exclude: new Set() },
    search: null,
    moment: null,
    stockMode: report === 'all' ? 'all' : 'nonEmpty',
    quantityMode: report === 'all' ? 'nonEmpty' : 'all',
    stockDaysFrom: null,
    stockDaysTo: null,
    reserveOnly: false,
    inTransitOnly: false,
    soldByWeight: null,
    archived: 'active',
  };
  let withSubFolders = true;
  const archived = new Set<boolean>();
  const folderIds: number[] = [];
  for (const c of conditions) {
    const onlyEquals = () => {
      if (c.op !== '=')
        throw errors.filter(`оператор '${c.op}' не поддерживается для поля '${c.field}'`);
    };
    const includeOrExclude = <T>(target: { include: Set<T> | null; exclude: Set<T> }, value: T) => {
      if (c.op === '=') (target.include ??= new Set()).add(value);
      else if (c.op === '!=' && report === 'all') target.exclude.add(value);
      else throw errors.filter(`оператор '${c.op}' не поддерживается для поля '${c.field}'`);
    };
    switch (c.field) {
      case 'store':
        includeOrExclude(filter.stores, hrefIndex(store, c.field, c.value, ['store']).index);
        break;
      case 'product':
      case 'variant':
      case 'consignment':
        includeOrExclude(filter.goods, hrefIndex(store, c.field, c.value, [c.field]).id);
        break;
      case 'productFolder':
        onlyEquals();
        folderIds.push(hrefIndex(store, c.field, c.value, ['productfolder']).index);
        break;
      case 'withSubFolders':
        onlyEquals();
        withSubFolders = booleanValue(c.field, c.value);
        break;
      case 'supplier':
        includeOrExclude(
          filter.suppliers,
          hrefIndex(store, c.field, c.value, ['counterparty', 'organization']).index,
        );
        break;
      case 'search':
        filter.search = c.value.toLowerCase();
        break;
      case 'moment': {
        onlyEquals();
        const t = parseMsk(c.value);
        if (t === null) throw errors.filterDate(c.field);
        filter.moment = t;
        break;
      }
      case 'stockMode':
        onlyEquals();
        filter.stockMode = mode(c.field, c.value);
        break;
      case 'quantityMode':
        onlyEquals();
        if (report !== 'all') throw errors.filter(`Неизвестное поле фильтрации '${c.field}'`);
        filter.quantityMode = mode(c.field, c.value);
        break;
      case 'stockDaysFrom':
      case 'stockDaysTo': {
        onlyEquals();
        const n = Number(c.value);
        if (!Number.isInteger(n)) throw errors.filterValue(c.value, c.field);
        filter[c.field] = n;
        break;
      }
      case 'reserveOnly':
      case 'inTransitOnly':
        onlyEquals();
        filter[c.field] = booleanValue(c.field, c.value);
        break;
      case 'soldByWeight':
        onlyEquals();
        filter.soldByWeight = booleanValue(c.field, c.value);
        break;
      case 'archived':
        onlyEquals();
        archived.add(booleanValue(c.field, c.value));
        break;
      default:
        throw errors.filter(`Неизвестное поле фильтрации '${c.field}'`);
    }
  }
  if (archived.size > 0)
    filter.archived = archived.size === 2 ? 'all' : archived.has(true) ? 'archived' : 'active';
  if (folderIds.length > 0) {
    filter.folders = new Set();
    store.folders.forEach((_f, i) => {
      for (let f = i; f >= 0; f = withSubFolders ? store.folders[f]!.parent : -1) {
        if (folderIds.includes(f)) {
          filter.folders!.add(i);
          break;
        }
      }
    });
  }
  return filter;
}

function passesMode(value: number, mode: StockMode, minimum: number): boolean {
  switch (mode) {
    case 'all':
      return true;
    case 'positiveOnly':
      return value > 0;
    case 'negativeOnly':
      return value < 0;
    case 'empty':
      return value === 0;
    case 'nonEmpty':
      return value !== 0;
    case 'underMinimum':
      return value < minimum;
  }
}

export interface LineFigures {
  stock: number;
  reserve: number;
  inTransit: number;
  quantity: number;
  cost: number;
  stockDays: number;
  byStore: { stock: number; reserve: number; inTransit: number }[];
}

/** Stock figures of a line on the selected stores, from a ledger and reservations. */
function figures(
  store: EmulatorStore,
  ledger: StockLedger,
  reservations: Reservations,
  line: ReportLine,
  stores: number[],
  now: number,
  noStoreSlot: boolean,
): LineFigures {
  const width = store.stores.length + 1;
  const byStore = stores.map(() => ({ stock: 0, reserve: 0, inTransit: 0 }));
  let stock = 0;
  let reserve = 0;
  let inTransit = 0;
  let costWeight = 0;
  let costSum = 0;
  let lastReceipt = 0;
  for (const cell of line.cells) {
    stores.forEach((s, k) => {
      const onHand = ledger.stockAt(cell, s);
      const r = reservations.reserve[cell * width + s]!;
      const t = reservations.inTransit[cell * width + s]!;
      byStore[k]!.stock += onHand;
      byStore[k]!.reserve += r;
      byStore[k]!.inTransit += t;
      stock += onHand;
      reserve += r;
      inTransit += t;
    });
    if (noStoreSlot) {
      reserve += reservations.reserve[cell * width + store.stores.length]!;
      inTransit += reservations.inTransit[cell * width + store.stores.length]!;
    }
    const held = Math.max(ledger.totalStock(cell), 0);
    costSum += ledger.cost[cell]! * (held || 1e-9);
    costWeight += held || 1e-9;
    lastReceipt = Math.max(lastReceipt, ledger.lastReceipt[cell]!);
  }
  return {
    stock,
    reserve,
    inTransit,
    quantity: stock - reserve + inTransit,
    cost: costWeight > 0 ? costSum / costWeight : 0,
    stockDays:
      stock > 0 && lastReceipt > 0 ? Math.max(0, Math.floor((now - lastReceipt) / DAY)) : 0,
    byStore,
  };
}

const collator = new Intl.Collator('en', { sensitivity: 'base', ignorePunctuation: true });

/** Report lines in the default order (folder path, then name), kept per dataset and grouping. */
const defaultOrder = new WeakMap<EmulatorStore, Map<string, ReportLine[]>>();

function linesInDefaultOrder(store: EmulatorStore, groupBy: string): ReportLine[] {
  let byGrouping = defaultOrder.get(store);
  if (!byGrouping) defaultOrder.set(store, (byGrouping = new Map()));
  const key = `${store.catalogueVersion}:${groupBy}`;
  let cached = byGrouping.get(key);
  if (!cached) {
    const keyed = lines(store, store.ledger, groupBy).map((line) => {
      const product = store.products[line.product]!;
      const name = line.kind === 'variant' ? store.variants[line.index]!.name : product.name;
      return { line, path: folderPath(store, product.folder, true), name };
    });
    keyed.sort((a, b) => collator.compare(a.path, b.path) || collator.compare(a.name, b.name));
    cached = keyed.map((k) => k.line);
    byGrouping.clear();
    byGrouping.set(key, cached);
  }
  return cached;
}

/** Lines of the report by `groupBy`: variants on their own (default) or added up into products. */
function lines(store: EmulatorStore, ledger: StockLedger, groupBy: string): ReportLine[] {
  const out: ReportLine[] = [];
  store.products.forEach((_p, i) => {
    if (store.isRemoved('product', i)) return;
    const variants = store.variantsOf(i).filter((v) => !store.isRemoved('variant', v));
    const variantCells = variants.map((v) => ledger.cellOf(1, v));
    if (groupBy === 'product') {
      out.push({
        kind: 'product',
        index: i,
        cells: [ledger.cellOf(0, i), ...variantCells],
        product: i,
      });
      return;
    }
    out.push({ kind: 'product', index: i, cells: [ledger.cellOf(0, i)], product: i });
    for (const v of variants)
      out.push({ kind: 'variant', index: v, cells: [ledger.cellOf(1, v)], product: i });
  });
  return out;
}

export interface StockReportLine {
  line: ReportLine;
  figures: LineFigures;
  name: string;
  code: string;
  article: string;
  pathName: string;
  salePrice: number;
  minimumBalance: number;
}

/** Lines of `/report/stock/all` or `/report/stock/bystore` that pass the filter, unsorted. */
export function stockLines(
  store: EmulatorStore,
  filter: StockFilter,
  groupBy: string,
  now: number,
  report: 'all' | 'bystore',
): { lines: StockReportLine[]; stores: number[] } {
  const snapshot =
    filter.moment === null
      ? { ledger: store.ledger, reservations: store.reservations() }
      : store.snapshotAt(filter.moment);
  const stores = store.stores
    .map((s, i) => (!s.archived || filter.stores.include?.has(i) ? i : -1))
    .filter(
      (i) =>
        i >= 0 &&
        (filter.stores.include === null || filter.stores.include.has(i)) &&
        !filter.stores.exclude.has(i),
    );
  const noStoreSlot = filter.stores.include === null && filter.stores.exclude.size === 0;
  const moment = filter.moment ?? now;
  const result: StockReportLine[] = [];
  for (const line of linesInDefaultOrder(store, groupBy)) {
    const product = store.products[line.product]!;
    const variant = line.kind === 'variant' ? store.variants[line.index]! : null;
    const archived = variant ? variant.archived : product.archived;
    if (filter.archived !== 'all' && archived !== (filter.archived === 'archived')) continue;
    const id = store.ids.encode(line.kind, line.index);
    const productId = store.ids.encode('product', line.product);
    if (
      filter.goods.include &&
      !filter.goods.include.has(id) &&
      !(variant && filter.goods.include.has(productId))
    )
      continue;
    if (filter.goods.exclude.has(id) || (variant && filter.goods.exclude.has(productId))) continue;
    if (filter.folders && !filter.folders.has(product.folder)) continue;
    if (filter.suppliers.include && !filter.suppliers.include.has(product.supplier)) continue;
    if (filter.suppliers.exclude.has(product.supplier)) continue;
    if (filter.soldByWeight !== null && product.weighed !== filter.soldByWeight) continue;
    const name = variant ? variant.name : product.name;
    if (filter.search && !name.toLowerCase().includes(filter.search)) continue;
    const f = figures(
      store,
      snapshot.ledger,
      snapshot.reservations,
      line,
      stores,
      moment,
      noStoreSlot && report === 'all',
    );
    if (!passesMode(f.stock, filter.stockMode, product.minimumBalance)) continue;
    if (report === 'all' && !passesMode(f.quantity, filter.quantityMode, product.minimumBalance))
      continue;
    if (filter.reserveOnly && f.reserve === 0) continue;
    if (filter.inTransitOnly && f.inTransit === 0) continue;
    if (filter.stockDaysFrom !== null && f.stockDays < filter.stockDaysFrom) continue;
    if (filter.stockDaysTo !== null && f.stockDays > filter.stockDaysTo) continue;
    result.push({
      line,
      figures: f,
      name,
      code: goodCode(line.kind, line.index),
      article: product.article,
      pathName: folderPath(store, product.folder, true),
      salePrice: variant ? variant.prices[0]! : product.prices[0]!,
      minimumBalance: product.minimumBalance,
    });
  }
  return { lines: result, stores };
}

/** `meta` of the good a report line describes; the href carries `?expand=` as MoySklad's does. */
function goodMeta(ctx: RenderContext, line: ReportLine): JsonObject {
  const id = idOf(ctx, line.kind, line.index);
  return {
    href: `${ctx.api}/entity/${line.kind}/${id}?expand=${line.kind === 'variant' ? 'product.supplier' : 'supplier'}`,
    metadataHref: `${ctx.api}/entity/${line.kind}/metadata`,
    type: line.kind,
    mediaType: MEDIA_TYPE,
  };
}

export function stockAllRow(ctx: RenderContext, entry: StockReportLine): JsonObject {
  const store = ctx.store;
  const product = store.products[entry.line.product]!;
  const folder = product.folder;
  return {
    meta: goodMeta(ctx, entry.line),
    stock: entry.figures.stock,
    inTransit: entry.figures.inTransit,
    reserve: entry.figures.reserve,
    quantity: entry.figures.quantity,
    name: entry.name,
    code: entry.code,
    article: entry.article,
    price: ctx.canSeeCost ? entry.figures.cost : undefined,
    salePrice: entry.salePrice,
    uom: {
      meta: {
        href: `${ctx.api}/entity/uom/${idOf(ctx, 'uom', product.uom)}`,
        metadataHref: `${ctx.api}/entity/uom/metadata`,
        type: 'uom',
        mediaType: MEDIA_TYPE,
      },
      name: store.uoms[product.uom]!.name,
    },
    externalCode: externalCode(ctx, entry.line.kind, entry.line.index),
    folder:
      folder >= 0
        ? {
            meta: {
              href: `${ctx.api}/entity/productfolder/${idOf(ctx, 'productfolder', folder)}`,
              metadataHref: `${ctx.api}/entity/productfolder/metadata`,
              type: 'productfolder',
              mediaType: MEDIA_TYPE,
            },
            name: store.folders[folder]!.name,
            pathName: store.folders[folder]!.pathName,
          }
        : undefined,
    stockDays: entry.figures.stockDays,
  };
}

export function stockByStoreRow(
  ctx: RenderContext,
  entry: StockReportLine,
  stores: readonly number[],
): JsonObject {
  return {
    meta: goodMeta(ctx, entry.line),
    stockByStore: stores.map((s, k) => ({
      meta: {
        href: `${ctx.api}/entity/store/${idOf(ctx, 'store', s)}`,
        metadataHref: `${ctx.api}/entity/store/metadata`,
        type: 'store',
        mediaType: MEDIA_TYPE,
      },
      name: ctx.store.stores[s]!.name,
      stock: entry.figures.byStore[k]!.stock,
      reserve: entry.figures.byStore[k]!.reserve,
      inTransit: entry.figures.byStore[k]!.inTransit,
    })),
  };
}

/** Sorts report lines by `order`; without one they stay in the default order they were built in. */
export function sortStockLines(
  entries: StockReportLine[],
  terms: readonly { field: string; descending: boolean }[],
): void {
  const key = (e: StockReportLine, field: string): string | number => {
    switch (field) {
      case 'name':
        return e.name;
      case 'code':
        return e.code;
      case 'pathName':
        return e.pathName;
      case 'productCode':
        return e.article;
      case 'stock':
      case 'stockOnAllStores':
        return e.figures.stock;
      case 'reserve':
        return e.figures.reserve;
      case 'inTransit':
        return e.figures.inTransit;
      case 'quantity':
        return e.figures.quantity;
      case 'price':
        return e.figures.cost;
      case 'salePrice':
        return e.salePrice;
      case 'sumTotal':
        return e.figures.cost * e.figures.stock;
      case 'avgStockDays':
        return e.figures.stockDays;
      default:
        return e.minimumBalance;
    }
  };
  if (terms.length === 0) return;
  entries.sort((a, b) => {
    for (const t of terms) {
      const x = key(a, t.field);
      const y = key(b, t.field);
      const c =
        typeof x === 'string' && typeof y === 'string'
          ? collator.compare(x, y)
          : (x as number) - (y as number);
      if (c !== 0) return t.descending ? -c : c;
    }
    return 0;
  });
}
