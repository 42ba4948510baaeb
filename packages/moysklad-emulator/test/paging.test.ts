import { describe, expect, it } from 'vitest';
import { call, get, tinyEmulator } from './helpers';

describe('list envelope and paging', () => {
  const emulator = tinyEmulator();

  it('has context, meta with the total size, and rows', async () => {
    const page = await get(emulator, '/entity/counterparty?limit=5&offset=5');
    expect(page.context.employee.meta).toMatchObject({
      type: 'employee',
      mediaType: 'application/json',
    });
    expect(page.context.employee.meta.href).toMatch(
      /^http:\/\/localhost\/api\/remap\/1\.2\/context\/employee$/,
    );
    expect(page.meta).toMatchObject({
      type: 'counterparty',
      mediaType: 'application/json',
      limit: 5,
      offset: 5,
    });
    expect(page.rows).toHaveLength(5);
    const all = await get(emulator, '/entity/counterparty');
    expect(page.meta.size).toBe(all.rows.length);
    expect(all.meta.limit).toBe(1000);
    expect(all.meta.nextHref).toBeUndefined();
    expect(all.meta.previousHref).toBeUndefined();
  });

  it('links neighbouring pages with the same parameters', async () => {
    const first = await get(emulator, '/entity/product?limit=7&order=name');
    expect(first.meta.previousHref).toBeUndefined();
    const next = new URL(first.meta.nextHref);
    expect(next.searchParams.get('offset')).toBe('7');
    expect(next.searchParams.get('limit')).toBe('7');
    expect(next.searchParams.get('order')).toBe('name');
    const second = await get(emulator, next.pathname.replace('/api/remap/1.2', '') + next.search);
    expect(new URL(second.meta.previousHref).searchParams.get('offset')).toBe('0');
    expect(second.rows[0].id).not.toBe(first.rows[0].id);
  });

  it('walks every row exactly once by nextHref', async () => {
    const all = await get(emulator, '/entity/demand');
    const seen: string[] = [];
    let path: string | undefined = '/entity/demand?limit=9';
    while (path) {
      const page: { rows: { id: string }[]; meta: { nextHref?: string } } = await get(
        emulator,
        path,
      );
      seen.push(...page.rows.map((r) => r.id));
      path = page.meta.nextHref
        ? new URL(page.meta.nextHref).pathname.replace('/api/remap/1.2', '') +
          new URL(page.meta.nextHref).search
        : undefined;
    }
    expect(seen).toEqual(all.rows.map((r: { id: string }) => r.id));
  });

  it('an offset past the end gives no rows but the right size', async () => {
    const page = await get(emulator, '/entity/store?offset=500');
    expect(page.rows).toEqual([]);
    expect(page.meta.size).toBeGreaterThan(0);
    expect(page.meta.previousHref).toBeDefined();
  });

  it.each(['0', '1001', '5000', '-1', '10.5', 'abc'])(
    'refuses limit=%s (allowed: 1–1000) with 1084',
    async (limit) => {
      const response = await call(emulator, `/entity/product?limit=${limit}`);
      expect(response.status).toBe(412);
      expect(response.body.errors[0]).toMatchObject({ code: 1084, parameter: 'limit' });
    },
  );

  it('refuses a negative offset', async () => {
    const response = await call(emulator, '/entity/product?offset=-3');
    expect(response.body.errors[0].code).toBe(1084);
  });

  it('answers 404 with 1021 for an unknown id, and 1005 for an unknown type', async () => {
    const missing = await call(emulator, '/entity/product/0f0f0f0f-0f0f-11ef-8f0f-090000999999');
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].code).toBe(1021);
    const product = (await get(emulator, '/entity/product?limit=1')).rows[0];
    const wrongType = await call(emulator, `/entity/service/${product.id}`);
    expect(wrongType.body.errors[0].code).toBe(1021);
    expect((await call(emulator, '/entity/spaceship')).body.errors[0].code).toBe(1005);
  });
});

describe('expand', () => {
  const emulator = tinyEmulator();

  it('replaces references with objects and marks what was expanded', async () => {
    const page = await get(
      emulator,
      '/entity/demand?limit=3&expand=agent,store,positions.assortment',
    );
    const demand = page.rows[0];
    expect(demand.agent.name).toBeDefined();
    expect(demand.store.name).toBeDefined();
    expect(demand.meta.href).toMatch(/\?expand=agent,store,positions,positions\.assortment$/);
    expect(demand.positions.rows.length).toBe(Math.min(demand.positions.meta.size, 100));
    expect(demand.positions.rows[0].assortment.name).toBeDefined();
  });

  it('is silently ignored when the page is larger than 100', async () => {
    const page = await get(emulator, '/entity/demand?limit=101&expand=agent,positions');
    expect(page.rows[0].agent.name).toBeUndefined();
    expect(page.rows[0].agent.meta.href).toBeDefined();
    expect(page.rows[0].positions.rows).toBeUndefined();
  });

  it('goes three levels deep and no further', async () => {
    const sale = (await get(emulator, '/entity/salesreturn?limit=1')).rows[0];
    const deep = await get(
      emulator,
      `/entity/salesreturn/${sale.id}?expand=demand.customerOrder.agent.owner`,
    );
    const agent = deep.demand.customerOrder.agent;
    expect(agent.name).toBeDefined();
    expect(agent.owner.meta).toBeDefined();
    expect(agent.owner.lastName).toBeUndefined();
    expect(deep.demand.meta.href).toMatch(/\?expand=customerOrder,customerOrder\.agent$/);
  });

  it('expands a single document with all its positions, and positions through the sub-resource', async () => {
    const big = (
      await get(emulator, '/entity/supply?filter=description=Ввод начальных остатков&limit=1')
    ).rows[0];
    const single = await get(emulator, `/entity/supply/${big.id}?expand=positions`);
    expect(single.positions.rows).toHaveLength(single.positions.meta.size);
    expect(single.positions.meta.limit).toBe(1000);
  });
});

describe('document positions', () => {
  const emulator = tinyEmulator();

  it('pages positions with their own meta', async () => {
    const supply = (await get(emulator, '/entity/supply?order=sum,desc&limit=1')).rows[0];
    const size = supply.positions.meta.size;
    expect(size).toBeGreaterThan(4);
    const first = await get(emulator, `/entity/supply/${supply.id}/positions?limit=3`);
    expect(first.meta).toMatchObject({ type: 'supplyposition', size, limit: 3, offset: 0 });
    const all = await get(emulator, `/entity/supply/${supply.id}/positions`);
    expect(all.rows).toHaveLength(size);
    const second = await get(emulator, `/entity/supply/${supply.id}/positions?limit=3&offset=3`);
    expect(second.rows.map((r: { id: string }) => r.id)).toEqual(
      all.rows.slice(3, 6).map((r: { id: string }) => r.id),
    );
    const one = await get(emulator, `/entity/supply/${supply.id}/positions/${all.rows[4].id}`);
    expect(one).toEqual(all.rows[4]);
  });

  it('sums the positions into the document total, in whole kopecks', async () => {
    for (const type of ['customerorder', 'demand', 'retaildemand', 'supply']) {
      const doc = (await get(emulator, `/entity/${type}?limit=1&expand=positions&order=sum,desc`))
        .rows[0];
      let sum = 0;
      for (const p of doc.positions.rows) {
        const line = Math.round(p.price * p.quantity * (1 - p.discount / 100));
        sum += doc.vatIncluded || !doc.vatEnabled ? line : line + Math.round((line * p.vat) / 100);
      }
      expect(doc.sum).toBe(sum);
      expect(Number.isInteger(doc.sum)).toBe(true);
      expect(Number.isInteger(doc.vatSum)).toBe(true);
    }
  });

  it('answers for the empty collections it links to', async () => {
    const product = (await get(emulator, '/entity/product?limit=1')).rows[0];
    const images = await get(
      emulator,
      new URL(product.images.meta.href).pathname.replace('/api/remap/1.2', ''),
    );
    expect(images.meta).toMatchObject({ type: 'image', size: 0 });
    expect(images.rows).toEqual([]);
  });

  it('404 for a position of another document', async () => {
    const [a, b] = (await get(emulator, '/entity/demand?limit=2')).rows;
    const position = (await get(emulator, `/entity/demand/${a.id}/positions?limit=1`)).rows[0];
    expect((await call(emulator, `/entity/demand/${b.id}/positions/${position.id}`)).status).toBe(
      404,
    );
  });
});

describe('fields', () => {
  const emulator = tinyEmulator();

  it('fields=stock adds the stock block to positions: cost of goods for a demand', async () => {
    const demand = (await get(emulator, '/entity/demand?limit=1&order=moment,desc')).rows[0];
    const positions = await get(emulator, `/entity/demand/${demand.id}/positions?fields=stock`);
    for (const p of positions.rows) {
      expect(Object.keys(p.stock).sort()).toEqual([
        'available',
        'cost',
        'intransit',
        'quantity',
        'reserve',
      ]);
      expect(p.stock.available).toBeCloseTo(
        p.stock.quantity - p.stock.reserve + p.stock.intransit,
        6,
      );
      if (p.assortment.meta.type !== 'service') expect(p.stock.cost).toBeGreaterThan(0);
    }
    const plain = await get(emulator, `/entity/demand/${demand.id}/positions`);
    expect(plain.rows[0].stock).toBeUndefined();
  });

  it('in lists it needs limit ≤ 100 and is ignored above', async () => {
    const small = await get(
      emulator,
      '/entity/customerorder?limit=100&expand=positions&fields=stock',
    );
    expect(small.rows[0].positions.rows[0].stock).toBeDefined();
    const large = await get(
      emulator,
      '/entity/customerorder?limit=101&expand=positions&fields=stock',
    );
    expect(large.rows[0].positions.rows).toBeUndefined();
  });

  it('takes one value (3042) among those the type supports (3043)', async () => {
    const two = await call(emulator, '/entity/demand?limit=10&fields=stock,declaration');
    expect(two.status).toBe(412);
    expect(two.body.errors[0].code).toBe(3042);
    const wrong = await call(emulator, '/entity/demand?limit=10&fields=volume');
    expect(wrong.body.errors[0].code).toBe(3043);
    const minimum = await get(emulator, '/entity/product?limit=5&fields=minimumStock');
    expect(minimum.rows[0].minimumStock).toMatchObject({ type: 'ALL_WAREHOUSE_SUM' });
  });
});

describe('assortment', () => {
  const emulator = tinyEmulator();
  const beta = { 'X-Lognex-Remap-Beta-Feature': 'assortmentWithoutStock' };

  it('lists every kind of good; the old endpoint adds stock, the new one does not', async () => {
    const legacy = await get(emulator, '/entity/assortment');
    expect(new Set(legacy.rows.map((r: { meta: { type: string } }) => r.meta.type))).toEqual(
      new Set(['product', 'variant', 'service', 'bundle']),
    );
    const product = legacy.rows.find(
      (r: { meta: { type: string }; variantsCount?: number }) =>
        r.meta.type === 'product' && r.variantsCount === 0,
    );
    expect(typeof product.stock).toBe('number');
    expect(product.quantity).toBe(product.stock - product.reserve + product.inTransit);
    const fresh = await get(emulator, '/entity/assortment', beta);
    expect(fresh.rows[0].stock).toBeUndefined();
    expect(fresh.meta.size).toBe(legacy.meta.size);
  });

  it('filters by type and groups by product', async () => {
    const services = await get(emulator, '/entity/assortment?filter=type=service');
    expect(services.rows.every((r: { meta: { type: string } }) => r.meta.type === 'service')).toBe(
      true,
    );
    const products = await get(emulator, '/entity/assortment?groupBy=product');
    expect(products.rows.some((r: { meta: { type: string } }) => r.meta.type === 'variant')).toBe(
      false,
    );
  });

  it('the new endpoint expands only product, images and components (1089 otherwise)', async () => {
    const refused = await call(emulator, '/entity/assortment?limit=10&expand=supplier', {
      headers: beta,
    });
    expect(refused.status).toBe(412);
    expect(refused.body.errors[0].code).toBe(1089);
    const ok = await get(
      emulator,
      '/entity/assortment?limit=100&expand=product&filter=type=variant',
      beta,
    );
    expect(ok.rows[0].product.name).toBeDefined();
  });
});
