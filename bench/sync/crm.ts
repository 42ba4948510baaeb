import { createLogger } from '../../apps/server/src/logging/logger';
import { loadConfig } from '../../packages/config/src/index';
import {
  createCoreDeps,
  createIntegration,
  QUEUES,
  startBoss,
  startSync,
  SYSTEM_ACTOR,
  type CoreDeps,
} from '../../packages/core/src/index';
import { createTestDatabase, type TestDatabase } from '../../packages/db/src/testing/index';
import {
  PluginRegistry,
  runSyncJob,
  type AnyIntegrationPlugin,
  type SyncKind,
} from '../../packages/integrations/src/index';

export type SyncJobRow = Awaited<
  ReturnType<TestDatabase['prisma']['syncJob']['findUniqueOrThrow']>
>;

export interface Crm {
  deps: CoreDeps;
  db: TestDatabase;
  integrationId: string;
  /** One sync run to its end, in this process, as the worker would run it. */
  sync(kind: SyncKind): Promise<SyncJobRow>;
  close(): Promise<void>;
}

/**
 * A fresh database with one MoySklad integration on the emulator, and the deps a worker has.
 * The job queue is there because starting a sync queues it; the run itself is driven here.
 */
export async function openCrm(options: {
  plugin: AnyIntegrationPlugin;
  baseUrl: string;
  token: string;
  tokenKind: 'solution' | 'user';
}): Promise<Crm> {
  const db = await createTestDatabase();
  // Warnings from the sync (rows MoySklad sent that did not validate) are worth seeing.
  const log = createLogger({ env: 'test', logLevel: 'warn' });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    // The rate budget lives in Redis in production; without it, in this process.
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  });
  const boss = await startBoss(db.url, {
    log,
    timezone: config.businessTimezone,
    schedule: false,
    max: 2,
  });
  const deps = createCoreDeps({ config, db, log, roles: ['worker'], boss });
  const integration = await createIntegration(deps, SYSTEM_ACTOR, {
    type: 'moysklad',
    name: 'МойСклад (бенчмарк)',
    settings: { baseUrl: options.baseUrl, tokenKind: options.tokenKind, webhooks: false },
    credentials: { kind: 'token', token: options.token },
  });
  const registry = new PluginRegistry([options.plugin]);
  return {
    deps,
    db,
    integrationId: integration.id,
    async sync(kind) {
      const job = await startSync(deps, SYSTEM_ACTOR, { integrationId: integration.id, kind });
      await runSyncJob(deps, registry, job.id, {
        retryCount: 0,
        retryLimit: 0,
        signal: new AbortController().signal,
      });
      const row = await db.prisma.syncJob.findUniqueOrThrow({ where: { id: job.id } });
      // No worker takes the queued job; it goes, so that the next run may be queued.
      if (row.queueJobId) await boss.deleteJob(QUEUES.sync.name, row.queueJobId);
      return row;
    },
    async close() {
      await boss.stop({ graceful: false, close: true });
      await deps.close();
      // KEEP_DATABASE=1 leaves it for a look at the rows and the query plans.
      if (process.env.KEEP_DATABASE === '1') {
        await db.close();
        console.log(`database kept: ${db.name}`);
      } else await db.drop();
    },
  };
}
