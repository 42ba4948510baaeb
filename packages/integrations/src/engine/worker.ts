import { QUEUES, type CoreDeps, type PgBoss } from '@crm/core';
import type { PluginRegistry } from '../registry';
import { runSyncJob } from './run-sync-job';

/** Runs sync jobs on this instance, a few integrations at a time. */
export async function registerSyncWorker(
  boss: PgBoss,
  deps: CoreDeps,
  registry: PluginRegistry,
  concurrency = 2,
): Promise<void> {
  await boss.work(
    QUEUES.sync.name,
    { includeMetadata: true, batchSize: 1, localConcurrency: concurrency },
    async ([job]) => {
      const { syncJobId } = QUEUES.sync.data.parse(job!.data);
      await runSyncJob(deps, registry, syncJobId, {
        retryCount: job!.retryCount,
        retryLimit: job!.retryLimit,
        signal: job!.signal,
      });
    },
  );
}
