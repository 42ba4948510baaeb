import {
  beginFullPass,
  finishStockPass,
  getSyncState,
  listSyncStates,
  saveSyncState,
  setStockCost,
  stockItemsChangedSince,
  zeroStockExcept,
  stockItemTypes,
  upsertStock,
  type CoreDeps,
  type StockField,
  type StockRow,
} from '@crm/core';
import {
  filter,
  idFromHref,
  MoySkladApiError,
  MoySkladForbiddenError,
  type MoySkladClient,
  type StockCurrentRow,
  type StockType,
} from '@crm/moysklad';
import type { EntitySyncContext } from '../../../plugin';
import { OVERLAP_MS } from './incremental';

const DAY_MS = 24 * 60 * 60_000;
/** `changedSince` may reach 24 hours back; beyond (with a margin) only a full pass is exact. */
const CHANGED_SINCE_LIMIT_MS = DAY_MS - 60 * 60_000;
/** MoySklad's answer to a `changedSince` more than 24 hours back. */
const CHANGED_SINCE_TOO_OLD = 1084;

/** Kinds of stock value the short reports give, one per request, and the column each lands in. */
const FEED: { stockType: StockType; field: Exclude<StockField, 'cost'> }[] = [
  { stockType: 'stock', field: 'quantity' },
  { stockType: 'reserve', field: 'reserve' },
  { stockType: 'inTransit', field: 'inTransit' },
];
const RESERVATIONS = FEED.filter((f) => f.stockType !== 'stock');

/** Goods named in one request to the short report: ids of 36 characters keep the URL short. */
const ITEMS_PER_REQUEST = 100;

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
    for await (const page of client.pages(
      'stockByStore',
      // By default the report leaves out goods with no stock, however much of them is reserved.
      { offset: checkpoint.offset, filter: filter().eq('stockMode', 'all') },
      paging,
    )) {
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
  try {
    // Quantities move with documents, and the feed names what moved since then.
    const moved = await client.stockCurrent({ report: 'bystore', changedSince: from });
    await applyStockChanges(deps, integrationId, moved.rows, 'quantity', ctx);
    for (const row of moved.invalid)
      ctx.report(
        'warning',
        `MoySklad sent a stock change we could not read (${row.message})`,
        row.id,
      );
    await readReservations(deps, integrationId, client, ctx);
    const lookedAt = state?.lastIncrementalSyncAt ?? state?.lastFullSyncAt ?? new Date(0);
    const items = await stockItemsChangedSince(deps.db, integrationId, lookedAt);
    await readItemStock(deps, integrationId, client, items, ctx);
  } catch (error) {
    // Only administrators may read the short reports; the full ones are open to others.
    const forbidden = error instanceof MoySkladForbiddenError;
    // MoySklad's clock is further on than the CRM could tell (a quiet account): the feed cannot
    // reach back to the last look.
    const tooOld = error instanceof MoySkladApiError && error.hasCode(CHANGED_SINCE_TOO_OLD);
    if (!forbidden && !tooOld) throw error;
    ctx.report(
      'info',
      forbidden
        ? 'this employee may not read current stock; reading the full stock instead'
        : 'the stock change feed cannot reach back to the last look; reading the full stock instead',
    );
    return fullStockPass(ctx, client, concurrency);
  }
  await saveSyncState(deps.db, integrationId, 'stock', {
    stockChangedSince: current,
    lastIncrementalSyncAt: new Date(),
  });
}

/**
 * Every reserve and every quantity in transit, read whole: they follow orders, which the change
 * feed does not count as movements. The answers are short (only what is reserved or on its way);
 * what they leave out is zero.
 */
export async function readReservations(
  deps: CoreDeps,
  integrationId: string,
  client: MoySkladClient,
  ctx?: Pick<EntitySyncContext, 'count'>,
): Promise<void> {
  for (const { stockType, field } of RESERVATIONS) {
    const report = await client.stockCurrent({ report: 'bystore', stockType });
    const written = await applyStockChanges(deps, integrationId, report.rows, field, ctx);
    await zeroStockExcept(deps.db, integrationId, field, written);
  }
}

/**
 * The stock of some goods, read afresh: restoring one from the archive brings its stock back into
 * the reports without any movement the change feed would name.
 */
export async function readItemStock(
  deps: CoreDeps,
  integrationId: string,
  client: MoySkladClient,
  items: readonly string[],
  ctx?: Pick<EntitySyncContext, 'count'>,
): Promise<void> {
  for (let i = 0; i < items.length; i += ITEMS_PER_REQUEST) {
    const feed = await client.stockCurrent({
      report: 'bystore',
      assortmentIds: items.slice(i, i + ITEMS_PER_REQUEST),
      zeroLines: true,
    });
    await applyStockChanges(deps, integrationId, feed.rows, 'quantity', ctx);
  }
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
): Promise<StockRow[]> {
  const types = await stockItemTypes(
    deps.db,
    integrationId,
    rows.map((r) => r.assortmentId),
  );
  const writable: StockRow[] = rows.flatMap((row) => {
    const item = types.get(row.assortmentId);
    // Reserve not bound to a store, and values still being recalculated, have nowhere to go.
    if (!item || !row.storeId || row.value === null) return [];
    return [
      {
        assortmentType: item.type,
        assortmentExternalId: row.assortmentId,
        storeExternalId: row.storeId,
        // Archived goods are out of the stock reports: what they still hold counts as nothing.
        [field]: item.retired ? 0 : row.value,
      },
    ];
  });
  const result = await upsertStock(deps.db, integrationId, writable, { fields: [field] });
  ctx?.count({ fetched: rows.length, ...result });
  return writable;
}

/** The column a kind of stock value lands in, if the CRM keeps it. */
export function stockField(stockType: string): StockField | undefined {
  return FEED.find((f) => f.stockType === stockType)?.field;
}
