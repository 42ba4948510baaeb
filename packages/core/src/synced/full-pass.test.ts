import { useTestDatabase } from '@crm/db/testing';
import { describe, expect, it } from 'vitest';
import { upsertProducts } from './catalog';
import { markDeleted } from './deletion';
import { upsertDocuments } from './documents';
import {
  abandonFullPasses,
  beginFullPass,
  clearSeenIds,
  endFullPass,
  listUnseenIds,
  recordSeenIds,
} from './full-pass';
import { saveSyncState } from './sync-state';
import { createIntegration, document, product, rowsOf } from './testing/fixtures';

describe('soft deletion and full passes', () => {
  const db = useTestDatabase();
  const ids = (n: number, prefix = 'p') =>
    Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

  it('lists, in batches, the stored rows a pass has not seen, and soft-deletes them, in one integration only', async () => {
    const a = await createIntegration(db(), 'A');
    const b = await createIntegration(db(), 'B');
    // Both integrations hold the same source ids: they are different rows.
    for (const integration of [a, b])
      await upsertProducts(
        db(),
        integration,
        ids(25).map((id) => product(id)),
      );

    await beginFullPass(db(), a, 'product');
    await beginFullPass(db(), b, 'product');
    expect(
      await recordSeenIds(
        db(),
        a,
        'product',
        ids(25).filter((_, i) => i % 5 !== 0),
      ),
    ).toBe(20);
    expect(await recordSeenIds(db(), a, 'product', ['p001', 'p002'])).toBe(0);
    await recordSeenIds(db(), b, 'product', ids(25));

    const unseen: string[] = [];
    for (let batch = await listUnseenIds(db(), a, 'product', { limit: 2 }); batch.length;) {
      unseen.push(...batch);
      batch = await listUnseenIds(db(), a, 'product', { after: batch.at(-1), limit: 2 });
    }
    expect(unseen).toEqual(['p000', 'p005', 'p010', 'p015', 'p020']);
    expect(await listUnseenIds(db(), b, 'product')).toEqual([]);

    expect(await markDeleted(db(), a, 'product', unseen)).toBe(5);
    expect(await markDeleted(db(), a, 'product', unseen)).toBe(0);
    expect(await listUnseenIds(db(), a, 'product')).toEqual([]);

    const deleted = async (integration: string) =>
      (
        await rowsOf<{ external_id: string; deleted_at: Date | null }>(
          db(),
          'products',
          integration,
        )
      )
        .filter((r) => r.deleted_at)
        .map((r) => r.external_id);
    expect(await deleted(a)).toEqual(unseen);
    expect(await deleted(b)).toEqual([]);
  });

  it('keeps the kinds of document apart although they share a table', async () => {
    const integration = await createIntegration(db());
    await upsertDocuments(db(), integration, [
      document('o1', { type: 'customer_order' }),
      document('s1', { type: 'demand' }),
    ]);

    expect(await listUnseenIds(db(), integration, 'demand')).toEqual(['s1']);
    expect(await listUnseenIds(db(), integration, 'customer_order')).toEqual(['o1']);
    expect(await markDeleted(db(), integration, 'demand', ['o1'])).toBe(0);
    expect(await markDeleted(db(), integration, 'customer_order', ['o1'])).toBe(1);
  });

  it('resumes a pass a killed worker left running, and starts afresh after one ended', async () => {
    const integration = await createIntegration(db());
    await upsertProducts(
      db(),
      integration,
      ids(3).map((id) => product(id)),
    );

    const first = await beginFullPass(db(), integration, 'product');
    expect(first.resumed).toBe(false);
    expect(first.state.fullPassStartedAt).toBeInstanceOf(Date);
    await recordSeenIds(db(), integration, 'product', ['p000']);
    await saveSyncState(db(), integration, 'product', { checkpoint: { offset: 1000 } });

    const resumed = await beginFullPass(db(), integration, 'product');
    expect(resumed.resumed).toBe(true);
    expect(resumed.state).toMatchObject({
      fullPassStartedAt: first.state.fullPassStartedAt,
      checkpoint: { offset: 1000 },
    });
    expect(await listUnseenIds(db(), integration, 'product')).toEqual(['p001', 'p002']);

    await endFullPass(db(), integration, 'product');
    const next = await beginFullPass(db(), integration, 'product');
    expect(next.resumed).toBe(false);
    expect(next.state).toMatchObject({ checkpoint: {}, lastFullSyncAt: expect.any(Date) });
    expect(await listUnseenIds(db(), integration, 'product')).toEqual(['p000', 'p001', 'p002']);
  });

  it('abandons the unfinished passes of an integration: the next one starts from nothing', async () => {
    const integration = await createIntegration(db());
    const other = await createIntegration(db());
    await upsertProducts(
      db(),
      integration,
      ids(2).map((id) => product(id)),
    );
    for (const id of [integration, other]) {
      await beginFullPass(db(), id, 'product');
      await recordSeenIds(db(), id, 'product', ['p000']);
    }

    await abandonFullPasses(db(), integration);
    const next = await beginFullPass(db(), integration, 'product');
    expect(next.resumed).toBe(false);
    expect(await listUnseenIds(db(), integration, 'product')).toEqual(['p000', 'p001']);
    expect((await beginFullPass(db(), other, 'product')).resumed).toBe(true);
  });

  it('records a hundred thousand seen ids in one call and clears them', async () => {
    const integration = await createIntegration(db());
    const many = Array.from({ length: 100_000 }, (_, i) => `id-${i}`);
    expect(await recordSeenIds(db(), integration, 'counterparty', many)).toBe(100_000);
    expect(await clearSeenIds(db(), integration, 'counterparty')).toBe(100_000);
  });
});
