import { createIntegration, patchIntegrationState, SYSTEM_ACTOR, type CoreDeps } from '@crm/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWorkerDeps } from '../testing/worker-deps';
import { tick } from './schedule';

const MINUTE = 60_000;

describe('the sync scheduler', () => {
  const worker = useWorkerDeps();
  let deps: CoreDeps;
  beforeAll(() => ({ deps } = worker()));

  let n = 0;
  async function integrationSyncedAgo(minutes: {
    full?: number;
    incremental?: number;
    reconcile?: number;
  }) {
    const integration = await createIntegration(deps, SYSTEM_ACTOR, {
      type: 'moysklad',
      name: `Склад ${++n}`,
      settings: { syncIntervalMinutes: 15 },
      credentials: { kind: 'token', token: 'test-token-0123456789' },
    });
    const at = (m?: number) =>
      m === undefined ? undefined : new Date(Date.now() - m * MINUTE).toISOString();
    await patchIntegrationState(deps, integration.id, {
      last_full_sync_at: at(minutes.full),
      last_incremental_sync_at: at(minutes.incremental),
      last_reconcile_sync_at: at(minutes.reconcile),
    });
    return integration;
  }

  const jobsOf = (integrationId: string) =>
    deps.db.prisma.syncJob.findMany({
      where: { integrationId },
      select: { kind: true, triggeredBy: true },
    });

  it('starts an incremental sync once the interval has passed, and not before', async () => {
    const due = await integrationSyncedAgo({ full: 60, incremental: 16, reconcile: 60 });
    const fresh = await integrationSyncedAgo({ full: 60, incremental: 5, reconcile: 60 });
    const neverSynced = await createIntegration(deps, SYSTEM_ACTOR, {
      type: 'moysklad',
      name: 'Новый',
      settings: {},
      credentials: { kind: 'token', token: 'test-token-0123456789' },
    });
    await tick(deps);
    expect(await jobsOf(due.id)).toEqual([{ kind: 'incremental', triggeredBy: 'system:schedule' }]);
    expect(await jobsOf(fresh.id)).toEqual([]);
    expect(await jobsOf(neverSynced.id)).toEqual([]);
    // The next tick finds that sync still queued and starts nothing more.
    await tick(deps);
    expect(await jobsOf(due.id)).toHaveLength(1);
  });

  it('reconciles once a day when nothing else is due', async () => {
    const integration = await integrationSyncedAgo({
      full: 3000,
      incremental: 1,
      reconcile: 25 * 60,
    });
    await tick(deps);
    expect(await jobsOf(integration.id)).toEqual([
      { kind: 'reconcile', triggeredBy: 'system:schedule' },
    ]);
  });

  it('raises a lag alert when the data falls behind and resolves it when caught up', async () => {
    const integration = await integrationSyncedAgo({ full: 300, incremental: 90, reconcile: 10 });
    await tick(deps);
    const alert = await deps.db.prisma.systemAlert.findFirstOrThrow({
      where: { dedupKey: `sync.lagging:${integration.id}` },
    });
    expect(alert).toMatchObject({
      severity: 'warning',
      resolvedAt: null,
      message: expect.stringMatching(/last brought up to date 90 min ago/),
    });

    await patchIntegrationState(deps, integration.id, {
      last_incremental_sync_at: new Date().toISOString(),
    });
    await tick(deps);
    expect(
      (await deps.db.prisma.systemAlert.findUniqueOrThrow({ where: { id: alert.id } })).resolvedAt,
    ).not.toBeNull();
  });
});
