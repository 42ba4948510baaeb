import { describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index';
import { formatMsk, parseMsk } from '../src/time/moscow';
import { call, get, getAll, type Json } from './helpers';
import { idOf, liveEmulator, START, stockFromDocuments } from './live-helpers';

const enc = encodeURIComponent;

/** A product sold as itself (no variants) and not archived. */
function plainProduct(emulator: Emulator, skip = 0): string {
  const store = emulator.store;
  const indices = store.products
    .map((p, i) => (p.variantsCount === 0 && !p.archived ? i : -1))
    .filter((i) => i >= 0);
  return store.ids.encode('product', indices[skip]!);
}

function counterpartyId(emulator: Emulator, role = 'wholesale'): string {
  const i = emulator.store.counterparties.findIndex((c) => c.role === role && !c.archived);
  return emulator.store.ids.encode('counterparty', i);
}

function warehouseId(emulator: Emulator): string {
  return emulator.store.ids.encode(
    'store',
    emulator.store.stores.findIndex((s) => !s.retail && !s.archived),
  );
}

async function stockOf(emulator: Emulator, product: string, store: string): Promise<number> {
  const rows = await get(
    emulator,
    `/report/stock/bystore/current?filter=assortmentId=${product};storeId=${store}&include=zeroLines`,
  );
  return rows[0]?.stock ?? 0;
}

describe('a change through the control API', () => {
  it('moves `updated`, shows in lists and in the audit with its diff', async () => {
    const emulator = liveEmulator();
    const id = plainProduct(emulator);
    const before = await get(emulator, `/entity/product/${id}`);
    emulator.clock.advance(60_000);
    const changed = emulator.control.update('product', id, {
      name: 'Чайник электрический «Самовар» 1,7 л',
      salePrices: [{ value: 199_900, priceType: { name: emulator.store.priceTypes[0]!.name } }],
    });
    expect(changed.name).toBe('Чайник электрический «Самовар» 1,7 л');
    const after = await get(emulator, `/entity/product/${id}`);
    expect(after.updated).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    expect(parseMsk(after.updated)!).toBeGreaterThan(parseMsk(before.updated)!);
    expect(after.updated).toBe(formatMsk(emulator.clock.now()));
    expect(after.salePrices[0].value).toBe(199_900);

    // An incremental pull by `updated>=` finds it, and only it among products.
    const since = formatMsk(parseMsk(START)!);
    const pulled = await get(emulator, `/entity/product?filter=${enc(`updated>=${since}`)}`);
    expect(pulled.rows.map((r: Json) => r.id)).toEqual([id]);

    const audit = await get(emulator, '/audit');
    expect(audit.meta).toMatchObject({ size: 1, limit: 25, offset: 0, type: 'audit' });
    const context = audit.rows[0];
    expect(context).toMatchObject({
      uid: emulator.store.employees[0]!.uid,
      source: 'app',
      moment: after.updated,
      objectCount: 1,
      eventType: 'update',
      entityType: 'product',
      meta: { type: 'audit' },
    });
    expect(context.events.meta.size).toBe(1);
    const events = await get(
      emulator,
      context.events.meta.href.replace(/^.*\/api\/remap\/1\.2/, ''),
    );
    expect(events.meta.type).toBe('auditevent');
    const event = events.rows[0];
    expect(event).toMatchObject({
      eventType: 'update',
      entityType: 'product',
      source: 'app',
      name: 'Чайник электрический «Самовар» 1,7 л',
      moment: after.updated,
      entity: { meta: { type: 'product', href: after.meta.href } },
      audit: { meta: { href: context.meta.href, type: 'audit' } },
    });
    expect(event.diff.name).toEqual({ oldValue: before.name, newValue: after.name });
    expect(event.diff.salePrices.newValue[0].value).toBe(199_900);
    expect(Object.keys(event.diff).sort()).toEqual(['name', 'salePrices']);
    // The entity's own audit feed.
    const own = await get(emulator, `/entity/product/${id}/audit`);
    expect(own.rows).toEqual(events.rows);
  });

  it('a customer order reserves, its demand takes stock, sums follow the positions', async () => {
    const emulator = liveEmulator();
    const product = plainProduct(emulator);
    const store = warehouseId(emulator);
    const onHand = await stockOf(emulator, product, store);
    const reserve = async () =>
      (
        (await get(
          emulator,
          `/report/stock/bystore/current?stockType=reserve&filter=assortmentId=${product};storeId=${store}&include=zeroLines`,
        )) as Json[]
      )[0]?.reserve ?? 0;
    const reservedBefore = await reserve();

    emulator.clock.advance(1000);
    const order = emulator.control.create('customerorder', {
      agent: {
        meta: {
          href: `https://api.moysklad.ru/api/remap/1.2/entity/counterparty/${counterpartyId(emulator)}`,
        },
      },
      store,
      positions: [{ assortment: product, quantity: 2, price: 150_000, discount: 10 }],
      vatEnabled: true,
      vatIncluded: true,
    });
    expect(order.sum).toBe(270_000);
    expect(order.applicable).toBe(true);
    expect(order.moment).toBe(`${START}:00.000`);
    expect(await reserve()).toBe(reservedBefore + 2);
    const positions = await get(emulator, `/entity/customerorder/${order.id}/positions`);
    expect(positions.rows[0]).toMatchObject({
      quantity: 2,
      price: 150_000,
      discount: 10,
      reserve: 2,
    });

    // Changing the positions recomputes the sum.
    emulator.control.update('customerorder', order.id as string, {
      positions: [{ id: positions.rows[0].id, quantity: 3 }],
    });
    const recomputed = await get(emulator, `/entity/customerorder/${order.id}`);
    expect(recomputed.sum).toBe(405_000);
    // The position kept its id.
    expect((await get(emulator, `/entity/customerorder/${order.id}/positions`)).rows[0].id).toBe(
      positions.rows[0].id,
    );

    // A demand made from the order copies its positions and ships them.
    emulator.clock.advance(60_000);
    const demand = emulator.control.create('demand', { customerOrder: order.id });
    expect(demand.sum).toBe(405_000);
    expect(idOf((demand.customerOrder as Json).meta.href)).toBe(order.id);
    expect(await stockOf(emulator, product, store)).toBe(onHand - 3);
    expect(await reserve()).toBe(reservedBefore);
    const shippedOrder = await get(emulator, `/entity/customerorder/${order.id}`);
    expect(shippedOrder.shippedSum).toBe(405_000);
    expect(shippedOrder.reservedSum).toBe(0);
    expect(shippedOrder.demands.map((d: Json) => idOf(d.meta.href))).toEqual([demand.id]);
    expect(parseMsk(shippedOrder.updated)!).toBeGreaterThan(parseMsk(recomputed.updated)!);

    // The stock report's changedSince sees both goods movements.
    const changed = await get(emulator, `/report/stock/all/current?changedSince=${enc(START)}`);
    expect(changed.map((r: Json) => r.assortmentId)).toContain(product);
    // At most 24 hours back from the emulator's clock, never ahead of it.
    const tooOld = formatMsk(emulator.clock.now() - 25 * 3600_000).slice(0, 19);
    const refused = await call(emulator, `/report/stock/all/current?changedSince=${enc(tooOld)}`);
    expect(refused.status).toBe(412);
    expect(refused.body.errors[0].code).toBe(1084);
    const ahead = formatMsk(emulator.clock.now() + 60_000).slice(0, 19);
    expect(
      (await call(emulator, `/report/stock/all/current?changedSince=${enc(ahead)}`)).status,
    ).toBe(412);

    // Unposting the demand puts the goods back and the order reserves again.
    emulator.control.update('demand', demand.id as string, { applicable: false });
    expect(await stockOf(emulator, product, store)).toBe(onHand);
    expect(await reserve()).toBe(reservedBefore + 3);
    emulator.control.update('demand', demand.id as string, { applicable: true });
    expect(await stockOf(emulator, product, store)).toBe(onHand - 3);

    // The reports still agree with the documents.
    const expected = await stockFromDocuments(emulator);
    const report = await get(emulator, '/report/stock/bystore?filter=stockMode=all');
    for (const row of report.rows)
      for (const s of row.stockByStore)
        expect(s.stock).toBeCloseTo(
          expected.get(`${idOf(row.meta.href)}@${idOf(s.meta.href)}`) ?? 0,
          6,
        );
  });

  it('the recycle bin hides a document from default lists; restore brings it back', async () => {
    const emulator = liveEmulator();
    const supplies = await getAll(emulator, '/entity/supply');
    const target = supplies[supplies.length - 1];
    const product = idOf(
      (await get(emulator, `/entity/supply/${target.id}/positions?limit=1`)).rows[0].assortment.meta
        .href,
    );
    const store = idOf(target.store.meta.href);
    const onHand = await stockOf(emulator, product, store);

    emulator.control.trash('supply', target.id);
    const visible = await getAll(emulator, '/entity/supply');
    expect(visible.map((r) => r.id)).not.toContain(target.id);
    const trashed = await get(emulator, `/entity/supply?filter=isDeleted=true`);
    const row = trashed.rows.find((r: Json) => r.id === target.id);
    expect(row.deleted).toBe(formatMsk(emulator.clock.now()));
    expect(row.updated).toBe(row.deleted);
    // A single GET still answers, with `deleted`; the goods it brought are gone from stock.
    expect((await get(emulator, `/entity/supply/${target.id}`)).deleted).toBeDefined();
    expect(await stockOf(emulator, product, store)).toBeLessThan(onHand);

    emulator.control.restore('supply', target.id);
    expect((await get(emulator, `/entity/supply/${target.id}`)).deleted).toBeUndefined();
    expect(await stockOf(emulator, product, store)).toBe(onHand);

    // Each is one context: the supply's event, plus the purchase order it fulfilled (its
    // received sum changed), so the context names no single event type.
    const audit = await get(emulator, `/audit?filter=${enc('entityType=supply')}`);
    expect(audit.meta.size).toBe(2);
    const own = await get(emulator, `/entity/supply/${target.id}/audit`);
    expect(own.rows.map((r: Json) => r.eventType)).toEqual([
      'restorefromrecyclebin',
      'puttorecyclebin',
    ]);
    expect(own.rows[1].diff.deleted).toEqual({ oldValue: null, newValue: row.deleted });
    expect(
      (await get(emulator, `/audit?filter=${enc('eventType=puttorecyclebin')}`)).rows[0].id,
    ).toBe(audit.rows[1].id);
  });

  it('a hard delete vanishes (404/1021) and shows in the audit as eventType=delete', async () => {
    const emulator = liveEmulator();
    const orders = await getAll(emulator, '/entity/customerorder');
    const target = orders[orders.length - 1];
    emulator.clock.advance(5000);
    emulator.control.delete('customerorder', target.id);
    const gone = await call(emulator, `/entity/customerorder/${target.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0].code).toBe(1021);
    const all = await getAll(
      emulator,
      '/entity/customerorder?filter=isDeleted=true;isDeleted=false',
    );
    expect(all.map((r) => r.id)).not.toContain(target.id);

    const since = formatMsk(parseMsk(START)!);
    const deletions = await get(
      emulator,
      `/audit?filter=${enc(`moment>=${since};eventType=delete;entityType=customerorder`)}`,
    );
    expect(deletions.meta.size).toBe(1);
    expect(deletions.rows[0]).toMatchObject({ eventType: 'delete', entityType: 'customerorder' });
    const events = await get(emulator, `/audit/${deletions.rows[0].id}/events`);
    expect(events.rows[0]).toMatchObject({
      eventType: 'delete',
      name: target.name,
      entity: { meta: { href: target.meta.href, type: 'customerorder' } },
    });
    expect(events.rows[0].diff.name).toEqual({ oldValue: target.name });
    // The deleted entity's audit stays readable.
    expect((await get(emulator, `/entity/customerorder/${target.id}/audit`)).meta.size).toBe(1);
  });

  it('refuses to delete what documents use; archives dictionaries', async () => {
    const emulator = liveEmulator();
    const agent = counterpartyId(emulator);
    expect(() => emulator.control.delete('counterparty', agent)).toThrow(/Нельзя удалить/);
    emulator.control.archive('counterparty', agent);
    expect((await getAll(emulator, '/entity/counterparty')).map((r) => r.id)).not.toContain(agent);
    expect(
      (await getAll(emulator, '/entity/counterparty?filter=archived=true')).map((r) => r.id),
    ).toContain(agent);
    const context = (await get(emulator, '/audit')).rows[0];
    expect(context.eventType).toBe('puttoarchive');

    const fresh = emulator.control.create('counterparty', {
      name: 'ООО «Ромашка»',
      inn: '7707083893',
      tags: ['новый'],
    });
    expect(fresh).toMatchObject({
      name: 'ООО «Ромашка»',
      legalTitle: 'ООО «Ромашка»',
      tags: ['новый'],
    });
    emulator.control.delete('counterparty', fresh.id as string);
    expect((await call(emulator, `/entity/counterparty/${fresh.id}`)).status).toBe(404);
  });

  it('a batch is one context; mixed event types leave eventType out; a failure changes nothing', async () => {
    const emulator = liveEmulator();
    const a = plainProduct(emulator, 0);
    const b = plainProduct(emulator, 1);
    emulator.control.batch(() => {
      emulator.control.update('product', a, { description: 'Хит продаж' });
      emulator.control.update('product', b, { description: 'Хит продаж' });
    });
    emulator.control.batch(() => {
      emulator.control.update('product', a, { article: 'A-1' });
      emulator.control.create('counterparty', { name: 'ИП Петров П. П.' });
    });
    const audit = await get(emulator, '/audit');
    expect(audit.rows[1]).toMatchObject({
      objectCount: 2,
      eventType: 'update',
      entityType: 'product',
    });
    expect(audit.rows[0].objectCount).toBe(2);
    expect(audit.rows[0].eventType).toBeUndefined();
    expect(audit.rows[0].entityType).toBeUndefined();

    const counterparties = emulator.store.counterparties.length;
    const name = (await get(emulator, `/entity/product/${a}`)).name;
    expect(() =>
      emulator.control.batch(() => {
        emulator.control.update('product', a, { name: 'Переименован' });
        emulator.control.create('counterparty', { name: 'Будет отменён' });
        emulator.control.update('product', b, { weight: 'тяжёлый' });
      }),
    ).toThrow(/weight/);
    expect((await get(emulator, `/entity/product/${a}`)).name).toBe(name);
    expect(emulator.store.counterparties.length).toBe(counterparties);
    expect((await get(emulator, '/audit')).meta.size).toBe(2);
  });

  it('audit filters: moment (>= and <= only), eventType, entityType, source, uid; limit up to 100', async () => {
    const emulator = liveEmulator();
    const id = plainProduct(emulator);
    emulator.control.update('product', id, { description: 'раз' });
    emulator.clock.advance(10_000);
    const middle = formatMsk(emulator.clock.now());
    emulator.control.update('product', id, { description: 'два' }, { source: 'jsonapi' });
    emulator.clock.advance(10_000);
    const cashier = emulator.store.employees[1]!.uid;
    emulator.control.create(
      'counterparty',
      { name: 'Сидоров С. С.' },
      { uid: cashier, source: 'retail' },
    );
    const size = async (filter: string) =>
      (await get(emulator, `/audit?filter=${enc(filter)}`)).meta.size as number;
    expect(await size(`moment>=${middle}`)).toBe(2);
    expect(await size(`moment<=${middle}`)).toBe(2);
    expect(await size(`moment>=${middle};moment<=${middle}`)).toBe(1);
    expect(await size('eventType=create')).toBe(1);
    expect(await size('eventType=create;eventType=update')).toBe(3);
    expect(await size('entityType=product')).toBe(2);
    expect(await size('source=jsonapi')).toBe(1);
    expect(await size(`uid=${cashier}`)).toBe(1);
    expect(
      await size(
        `employee=https://api.moysklad.ru/api/remap/1.2/entity/employee/${emulator.store.ids.encode('employee', 1)}`,
      ),
    ).toBe(1);
    const bad = await call(emulator, `/audit?filter=${enc(`moment>${middle}`)}`);
    expect(bad.status).toBe(412);
    expect(bad.body.errors[0].code).toBe(1034);
    expect((await call(emulator, '/audit?filter=eventType=created')).body.errors[0].code).toBe(
      1041,
    );
    expect((await call(emulator, '/audit?limit=101')).body.errors[0].code).toBe(1084);
    expect((await get(emulator, '/audit?limit=100')).meta.limit).toBe(100);
    const filters = await get(emulator, '/audit/metadata/filters');
    expect(filters.eventtype).toEqual(expect.arrayContaining(['puttorecyclebin', 'delete']));
    expect((await call(emulator, '/audit/not-an-id/events')).status).toBe(404);
  });

  it('creates, changes and deletes every entity of the canonical list', async () => {
    const emulator = liveEmulator();
    const c = emulator.control;
    const created = (type: string, body: Record<string, unknown>) => {
      const json = c.create(type, body);
      expect(json.id, type).toMatch(/^[0-9a-f-]{36}$/);
      return json.id as string;
    };
    const organization = created('organization', {
      name: 'ООО «Второе юрлицо»',
      inn: '7701234567',
    });
    const employee = created('employee', {
      lastName: 'Кузнецова',
      firstName: 'Анна',
      middleName: 'Петровна',
    });
    const currency = created('currency', {
      name: 'юань',
      fullName: 'Китайский юань',
      isoCode: 'CNY',
      code: '156',
    });
    const priceType = created('pricetype', { name: 'Маркетплейс' });
    const uom = created('uom', { name: 'коробка', code: '6541' });
    const warehouse = created('store', {
      name: 'Склад №2',
      address: 'г. Тверь, ул. Советская, д. 1',
    });
    const folder = created('productfolder', { name: 'Новинки' });
    const sub = created('productfolder', { name: 'Осень', productFolder: folder });
    const product = created('product', {
      name: 'Плед флисовый',
      productFolder: sub,
      uom,
      article: 'PL-01',
      salePrices: [150_000],
      buyPrice: { value: 70_000 },
    });
    const variant = created('variant', {
      product,
      characteristics: [{ name: 'Цвет', value: 'Терракотовый' }],
    });
    const service = created('service', { name: 'Подарочная упаковка', salePrices: [20_000] });
    const bundle = created('bundle', {
      name: 'Два пледа',
      components: [{ assortment: variant, quantity: 2 }],
      salePrices: [280_000],
    });
    const counterparty = created('counterparty', {
      name: 'ИП Белова Е. А.',
      companyType: 'entrepreneur',
    });
    const channel = created('saleschannel', { name: 'Маркетплейс', type: 'MARKETPLACE' });
    const project = created('project', { name: 'Осенняя коллекция' });
    const state = created('state', {
      name: 'На согласовании',
      entityType: 'customerorder',
      color: 1,
    });

    expect((await get(emulator, `/entity/productfolder/${sub}`)).pathName).toBe('Новинки');
    expect((await get(emulator, `/entity/product/${product}`)).pathName).toBe('Новинки/Осень');
    expect((await get(emulator, `/entity/product/${product}`)).variantsCount).toBe(1);
    expect((await get(emulator, `/entity/variant/${variant}`)).name).toBe(
      'Плед флисовый (Терракотовый)',
    );
    expect((await get(emulator, `/entity/variant/${variant}`)).salePrices[0].value).toBe(150_000);
    const assortment = await getAll(emulator, '/entity/assortment');
    expect(assortment.map((r) => r.id)).toEqual(
      expect.arrayContaining([product, variant, service, bundle]),
    );
    expect(
      (await get(emulator, '/context/companysettings/pricetype')).map((p: Json) => p.id),
    ).toContain(priceType);

    // Goods arrive at the new store and leave it again.
    const supply = c.create('supply', {
      agent: counterparty,
      organization,
      store: warehouse,
      positions: [{ assortment: variant, quantity: 10, price: 70_000 }],
    });
    expect(await stockOf(emulator, variant, warehouse)).toBe(10);
    const documents: [string, Record<string, unknown>][] = [
      [
        'customerorder',
        {
          agent: counterparty,
          store: warehouse,
          state,
          project,
          salesChannel: channel,
          positions: [{ assortment: bundle }, { assortment: service }],
        },
      ],
      [
        'demand',
        { agent: counterparty, store: warehouse, positions: [{ assortment: bundle, quantity: 1 }] },
      ],
      ['invoiceout', { agent: counterparty, positions: [{ assortment: variant, quantity: 1 }] }],
      [
        'salesreturn',
        {
          agent: counterparty,
          store: warehouse,
          positions: [{ assortment: variant, quantity: 1 }],
        },
      ],
      ['retaildemand', { positions: [{ assortment: service }] }],
      ['retailsalesreturn', { positions: [{ assortment: service }] }],
      [
        'purchaseorder',
        {
          agent: counterparty,
          store: warehouse,
          positions: [{ assortment: variant, quantity: 5 }],
        },
      ],
      [
        'purchasereturn',
        {
          agent: counterparty,
          store: warehouse,
          positions: [{ assortment: variant, quantity: 2 }],
        },
      ],
    ];
    const ids = new Map<string, string>();
    for (const [type, body] of documents) ids.set(type, created(type, body));
    // 10 received, 2 in the bundle shipped, 1 returned by the buyer, 2 back to the supplier.
    expect(await stockOf(emulator, variant, warehouse)).toBe(7);
    expect((await get(emulator, `/entity/customerorder/${ids.get('customerorder')}`)).sum).toBe(
      300_000,
    );

    for (const [type, id] of ids) {
      c.update(type, id, { description: 'Проверка' });
      c.trash(type, id);
      c.restore(type, id);
      c.delete(type, id);
      expect((await call(emulator, `/entity/${type}/${id}`)).status, type).toBe(404);
    }
    expect(await stockOf(emulator, variant, warehouse)).toBe(10);
    expect(() => c.delete('variant', variant)).toThrow(/supply/);
    c.delete('supply', supply.id as string);
    expect(() => c.delete('pricetype', priceType)).toThrow();
    for (const [type, id] of [
      ['bundle', bundle],
      ['variant', variant],
      ['product', product],
      ['service', service],
      ['productfolder', sub],
      ['productfolder', folder],
      ['uom', uom],
      ['store', warehouse],
      ['counterparty', counterparty],
      ['saleschannel', channel],
      ['project', project],
      ['state', state],
      ['currency', currency],
      ['employee', employee],
      ['organization', organization],
    ] as const) {
      if (type !== 'state' && type !== 'uom' && type !== 'currency' && type !== 'employee') {
        c.archive(type, id);
        c.archive(type, id, false);
      }
      c.delete(type, id);
      expect(() => c.get(type, id), type).toThrow(/не найден/);
    }
    expect((await call(emulator, `/entity/variant/${variant}`)).status).toBe(404);
    expect((await get(emulator, '/report/stock/bystore')).rows.length).toBeGreaterThan(0);
  });

  it('is driven over HTTP under /__control, and reset brings the dataset back', async () => {
    const emulator = liveEmulator();
    const server = await emulator.listen(0);
    const control = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.url}/__control${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Json };
    };
    try {
      const id = plainProduct(emulator);
      const updated = await control('PUT', `/entity/product/${id}?source=import`, {
        name: 'Импортирован',
      });
      expect(updated.status).toBe(200);
      expect(updated.body.meta.href).toBe(`${server.url}/api/remap/1.2/entity/product/${id}`);
      expect((await control('POST', '/entity/unknown', {})).status).toBe(400);
      expect((await control('PUT', `/entity/product/${id}`, { weight: 'x' })).status).toBe(400);
      const created = await control('POST', '/entity/project', { name: 'Открытие магазина' });
      expect(created.body.name).toBe('Открытие магазина');
      expect(
        (await control('POST', `/entity/project/${created.body.id}/archive`)).body.archived,
      ).toBe(true);
      const batch = await control('POST', '/batch', [
        { op: 'unarchive', type: 'project', id: created.body.id },
        { op: 'delete', type: 'project', id: created.body.id },
      ]);
      expect(batch.status).toBe(200);
      expect((await control('GET', `/entity/project/${created.body.id}`)).status).toBe(404);
      const clock = await control('POST', '/clock', { advanceMs: 3_600_000 });
      expect(clock.body.moscow).toMatch(/^2026-11-02 11:00:00\.\d{3}$/);
      const stats = await control('GET', '/stats');
      expect(stats.body.audit.contexts).toBe(4);

      expect((await control('POST', '/reset')).status).toBe(200);
      const restored = await control('GET', `/entity/product/${id}`);
      expect(restored.body.name).not.toBe('Импортирован');
      expect((await control('GET', '/stats')).body.audit.contexts).toBe(0);
      expect((await control('POST', '/dataset', { dataset: 'tiny', seed: 8 })).body.seed).toBe(8);
      expect(emulator.store.seed).toBe(8);
    } finally {
      await emulator.close();
    }
  });
});
