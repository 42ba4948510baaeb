import { useTestDatabase } from '@crm/db/testing';
import { describe, expect, it } from 'vitest';
import { upsertProducts } from './catalog';
import { upsertCurrencies } from './dictionaries';
import { markDeleted } from './deletion';
import { SyncedValueError } from './sql/encode';
import { at, createIntegration, product, rowsOf } from './testing/fixtures';

describe('upserting a page of synced rows', () => {
  const db = useTestDatabase();

  it('creates the rows, then finds the same page unchanged and writes nothing', async () => {
    const integration = await createIntegration(db());
    const page = [
      product('p1', { barcodes: ['4600000000012'], attributes: [{ id: 'a1', value: 'Россия' }] }),
      product('p2'),
    ];
    // xmin changes whenever PostgreSQL writes a new version of a row.
    const versions = async () =>
      (
        await db().pool.query(
          `SELECT external_id, xmin::text, synced_at FROM products WHERE integration_id = $1 ORDER BY 1`,
          [integration],
        )
      ).rows;

    expect(await upsertProducts(db(), integration, page)).toMatchObject({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    const before = await versions();

    expect(await upsertProducts(db(), integration, page)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
      rows: [
        { externalId: 'p1', outcome: 'unchanged' },
        { externalId: 'p2', outcome: 'unchanged' },
      ],
    });
    expect(await versions()).toEqual(before);
  });

  it('updates a row whose field changed and counts it as updated', async () => {
    const integration = await createIntegration(db());
    await upsertProducts(db(), integration, [
      product('p1', { name: 'Чай зелёный' }),
      product('p2'),
    ]);

    const result = await upsertProducts(db(), integration, [
      product('p1', { name: 'Чай зелёный 100 г', sourceUpdatedAt: at('2026-03-02T10:00:00.000Z') }),
      product('p2'),
    ]);
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const [p1] = await rowsOf<{ name: string; source_updated_at: Date }>(
      db(),
      'products',
      integration,
    );
    expect(p1).toMatchObject({
      name: 'Чай зелёный 100 г',
      source_updated_at: at('2026-03-02T10:00:00.000Z'),
    });
  });

  it('never lets an older version overwrite a newer row', async () => {
    const integration = await createIntegration(db());
    await upsertProducts(db(), integration, [
      product('p1', { name: 'Новое', sourceUpdatedAt: at('2026-03-05T00:00:00.000Z') }),
    ]);

    const stale = await upsertProducts(db(), integration, [
      product('p1', { name: 'Старое', sourceUpdatedAt: at('2026-03-04T23:59:59.999Z') }),
    ]);
    expect(stale).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect((await rowsOf<{ name: string }>(db(), 'products', integration))[0]!.name).toBe('Новое');

    // The same version with different data is taken: the source changed it within one millisecond
    // or a replay corrects a bad mapping.
    const same = await upsertProducts(db(), integration, [
      product('p1', { name: 'Исправлено', sourceUpdatedAt: at('2026-03-05T00:00:00.000Z') }),
    ]);
    expect(same).toMatchObject({ updated: 1 });
  });

  it('keeps the newest of two versions of one id in a page', async () => {
    const integration = await createIntegration(db());
    const result = await upsertProducts(db(), integration, [
      product('p1', { name: 'Второй', sourceUpdatedAt: at('2026-03-02T00:00:00.000Z') }),
      product('p1', { name: 'Первый', sourceUpdatedAt: at('2026-03-01T00:00:00.000Z') }),
    ]);
    expect(result.rows).toEqual([{ externalId: 'p1', outcome: 'created' }]);
    expect((await rowsOf<{ name: string }>(db(), 'products', integration))[0]!.name).toBe('Второй');
  });

  it('brings a soft-deleted row back when the source sends it again, as an update', async () => {
    const integration = await createIntegration(db());
    await upsertProducts(db(), integration, [product('p1')]);
    await markDeleted(db(), integration, 'product', ['p1']);

    const result = await upsertProducts(db(), integration, [product('p1')]);
    expect(result).toMatchObject({ updated: 1 });
    expect(
      (await rowsOf<{ deleted_at: Date | null }>(db(), 'products', integration))[0]!.deleted_at,
    ).toBeNull();
  });

  it('lets the latest write win for entities the source keeps no change time for', async () => {
    const integration = await createIntegration(db());
    await upsertCurrencies(db(), integration, [
      { externalId: 'c1', name: 'руб', isoCode: 'RUB', rate: 1 },
    ]);
    expect(
      await upsertCurrencies(db(), integration, [
        { externalId: 'c1', name: 'руб', isoCode: 'RUB', rate: 1 },
      ]),
    ).toMatchObject({
      unchanged: 1,
    });
    expect(
      await upsertCurrencies(db(), integration, [
        { externalId: 'c1', name: 'рубль', isoCode: 'RUB', rate: '1' },
      ]),
    ).toMatchObject({
      updated: 1,
    });
  });

  it('writes defaults for fields the source left out and lists as arrays', async () => {
    const integration = await createIntegration(db());
    await upsertProducts(db(), integration, [
      product('p1', { barcodes: ['4600000000012', '2000000000015'] }),
    ]);
    const [row] = await rowsOf(db(), 'products', integration);
    expect(row).toMatchObject({
      archived: false,
      weighed: false,
      variants_count: 0,
      attributes: [],
      barcodes: ['4600000000012', '2000000000015'],
      code: null,
      folder_external_id: null,
      folder_id: null,
    });
  });

  it('refuses a page with a value its column cannot hold before writing any of it', async () => {
    const integration = await createIntegration(db());
    const page = [product('p1'), product('p2', { buyPrice: 'двенадцать' })];
    await expect(upsertProducts(db(), integration, page)).rejects.toThrow(SyncedValueError);
    await expect(upsertProducts(db(), integration, page)).rejects.toThrow(
      'products.buy_price must be a finite decimal',
    );
    await expect(
      upsertProducts(db(), integration, [product('p3', { buyPrice: Number.NaN })]),
    ).rejects.toThrow(SyncedValueError);
    expect(await rowsOf(db(), 'products', integration)).toEqual([]);
  });
});
