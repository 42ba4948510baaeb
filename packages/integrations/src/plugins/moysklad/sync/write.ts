import type { InvalidRow } from '@crm/moysklad';
import type { EntitySyncContext } from '../../../plugin';
import type { MoyskladEntity } from '../entities';

/** The part of a run's context that writing needs; webhook processing has no run. */
export type WriteContext = Pick<EntitySyncContext, 'integrationId' | 'deps'> &
  Partial<Pick<EntitySyncContext, 'count' | 'report'>>;

/**
 * Maps and upserts one page of an entity (one statement; children replaced in it), reports rows
 * MoySklad sent that did not pass validation, and returns the ids the page held, valid or not.
 */
export async function writePage(
  ctx: WriteContext,
  entity: MoyskladEntity,
  rows: readonly unknown[],
  invalid: readonly InvalidRow[] = [],
): Promise<string[]> {
  const mapped = rows.map((row) => entity.map(row));
  const result = mapped.length
    ? await entity.upsert(ctx.deps.db, ctx.integrationId, mapped as never[])
    : null;
  for (const row of invalid) {
    ctx.report?.(
      'warning',
      `MoySklad sent a ${entity.name} we could not read (${row.message}); it was left as it was`,
      row.id,
    );
  }
  ctx.count?.({
    fetched: rows.length + invalid.length,
    created: result?.created ?? 0,
    updated: result?.updated ?? 0,
    unchanged: result?.unchanged ?? 0,
    failed: invalid.length,
  });
  return [
    ...rows.map((row) => (row as { id: string }).id),
    ...invalid.flatMap((row) => (row.id ? [row.id] : [])),
  ];
}
