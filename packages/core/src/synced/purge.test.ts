import { useTestDatabase } from '@crm/db/testing';
import { describe, expect, it } from 'vitest';
import { upsertProducts } from './catalog';
import { upsertCounterparties } from './counterparties';
import { upsertDocuments } from './documents';
import { recordSeenIds } from './full-pass';
import { purgeSyncedData } from './purge';
import { upsertStock } from './stock';
import { saveSyncState } from './sync-state';
import { createIntegration, document, position, product, rowsOf } from './testing/fixtures';

describe('purging an integration', () => {
  const db = useTestDatabase();

  async function fill(integration: string) {
    await upsertCounterparties(db(), integration, [
      {
        externalId: 'c1',
        sourceUpdatedAt: new Date(),
        name: 'ООО «Ромашка»',
        contacts: [{ name: 'Анна' }],
      },
    ]);
    await upsertProducts(db(), integration, [product('p1', { salePrices: [{ value: 100 }] })]);
    await upsertDocuments(db(), integration, [
      document('d1', {
        agentType: 'counterparty',
        agentExternalId: 'c1',
        positions: [position('l1', 'p1')],
      }),
    ]);
    await upsertStock(db(), integration, [
      {
        assortmentType: 'product',
        assortmentExternalId: 'p1',
        storeExternalId: 's1',
        quantity: 1,
        reserve: 0,
        inTransit: 0,
        cost: null,
      },
    ]);
    await recordSeenIds(db(), integration, 'product', ['p1']);
    await saveSyncState(db(), integration, 'product', { watermark: new Date() });
  }

  it('deletes everything synced from one integration and nothing of another', async () => {
    const a = await createIntegration(db(), 'A');
    const b = await createIntegration(db(), 'B');
    await fill(a);
    await fill(b);

    const deleted = await purgeSyncedData(db(), a);
    expect(deleted).toMatchObject({
      document_positions: 1,
      documents: 1,
      stock: 1,
      sale_prices: 1,
      counterparty_contacts: 1,
      products: 1,
      counterparties: 1,
      sync_seen_ids: 1,
      sync_state: 1,
    });
    for (const table of [
      'documents',
      'document_positions',
      'products',
      'sale_prices',
      'counterparties',
      'stock',
    ]) {
      expect(await rowsOf(db(), table, a, 'id')).toEqual([]);
      expect(await rowsOf(db(), table, b, 'id')).toHaveLength(1);
    }
    expect(await db().prisma.integration.count({ where: { id: a } })).toBe(1);
  });

  it('goes with its integration when the integration is deleted', async () => {
    const a = await createIntegration(db());
    await fill(a);
    await db().prisma.integration.delete({ where: { id: a } });
    expect(await rowsOf(db(), 'document_positions', a, 'id')).toEqual([]);
    expect(await rowsOf(db(), 'products', a, 'id')).toEqual([]);
  });
});
