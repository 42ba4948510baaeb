import {
  integrationsWithStaleDeliveries,
  kickWebhookProcessing,
  listIntegrations,
  QUEUES,
  raiseAlert,
  resolveAlerts,
  startSync,
  SYSTEM_ACTOR,
  type CoreDeps,
  type PgBoss,
} from '@crm/core';

const MINUTE = 60_000;
/** A reconciliation (ids only) runs this often, to catch deletions that no webhook or log reported. */
export const RECONCILE_EVERY_MS = 24 * 60 * MINUTE;

/**
 * One pass of the scheduler: start each integration's incremental sync when its interval has
 * passed (a reconciliation when one is due and nothing else is), raise an alert for an
 * integration whose data has fallen behind (resolve it when it has caught up), and queue webhook
 * deliveries left waiting by an instance that died before queueing them.
 */
export async function tick(deps: CoreDeps, now = new Date()): Promise<{ started: string[] }> {
  const started: string[] = [];
  for (const integrationId of await integrationsWithStaleDeliveries(deps, MINUTE))
    kickWebhookProcessing(deps, integrationId);
  for (const integration of await listIntegrations(deps)) {
    if (integration.status === 'disabled') continue;
    const { health } = integration;
    const intervalMs =
      Number(
        (integration.settings as { syncIntervalMinutes?: number }).syncIntervalMinutes ??
          deps.config.moysklad.syncIntervalMinutes,
      ) * MINUTE;
    const lagging = `sync.lagging:${integration.id}`;

    if (health.lastFullSyncAt === null) continue; // the first full sync is still to finish

    const freshest = Math.max(
      health.lastFullSyncAt.getTime(),
      health.lastIncrementalSyncAt?.getTime() ?? 0,
    );
    const reconciled = health.lastReconcileAt?.getTime() ?? health.lastFullSyncAt.getTime();
    const kind =
      now.getTime() - freshest >= intervalMs
        ? 'incremental'
        : now.getTime() - reconciled >= RECONCILE_EVERY_MS
          ? 'reconcile'
          : null;
    if (kind) {
      const job = await startSync(deps, SYSTEM_ACTOR, {
        integrationId: integration.id,
        kind,
        triggeredBy: 'system:schedule',
      });
      if (job.createdAt.getTime() >= now.getTime() - MINUTE)
        started.push(`${integration.id}:${job.kind}`);
    }

    // Behind by three intervals (at least half an hour) means syncs keep failing or cannot keep up.
    const allowedLagMs = Math.max(3 * intervalMs, 30 * MINUTE);
    if (now.getTime() - freshest > allowedLagMs) {
      await raiseAlert(deps, {
        rule: 'sync.lagging',
        severity: 'warning',
        message: `${integration.name} was last brought up to date ${Math.round((now.getTime() - freshest) / MINUTE)} min ago`,
        dedupKey: lagging,
        entityType: 'integration',
        entityId: integration.id,
        details: { lastError: health.lastSyncError },
      });
    } else {
      await resolveAlerts(deps, [lagging]);
    }
  }
  return { started };
}

export async function registerScheduleWorker(boss: PgBoss, deps: CoreDeps): Promise<void> {
  await boss.work(QUEUES.syncTick.name, { batchSize: 1 }, async () => {
    const { started } = await tick(deps);
    if (started.length) deps.log.info({ started }, 'scheduled syncs started');
  });
}
