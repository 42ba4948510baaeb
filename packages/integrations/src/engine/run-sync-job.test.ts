import { cancelSync, createIntegration, startSync, SYSTEM_ACTOR, type CoreDeps } from '@crm/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PluginRegistry } from '../registry';
import { useWorkerDeps } from '../testing/worker-deps';
import { scriptedPlugin, type Script } from '../testing/scripted-plugin';
import { runSyncJob } from './run-sync-job';

describe('the sync engine', () => {
  const worker = useWorkerDeps();
  let deps: CoreDeps;
  beforeAll(() => ({ deps } = worker()));

  let counter = 0;
  async function newJob(script: Script, entities?: string[]) {
    const integration = await createIntegration(deps, SYSTEM_ACTOR, {
      type: 'moysklad',
      name: `Магазин ${++counter}`,
      settings: {},
      credentials: { kind: 'token', token: 'test-token-0123456789' },
    });
    const job = await startSync(deps, SYSTEM_ACTOR, {
      integrationId: integration.id,
      kind: 'full',
      entities,
    });
    const plugin = scriptedPlugin(script);
    const run = (retryCount = 0, retryLimit = 5) =>
      runSyncJob(deps, new PluginRegistry([plugin]), job.id, {
        retryCount,
        retryLimit,
        signal: new AbortController().signal,
      });
    const read = () => deps.db.prisma.syncJob.findUniqueOrThrow({ where: { id: job.id } });
    return { integration, job, plugin, run, read };
  }

  it('syncs every entity in dependency order and records counts and requests', async () => {
    const { run, read, plugin, integration } = await newJob({
      pages: { currency: 1, product: 3, demand: 2 },
    });
    await run();
    expect(plugin.calls).toEqual([
      'currency:1',
      'product:1',
      'product:2',
      'product:3',
      'demand:1',
      'demand:2',
    ]);
    const job = await read();
    expect(job).toMatchObject({ status: 'succeeded', requestsMade: 6, error: null });
    expect(job.progress).toMatchObject([
      { entity: 'currency', status: 'done', fetched: 10, created: 10, total: 10 },
      { entity: 'product', status: 'done', fetched: 30, created: 30, total: 30 },
      { entity: 'demand', status: 'done', fetched: 20 },
    ]);
    const state = (
      await deps.db.prisma.integration.findUniqueOrThrow({ where: { id: integration.id } })
    ).state as Record<string, unknown>;
    expect(state.last_full_sync_at).toEqual(expect.any(String));
  });

  it('resumes after a crash from the entity and page where it stopped', async () => {
    const { run, read, plugin } = await newJob({
      pages: { currency: 1, product: 4 },
      crash: { entity: 'product', page: 3, times: 1 },
    });
    await expect(run(0)).rejects.toThrow(/connection reset/);
    expect((await read()).status).toBe('running');
    await run(1);
    // Pages done before the crash are not fetched again.
    expect(plugin.calls).toEqual([
      'currency:1',
      'product:1',
      'product:2',
      'product:3',
      'product:4',
    ]);
    const job = await read();
    expect(job.status).toBe('succeeded');
    expect(job.progress).toMatchObject([
      { entity: 'currency' },
      { entity: 'product', fetched: 40, created: 40 },
    ]);
    const log = job.errors as { level: string; message: string }[];
    expect(log.map((e) => e.message)).toEqual([
      expect.stringMatching(/attempt 1 failed, will retry: connection reset/),
      'resumed (attempt 2)',
    ]);
  });

  it('syncs only the entities asked for', async () => {
    const { run, plugin } = await newJob({ pages: { currency: 1, product: 2, demand: 1 } }, [
      'demand',
    ]);
    await run();
    expect(plugin.calls).toEqual(['demand:1']);
  });

  it('skips an entity the source refuses, with a warning, and finishes the rest', async () => {
    const { run, read } = await newJob({
      pages: { currency: 1, product: 1, demand: 1 },
      forbidden: ['product'],
    });
    await run();
    const job = await read();
    expect(job.status).toBe('succeeded');
    expect(job.progress).toMatchObject([
      { entity: 'currency', status: 'done' },
      { entity: 'product', status: 'skipped', message: 'the employee may not read product' },
      { entity: 'demand', status: 'done' },
    ]);
    expect(job.errors).toEqual([expect.objectContaining({ level: 'warning', entity: 'product' })]);
  });

  it('fails at once on a permanent error: the integration shows it and an alert is raised', async () => {
    const { run, read, integration } = await newJob({
      pages: { currency: 2 },
      crash: { entity: 'currency', page: 2, times: 1, permanent: true },
    });
    await run();
    expect(await read()).toMatchObject({ status: 'failed', error: 'wrong credentials' });
    expect(
      await deps.db.prisma.integration.findUniqueOrThrow({ where: { id: integration.id } }),
    ).toMatchObject({ status: 'error', statusMessage: 'wrong credentials' });
    const alert = await deps.db.prisma.systemAlert.findFirstOrThrow({
      where: { dedupKey: `sync.failed:${integration.id}` },
    });
    expect(alert).toMatchObject({ severity: 'critical', resolvedAt: null });
  });

  it('fails when the last retry fails', async () => {
    const { run, read } = await newJob({
      pages: { currency: 1 },
      crash: { entity: 'currency', page: 1, times: 9 },
    });
    await run(5, 5);
    expect(await read()).toMatchObject({
      status: 'failed',
      error: 'connection reset on currency page 1',
    });
  });

  it('stops at the next page when cancelled', async () => {
    let jobId = '';
    const { run, read, plugin, job } = await newJob({
      pages: { currency: 1, product: 5 },
      beforePage: async (entity, page) => {
        if (entity === 'product' && page === 2) await cancelSync(deps, SYSTEM_ACTOR, jobId);
      },
    });
    jobId = job.id;
    await run();
    expect((await read()).status).toBe('cancelled');
    expect(plugin.calls).toEqual(['currency:1', 'product:1', 'product:2']);
  });

  it('does nothing for a job that already finished (a late retry)', async () => {
    const { run, plugin } = await newJob({ pages: { currency: 1 } });
    await run();
    await run(1);
    expect(plugin.calls).toEqual(['currency:1']);
  });
});
