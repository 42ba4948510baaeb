import { useTestDatabase } from '@crm/db/testing';
import { describe, expect, it } from 'vitest';
import { upsertProducts } from './catalog';
import { upsertDocuments } from './documents';
import { at, createIntegration, document, product, rowsOf } from './testing/fixtures';
import { rewindVersions } from './versions';

describe('rewinding the versions of a source put back to an earlier state', () => {
  const db = useTestDatabase();

  it('lets the older version a source now holds overwrite rows changed after the moment', async () => {
    const integration = await createIntegration(db());
    const historyEnd = at('2026-03-02T00:00:00.000Z');
    const later = at('2026-03-05T10:00:00.000Z');
    await upsertProducts(db(), integration, [
      product('p1', { name: 'Переименован', sourceUpdatedAt: later }),
      product('p2'),
    ]);
    await upsertDocuments(db(), integration, [document('d1', { sourceUpdatedAt: later })]);
    // Without rewinding, the source's older version of p1 is refused.
    expect(await upsertProducts(db(), integration, [product('p1')])).toMatchObject({
      unchanged: 1,
    });

    expect(await rewindVersions(db(), integration, historyEnd)).toBe(2);
    expect(await upsertProducts(db(), integration, [product('p1')])).toMatchObject({ updated: 1 });
    const products = await rowsOf<{ name: string }>(db(), 'products', integration);
    expect(products.map((p) => p.name)).toEqual(['Товар p1', 'Товар p2']);
    expect(await rewindVersions(db(), integration, historyEnd)).toBe(0);
  });
});
