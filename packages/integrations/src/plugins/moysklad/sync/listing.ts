import {
  absentAmong,
  beginFullPass,
  endFullPass,
  listUnseenIds,
  recordSeenIds,
  resolveReferences,
  saveSyncState,
  unseenAmong,
} from '@crm/core';
import {
  entities,
  filter,
  listEnvelopeSchema,
  tryParseMoscowTime,
  type Filter,
  type MoySkladClient,
  type Page,
} from '@crm/moysklad';
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

type Checkpoint = {
  offset: number;
  watermark: string | null;
  /** Distinct rows the pass has seen, and how many the listing said it held at its last page. */
  seen: number;
  size: number;
  /** Whether that size changed between pages: rows came or went while the listing ran. */
  moved: boolean;
};

/**
 * A full pass (`mode: 'full'`: every row, written) or a reconciliation (`mode: 'ids'`: ids only, at
 * 1000 a page without positions; rows the CRM lacks are fetched). Offset paging skips a row when an
 * earlier one disappears mid-listing, so: rows the CRM holds that the listing did not show are
 * re-checked by id and marked deleted only if MoySklad no longer has them; and when rows came or went
 * during a full listing, its ids are listed again to fetch the ones it skipped. A killed
 * worker resumes at the last page it finished, with the ids it had seen.
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
    watermark: mode === 'full' ? await newestChange(client, entity) : null,
    seen: 0,
    size: 0,
    moved: false,
  };
  if (!saved) await ctx.checkpoint.set(checkpoint);

  const paging = { concurrency, signal: ctx.signal };
  const listing = { offset: checkpoint.offset };
  for await (const page of pagesOf(client, entity, listing, { ...paging, bare: mode === 'ids' })) {
    ctx.setTotal(page.size);
    const ids =
      mode === 'full' ? await writePage(ctx, entity, page.rows, page.invalid) : idsOf(page);
    if (mode === 'ids') {
      ctx.count({ fetched: ids.length });
      await refresh(
        ctx,
        client,
        entity,
        await absentAmong(deps.db, integrationId, entity.name, ids),
      );
    }
    checkpoint.seen += await recordSeenIds(deps.db, integrationId, entity.name, ids);
    if (checkpoint.offset > 0 && page.size !== checkpoint.size) checkpoint.moved = true;
    checkpoint.size = page.size;
    checkpoint.offset = page.offset + page.rows.length + page.invalid.length;
    await ctx.checkpoint.set(checkpoint);
    await ctx.checkCancelled();
  }
  if (mode === 'full' && (checkpoint.moved || checkpoint.seen < checkpoint.size)) {
    ctx.report('info', `rows moved while ${entity.name} was listed; listing its ids again`);
    for await (const page of pagesOf(client, entity, {}, { ...paging, bare: true })) {
      const skipped = await unseenAmong(deps.db, integrationId, entity.name, idsOf(page));
      await refresh(ctx, client, entity, skipped);
      await recordSeenIds(deps.db, integrationId, entity.name, skipped);
    }
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

const idsOf = (page: Page<unknown>) =>
  page.rows
    .map((row) => (row as { id: string }).id)
    .concat(page.invalid.flatMap((r) => (r.id ? [r.id] : [])));

/** `updated` of the most recently changed row (one small request), or null for an empty entity. */
async function newestChange(client: MoySkladClient, entity: ListedEntity): Promise<string | null> {
  // One request, not a listing: a listing would ask for the next page ahead.
  const envelope = await client.request('GET', entities[entity.endpoint].path, {
    query: { filter: scope(entity), order: 'updated,desc', limit: 1 },
    schema: listEnvelopeSchema,
  });
  const updated = (envelope.rows[0] as { updated?: string } | undefined)?.updated;
  return updated ? (tryParseMoscowTime(updated)?.toISOString() ?? null) : null;
}
