import { beginFullPass, endFullPass, listUnseenIds, markDeleted, recordSeenIds } from '@crm/core';
import type { MoySkladClient } from '@crm/moysklad';
import type { EntitySyncContext } from '../../../plugin';
import type { WholeEntity } from '../entities';
import { writePage } from './write';

/**
 * Currencies, price types and document states: read whole on every run (MoySklad gives them no
 * change time, and they fit in a request or a few), and whatever the answer lacks is deleted.
 */
export async function wholePass(
  ctx: EntitySyncContext,
  client: MoySkladClient,
  entity: WholeEntity,
): Promise<void> {
  const { deps, integrationId } = ctx;
  await beginFullPass(deps.db, integrationId, entity.name);
  const rows = await entity.fetch(client);
  ctx.setTotal(rows.length);
  const ids = await writePage(ctx, entity, rows);
  await recordSeenIds(deps.db, integrationId, entity.name, ids);
  for (let after: string | undefined; ;) {
    // A complete answer: nothing was skipped, so what it lacks is gone.
    const unseen = await listUnseenIds(deps.db, integrationId, entity.name, { after });
    if (unseen.length === 0) break;
    ctx.count({ deleted: await markDeleted(deps.db, integrationId, entity.name, unseen) });
    after = unseen.at(-1);
  }
  await endFullPass(deps.db, integrationId, entity.name);
}
