import {
  beginFullPass,
  finishStockPass,
  getSyncState,
  listSyncStates,
  saveSyncState,
  setStockCost,
  stockItemTypes,
  upsertStock,
  type CoreDeps,
  type StockField,
  type StockRow,
} from '@crm/core';
import {
  idFromHref,
  type MoySkladClient,
  type StockCurrentRow,
  type StockType,
} from '@crm/moysklad';
import type { EntitySyncContext } from '../../../plugin';
import { OVERLAP_MS } from './incremental';

const DAY_MS = 24 * 60 * 60_000;
/** `changedSince` may reach 24 hours back; beyond (with a margin) only a full pass is exact. */
const CHANGED_SINCE_LIMIT_MS = DAY_MS - 60 * 60_000;

/** What the change feed reports, one kind per request, and the column each kind lands in. */
const FEED: { stockType: StockType; field: StockField }[] = [
  { stockType: 'stock', field: 'quantity' },
  { stockType: 'reserve', field: 'reserve' },
  { stockType: 'inTransit', field: 'inTransit' },
];

type Checkpoint = { phase: 'quantities' | 'cost'; offset: number; sourceNow: string | null };

/**
 * MoySklad's clock, as far as the CRM can tell: the newest change it has seen of any entity. The
 * stock feed's `changedSince` is in MoySklad time, and this server's clock may differ.
 */
async function sourceNow(deps: CoreDeps, integrationId: string): Promise<Date | null> {
  const times = (await listSyncStates(deps.db, integrationId)).flatMap((s) =>
    s.watermark ? [s.watermark.getTime()] : [],
  );
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * Stock in every store from `/report/stock/bystore`, then each item's unit cost from
 * `/report/stock/all`; pairs MoySklad no longer reports (nothing left there) are removed.
 * Resumable at the page it stopped.
 */
export async function fullStockPass(
  ctx: EntitySyncContext,
  client: MoySkladClient,
  concurrency: number,
): Promise<void> {
  const { deps, integrationId } = ctx;
  await beginFullPass(deps.db, integrationId, 'stock');
  const saved = await ctx.checkpoint.get<Checkpoint>();
  const checkpoint: Checkpoint = saved ?? {
    phase: 'quantities',
    offset: 0,
    sourceNow: (await sourceNow(deps, integrationId))?.toISOString() ?? null,
  };
  const paging = { concurrency, signal: ctx.signal };

  if (checkpoint.phase === 'quantities') {
    for await (const page of client.pages('stockByStore', { offset: checkpoint.offset }, paging)) {
      ctx.setTotal(page.size);
      const rows: StockRow[] = [];
      for (const item of page.rows) {
        const assortmentExternalId = idFromHref(item.meta.href)!;
        for (const store of item.stockByStore) {
          if (!store.stock && !store.reserve && !store.inTransit) continue;
          rows.push({
            assortmentType:
              item.meta.type === 'variant'
                ? 'variant'
                : item.meta.type === 'consignment'
                  ? 'consignment'
                  : 'product',
            assortmentExternalId,
            storeExternalId: idFromHref(store.meta.href)!,
            quantity: store.stock,
            reserve: store.reserve,
            inTransit: store.inTransit,
          });
        }
      }
      const result = await upsertStock(deps.db, integrationId, rows, {
        fields: ['quantity', 'reserve', 'inTransit'],
        fullPass: true,
      });
      ctx.count({
        fetched: page.rows.length + page.invalid.length,
        ...result,
        failed: page.invalid.length,
      });
      for (const row of page.invalid)
        ctx.report(
          'warning',
          `MoySklad sent a stock row we could not read (${row.message})`,
          row.id,
        );
      checkpoint.offset = page.offset + page.rows.length + page.invalid.length;
      await ctx.checkpoint.set(checkpoint);
      await ctx.checkCancelled();
    }
    Object.assign(checkpoint, { phase: 'cost', offset: 0 });
    await ctx.checkpoint.set(checkpoint);
  }

  for await (const page of client.pages('stockAll', { offset: checkpoint.offset }, paging)) {
    const costs = page.rows.map((row) => ({
      assortmentExternalId: idFromHref(row.meta.href)!,
      cost: row.price,
    }));
    await setStockCost(deps.db, integrationId, costs);
    checkpoint.offset = page.offset + page.rows.length + page.invalid.length;
    await ctx.checkpoint.set(checkpoint);
    await ctx.checkCancelled();
  }
  ctx.count({ deleted: await finishStockPass(deps.db, integrationId) });
  if (checkpoint.sourceNow)
    await saveSyncState(deps.db, integrationId, 'stock', {
      stockChangedSince: new Date(checkpoint.sourceNow),
    });
}

/**
 * Between full passes: what changed since the last look, from the short reports (quantity,
 * reserve and in-transit, a request each, no cost). A full pass runs instead when the last one is
 * a day old or the feed cannot reach back far enough.
 */
export async function incrementalStock(
  ctx: EntitySyncContext,
  client: MoySkladClient,
  concurrency: number,
  now = new Date(),
): Promise<void> {
  const { deps, integrationId } = ctx;
  const state = await getSyncState(deps.db, integrationId, 'stock');
  const current = await sourceNow(deps, integrationId);
  const since = state?.stockChangedSince;
  const due =
    !state?.lastFullSyncAt ||
    now.getTime() - state.lastFullSyncAt.getTime() >= DAY_MS ||
    !since ||
    !current ||
    current.getTime() - since.getTime() > CHANGED_SINCE_LIMIT_MS;
  if (due) return fullStockPass(ctx, client, concurrency);

  const from = new Date(since.getTime() - OVERLAP_MS);
  for (const { stockType, field } of FEED) {
    const { rows, invalid } = await client.stockCurrent({
      report: 'bystore',
      stockType,
      changedSince: from,
    });
    await applyStockChanges(deps, integrationId, rows, field, ctx);
    for (const row of invalid)
      ctx.report(
        'warning',
        `MoySklad sent a stock change we could not read (${row.message})`,
        row.id,
      );
  }
  await saveSyncState(deps.db, integrationId, 'stock', {
    stockChangedSince: current,
    lastIncrementalSyncAt: new Date(),
  });
}

/**
 * Writes one kind of value from the stock change feed (or a `webhookstock` report). Items the CRM
 * does not hold yet are left for the next run, which lists them first.
 */
export async function applyStockChanges(
  deps: CoreDeps,
  integrationId: string,
  rows: readonly StockCurrentRow[],
  field: StockField,
  ctx?: Pick<EntitySyncContext, 'count'>,
): Promise<number> {
  const types = await stockItemTypes(
    deps.db,
    integrationId,
    rows.map((r) => r.assortmentId),
  );
  const writable: StockRow[] = rows.flatMap((row) => {
    const type = types.get(row.assortmentId);
    // Reserve not bound to a store, and values still being recalculated, have nowhere to go.
    if (!type || !row.storeId || row.value === null) return [];
    return [
      {
        assortmentType: type,
        assortmentExternalId: row.assortmentId,
        storeExternalId: row.storeId,
        [field]: row.value,
      },
    ];
  });
  const result = await upsertStock(deps.db, integrationId, writable, { fields: [field] });
  ctx?.count({ fetched: rows.length, ...result });
  return writable.length;
}

/** The column a kind of stock value lands in, if the CRM keeps it. */
export function stockField(stockType: string): StockField | undefined {
  return FEED.find((f) => f.stockType === stockType)?.field;
}
