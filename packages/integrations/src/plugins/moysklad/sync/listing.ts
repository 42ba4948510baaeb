import {
  beginFullPass,
  endFullPass,
  listUnseenIds,
  recordSeenIds,
  resolveReferences,
  saveSyncState,
} from '@crm/core';
import { filter, type Filter, type MoySkladClient, type Page } from '@crm/moysklad';
import type { EntitySyncContext } from '../../../plugin';
import type { ListedEntity } from '../entities';
import { refresh } from './refresh';
import { writePage } from './write';

export type Listing = { offset?: number; filter?: Filter; order?: string; limit?: number };

/** Everything of the entity, archived and in the recycle bin included, plus the caller's conditions. */
export function scope(entity: ListedEntity, extra?: Filter): Filter {
  const base = entity.document
    ? filter().isDeleted('any')
    : entity.archivable
      ? filter().archived('any')
      : filter();
  return extra ? base.and(extra) : base;
}

/**
 * Pages of an entity with everything the CRM keeps: documents with all their positions and each
 * position's cost (`fields=stock`), dictionaries with their expanded child lists.
 */
export function pagesOf(
  client: MoySkladClient,
  entity: ListedEntity,
  listing: Listing,
  options: { concurrency?: number; signal?: AbortSignal; bare?: boolean } = {},
): AsyncGenerator<Page<unknown>> {
  const query = {
    filter: scope(entity, listing.filter),
    offset: listing.offset,
    order: listing.order,
    limit: listing.limit,
  };
  const paging = { concurrency: options.concurrency, signal: options.signal };
  if (options.bare)
    return client.pages(entity.endpoint, query, paging) as AsyncGenerator<Page<unknown>>;
  if (entity.document)
    return client.documentPages(entity.endpoint as never, query, {
      ...paging,
      stock: true,
    }) as AsyncGenerator<Page<unknown>>;
  return client.pages(
    entity.endpoint,
    { ...query, expand: entity.expand },
    paging,
  ) as AsyncGenerator<Page<unknown>>;
}

type Checkpoint = { offset: number; watermark: string | null };

/**
 * A full pass (`mode: 'full'`: every row, written) or a reconciliation (`mode: 'ids'`: the rows
 * are only counted as seen, at 1000 a page without positions). Either way, the rows the CRM holds
 * that the listing did not show are re-checked by id, since offset paging skips a row when an
 * earlier one disappears mid-listing, and only those MoySklad no longer has are marked deleted.
 * A killed worker resumes at the last page it finished, with the ids it had seen.
 */
export async function listingPass(
  ctx: EntitySyncContext,
  client: MoySkladClient,
  entity: ListedEntity,
  mode: 'full' | 'ids',
  concurrency: number,
): Promise<void> {
  const { deps, integrationId } = ctx;
  await beginFullPass(deps.db, integrationId, entity.name);
  const saved = await ctx.checkpoint.get<Checkpoint>();
  // The newest change before the pass begins: whatever changes during the pass is at least as new,
  // so incremental runs that start from it miss nothing the pass could not see.
  const checkpoint: Checkpoint = saved ?? {
    offset: 0,
    watermark: mode === 'full' ? await newestChange(client, entity, ctx) : null,
  };
  if (!saved) await ctx.checkpoint.set(checkpoint);

  for await (const page of pagesOf(
    client,
    entity,
    { offset: checkpoint.offset },
    { concurrency, signal: ctx.signal, bare: mode === 'ids' },
  )) {
    ctx.setTotal(page.size);
    const ids =
      mode === 'full'
        ? await writePage(ctx, entity, page.rows, page.invalid)
        : page.rows
            .map((row) => (row as { id: string }).id)
            .concat(page.invalid.flatMap((r) => (r.id ? [r.id] : [])));
    if (mode === 'ids') ctx.count({ fetched: ids.length });
    await recordSeenIds(deps.db, integrationId, entity.name, ids);
    checkpoint.offset = page.offset + page.rows.length + page.invalid.length;
    await ctx.checkpoint.set(checkpoint);
    await ctx.checkCancelled();
  }
  if (mode === 'full') await resolveReferences(deps.db, integrationId, entity.name);

  for (let after: string | undefined; ;) {
    const unseen = await listUnseenIds(deps.db, integrationId, entity.name, { after, limit: 500 });
    if (unseen.length === 0) break;
    await refresh(ctx, client, entity, unseen);
    after = unseen.at(-1);
  }
  await endFullPass(deps.db, integrationId, entity.name);
  if (mode === 'full' && checkpoint.watermark) {
    const watermark = new Date(checkpoint.watermark);
    // Deletions before the pass began are behind it; the audit picks up from the same moment.
    await saveSyncState(deps.db, integrationId, entity.name, {
      watermark,
      auditCursorMoment: watermark,
    });
  }
}

/** `updated` of the most recently changed row (one small request), or null for an empty entity. */
async function newestChange(
  client: MoySkladClient,
  entity: ListedEntity,
  ctx: EntitySyncContext,
): Promise<string | null> {
  for await (const page of client.pages(
    entity.endpoint,
    { filter: scope(entity), order: 'updated,desc', limit: 1 },
    { signal: ctx.signal },
  )) {
    const updated = (page.rows[0] as { updated?: Date } | undefined)?.updated;
    return updated ? updated.toISOString() : null;
  }
  return null;
}
