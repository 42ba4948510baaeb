import { listSyncStates, type CoreDeps } from '@crm/core';
import { MoySkladAuthError, MoySkladForbiddenError, type MoySkladClient } from '@crm/moysklad';
import {
  EntitySkipped,
  PermanentSyncError,
  type EntitySyncContext,
  type SyncSession,
} from '../../../plugin';
import { ENTITY_BY_NAME, type ListedEntity } from '../entities';
import { scanAudit, type AuditFindings } from './audit';
import { incrementalPass, OVERLAP_MS } from './incremental';
import { listingPass } from './listing';
import { fullStockPass, incrementalStock } from './stock';
import { wholePass } from './whole';

/**
 * One run's connection: every entity is synced through the same client (one rate budget, one
 * request count), and an incremental run reads the audit once for all entities.
 */
export function syncSession(
  deps: CoreDeps,
  integrationId: string,
  client: MoySkladClient,
  concurrency: number,
): SyncSession {
  let audit: Promise<AuditFindings | null> | undefined;
  const readAudit = (signal: AbortSignal) =>
    (audit ??= (async () => {
      const cursors = (await listSyncStates(deps.db, integrationId)).flatMap((s) =>
        ENTITY_BY_NAME.get(s.entity)?.source === 'listed' && s.auditCursorMoment
          ? [s.auditCursorMoment.getTime()]
          : [],
      );
      if (cursors.length === 0) return null;
      return scanAudit(client, new Date(Math.min(...cursors) - OVERLAP_MS), signal);
    })());

  const sync = async (ctx: EntitySyncContext) => {
    if (ctx.entity === 'stock') {
      if (ctx.kind === 'full') return fullStockPass(ctx, client, concurrency);
      if (ctx.kind === 'incremental') return incrementalStock(ctx, client, concurrency);
      return; // stock has no ids to reconcile: every full pass replaces it
    }
    const entity = ENTITY_BY_NAME.get(ctx.entity);
    if (!entity) throw new Error(`MoySklad does not provide ${ctx.entity}`);
    if (entity.source === 'whole') return wholePass(ctx, client, entity);
    const listed: ListedEntity = entity;
    if (ctx.kind === 'full') return listingPass(ctx, client, listed, 'full', concurrency);
    if (ctx.kind === 'reconcile') return listingPass(ctx, client, listed, 'ids', concurrency);
    return incrementalPass(ctx, client, listed, () => readAudit(ctx.signal), concurrency);
  };

  return {
    async syncEntity(ctx) {
      const before = client.stats.requests;
      try {
        await sync(ctx);
      } catch (error) {
        if (error instanceof MoySkladForbiddenError) {
          throw new EntitySkipped(
            `the MoySklad employee may not read ${ctx.entity} (${error.message}); skipped`,
          );
        }
        if (error instanceof MoySkladAuthError) {
          throw new PermanentSyncError(`MoySklad refused the credentials: ${error.message}`, {
            cause: error,
          });
        }
        throw error;
      } finally {
        ctx.countRequests(client.stats.requests - before);
      }
    },
    close: () => client.close(),
  };
}
