import type { Faker } from '@faker-js/faker';
import { address, mobilePhone, person, russianFaker, transliterate } from '../dataset/people';
import { COUNTERPARTY_TAGS, DESCRIPTIONS } from '../dataset/vocabulary';
import type { PageChangeKind } from '../http/faults';
import { isDocumentType, type DocumentType, type IdTag } from '../model/types';
import { Random } from '../random/prng';
import type { DocumentRow } from '../store/rows';
import type { EmulatorStore } from '../store/store';
import { MINUTE } from '../time/moscow';
import type { AuditSource } from './audit';
import type { EmulatorClock } from './clock';
import { DICTIONARIES } from './dictionaries';
import { isActive, plannedAhead } from './documents';
import type { LiveChanges } from './live';
import { ChangeError } from './values';

/** One step of the activity stream: what happened, and the audit context it left. */
export interface ActivityStep {
  kind: ActivityKind;
  /** Human-readable, in Russian like the data: «Заказ покупателя 00123 от …». */
  description: string;
  /** Id of the audit context, when the step changed something. */
  auditId: string | null;
}

/** Kinds of business activity and how often each happens. */
export const ACTIVITY_WEIGHTS = {
  order: 20,
  ship: 14,
  invoice: 4,
  retailSale: 12,
  salesReturn: 3,
  purchaseOrder: 5,
  receive: 6,
  priceChange: 8,
  newCustomer: 6,
  customerUpdate: 4,
  orderState: 4,
  post: 3,
  unpost: 2,
  trash: 3,
  restore: 2,
  purge: 1,
  archiveGood: 1,
} as const;
export type ActivityKind = keyof typeof ACTIVITY_WEIGHTS;
const KINDS = Object.keys(ACTIVITY_WEIGHTS) as ActivityKind[];
const WEIGHTS = KINDS.map((k) => ACTIVITY_WEIGHTS[k]);

/** How far back from the newest document the stream looks for one to act on. */
const RECENT = 300;

interface Good {
  kind: 'product' | 'variant';
  index: number;
}

export interface ActivityHost {
  live: LiveChanges;
  store: () => EmulatorStore;
  timeScale: number;
  clock: EmulatorClock;
}

/**
 * A deterministic stream of business activity on top of the generated account: orders come in
 * and ship, shops sell, goods are bought and received, prices change, customers register, drafts
 * get posted and mistakes go to the recycle bin. The same seed over the same account gives the
 * same stream, step by step; `start` runs it at a rate per (scaled) minute.
 */
export class ActivityGenerator {
  private random: Random;
  private faker: Faker;
  private timer: ReturnType<typeof setInterval> | null = null;
  private goodsCache: { store: EmulatorStore; version: number; goods: Good[] } | null = null;
  private steps = 0;
  private seedValue: number;

  constructor(
    private readonly host: ActivityHost,
    seed: number,
  ) {
    this.seedValue = seed;
    this.random = new Random(seed, 'activity');
    this.faker = russianFaker(new Random(seed, 'activity-people'));
  }

  get seed(): number {
    return this.seedValue;
  }

  get running(): boolean {
    return this.timer !== null;
  }

  get count(): number {
    return this.steps;
  }

  /** Starts the stream over from a seed (the account is left as it is). */
  reseed(seed: number): void {
    this.seedValue = seed;
    this.random = new Random(seed, 'activity');
    this.faker = russianFaker(new Random(seed, 'activity-people'));
    this.steps = 0;
  }

  /** Runs `n` steps now. */
  step(n = 1): ActivityStep[] {
    const out: ActivityStep[] = [];
    for (let i = 0; i < n; i++) out.push(this.one());
    return out;
  }

  /**
   * Runs the stream in the background, `perMinute` steps per scaled minute; a manual clock is
   * moved on by a minute / `perMinute` before each step.
   */
  start(perMinute: number): void {
    if (!(perMinute > 0)) throw new ChangeError(400, 'perMinute: must be positive');
    this.stop();
    const interval = Math.max(1, MINUTE / perMinute / this.host.timeScale);
    this.timer = setInterval(() => {
      try {
        // A manual clock moves by the emulated time between two steps.
        if (this.host.clock.manual) this.host.clock.advance(MINUTE / perMinute);
        this.one();
      } catch (error) {
        console.error('activity step failed', error);
      }
    }, interval);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private one(): ActivityStep {
    this.steps++;
    const first = KINDS[this.random.weightedIndex(WEIGHTS)]!;
    // A kind with nothing to act on (no open orders, no drafts) gives way to a new order.
    for (const kind of [first, 'order' as const]) {
      const before = this.host.live.audit.contexts.length;
      const description = this.act(kind);
      if (description === null) continue;
      const contexts = this.host.live.audit.contexts;
      const auditId =
        contexts.length > before ? this.store.ids.encode('audit', contexts.length - 1) : null;
      return { kind, description, auditId };
    }
    return { kind: first, description: 'нечего делать', auditId: null };
  }

  private get store(): EmulatorStore {
    return this.host.store();
  }

  private id(table: IdTag, index: number): string {
    return this.store.ids.encode(table, index);
  }

  private state(type: DocumentType, name: string): string | undefined {
    const i = this.store.states.findIndex((s) => s.entityType === type && s.name === name);
    return i >= 0 ? this.id('state', i) : undefined;
  }

  private uidOf(owner: number): string {
    return this.store.employees[owner]?.uid ?? this.store.employees[0]!.uid;
  }

  /** An active employee, as the author of a change. */
  private author(): string {
    const active = this.store.employees.filter((e) => !e.archived);
    return active.length > 0 ? this.random.pick(active).uid : this.uidOf(0);
  }

  /** Goods that can be sold: products without variants, and variants; not archived. */
  private goods(): Good[] {
    const store = this.store;
    const cached = this.goodsCache;
    if (cached && cached.store === store && cached.version === store.catalogueVersion)
      return cached.goods;
    const goods: Good[] = [];
    store.products.forEach((p, i) => {
      if (p.archived || store.isRemoved('product', i)) return;
      if (p.variantsCount === 0) goods.push({ kind: 'product', index: i });
      for (const v of store.variantsOf(i))
        if (!store.variants[v]!.archived && !store.isRemoved('variant', v))
          goods.push({ kind: 'variant', index: v });
    });
    this.goodsCache = { store, version: store.catalogueVersion, goods };
    return goods;
  }

  private pickGoods(count: number): Good[] {
    const goods = this.goods();
    const picked = new Map<string, Good>();
    for (let k = 0; k < count * 3 && picked.size < count && goods.length > 0; k++) {
      const g = goods[this.random.skewedIndex(goods.length, 1.8)]!;
      picked.set(`${g.kind}:${g.index}`, g);
    }
    return [...picked.values()];
  }

  private counterparty(role: 'wholesale' | 'online' | 'supplier' | 'retail'): number {
    const store = this.store;
    const candidates: number[] = [];
    store.counterparties.forEach((c, i) => {
      if (c.role === role && !c.archived && !store.isRemoved('counterparty', i)) candidates.push(i);
    });
    return candidates.length > 0 ? this.random.pick(candidates) : -1;
  }

  /** Documents of a type among the latest, matching a test; a random one of them or -1. */
  private recent(type: DocumentType, test: (row: DocumentRow, index: number) => boolean): number {
    const store = this.store;
    const docs = store.documents[type];
    const found: number[] = [];
    for (let i = docs.length - 1; i >= 0 && i >= docs.length - RECENT; i--)
      if (!store.isRemoved(type, i) && test(docs[i]!, i)) found.push(i);
    return found.length > 0 ? this.random.pick(found) : -1;
  }

  private warehouse(): number {
    const store = this.store;
    const list = store.stores
      .map((s, i) => (!s.retail && !s.archived && !store.isRemoved('store', i) ? i : -1))
      .filter((i) => i >= 0);
    return list.length > 0 ? this.random.pick(list) : -1;
  }

  private run<T>(uid: string, source: AuditSource, work: () => T): T {
    return this.host.live.batch(work, { uid, source });
  }

  private act(kind: ActivityKind): string | null {
    switch (kind) {
      case 'order':
        return this.order();
      case 'ship':
        return this.ship();
      case 'invoice':
        return this.invoice();
      case 'retailSale':
        return this.retailSale();
      case 'salesReturn':
        return this.salesReturn();
      case 'purchaseOrder':
        return this.purchaseOrder();
      case 'receive':
        return this.receive();
      case 'priceChange':
        return this.priceChange();
      case 'newCustomer':
        return this.newCustomer();
      case 'customerUpdate':
        return this.customerUpdate();
      case 'orderState':
        return this.orderState();
      case 'post':
        return this.post();
      case 'unpost':
        return this.unpost();
      case 'trash':
        return this.trash();
      case 'restore':
        return this.restore();
      case 'purge':
        return this.purge();
      case 'archiveGood':
        return this.archiveGood();
    }
  }

  private order(): string | null {
    const online = this.random.chance(0.45);
    const agent = this.counterparty(online ? 'online' : 'wholesale');
    const store = this.warehouse();
    if (agent < 0 || store < 0) return null;
    const goods = this.pickGoods(online ? this.random.int(1, 3) : this.random.int(1, 8));
    if (goods.length === 0) return null;
    const draft = this.random.chance(0.1);
    const moment = this.host.live.clockNow();
    const json = this.run(
      online ? this.uidOf(0) : this.author(),
      online ? 'connectors' : 'app',
      () =>
        this.host.live.create('customerorder', {
          agent: this.id('counterparty', agent),
          store: this.id('store', store),
          applicable: !draft,
          state: this.state('customerorder', draft ? 'Новый' : 'Подтвержден'),
          description: this.random.chance(0.15) ? this.random.pick(DESCRIPTIONS) : undefined,
          deliveryPlannedMoment: plannedAhead(moment, this.random.int(1, 4)),
          positions: goods.map((g) => ({
            assortment: this.id(g.kind, g.index),
            quantity: online ? this.random.int(1, 2) : 1 + this.random.skewedIndex(30, 2),
            discount: !online && this.random.chance(0.3) ? this.random.pick([3, 5, 10]) : 0,
          })),
        }),
    );
    return `заказ покупателя ${json.name}${draft ? ' (черновик)' : ''}`;
  }

  private openOrders(type: 'customerorder' | 'purchaseorder'): number {
    return this.recent(
      type,
      (row, i) =>
        row.closedAt === Infinity && isActive(this.store, type, i) && row.positionCount > 0,
    );
  }

  private ship(): string | null {
    const order = this.openOrders('customerorder');
    if (order < 0) return null;
    const store = this.store;
    const row = store.documents.customerorder[order]!;
    const from = row.store >= 0 ? row.store : this.warehouse();
    if (from < 0) return null;
    const p = store.positions;
    const positions: Record<string, unknown>[] = [];
    for (let k = row.positionStart; k < row.positionStart + row.positionCount; k++) {
      const kind = p.kindOf(k);
      let quantity = p.quantity[k]!;
      if (kind === 'product' || kind === 'variant') {
        const onHand = store.ledger.stockAt(
          store.ledger.cellOf(kind === 'product' ? 0 : 1, p.assortment[k]!),
          from,
        );
        quantity = Math.min(quantity, Math.max(0, Math.floor(onHand)));
      } else if (kind === 'bundle') {
        quantity = Math.min(
          quantity,
          Math.max(0, store.ledger.available(p, 3, p.assortment[k]!, from)),
        );
      }
      if (quantity > 0)
        positions.push({
          assortment: this.id(kind, p.assortment[k]!),
          quantity,
          price: p.price[k]!,
          discount: p.discount[k]!,
          vat: p.vat[k]!,
        });
    }
    if (positions.length === 0) return null;
    const orderId = this.id('customerorder', order);
    const json = this.run(this.uidOf(row.owner), 'app', () => {
      const demand = this.host.live.create('demand', {
        customerOrder: orderId,
        store: this.id('store', from),
        state: this.state('demand', 'Отгружено'),
        positions,
      });
      const shipped = this.state('customerorder', 'Отгружен');
      if (shipped) this.host.live.update('customerorder', orderId, { state: shipped });
      return demand;
    });
    return `отгрузка ${json.name} по заказу ${row.number}`;
  }

  private invoice(): string | null {
    const store = this.store;
    const order = this.recent(
      'customerorder',
      (row, i) =>
        isActive(store, 'customerorder', i) &&
        row.invoicedSum === 0 &&
        store.counterparties[row.agent]?.companyType !== 'individual',
    );
    if (order < 0) return null;
    const row = store.documents.customerorder[order]!;
    const json = this.run(this.uidOf(row.owner), 'app', () =>
      this.host.live.create('invoiceout', {
        customerOrder: this.id('customerorder', order),
        state: this.state('invoiceout', 'Выставлен'),
        paymentPlannedMoment: plannedAhead(this.host.live.clockNow(), 5),
      }),
    );
    return `счёт ${json.name} по заказу ${row.number}`;
  }

  private retailSale(): string | null {
    const store = this.store;
    const points = store.retailStores.map((r, i) => (!r.archived ? i : -1)).filter((i) => i >= 0);
    if (points.length === 0) return null;
    const point = this.random.pick(points);
    const shelf = store.retailStores[point]!.store;
    const goods = this.pickGoods(this.random.int(1, 3)).filter(
      (g) =>
        store.ledger.stockAt(store.ledger.cellOf(g.kind === 'product' ? 0 : 1, g.index), shelf) >=
        1,
    );
    if (goods.length === 0) return null;
    const loyal = this.random.chance(0.25) ? this.counterparty('retail') : -1;
    const json = this.run(this.author(), 'retail', () =>
      this.host.live.create('retaildemand', {
        retailStore: this.id('retailstore', point),
        agent: loyal >= 0 ? this.id('counterparty', loyal) : undefined,
        positions: goods.map((g) => ({
          assortment: this.id(g.kind, g.index),
          quantity: 1,
          discount: loyal >= 0 ? 5 : 0,
        })),
      }),
    );
    return `розничная продажа ${json.name}`;
  }

  private salesReturn(): string | null {
    const store = this.store;
    const demand = this.recent(
      'demand',
      (row, i) => isActive(store, 'demand', i) && store.derivedFrom(i, 'salesreturn').length === 0,
    );
    if (demand < 0) return null;
    const row = store.documents.demand[demand]!;
    const p = store.positions;
    const goods: number[] = [];
    for (let k = row.positionStart; k < row.positionStart + row.positionCount; k++)
      if (p.assortmentKind[k] === 0 || p.assortmentKind[k] === 1) goods.push(k);
    if (goods.length === 0) return null;
    const k = this.random.pick(goods);
    const json = this.run(this.uidOf(row.owner), 'app', () =>
      this.host.live.create('salesreturn', {
        demand: this.id('demand', demand),
        state: this.state('salesreturn', 'Принят'),
        description: this.random.pick(['Возврат по браку', 'Не подошёл размер', 'Пересорт']),
        positions: [
          {
            assortment: this.id(p.kindOf(k), p.assortment[k]!),
            quantity: Math.max(1, Math.floor(p.quantity[k]! / 2)),
            price: p.price[k]!,
            discount: p.discount[k]!,
            vat: p.vat[k]!,
          },
        ],
      }),
    );
    return `возврат ${json.name} по отгрузке ${row.number}`;
  }

  private purchaseOrder(): string | null {
    const supplier = this.counterparty('supplier');
    const store = this.warehouse();
    if (supplier < 0 || store < 0) return null;
    const own = this.goods().filter((g) => {
      const product = g.kind === 'product' ? g.index : this.store.variants[g.index]!.product;
      return this.store.products[product]!.supplier === supplier;
    });
    const goods: Good[] = [];
    for (let k = 0; k < 6 && own.length > 0; k++) goods.push(this.random.pick(own));
    const unique = [...new Map(goods.map((g) => [`${g.kind}:${g.index}`, g])).values()];
    const lines = unique.length > 0 ? unique : this.pickGoods(3);
    if (lines.length === 0) return null;
    const json = this.run(this.author(), 'app', () =>
      this.host.live.create('purchaseorder', {
        agent: this.id('counterparty', supplier),
        store: this.id('store', store),
        state: this.state('purchaseorder', 'Отправлен поставщику'),
        deliveryPlannedMoment: plannedAhead(this.host.live.clockNow(), this.random.int(2, 7)),
        positions: lines.map((g) => ({
          assortment: this.id(g.kind, g.index),
          quantity: this.random.int(2, 10) * 5,
        })),
      }),
    );
    return `заказ поставщику ${json.name}`;
  }

  private receive(): string | null {
    const order = this.openOrders('purchaseorder');
    if (order < 0) return null;
    const row = this.store.documents.purchaseorder[order]!;
    const orderId = this.id('purchaseorder', order);
    const json = this.run(this.author(), 'app', () => {
      const supply = this.host.live.create('supply', {
        purchaseOrder: orderId,
        state: this.state('supply', 'Принята'),
        incomingNumber: String(this.random.int(100, 99_999)),
      });
      const received = this.state('purchaseorder', 'Получен');
      if (received) this.host.live.update('purchaseorder', orderId, { state: received });
      return supply;
    });
    return `приёмка ${json.name} по заказу поставщику ${row.number}`;
  }

  private priceChange(): string | null {
    const goods = this.pickGoods(this.random.int(1, 4));
    if (goods.length === 0) return null;
    const store = this.store;
    const factor = 1 + this.random.pick([-0.05, 0.03, 0.05, 0.08, 0.1]);
    this.run(this.author(), 'app', () => {
      for (const g of goods) {
        const row = g.kind === 'product' ? store.products[g.index]! : store.variants[g.index]!;
        const prices = row.prices.map((p) => Math.max(100, Math.round((p * factor) / 100) * 100));
        this.host.live.update(g.kind, this.id(g.kind, g.index), { salePrices: prices });
      }
    });
    return `цены ${goods.length} товаров ×${factor.toFixed(2)}`;
  }

  private newCustomer(): string | null {
    const online = this.random.chance(0.6);
    const p = person(this.faker, this.random);
    const login = `${transliterate(p.firstName)}.${transliterate(p.lastName)}${this.random.int(1, 999)}`;
    const body: Record<string, unknown> = online
      ? {
          name: `${p.lastName} ${p.firstName} ${p.middleName}`,
          companyType: 'individual',
          legalFirstName: p.firstName,
          legalLastName: p.lastName,
          legalMiddleName: p.middleName,
          sex: p.sex,
          email: `${login}@${this.random.pick(['mail.ru', 'yandex.ru', 'gmail.com'])}`,
          phone: mobilePhone(this.random),
          actualAddress: address(this.faker, this.random).full,
          tags: [...COUNTERPARTY_TAGS.online, 'новый'],
        }
      : {
          name: `ИП ${p.lastName} ${p.firstName[0]}. ${p.middleName[0]}.`,
          companyType: 'entrepreneur',
          legalTitle: `Индивидуальный предприниматель ${p.lastName} ${p.firstName} ${p.middleName}`,
          legalFirstName: p.firstName,
          legalLastName: p.lastName,
          legalMiddleName: p.middleName,
          phone: mobilePhone(this.random),
          email: `${transliterate(p.lastName)}@mail.ru`,
          tags: [...COUNTERPARTY_TAGS.wholesale, 'новый'],
        };
    const json = this.run(
      online ? this.uidOf(0) : this.author(),
      online ? 'connectors' : 'app',
      () => this.host.live.create('counterparty', body),
    );
    const index = this.store.counterparties.length - 1;
    this.store.counterparties[index]!.role = online ? 'online' : 'wholesale';
    return `новый покупатель ${json.name}`;
  }

  private customerUpdate(): string | null {
    const agent = this.counterparty(this.random.chance(0.5) ? 'online' : 'wholesale');
    if (agent < 0) return null;
    const row = this.store.counterparties[agent]!;
    const change = this.random.int(0, 2);
    const body =
      change === 0
        ? { phone: mobilePhone(this.random) }
        : change === 1
          ? { tags: [...new Set([...row.tags, this.random.pick(COUNTERPARTY_TAGS.extra)])] }
          : {
              description: this.random.pick([
                'Звонить после 12:00',
                'Предпочитает доставку',
                'Постоянный клиент',
              ]),
            };
    this.run(this.author(), 'app', () =>
      this.host.live.update('counterparty', this.id('counterparty', agent), body),
    );
    return `покупатель ${row.name}: ${Object.keys(body).join(', ')}`;
  }

  private orderState(): string | null {
    const order = this.openOrders('customerorder');
    if (order < 0) return null;
    const row = this.store.documents.customerorder[order]!;
    const current = row.state >= 0 ? this.store.states[row.state]!.name : '';
    // Confirmed, then packed; now and then cancelled (which releases the reserve).
    const next = this.random.chance(0.15)
      ? 'Отменен'
      : current === 'Подтвержден'
        ? 'Собран'
        : 'Подтвержден';
    const state = this.state('customerorder', next);
    if (!state || next === current) return null;
    this.run(this.uidOf(row.owner), 'app', () =>
      this.host.live.update('customerorder', this.id('customerorder', order), { state }),
    );
    return `заказ ${row.number}: ${next.toLowerCase()}`;
  }

  private anyRecent(test: (type: DocumentType, row: DocumentRow, index: number) => boolean) {
    const types = [
      'customerorder',
      'demand',
      'invoiceout',
      'supply',
      'purchaseorder',
      'retaildemand',
    ] as const;
    const type = this.random.pick(types);
    const index = this.recent(type, (row, i) => test(type, row, i));
    return index < 0 ? null : { type, index, row: this.store.documents[type][index]! };
  }

  private post(): string | null {
    const found = this.anyRecent((_t, row) => !row.applicable && row.deleted === 0);
    if (!found) return null;
    this.run(this.uidOf(found.row.owner), 'app', () =>
      this.host.live.update(found.type, this.id(found.type, found.index), { applicable: true }),
    );
    return `${found.type} ${found.row.number} проведён`;
  }

  private unpost(): string | null {
    const found = this.anyRecent(
      (type, row) =>
        row.applicable &&
        row.deleted === 0 &&
        (type === 'demand' || type === 'supply' || type === 'customerorder'),
    );
    if (!found) return null;
    this.run(this.uidOf(found.row.owner), 'app', () =>
      this.host.live.update(found.type, this.id(found.type, found.index), { applicable: false }),
    );
    return `${found.type} ${found.row.number} распроведён`;
  }

  private trash(): string | null {
    const found = this.anyRecent((_t, row) => row.deleted === 0);
    if (!found) return null;
    this.run(this.uidOf(found.row.owner), 'app', () =>
      this.host.live.trash(found.type, this.id(found.type, found.index)),
    );
    return `${found.type} ${found.row.number} в корзине`;
  }

  private restore(): string | null {
    const found = this.anyRecent((_t, row) => row.deleted !== 0);
    if (!found) return null;
    this.run(this.uidOf(found.row.owner), 'app', () =>
      this.host.live.restore(found.type, this.id(found.type, found.index)),
    );
    return `${found.type} ${found.row.number} восстановлен из корзины`;
  }

  private purge(): string | null {
    const found = this.anyRecent((_t, row) => row.deleted !== 0);
    if (!found) return null;
    this.run(this.uidOf(0), 'app', () =>
      this.host.live.delete(found.type, this.id(found.type, found.index)),
    );
    return `${found.type} ${found.row.number} удалён из корзины`;
  }

  private archiveGood(): string | null {
    const store = this.store;
    const archived = this.random.chance(0.3);
    const candidates: number[] = [];
    store.products.forEach((p, i) => {
      if (p.archived === archived && !store.isRemoved('product', i)) candidates.push(i);
    });
    if (candidates.length === 0) return null;
    const product = this.random.pick(candidates);
    this.run(this.author(), 'app', () =>
      this.host.live.archive('product', this.id('product', product), !archived),
    );
    return `товар ${store.products[product]!.name} ${archived ? 'из архива' : 'в архив'}`;
  }

  /**
   * One change to a row of `type` (fault injection between the pages of a listing): an update, a
   * new row, the archive or recycle bin, or a deletion, as the kinds allow and the type supports.
   */
  perturb(type: string, random: Random, kinds: readonly PageChangeKind[]): string | null {
    const store = this.store;
    const document = isDocumentType(type) ? type : null;
    const spec = DICTIONARIES[type];
    if (!document && !spec) return null;
    const rows: readonly unknown[] = document ? store.documents[document] : spec!.rows(store);
    const live: number[] = [];
    for (let i = 0; i < rows.length; i++)
      if (!store.isRemoved(spec?.table ?? document!, i)) live.push(i);
    if (live.length === 0) return null;
    const table: IdTag = document ?? spec!.table;
    const applicable = kinds.filter((k) =>
      k === 'archive' ? !!spec?.fields.archived : k === 'trash' ? !!document : true,
    );
    if (applicable.length === 0) return null;
    const kind = random.pick(applicable);
    const index = random.pick(live);
    const id = store.ids.encode(table, index);
    const live_ = this.host.live;
    const options = { uid: this.uidOf(0), source: 'app' as const };
    try {
      switch (kind) {
        case 'update':
          if (document) live_.update(type, id, { description: random.pick(DESCRIPTIONS) }, options);
          else if (spec!.fields.salePrices) {
            const row = rows[index] as { prices: number[] };
            live_.update(type, id, { salePrices: row.prices.map((p) => p + 100) }, options);
          } else if (spec!.fields.description)
            live_.update(type, id, { description: random.pick(DESCRIPTIONS) }, options);
          else
            live_.update(type, id, { name: `${(rows[index] as { name: string }).name}.` }, options);
          return `${type} ${id}: изменён`;
        case 'create': {
          if (document) {
            const source = rows[index] as DocumentRow;
            const p = store.positions;
            const positions = [];
            for (
              let k = source.positionStart;
              k < source.positionStart + Math.min(source.positionCount, 3);
              k++
            )
              positions.push({
                assortment: store.ids.encode(p.kindOf(k), p.assortment[k]!),
                quantity: p.quantity[k]!,
              });
            const json = live_.create(
              type,
              {
                agent:
                  source.agent >= 0 ? store.ids.encode('counterparty', source.agent) : undefined,
                store: source.store >= 0 ? store.ids.encode('store', source.store) : undefined,
                retailStore:
                  source.retailStore >= 0
                    ? store.ids.encode('retailstore', source.retailStore)
                    : undefined,
                applicable: false,
                description: 'Черновик',
                positions,
              },
              options,
            );
            return `${type} ${String(json.id)}: создан`;
          }
          if (spec!.required.length !== 1) return this.perturb(type, random, ['update']);
          const json = live_.create(
            type,
            { name: `Новый ${type} ${random.int(1, 99_999)}` },
            options,
          );
          return `${type} ${String(json.id)}: создан`;
        }
        case 'archive': {
          const row = rows[index] as { archived: boolean };
          live_.archive(type, id, !row.archived, options);
          return `${type} ${id}: ${row.archived ? 'в архиве' : 'из архива'}`;
        }
        case 'trash': {
          const row = rows[index] as DocumentRow;
          if (row.deleted === 0) live_.trash(type, id, options);
          else live_.restore(type, id, options);
          return `${type} ${id}: корзина`;
        }
        case 'delete':
          live_.delete(type, id, options);
          return `${type} ${id}: удалён`;
      }
    } catch (error) {
      // A row in use cannot be deleted, a document without an agent cannot be copied: edit instead.
      if (error instanceof ChangeError && kind !== 'update')
        return this.perturb(type, random, ['update']);
      throw error;
    }
  }
}
