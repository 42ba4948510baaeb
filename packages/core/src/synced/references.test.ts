import { useTestDatabase } from '@crm/db/testing';
import { describe, expect, it } from 'vitest';
import { upsertBundles, upsertProducts, upsertVariants } from './catalog';
import { upsertCounterparties } from './counterparties';
import { upsertOrganizations, upsertProductFolders } from './dictionaries';
import { upsertDocuments } from './documents';
import { resolveReferences } from './references';
import { createIntegration, document, position, product, rowsOf } from './testing/fixtures';

const when = new Date('2026-03-01T09:00:00.000Z');

describe('references', () => {
  const db = useTestDatabase();

  it('stores a position whose product has not arrived, and resolves it when the product comes', async () => {
    const integration = await createIntegration(db());
    await upsertDocuments(db(), integration, [
      document('d1', {
        positions: [
          position('l1', 'p-late'),
          position('l2', 'v-late', { assortmentType: 'variant' }),
        ],
      }),
    ]);
    const [pending] = await rowsOf(db(), 'document_positions', integration, 'line_number');
    expect(pending).toMatchObject({
      assortment_type: 'product',
      assortment_external_id: 'p-late',
      product_id: null,
    });

    await upsertProducts(db(), integration, [product('p-late')]);
    expect(await resolveReferences(db(), integration, 'product')).toBe(1);
    const [p] = await rowsOf<{ id: string }>(db(), 'products', integration);
    const [l1, l2] = await rowsOf(db(), 'document_positions', integration, 'line_number');
    expect(l1).toMatchObject({ product_id: p!.id, variant_id: null });
    expect(l2).toMatchObject({ assortment_type: 'variant', product_id: null, variant_id: null });

    await upsertVariants(db(), integration, [
      {
        externalId: 'v-late',
        sourceUpdatedAt: when,
        name: 'Товар (красный)',
        productExternalId: 'p-late',
      },
    ]);
    expect(await resolveReferences(db(), integration)).toBe(1);
    const [variant] = await rowsOf<{ id: string; product_id: string }>(
      db(),
      'variants',
      integration,
    );
    expect(variant!.product_id).toBe(p!.id);
    expect((await rowsOf(db(), 'document_positions', integration, 'line_number'))[1]).toMatchObject(
      { variant_id: variant!.id },
    );
    expect(await resolveReferences(db(), integration)).toBe(0);
  });

  it('resolves at once a target that is already there, to the right table for the type', async () => {
    const integration = await createIntegration(db());
    await upsertCounterparties(db(), integration, [
      { externalId: 'x1', sourceUpdatedAt: when, name: 'ООО «Ромашка»' },
    ]);
    await upsertOrganizations(db(), integration, [
      { externalId: 'x2', sourceUpdatedAt: when, name: 'ИП Иванов' },
    ]);
    await upsertDocuments(db(), integration, [
      document('d1', {
        agentType: 'counterparty',
        agentExternalId: 'x1',
        organizationExternalId: 'x2',
      }),
      document('d2', { type: 'purchase_return', agentType: 'organization', agentExternalId: 'x2' }),
    ]);
    const [counterparty] = await rowsOf<{ id: string }>(db(), 'counterparties', integration);
    const [organization] = await rowsOf<{ id: string }>(db(), 'organizations', integration);
    const [d1, d2] = await rowsOf(db(), 'documents', integration);
    expect(d1).toMatchObject({
      agent_counterparty_id: counterparty!.id,
      agent_organization_id: null,
      organization_id: organization!.id,
    });
    expect(d2).toMatchObject({
      agent_counterparty_id: null,
      agent_organization_id: organization!.id,
    });
  });

  it('keeps a reference it can never resolve (a consignment) without failing the page', async () => {
    const integration = await createIntegration(db());
    await upsertDocuments(db(), integration, [
      document('d1', { positions: [position('l1', 'c1', { assortmentType: 'consignment' })] }),
    ]);
    expect(await resolveReferences(db(), integration)).toBe(0);
    expect((await rowsOf(db(), 'document_positions', integration))[0]).toMatchObject({
      assortment_type: 'consignment',
      assortment_external_id: 'c1',
      product_id: null,
    });
  });

  it('resolves references between rows of the same page, such as a folder tree', async () => {
    const integration = await createIntegration(db());
    await upsertProductFolders(db(), integration, [
      { externalId: 'f-child', sourceUpdatedAt: when, name: 'Чай', parentExternalId: 'f-root' },
      { externalId: 'f-root', sourceUpdatedAt: when, name: 'Напитки' },
    ]);
    const [child, root] = await rowsOf<{ id: string; parent_id: string | null }>(
      db(),
      'product_folders',
      integration,
    );
    expect(child!.parent_id).toBe(root!.id);
  });

  it('resolves bundle components and sale prices, each owner kind in its own column', async () => {
    const integration = await createIntegration(db());
    await upsertBundles(db(), integration, [
      {
        externalId: 'b1',
        sourceUpdatedAt: when,
        name: 'Набор',
        components: [{ assortmentType: 'product', assortmentExternalId: 'p1', quantity: 2 }],
        salePrices: [{ value: '99000', priceTypeExternalId: 'retail' }],
      },
    ]);
    await upsertProducts(db(), integration, [
      product('p1', { salePrices: [{ value: 50000, priceTypeExternalId: 'retail' }] }),
    ]);
    await resolveReferences(db(), integration, 'product');
    const [bundle] = await rowsOf<{ id: string }>(db(), 'bundles', integration);
    const [p1] = await rowsOf<{ id: string }>(db(), 'products', integration);
    expect((await rowsOf(db(), 'bundle_components', integration))[0]).toMatchObject({
      bundle_id: bundle!.id,
      product_id: p1!.id,
      quantity: '2.000',
    });
    const prices = await rowsOf(db(), 'sale_prices', integration, 'value');
    expect(
      prices.map(({ product_id, bundle_id, value }) => ({ product_id, bundle_id, value })),
    ).toEqual([
      { product_id: p1!.id, bundle_id: null, value: '50000.0000' },
      { product_id: null, bundle_id: bundle!.id, value: '99000.0000' },
    ]);
  });

  it('resolves within one integration only, even where two integrations use the same source ids', async () => {
    const a = await createIntegration(db(), 'A');
    const b = await createIntegration(db(), 'B');
    for (const integration of [a, b]) {
      await upsertDocuments(db(), integration, [
        document('d1', { positions: [position('l1', 'p1')] }),
      ]);
    }
    await upsertProducts(db(), a, [product('p1')]);
    await resolveReferences(db(), a, 'product');
    await resolveReferences(db(), b, 'product');
    const [productOfA] = await rowsOf<{ id: string }>(db(), 'products', a);
    expect((await rowsOf(db(), 'document_positions', a))[0]).toMatchObject({
      product_id: productOfA!.id,
    });
    expect((await rowsOf(db(), 'document_positions', b))[0]).toMatchObject({ product_id: null });
  });
});
