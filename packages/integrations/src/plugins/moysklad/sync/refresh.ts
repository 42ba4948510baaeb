import { markDeleted, resolveReferences } from '@crm/core';
import { filter, type InvalidRow, type MoySkladClient } from '@crm/moysklad';
import type { ListedEntity } from '../entities';
import { pagesOf, scope } from './listing';
import { writePage, type WriteContext } from './write';

/** Documents are fetched with their positions: 100 to a page, so 100 ids to a request. */
const DOCUMENT_BATCH = 100;

/**
 * Brings rows up to date by id, whatever happened to them: those MoySklad still has (archived or
 * in the recycle bin included) are written as they are now, the others are marked deleted. Safe to
 * repeat and to run in any order, so webhooks, the audit log and re-checks all end here.
 */
export async function refresh(
  ctx: WriteContext & { signal?: AbortSignal },
  client: MoySkladClient,
  entity: ListedEntity,
  ids: readonly string[],
): Promise<{ applied: number; deleted: number }> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return { applied: 0, deleted: 0 };
  const found = new Set<string>();
  const keep = async (rows: unknown[], invalid: InvalidRow[]) => {
    for (const id of await writePage(ctx, entity, rows, invalid)) found.add(id);
  };
  if (entity.document) {
    for (let i = 0; i < wanted.length; i += DOCUMENT_BATCH) {
      const batch = wanted.slice(i, i + DOCUMENT_BATCH);
      for await (const page of pagesOf(
        client,
        entity,
        { filter: filter().ids(batch) },
        { signal: ctx.signal },
      )) {
        await keep(page.rows, page.invalid);
      }
    }
  } else {
    const result = await client.getByIds(
      entity.endpoint,
      wanted,
      { filter: scope(entity), expand: entity.expand },
      { signal: ctx.signal },
    );
    await keep(result.rows, result.invalid);
  }

  const missing = wanted.filter((id) => !found.has(id));
  const deleted = await markDeleted(ctx.deps.db, ctx.integrationId, entity.name, missing);
  ctx.count?.({ deleted });
  if (found.size) await resolveReferences(ctx.deps.db, ctx.integrationId, entity.name);
  return { applied: found.size, deleted };
}
