import type { EntityProgress } from '@crm/contracts';
import {
  patchIntegrationState,
  raiseAlert,
  readCredentials,
  resolveAlerts,
  type CoreDeps,
} from '@crm/core';
import { EntitySkipped, PermanentSyncError, type EntitySyncContext } from '../plugin';
import type { PluginRegistry } from '../registry';
import { syncOrder } from './order';
import { RunState, SyncCancelled } from './run-state';

export type Attempt = { retryCount: number; retryLimit: number; signal: AbortSignal };

/**
 * Runs (or resumes) one sync job. Entities already done in an earlier attempt are skipped, and a
 * connector resumes an entity from its checkpoint, so a worker killed at any point loses at most a
 * page. Transient failures are rethrown for the queue to retry with backoff; a failure no retry can
 * fix, or the last attempt's, fails the run and raises an alert.
 */
export async function runSyncJob(
  deps: CoreDeps,
  registry: PluginRegistry,
  syncJobId: string,
  attempt: Attempt,
): Promise<void> {
  const job = await deps.db.prisma.syncJob.findUnique({
    where: { id: syncJobId },
    include: { integration: true },
  });
  if (!job || job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled')
    return;
  const log = deps.log.child({ syncJobId, integrationId: job.integrationId, kind: job.kind });
  const { integration } = job;

  const state = new RunState(
    deps,
    job.id,
    job.progress as EntityProgress[],
    job.requestsMade,
    (job.errors as unknown[]).length,
  );
  if (job.cancelRequested) return finish(deps, state, job.id, 'cancelled', null);

  await deps.db.prisma.syncJob.update({
    where: { id: job.id },
    data: { status: 'running', startedAt: job.startedAt ?? new Date(), heartbeatAt: new Date() },
  });
  if (attempt.retryCount > 0)
    state.report('info', `resumed (attempt ${attempt.retryCount + 1})`, null);
  state.start();

  try {
    const plugin = registry.get(integration.type);
    const settings = plugin.settingsSchema.parse(integration.settings);
    const credentials = plugin.credentialsSchema.parse(readCredentials(deps, integration));
    const order = syncOrder(plugin.entities, job.entities);
    for (const name of order) if (!state.progress[name]) state.entity(name);

    const session = await plugin.openSession({
      integrationId: integration.id,
      settings,
      credentials,
      deps,
      log,
    });
    try {
      for (const entity of order) {
        const progress = state.entity(entity);
        if (progress.status === 'done' || progress.status === 'skipped') continue;
        await state.checkCancelled();
        if (progress.status !== 'running') state.mark(entity, 'running');
        const ctx = entityContext(
          deps,
          state,
          log,
          { jobId: job.id, integrationId: integration.id, entity, kind: job.kind },
          attempt.signal,
        );
        try {
          await session.syncEntity(ctx);
          state.mark(entity, 'done');
        } catch (error) {
          if (!(error instanceof EntitySkipped)) throw error;
          state.mark(entity, 'skipped', error.message);
          state.report('warning', error.message, entity);
        }
        await state.flush();
      }
    } finally {
      await session.close();
    }
    await finish(deps, state, job.id, 'succeeded', null);
    await patchIntegrationState(
      deps,
      integration.id,
      { [`last_${job.kind}_sync_at`]: new Date().toISOString(), lastSyncError: null },
      { status: 'active', message: null },
    );
    await resolveAlerts(deps, [`sync.failed:${integration.id}`]);
    log.info(
      {
        requests: (await deps.db.prisma.syncJob.findUnique({ where: { id: job.id } }))
          ?.requestsMade,
      },
      'sync finished',
    );
  } catch (error) {
    if (error instanceof SyncCancelled) return finish(deps, state, job.id, 'cancelled', null);
    const message = error instanceof Error ? error.message : String(error);
    const final = error instanceof PermanentSyncError || attempt.retryCount >= attempt.retryLimit;
    if (!final) {
      state.report(
        'warning',
        `attempt ${attempt.retryCount + 1} failed, will retry: ${message}`,
        null,
      );
      state.stop();
      await state.flush();
      log.warn({ err: error }, 'sync attempt failed; the queue retries it');
      throw error;
    }
    log.error({ err: error }, 'sync failed');
    state.report('error', message, null);
    await finish(deps, state, job.id, 'failed', message);
    await patchIntegrationState(
      deps,
      integration.id,
      { lastSyncError: message },
      error instanceof PermanentSyncError ? { status: 'error', message } : undefined,
    );
    await raiseAlert(deps, {
      rule: 'sync.failed',
      severity: 'critical',
      message: `Sync of ${integration.name} failed: ${message}`,
      dedupKey: `sync.failed:${integration.id}`,
      entityType: 'integration',
      entityId: integration.id,
      details: { syncJobId: job.id, kind: job.kind },
    });
  } finally {
    state.stop();
  }
}

async function finish(
  deps: CoreDeps,
  state: RunState,
  jobId: string,
  status: 'succeeded' | 'failed' | 'cancelled',
  error: string | null,
) {
  state.stop();
  // The entity that was running when the run failed is the one that failed; a cancelled run's
  // entity simply did not finish.
  if (status === 'failed') {
    for (const progress of Object.values(state.progress))
      if (progress.status === 'running') progress.status = 'failed';
  }
  await state.flush();
  await deps.db.prisma.syncJob.update({
    where: { id: jobId },
    data: { status, error, finishedAt: new Date() },
  });
}

function entityContext(
  deps: CoreDeps,
  state: RunState,
  log: CoreDeps['log'],
  run: { jobId: string; integrationId: string; entity: string; kind: EntitySyncContext['kind'] },
  signal: AbortSignal,
): EntitySyncContext {
  const { jobId, integrationId, entity, kind } = run;
  const where = { integrationId_entity: { integrationId, entity } };
  return {
    integrationId,
    entity,
    kind,
    deps,
    log: log.child({ entity }),
    signal,
    checkCancelled: () => state.checkCancelled(),
    setTotal: (total) => state.setTotal(entity, total),
    count: (counts) => state.count(entity, counts),
    countRequests: (n) => state.countRequests(n),
    report: (level, message, externalId) =>
      state.report(level, message, entity, externalId ?? null),
    checkpoint: {
      // A checkpoint belongs to the run that wrote it: a later run starts the entity afresh.
      async get<T>() {
        const row = await deps.db.prisma.syncState.findUnique({
          where,
          select: { checkpoint: true },
        });
        const saved = row?.checkpoint as { jobId?: string; value?: T } | undefined;
        return saved?.jobId === jobId ? (saved.value ?? null) : null;
      },
      async set(value) {
        const checkpoint = JSON.parse(JSON.stringify({ jobId, value })) as object;
        await deps.db.prisma.syncState.upsert({
          where,
          create: { integrationId, entity, checkpoint },
          update: { checkpoint },
        });
      },
    },
  };
}
