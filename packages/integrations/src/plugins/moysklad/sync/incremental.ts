import { getSyncState, resolveReferences, saveSyncState } from '@crm/core';
import { filter, type MoySkladClient } from '@crm/moysklad';
import type { EntitySyncContext } from '../../../plugin';
import type { ListedEntity } from '../entities';
import type { AuditFindings } from './audit';
import { listingPass, pagesOf } from './listing';
import { refresh } from './refresh';
import { writePage } from './write';

/**
 * How far back each incremental run looks before the last change it saw: covers MoySklad saving
 * a row with an `updated` a little older than rows already visible to a listing.
 */
export const OVERLAP_MS = 5 * 60_000;
/** Listings of the changes repeated at most this often when rows moved under the paging. */
const MAX_ROUNDS = 3;

/**
 * The rows changed since the entity's watermark (minus the overlap), oldest first, then the rows
 * the audit says were deleted or moved in or out of the recycle bin. Without a watermark (the
 * entity was never listed in full) it runs a full pass instead.
 */
export async function incrementalPass(
  ctx: EntitySyncContext,
  client: MoySkladClient,
  entity: ListedEntity,
  audit: () => Promise<AuditFindings | null>,
  concurrency: number,
): Promise<void> {
  const { deps, integrationId } = ctx;
  const state = await getSyncState(deps.db, integrationId, entity.name);
  if (!state?.lastFullSyncAt) return listingPass(ctx, client, entity, 'full', concurrency);

  const since = new Date((state.watermark?.getTime() ?? 0) - OVERLAP_MS);
  let newest = state.watermark;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const seen = new Set<string>();
    let size = 0;
    const changes = filter().gte('updated', since < EPOCH ? EPOCH : since);
    for await (const page of pagesOf(
      client,
      entity,
      { filter: changes, order: 'updated,asc;id' },
      { concurrency, signal: ctx.signal },
    )) {
      size = page.size;
      ctx.setTotal(page.size);
      for (const id of await writePage(ctx, entity, page.rows, page.invalid)) seen.add(id);
      for (const row of page.rows) {
        const updated = (row as { updated?: Date }).updated;
        if (updated && (!newest || updated > newest)) newest = updated;
      }
      await ctx.checkCancelled();
    }
    // A row saved during the listing moves to its end and shifts the others back: one of them
    // may have been skipped. Fewer distinct rows than the listing held means list again.
    if (seen.size >= size) break;
    ctx.report('info', `rows moved while ${entity.name} changes were listed; listing them again`);
  }
  await resolveReferences(deps.db, integrationId, entity.name);

  const findings = await audit();
  const touched = findings?.byType.get(entity.type);
  if (touched?.size) await refresh(ctx, client, entity, [...touched]);
  await saveSyncState(deps.db, integrationId, entity.name, {
    watermark: newest,
    lastIncrementalSyncAt: new Date(),
    ...(findings?.newest ? { auditCursorMoment: findings.newest } : {}),
  });
}

/** The earliest moment MoySklad's filters accept. */
const EPOCH = new Date(0);
