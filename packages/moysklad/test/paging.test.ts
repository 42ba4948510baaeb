import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMoySkladClient,
  filter,
  MoySkladInvalidRowsError,
  type InvalidRow,
  type MoySkladClientOptions,
} from '../src/index';
import {
  collect,
  ids,
  listPage,
  meta,
  product,
  sendJson,
  startServer,
  type Handler,
  type TestServer,
} from './support/server';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handler: Handler, options: Partial<MoySkladClientOptions> = {}) {
  server = await startServer(handler);
  return {
    server,
    client: createMoySkladClient({
      baseUrl: server.baseUrl,
      credentials: { token: 'token', tokenKind: 'solution' },
      rateLimit: { key: `paging-${randomUUID()}`, units: 1000, windowMs: 100 },
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      ...options,
    }),
  };
}

const catalogue = ids(2500).map((id) => product(id));

const products: Handler = (req, res) => sendJson(res, 200, listPage(req, 'product', catalogue));

describe('listing', () => {
  it('walks every page by offset at 1000 rows, the total taken from meta.size', async () => {
    const { client, server } = await clientFor(products);
    const rows = await collect(client.list('product'));
    expect(rows).toHaveLength(2500);
    expect(rows.map((r) => r.id)).toEqual(catalogue.map((p) => p.id));
    expect(server.requests.map((r) => [r.query.get('limit'), r.query.get('offset')])).toEqual([
      ['1000', '0'],
      ['1000', '1000'],
      ['1000', '2000'],
    ]);
  });

  it('asks for 100 rows a page when expand or fields is used (more would drop them silently)', async () => {
    const { client, server } = await clientFor(products);
    const pages = await collect(client.pages('product', { expand: 'uom', limit: 500 }));
    expect(pages).toHaveLength(25);
    expect(new Set(server.requests.map((r) => r.query.get('limit')))).toEqual(new Set(['100']));
    expect(server.requests[0]!.query.get('expand')).toBe('uom');
    expect(pages[24]).toMatchObject({ offset: 2400, limit: 100, size: 2500 });
  });

  it('passes the query through, starting at the given offset', async () => {
    const { client, server } = await clientFor(products);
    const updatedSince = new Date('2026-11-25T00:00:00Z');
    const rows = await collect(
      client.list('product', {
        filter: filter().archived('any').gte('updated', updatedSince),
        order: [['updated', 'asc'], 'id'],
        offset: 2000,
      }),
    );
    expect(rows).toHaveLength(500);
    expect(Object.fromEntries(server.requests[0]!.query)).toEqual({
      filter: 'archived=true;archived=false;updated>=2026-11-25 03:00:00',
      order: 'updated,asc;id',
      limit: '1000',
      offset: '2000',
    });
  });

  it('keeps pages in order with several in flight', async () => {
    const { client, server } = await clientFor(async (req, res) => {
      // Later pages answer faster, so they complete out of order.
      await new Promise((r) => setTimeout(r, 40 - Number(req.query.get('offset')) / 100));
      products(req, res, undefined as never);
    });
    const pages = await collect(client.pages('product', { limit: 250 }, { concurrency: 4 }));
    expect(pages.map((p) => p.offset)).toEqual([
      0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000, 2250,
    ]);
    expect(server.requests).toHaveLength(10);
  });

  it('follows meta.size as it moves while paging', async () => {
    let size = 1500;
    const { client } = await clientFor((req, res) => {
      const page = listPage(req, 'product', catalogue.slice(0, size));
      size = 2200; // rows added during the listing
      sendJson(res, 200, page);
    });
    expect(await collect(client.list('product'))).toHaveLength(2200);
  });

  it('stops at an empty page even if the size promised more', async () => {
    const { client, server } = await clientFor((req, res) =>
      sendJson(res, 200, {
        ...listPage(req, 'product', []),
        meta: { ...listPage(req, 'product', []).meta, size: 5000 },
      }),
    );
    expect(await collect(client.list('product'))).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('caps audit pages at 100', async () => {
    const { client, server } = await clientFor((req, res) =>
      sendJson(res, 200, listPage(req, 'audit', [])),
    );
    await collect(
      client.list('audit', { filter: filter().gte('moment', new Date('2026-11-24T21:00:00Z')) }),
    );
    expect(server.requests[0]!.path).toBe(
      '/audit?filter=moment%3E%3D2026-11-25+00%3A00%3A00&limit=100&offset=0',
    );
  });
});

describe('rows that fail validation', () => {
  const broken = catalogue
    .slice(0, 1200)
    .map((p, i) =>
      i === 3 ? { ...p, name: 42 } : i === 1100 ? { ...p, updated: '25.11.2026' } : p,
    );
  const brokenProducts: Handler = (req, res) =>
    sendJson(res, 200, listPage(req, 'product', broken));

  it('are reported with their id to the hook while the listing goes on', async () => {
    const { client } = await clientFor(brokenProducts);
    const invalid: InvalidRow[] = [];
    const rows = await collect(
      client.list('product', {}, { onInvalidRow: (r) => invalid.push(r) }),
    );
    expect(rows).toHaveLength(1198);
    expect(
      invalid.map((r) => ({ id: r.id, position: r.position, path: r.issues[0]?.path })),
    ).toEqual([
      { id: broken[3]!.id, position: 3, path: ['name'] },
      { id: broken[1100]!.id, position: 1100, path: ['updated'] },
    ]);
    expect(invalid[0]!.raw).toEqual(broken[3]);
    expect(invalid[0]!.message).toMatch(/name/);
  });

  it('come with each page', async () => {
    const { client } = await clientFor(brokenProducts);
    const pages = await collect(client.pages('product'));
    expect(pages.map((p) => [p.rows.length, p.invalid.map((r) => r.id)])).toEqual([
      [999, [broken[3]!.id]],
      [199, [broken[1100]!.id]],
    ]);
  });

  it('without a hook, fail the listing only after every valid row was delivered', async () => {
    const { client } = await clientFor(brokenProducts);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const row of client.list('product')) seen.push(row.id);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(1198);
    expect(error).toBeInstanceOf(MoySkladInvalidRowsError);
    expect((error as MoySkladInvalidRowsError).rows.map((r) => r.id)).toEqual([
      broken[3]!.id,
      broken[1100]!.id,
    ]);
    expect(String(error)).toContain(broken[3]!.id);
  });

  it('identify report rows, which have no id, by their href', async () => {
    const { client } = await clientFor((req, res) =>
      sendJson(res, 200, {
        ...listPage(req, 'stock', [
          {
            meta: {
              ...meta('product', 'good'),
              href: `${meta('product', 'good').href}?expand=supplier`,
            },
            stock: 1,
            reserve: 0,
            inTransit: 0,
            quantity: 1,
            price: 50260.86956521739,
            name: 'ok',
          },
          {
            meta: {
              ...meta('product', 'bad'),
              href: `${meta('product', 'bad').href}?expand=supplier`,
            },
            stock: 'many',
            name: 'bad',
          },
        ]),
      }),
    );
    const invalid: InvalidRow[] = [];
    const rows = await collect(
      client.list('stockAll', {}, { onInvalidRow: (r) => invalid.push(r) }),
    );
    expect(rows.map((r) => r.price)).toEqual([50260.86956521739]);
    expect(invalid.map((r) => r.id)).toEqual(['bad']);
  });
});

function position(documentId: string, n: number, overrides: Record<string, unknown> = {}) {
  const id = `${documentId}-pos-${n}`;
  return {
    meta: {
      ...meta('demandposition', id),
      href: `https://api.moysklad.ru/api/remap/1.2/entity/demand/${documentId}/positions/${id}`,
    },
    id,
    quantity: 2,
    price: 12500.5,
    discount: 0,
    vat: 20,
    assortment: { meta: meta('product', `p${n}`) },
    stock: { cost: 9000.333, quantity: 10, reserve: 1, intransit: 0, available: 9 },
    ...overrides,
  };
}

function demand(id: string, positions: number, expandedRows: number) {
  return {
    meta: meta('demand', id),
    id,
    name: id,
    moment: '2026-11-25 10:00:00.000',
    updated: '2026-11-25 10:00:01.000',
    applicable: true,
    sum: 25001,
    agent: { meta: meta('counterparty', 'c1') },
    positions: {
      meta: {
        href: `https://api.moysklad.ru/api/remap/1.2/entity/demand/${id}/positions`,
        type: 'demandposition',
        mediaType: 'application/json',
        size: positions,
        limit: 100,
        offset: 0,
      },
      rows: Array.from({ length: Math.min(positions, expandedRows) }, (_, n) => position(id, n)),
    },
  };
}

describe('document positions', () => {
  const allPositions = (documentId: string, count: number) =>
    Array.from({ length: count }, (_, n) => position(documentId, n));

  function documentsServer(
    documents: ReturnType<typeof demand>[],
    positionsOf: Record<string, unknown[]>,
  ): Handler {
    return (req, res) => {
      const match = /^\/entity\/demand\/([^/]+)\/positions$/.exec(req.pathname);
      if (match) sendJson(res, 200, listPage(req, 'demandposition', positionsOf[match[1]!] ?? []));
      else sendJson(res, 200, listPage(req, 'demand', documents));
    };
  }

  it('expands positions with stock, and reads the rest of a long document from its /positions', async () => {
    const docs = [demand('d1', 3, 100), demand('d2', 250, 100), demand('d3', 0, 100)];
    const { client, server } = await clientFor(
      documentsServer(docs, { d2: allPositions('d2', 250) }),
    );
    const rows = await collect(client.documents('demand', {}, { stock: true }));
    expect(rows.map((d) => [d.id, d.positions?.rows?.length])).toEqual([
      ['d1', 3],
      ['d2', 250],
      ['d3', 0],
    ]);
    expect(rows[1]!.positions?.rows?.[249]).toMatchObject({
      id: 'd2-pos-249',
      stock: { cost: 9000.333 },
    });
    expect(server.requests.map((r) => r.path)).toEqual([
      '/entity/demand?expand=positions&fields=stock&limit=100&offset=0',
      '/entity/demand/d2/positions?fields=stock&limit=100&offset=0',
      '/entity/demand/d2/positions?fields=stock&limit=100&offset=100',
      '/entity/demand/d2/positions?fields=stock&limit=100&offset=200',
    ]);
  });

  it('reads the positions of one document at 1000 a page without fields', async () => {
    const { client, server } = await clientFor(
      documentsServer([], { d9: allPositions('d9', 1500) }),
    );
    const positions = await collect(client.positions('demand', 'd9'));
    expect(positions).toHaveLength(1500);
    expect(positions[0]!.assortment.meta.type).toBe('product');
    expect(server.requests.map((r) => r.query.get('limit'))).toEqual(['1000', '1000']);
  });

  it('reports a document whose fetched positions do not validate as invalid, whole', async () => {
    const positions = allPositions('d2', 150);
    positions[120] = position('d2', 120, { quantity: 'two' });
    const { client } = await clientFor(
      documentsServer([demand('d1', 1, 100), demand('d2', 150, 100)], { d2: positions }),
    );
    const invalid: InvalidRow[] = [];
    const rows = await collect(
      client.documents('demand', {}, { onInvalidRow: (r) => invalid.push(r) }),
    );
    expect(rows.map((d) => d.id)).toEqual(['d1']);
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toMatchObject({ id: 'd2', position: 1 });
    expect(invalid[0]!.issues[0]!.path).toEqual(['positions', 'rows', 120, 'quantity']);
    expect(invalid[0]!.message).toContain('d2-pos-120');
  });
});

describe('fetching by ids', () => {
  const uuids = Array.from(
    { length: 400 },
    (_, i) => `${i.toString(16).padStart(8, '0')}-7df6-11e8-7e04-3e5a00000097`,
  );
  const existing = new Set(uuids.filter((_, i) => i % 7 !== 0));

  const byIds: Handler = (req, res) => {
    const wanted = (req.query.get('filter') ?? '')
      .split(';')
      .filter((c) => c.startsWith('id='))
      .map((c) => c.slice(3));
    sendJson(
      res,
      200,
      listPage(
        req,
        'product',
        wanted.filter((id) => existing.has(id)).map((id) => product(id)),
      ),
    );
  };

  it('batches the ids within the URL limit and names the ones that did not come back', async () => {
    const { client, server } = await clientFor(byIds, { maxUrlLength: 2048 });
    const result = await client.getByIds('product', uuids, { filter: filter().archived('any') });
    expect(result.rows.map((r) => r.id).sort()).toEqual([...existing].sort());
    expect(result.missingIds).toEqual(uuids.filter((id) => !existing.has(id)));
    expect(result.invalid).toEqual([]);
    expect(server.requests.length).toBeGreaterThan(5);
    for (const request of server.requests) {
      expect(`${server.baseUrl}${request.path}`.length).toBeLessThanOrEqual(2048);
      expect(request.query.get('filter')).toMatch(/^archived=true;archived=false;id=/);
    }
  });

  it('keeps batches within 100 ids when expanding', async () => {
    const { client, server } = await clientFor(byIds);
    await client.getByIds('product', uuids.slice(0, 150), { expand: 'uom' });
    expect(server.requests.map((r) => r.query.get('filter')!.split(';').length)).toEqual([100, 50]);
  });
});

describe('other reads', () => {
  it('parses the short stock report, lifting the value of the requested stock type', async () => {
    const { client, server } = await clientFor((_req, res) =>
      sendJson(res, 200, [
        { assortmentId: 'a1', storeId: 's1', freeStock: 4 },
        { assortmentId: 'a2', storeId: null, freeStock: -1.5 },
        { assortmentId: 'a3', storeId: 's1', freeStock: null },
        { assortmentId: 'a4', storeId: 's1', freeStock: 'x' },
      ]),
    );
    const result = await client.stockCurrent({
      report: 'bystore',
      stockType: 'freeStock',
      changedSince: new Date('2026-11-25T09:00:00Z'),
      assortmentIds: ['a1', 'a2'],
    });
    expect(result.rows.map((r) => [r.assortmentId, r.storeId, r.value])).toEqual([
      ['a1', 's1', 4],
      ['a2', null, -1.5],
      ['a3', 's1', null],
    ]);
    expect(result.invalid.map((r) => r.position)).toEqual([3]);
    expect(Object.fromEntries(server.requests[0]!.query)).toEqual({
      filter: 'assortmentId=a1,a2',
      stockType: 'freeStock',
      changedSince: '2026-11-25 12:00:00',
    });
    expect(server.requests[0]!.pathname).toBe('/report/stock/bystore/current');
  });

  it('reads price types, document states and the identity behind the credentials', async () => {
    const { client, server } = await clientFor((req, res) => {
      if (req.pathname === '/context/companysettings/pricetype') {
        sendJson(res, 200, [
          { meta: meta('pricetype', 'pt1'), id: 'pt1', name: 'Цена продажи', externalCode: 'x' },
        ]);
      } else if (req.pathname === '/entity/customerorder/metadata') {
        sendJson(res, 200, {
          meta: meta('customerorder', 'metadata'),
          states: [
            {
              meta: meta('state', 'st1'),
              id: 'st1',
              name: 'Новый',
              color: 15106326,
              stateType: 'Regular',
              entityType: 'customerorder',
            },
          ],
        });
      } else {
        sendJson(res, 200, {
          meta: meta('application', 'app1'),
          id: 'app1',
          accountId: 'acc',
          appUid: 'crm.vendor@acc',
        });
      }
    });
    expect((await client.priceTypes()).map((p) => p.name)).toEqual(['Цена продажи']);
    expect((await client.documentStates('customerOrder')).map((s) => s.name)).toEqual(['Новый']);
    expect(await client.identity()).toEqual({
      key: 'solution:app1',
      kind: 'solution',
      id: 'app1',
      accountId: 'acc',
      uid: 'crm.vendor@acc',
    });
    expect(server.requests.at(-1)!.pathname).toBe('/context/application');
  });

  it('fetches what a webhook event points at, parsed by its type', async () => {
    const { client, server } = await clientFor((_req, res) => sendJson(res, 200, product('p7')));
    const row = (await client.getByMeta({
      type: 'product',
      href: `${server.baseUrl}/entity/product/p7`,
    })) as { updated: Date };
    expect(row.updated).toBeInstanceOf(Date);
  });
});
