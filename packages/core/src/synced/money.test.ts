import { useTestDatabase } from '@crm/db/testing';
import { describe, expect, it } from 'vitest';
import { upsertProducts } from './catalog';
import { upsertDocuments } from './documents';
import { upsertStock } from './stock';
import { createIntegration, document, position, product, rowsOf } from './testing/fixtures';

/**
 * Money is kopecks in NUMERIC(20,4), quantities NUMERIC(18,3). The value reaches PostgreSQL as the
 * decimal text the source sent (a JS number prints as the shortest text that round-trips, i.e. what
 * the JSON said) and is rounded once, to the column's scale, half away from zero.
 */
describe('money and quantities', () => {
  const db = useTestDatabase();

  it('keeps a fractional cost to the fourth decimal of a kopeck, rounded half away from zero', async () => {
    const integration = await createIntegration(db());
    await upsertProducts(db(), integration, [product('p1')]);
    await upsertStock(db(), integration, [
      {
        assortmentType: 'product',
        assortmentExternalId: 'p1',
        storeExternalId: 's1',
        quantity: 3,
        reserve: 0,
        inTransit: 0,
        cost: 50260.86956521739,
      },
      {
        assortmentType: 'product',
        assortmentExternalId: 'p1',
        storeExternalId: 's2',
        quantity: 1,
        reserve: 0,
        inTransit: 0,
        cost: '0.00005',
      },
      {
        assortmentType: 'product',
        assortmentExternalId: 'p1',
        storeExternalId: 's3',
        quantity: 1,
        reserve: 0,
        inTransit: 0,
        cost: '-0.00005',
      },
      {
        assortmentType: 'product',
        assortmentExternalId: 'p1',
        storeExternalId: 's4',
        quantity: 1,
        reserve: 0,
        inTransit: 0,
        cost: '0.00004999',
      },
    ]);
    const costs = (
      await rowsOf<{ cost: string }>(db(), 'stock', integration, 'store_external_id')
    ).map((r) => r.cost);
    expect(costs).toEqual(['50260.8696', '0.0001', '-0.0001', '0.0000']);
  });

  it('round-trips document sums and positions to the kopeck, whether sent as numbers or strings', async () => {
    const integration = await createIntegration(db());
    await upsertDocuments(db(), integration, [
      document('d1', {
        sum: 123050.0,
        vatSum: 20508.33,
        payedSum: '99999999999999.99',
        positions: [
          position('l1', 'p1', {
            quantity: 1.0005,
            price: 61525,
            discount: 12.5,
            sum: '53834.38',
            cost: 50260.86956521739,
          }),
          position('l2', 'p1', { quantity: '0.333', price: '0.5', sum: 0.1665 }),
        ],
      }),
    ]);
    const [doc] = await rowsOf(db(), 'documents', integration);
    expect(doc).toMatchObject({
      sum: '123050.0000',
      vat_sum: '20508.3300',
      payed_sum: '99999999999999.9900',
    });
    const lines = await rowsOf(db(), 'document_positions', integration, 'line_number');
    expect(
      lines.map(({ quantity, price, discount, sum, cost }) => ({
        quantity,
        price,
        discount,
        sum,
        cost,
      })),
    ).toEqual([
      {
        quantity: '1.001',
        price: '61525.0000',
        discount: '12.5000',
        sum: '53834.3800',
        cost: '50260.8696',
      },
      { quantity: '0.333', price: '0.5000', discount: '0.0000', sum: '0.1665', cost: null },
    ]);
  });

  it('counts a value equal after rounding as unchanged', async () => {
    const integration = await createIntegration(db());
    await upsertProducts(db(), integration, [product('p1', { buyPrice: 50260.86956521739 })]);
    expect(
      await upsertProducts(db(), integration, [product('p1', { buyPrice: '50260.8696' })]),
    ).toMatchObject({ unchanged: 1 });
    expect(
      await upsertProducts(db(), integration, [product('p1', { buyPrice: '50260.8697' })]),
    ).toMatchObject({ updated: 1 });
  });
});
