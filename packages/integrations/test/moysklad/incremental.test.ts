import { describe, expect, it } from 'vitest';
import { crmSnapshot, differences, sourceSnapshot, useMoysklad } from './harness';

const MINUTE = 60_000;

describe('MoySklad incremental sync', () => {
  const moysklad = useMoysklad();

  it('follows a stream of business activity by incremental runs alone, deletions included', async () => {
    const { sync, truth, deps, integrationId, emulator } = moysklad();
    expect((await sync('full')).status).toBe('succeeded');

    const kinds = new Map<string, number>();
    let previous: string | null = null;
    for (let round = 0; round < 4; round++) {
      for (const step of emulator.activity.step(60))
        kinds.set(step.kind, (kinds.get(step.kind) ?? 0) + 1);
      // Deletions for good, besides the stream's rare ones: last round's order goes.
      if (previous) emulator.control.delete('customerorder', previous);
      previous = emulator.control.create('customerorder', {
        organization: emulator.store.ids.encode('organization', 0),
        agent: emulator.store.ids.encode('counterparty', round),
      }).id as string;
      emulator.clock.advance(15 * MINUTE);
      const job = await sync('incremental');
      expect(job.status).toBe('succeeded');
      expect(
        differences(await sourceSnapshot(truth), await crmSnapshot(deps.db, integrationId)),
      ).toEqual({});
    }
    // The stream did what the test is about: new and changed rows, the recycle bin, deletions.
    expect(Object.fromEntries(kinds)).toMatchObject(
      Object.fromEntries(
        ['order', 'ship', 'priceChange', 'newCustomer', 'trash'].map((k) => [
          k,
          expect.any(Number),
        ]),
      ),
    );
  });

  it('marks rows deleted in MoySklad as deleted, and keeps trashed documents as trashed', async () => {
    const { sync, deps, integrationId, emulator } = moysklad();
    const order = emulator.control.create('customerorder', {
      organization: emulator.store.ids.encode('organization', 0),
      agent: emulator.store.ids.encode('counterparty', 0),
    });
    const product = emulator.control.create('product', { name: 'Кружка «Прощальная»' });
    emulator.clock.advance(MINUTE);
    await sync('incremental');
    const stored = async (table: string, id: string) =>
      (
        await deps.db.pool.query(
          `SELECT deleted_at, ${table === 'documents' ? 'trashed_at' : 'NULL AS trashed_at'} FROM ${table} WHERE integration_id = $1 AND external_id = $2`,
          [integrationId, id],
        )
      ).rows[0];
    expect(await stored('products', product.id as string)).toEqual({
      deleted_at: null,
      trashed_at: null,
    });

    emulator.control.trash('customerorder', order.id as string);
    emulator.control.delete('product', product.id as string);
    emulator.clock.advance(MINUTE);
    await sync('incremental');
    expect((await stored('products', product.id as string))?.deleted_at).toBeInstanceOf(Date);
    const trashed = await stored('documents', order.id as string);
    expect(trashed).toMatchObject({ deleted_at: null, trashed_at: expect.any(Date) });

    emulator.control.delete('customerorder', order.id as string);
    emulator.clock.advance(MINUTE);
    await sync('incremental');
    expect((await stored('documents', order.id as string))?.deleted_at).toBeInstanceOf(Date);
  });

  it('finds deletions the audit never reported by reconciling ids, at a request per thousand rows', async () => {
    const { sync, truth, deps, integrationId, emulator } = moysklad();
    await sync('incremental');
    const product = emulator.control.create('product', { name: 'Товар без следа' });
    emulator.clock.advance(MINUTE);
    await sync('incremental');
    emulator.control.delete('product', product.id as string);
    emulator.audit.clear();
    emulator.clock.advance(MINUTE);

    await sync('incremental');
    const row = async () =>
      (
        await deps.db.pool.query(
          `SELECT deleted_at FROM products WHERE integration_id = $1 AND external_id = $2`,
          [integrationId, product.id],
        )
      ).rows[0];
    expect((await row())?.deleted_at).toBeNull(); // nothing told the incremental run

    emulator.control.clearRequests();
    const reconcile = await sync('reconcile');
    expect(reconcile.status).toBe('succeeded');
    // Ids only: documents listed without positions or cost, a thousand rows a page.
    const listings = emulator.control.requests().filter((r) => /^\/entity\/\w+\?/.test(r.path));
    expect(listings.length).toBeGreaterThan(20);
    for (const { path } of listings) {
      expect(path).not.toMatch(/expand=|fields=/);
      expect(decodeURIComponent(path)).toMatch(/limit=1000|id=/);
    }
    expect((await row())?.deleted_at).toBeInstanceOf(Date);
    expect(
      differences(await sourceSnapshot(truth), await crmSnapshot(deps.db, integrationId)),
    ).toEqual({});
  });
});
