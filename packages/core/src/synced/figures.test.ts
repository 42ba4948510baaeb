import { useTestDatabase } from '@crm/db/testing';
import { describe, expect, it } from 'vitest';
import { upsertProducts } from './catalog';
import { markDeleted } from './deletion';
import { upsertDocuments } from './documents';
import { syncedFigures } from './figures';
import { beginFullPass, endFullPass } from './full-pass';
import { upsertStock } from './stock';
import { saveSyncState } from './sync-state';
import { at, createIntegration, document, product } from './testing/fixtures';

describe('synced figures of an integration', () => {
  const db = useTestDatabase();

  it('counts rows held and deleted per entity, documents by type, and joins the sync state', async () => {
    const integration = await createIntegration(db());
    const other = await createIntegration(db());
    expect(await syncedFigures(db(), integration)).toEqual([]);

    await upsertProducts(db(), integration, [product('p1'), product('p2'), product('p3')]);
    await markDeleted(db(), integration, 'product', ['p3']);
    await upsertProducts(db(), other, [product('p1')]);
    await upsertDocuments(db(), integration, [
      document('d1'),
      document('d2'),
      document('o1', { type: 'customer_order' }),
    ]);
    await upsertStock(
      db(),
      integration,
      [
        {
          assortmentType: 'product',
          assortmentExternalId: 'p1',
          storeExternalId: 's1',
          quantity: 4,
        },
      ],
      { fields: ['quantity'] },
    );
    await beginFullPass(db(), integration, 'product');
    await endFullPass(db(), integration, 'product');
    await saveSyncState(db(), integration, 'product', {
      watermark: at('2026-03-01T09:00:00.000Z'),
    });
    await saveSyncState(db(), integration, 'demand', {
      lastIncrementalSyncAt: at('2026-03-02T10:00:00.000Z'),
    });

    const figures = await syncedFigures(db(), integration);
    expect(figures.map((f) => [f.entity, f.rows, f.deleted])).toEqual([
      ['product', 2, 1],
      ['customer_order', 1, 0],
      ['demand', 2, 0],
      ['stock', 1, 0],
    ]);
    expect(figures[0]).toMatchObject({
      lastFullSyncAt: expect.any(Date),
      lastIncrementalSyncAt: null,
      watermark: at('2026-03-01T09:00:00.000Z'),
    });
    expect(figures[2]).toMatchObject({
      lastFullSyncAt: null,
      lastIncrementalSyncAt: at('2026-03-02T10:00:00.000Z'),
    });
  });
});
