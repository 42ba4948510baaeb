import { useTestDatabase } from '@crm/db/testing';
import { describe, expect, it } from 'vitest';
import { upsertProducts } from './catalog';
import { upsertStores } from './dictionaries';
import { finishStockPass, upsertStock, type StockRow } from './stock';
import { beginFullPass } from './full-pass';
import { getSyncState } from './sync-state';
import { createIntegration, product, rowsOf } from './testing/fixtures';

const row = (
  assortment: string,
  store: string,
  quantity: number,
  fields: Partial<StockRow> = {},
): StockRow => ({
  assortmentType: 'product',
  assortmentExternalId: assortment,
  storeExternalId: store,
  quantity,
  reserve: 0,
  inTransit: 0,
  cost: null,
  ...fields,
});

type Stored = {
  assortment_external_id: string;
  store_external_id: string;
  quantity: string;
  reserve: string;
  product_id: string | null;
  store_id: string | null;
};

describe('stock by store', () => {
  const db = useTestDatabase();
  const stockOf = (integration: string) =>
    rowsOf<Stored>(db(), 'stock', integration, 'assortment_external_id, store_external_id');

  it('upserts pairs, resolving product and store, and reports unchanged pairs as such', async () => {
    const integration = await createIntegration(db());
    await upsertProducts(db(), integration, [product('p1')]);
    await upsertStores(db(), integration, [
      { externalId: 's1', sourceUpdatedAt: new Date(), name: 'Основной склад' },
    ]);

    expect(await upsertStock(db(), integration, [row('p1', 's1', 10), row('p2', 's1', 1)])).toEqual(
      { created: 2, updated: 0, unchanged: 0 },
    );
    expect(await upsertStock(db(), integration, [row('p1', 's1', 10), row('p2', 's1', 1)])).toEqual(
      { created: 0, updated: 0, unchanged: 2 },
    );
    expect(await upsertStock(db(), integration, [row('p1', 's1', 7), row('p2', 's1', 1)])).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
    });

    const [p1, p2] = await stockOf(integration);
    expect(p1).toMatchObject({
      quantity: '7.000',
      product_id: expect.any(String),
      store_id: expect.any(String),
    });
    expect(p2).toMatchObject({ product_id: null });
  });

  it('applies a change feed of one kind of value without touching the others', async () => {
    const integration = await createIntegration(db());
    await upsertStock(db(), integration, [row('p1', 's1', 10, { reserve: 2, cost: '120.5' })]);

    await upsertStock(
      db(),
      integration,
      [
        {
          assortmentType: 'product',
          assortmentExternalId: 'p1',
          storeExternalId: 's1',
          reserve: 5,
        },
      ],
      {
        fields: ['reserve'],
      },
    );
    expect((await stockOf(integration))[0]).toMatchObject({
      quantity: '10.000',
      reserve: '5.000',
      cost: '120.5000',
    });

    // A pair first seen in such a feed starts from zero for the values it does not carry.
    await upsertStock(
      db(),
      integration,
      [
        {
          assortmentType: 'variant',
          assortmentExternalId: 'v9',
          storeExternalId: 's1',
          reserve: 1,
        },
      ],
      {
        fields: ['reserve'],
      },
    );
    expect((await stockOf(integration))[1]).toMatchObject({
      assortment_external_id: 'v9',
      quantity: '0.000',
      reserve: '1.000',
      cost: null,
    });

    await expect(
      upsertStock(
        db(),
        integration,
        [{ assortmentType: 'product', assortmentExternalId: 'p1', storeExternalId: 's1' }],
        { fields: ['quantity'] },
      ),
    ).rejects.toThrow('stock row p1/s1 lacks quantity');
  });

  it('ends a full pass by deleting the pairs it did not report, except those a change feed wrote meanwhile, in one integration', async () => {
    const a = await createIntegration(db(), 'A');
    const b = await createIntegration(db(), 'B');
    for (const integration of [a, b]) {
      await upsertStock(db(), integration, [
        row('p1', 's1', 1),
        row('p2', 's1', 2),
        row('p3', 's1', 3),
      ]);
    }
    await beginFullPass(db(), a, 'stock');
    await upsertStock(db(), a, [row('p1', 's1', 1)], { fullPass: true });
    // During the pass a change feed reports p3 (already passed over by the listing).
    await upsertStock(db(), a, [row('p3', 's1', 4)], { fields: ['quantity'] });

    expect(await finishStockPass(db(), a)).toBe(1);
    expect((await stockOf(a)).map((r) => r.assortment_external_id)).toEqual(['p1', 'p3']);
    expect(await stockOf(b)).toHaveLength(3);
    const { rows } = await db().pool.query(
      `SELECT count(*)::int AS n FROM sync_seen_ids WHERE integration_id = $1`,
      [a],
    );
    expect(rows[0].n).toBe(0);
    expect(await getSyncState(db(), a, 'stock')).toMatchObject({
      fullPassStartedAt: null,
      lastFullSyncAt: expect.any(Date),
    });
    await expect(finishStockPass(db(), a)).rejects.toThrow('no full stock pass is running');
  });
});
