import { IdCodec } from '../ids';
import { DOCUMENT_TYPES, type DocumentType, type IdTag } from '../model/types';
import { STOCK_DIRECTION, StockLedger } from './ledger';
import { PositionTable } from './positions';
import type {
  AttributeRow,
  BundleRow,
  CharacteristicRow,
  CounterpartyRow,
  CurrencyRow,
  DocumentRow,
  EmployeeRow,
  FolderRow,
  OrganizationRow,
  PriceTypeRow,
  ProductRow,
  ProjectRow,
  RetailShiftRow,
  RetailStoreRow,
  SalesChannelRow,
  ServiceRow,
  StateRow,
  StoreRow,
  UomRow,
  VariantRow,
  WebhookRow,
  WebhookStockRow,
} from './rows';

/** Reserve and expected receipts per (cell, store), with one extra slot per cell for "no store". */
export interface Reservations {
  reserve: Float64Array;
  inTransit: Float64Array;
}

/** When the stock of one good last changed through a live change, overall and per store. */
export interface StockChange {
  at: number;
  stores: Map<number, number>;
}

/** Everything the emulator knows: the generated account plus what clients registered since. */
export class EmulatorStore {
  readonly ids: IdCodec;
  readonly accountId: string;
  /** Account name: logins look like `admin@<accountName>`. */
  accountName = 'demo';
  /** Dataset size it was generated at, so that it can be generated afresh. */
  size: string | null = null;
  organizations: OrganizationRow[] = [];
  employees: EmployeeRow[] = [];
  groups: { name: string }[] = [{ name: 'Основной' }];
  currencies: CurrencyRow[] = [];
  priceTypes: PriceTypeRow[] = [];
  uoms: UomRow[] = [];
  stores: StoreRow[] = [];
  folders: FolderRow[] = [];
  products: ProductRow[] = [];
  variants: VariantRow[] = [];
  services: ServiceRow[] = [];
  bundles: BundleRow[] = [];
  counterparties: CounterpartyRow[] = [];
  salesChannels: SalesChannelRow[] = [];
  projects: ProjectRow[] = [];
  states: StateRow[] = [];
  retailStores: RetailStoreRow[] = [];
  retailShifts: RetailShiftRow[] = [];
  characteristics: CharacteristicRow[] = [];
  attributes: AttributeRow[] = [];
  /** Bank accounts of organizations and counterparties share one id space. */
  bankAccountsIssued = 0;
  readonly documents: Record<DocumentType, DocumentRow[]>;
  readonly positions = new PositionTable();
  /** Posted stock movements in the order their moments happened, as [type, index] pairs. */
  readonly movements: [DocumentType, number][] = [];
  webhooks: WebhookRow[] = [];
  webhookStocks: WebhookStockRow[] = [];
  ledger!: StockLedger;
  /**
   * Rows deleted for good, per table. Ids carry row indices, so a deleted row keeps its slot and
   * every read treats it as absent (404, code 1021).
   */
  readonly removed = new Map<IdTag, Set<number>>();
  /** Variants added to a product after its contiguous block of variants was laid out. */
  readonly extraVariants = new Map<number, number[]>();
  /** Stock changes made after generation, per good (`product:<i>` / `variant:<i>`). */
  readonly stockChanges = new Map<string, StockChange>();
  /** Bumped when goods, folders or stores are added, removed, renamed or moved. */
  catalogueVersion = 0;
  private reservationsCache: Reservations | null = null;
  private orderLines: { reserve: Map<number, number[]>; inTransit: Map<number, number[]> } | null =
    null;
  private baseIndex: Map<string, number[]> | null = null;

  constructor(
    readonly seed: number,
    /** The moment the generated history ends at; open orders are those still open then. */
    readonly until: number,
  ) {
    this.ids = new IdCodec(seed);
    this.accountId = this.ids.encode('group', 0x7fffffff);
    this.documents = Object.fromEntries(
      DOCUMENT_TYPES.map((t) => [t, [] as DocumentRow[]]),
    ) as Record<DocumentType, DocumentRow[]>;
  }

  newLedger(positionCapacity = this.positions.length): StockLedger {
    return new StockLedger(
      {
        products: this.products.length,
        variants: this.variants.length,
        stores: this.stores.length,
        bundles: this.bundles,
      },
      positionCapacity,
    );
  }

  /** Current reserve (open customer orders) and in-transit (open purchase orders). */
  reservations(): Reservations {
    this.reservationsCache ??= this.reservationsAt(Number.MAX_VALUE);
    return this.reservationsCache;
  }

  /** Reservations as they stood at a moment: orders placed by then and not yet closed. */
  reservationsAt(moment: number): Reservations {
    const cells = this.products.length + this.variants.length;
    const width = this.stores.length + 1;
    const result: Reservations = {
      reserve: new Float64Array(cells * width),
      inTransit: new Float64Array(cells * width),
    };
    const ledger = this.ledger;
    const add = (target: Float64Array, order: DocumentRow) => {
      const slot = order.store < 0 ? this.stores.length : order.store;
      const end = order.positionStart + order.positionCount;
      for (let p = order.positionStart; p < end; p++) {
        const kind = this.positions.assortmentKind[p]!;
        const quantity = this.positions.quantity[p]!;
        if (kind === 3) {
          for (const c of this.bundles[this.positions.assortment[p]!]!.components) {
            const cell = ledger.cellOf(c.kind === 'product' ? 0 : 1, c.index);
            target[cell * width + slot] = target[cell * width + slot]! + quantity * c.quantity;
          }
        } else if (kind !== 2) {
          const cell = ledger.cellOf(kind, this.positions.assortment[p]!);
          target[cell * width + slot] = target[cell * width + slot]! + quantity;
        }
      }
    };
    for (const [type, target] of [
      ['customerorder', result.reserve],
      ['purchaseorder', result.inTransit],
    ] as const) {
      this.documents[type].forEach((order, i) => {
        if (!order.applicable || order.deleted !== 0 || this.isRemoved(type, i)) return;
        if (order.moment <= moment && order.closedAt > moment) add(target, order);
      });
    }
    return result;
  }

  /**
   * Reserve and in-transit of one good on one store (-1: all stores) at a moment, from an index of
   * order lines per good; cheaper than {@link reservationsAt} when only a few goods are asked about.
   */
  reservedAt(cell: number, store: number, moment: number): { reserve: number; inTransit: number } {
    this.orderLines ??= this.indexOrderLines();
    const sum = (lines: number[] | undefined, type: 'customerorder' | 'purchaseorder') => {
      let total = 0;
      for (let k = 0; lines && k < lines.length; k += 2) {
        const p = lines[k]!;
        const orderIndex = this.positions.document[p]!;
        const order = this.documents[type][orderIndex]!;
        if (
          this.isRemoved(type, orderIndex) ||
          !order.applicable ||
          order.deleted !== 0 ||
          order.moment > moment ||
          order.closedAt <= moment
        )
          continue;
        if (store >= 0 && order.store !== store) continue;
        total += this.positions.quantity[p]! * lines[k + 1]!;
      }
      return total;
    };
    return {
      reserve: sum(this.orderLines.reserve.get(cell), 'customerorder'),
      inTransit: sum(this.orderLines.inTransit.get(cell), 'purchaseorder'),
    };
  }

  /** Order positions per good, as flat [position, units per position unit] pairs. */
  private indexOrderLines(): { reserve: Map<number, number[]>; inTransit: Map<number, number[]> } {
    const result = { reserve: new Map<number, number[]>(), inTransit: new Map<number, number[]>() };
    const add = (map: Map<number, number[]>, cell: number, p: number, multiplier: number) => {
      const list = map.get(cell);
      if (list) list.push(p, multiplier);
      else map.set(cell, [p, multiplier]);
    };
    for (const [type, map] of [
      ['customerorder', result.reserve],
      ['purchaseorder', result.inTransit],
    ] as const) {
      for (const order of this.documents[type]) {
        for (let p = order.positionStart; p < order.positionStart + order.positionCount; p++) {
          const kind = this.positions.assortmentKind[p]!;
          if (kind === 3) {
            for (const c of this.bundles[this.positions.assortment[p]!]!.components) {
              add(map, this.ledger.cellOf(c.kind === 'product' ? 0 : 1, c.index), p, c.quantity);
            }
          } else if (kind !== 2) {
            add(map, this.ledger.cellOf(kind, this.positions.assortment[p]!), p, 1);
          }
        }
      }
    }
    return result;
  }

  /** Stock, cost and reservations as they stood at a moment, by replaying documents up to it. */
  snapshotAt(moment: number): { ledger: StockLedger; reservations: Reservations } {
    const ledger = this.newLedger();
    for (const [type, index] of this.movements) {
      const document = this.documents[type][index]!;
      if (document.moment > moment) break;
      if (this.isRemoved(type, index)) continue;
      ledger.apply(document, this.positions);
    }
    return { ledger, reservations: this.reservationsAt(moment) };
  }

  /** Documents whose `base` is the given document (e.g. the demands of an order). */
  derivedFrom(baseIndex: number, type: DocumentType): number[] {
    if (!this.baseIndex) {
      this.baseIndex = new Map();
      for (const t of DOCUMENT_TYPES) {
        this.documents[t].forEach((d, i) => {
          if (d.base < 0 || this.isRemoved(t, i)) return;
          const key = `${t}:${d.base}`;
          const list = this.baseIndex!.get(key);
          if (list) list.push(i);
          else this.baseIndex!.set(key, [i]);
        });
      }
    }
    return this.baseIndex.get(`${type}:${baseIndex}`) ?? [];
  }

  /** Bumped by every change, so caches of derived figures know when they are stale. */
  version = 0;

  isRemoved(table: IdTag, index: number): boolean {
    const set = this.removed.get(table);
    return set !== undefined && set.has(index);
  }

  markRemoved(table: IdTag, index: number): void {
    let set = this.removed.get(table);
    if (!set) this.removed.set(table, (set = new Set()));
    set.add(index);
  }

  /** Variant indices of a product: its contiguous block plus any added later. */
  variantsOf(product: number): number[] {
    const p = this.products[product]!;
    const out: number[] = [];
    const contiguous = p.variantsCount - (this.extraVariants.get(product)?.length ?? 0);
    for (let v = p.firstVariant; v >= 0 && v < p.firstVariant + contiguous; v++) out.push(v);
    for (const v of this.extraVariants.get(product) ?? []) out.push(v);
    return out;
  }

  /** Records that the stock of a good moved (store -1: an order without a store). */
  noteStockChange(kind: 'product' | 'variant', index: number, store: number, at: number): void {
    const key = `${kind}:${index}`;
    let change = this.stockChanges.get(key);
    if (!change) this.stockChanges.set(key, (change = { at, stores: new Map() }));
    change.at = Math.max(change.at, at);
    if (store >= 0) change.stores.set(store, Math.max(change.stores.get(store) ?? 0, at));
  }

  /** Which documents `movements` lists, kept once built. */
  private movementKeys: Set<string> | null = null;
  /** Ledger state partway through the movements, so a recent change replays only what follows. */
  private checkpoint: {
    index: number;
    moment: number;
    cells: number;
    stores: number;
    stock: Float64Array;
    cost: Float64Array;
    lastReceipt: Float64Array;
    lastMovement: Float64Array;
  } | null = null;

  /** Adds a stock document to `movements` (once); the ledger is the caller's business. */
  addMovement(type: DocumentType, index: number): void {
    if (this.movementKeys?.has(`${type}:${index}`)) return;
    this.movementKeys?.add(`${type}:${index}`);
    this.movements.push([type, index]);
  }

  /**
   * Replays posted documents into the ledger: after a change to a document other than the latest,
   * or when goods or stores were added (the ledger's shape follows the catalogue). Order is that of
   * the documents' moments, the generator's order among equal moments. When nothing before
   * `fromMoment` changed, the replay starts from a checkpoint two weeks before the latest movement
   * instead of the beginning.
   */
  rebuildLedger(fromMoment = -Infinity): void {
    if (!this.movementKeys)
      this.movementKeys = new Set(this.movements.map(([t, i]) => `${t}:${i}`));
    for (const type of DOCUMENT_TYPES) {
      if (STOCK_DIRECTION[type] === undefined) continue;
      const docs = this.documents[type];
      for (let i = 0; i < docs.length; i++) this.addMovement(type, i);
    }
    const moment = ([t, i]: [DocumentType, number]) => this.documents[t][i]!.moment;
    const byMoment = (a: [DocumentType, number], b: [DocumentType, number]) =>
      moment(a) - moment(b);
    const cp = this.checkpoint;
    if (
      cp &&
      fromMoment > cp.moment &&
      cp.cells === this.products.length + this.variants.length &&
      cp.stores === this.stores.length
    ) {
      const tail = this.movements.splice(cp.index).sort(byMoment);
      for (const entry of tail) this.movements.push(entry);
      const ledger = this.ledger;
      ledger.stock.set(cp.stock);
      ledger.cost.set(cp.cost);
      ledger.lastReceipt.set(cp.lastReceipt);
      ledger.lastMovement.set(cp.lastMovement);
      for (let k = cp.index; k < this.movements.length; k++) {
        const [type, index] = this.movements[k]!;
        if (!this.isRemoved(type, index))
          ledger.apply(this.documents[type][index]!, this.positions);
      }
      return;
    }
    this.movements.sort(byMoment);
    // Room for positions added later, so that each new document does not copy the arrays.
    const ledger = this.newLedger(Math.ceil(this.positions.length * 1.1) + 1024);
    const last = this.movements[this.movements.length - 1];
    const cut = last ? moment(last) - 14 * 86_400_000 : Infinity;
    this.checkpoint = null;
    for (let k = 0; k < this.movements.length; k++) {
      const [type, index] = this.movements[k]!;
      if (!this.checkpoint && moment(this.movements[k]!) >= cut && k > 0) {
        this.checkpoint = {
          index: k,
          moment: moment(this.movements[k - 1]!),
          cells: ledger.cells,
          stores: ledger.stores,
          stock: Float64Array.from(ledger.stock),
          cost: Float64Array.from(ledger.cost),
          lastReceipt: Float64Array.from(ledger.lastReceipt),
          lastMovement: Float64Array.from(ledger.lastMovement),
        };
      }
      if (!this.isRemoved(type, index)) ledger.apply(this.documents[type][index]!, this.positions);
    }
    this.ledger = ledger;
  }

  /** Forget derived caches after a change (links between documents are kept up separately). */
  invalidate(): void {
    this.version++;
    this.reservationsCache = null;
    this.orderLines = null;
  }

  /** A new document made from a base document (its `base` set): indexed for {@link derivedFrom}. */
  linkDerived(type: DocumentType, index: number): void {
    const base = this.documents[type][index]!.base;
    if (!this.baseIndex || base < 0) return;
    const key = `${type}:${base}`;
    const list = this.baseIndex.get(key);
    if (list) list.push(index);
    else this.baseIndex.set(key, [index]);
  }

  /** Links between documents changed in another way (a base replaced, a document deleted). */
  relinked(): void {
    this.baseIndex = null;
  }
}
