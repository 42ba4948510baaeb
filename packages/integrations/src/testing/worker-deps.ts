import { loadConfig } from '@crm/config';
import { createCoreDeps, startBoss, type CoreDeps, type PgBoss } from '@crm/core';
import { useTestDatabase, type TestDatabase } from '@crm/db/testing';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll } from 'vitest';

export type WorkerDeps = { deps: CoreDeps; boss: PgBoss; db: () => TestDatabase };

/**
 * What a worker has, on the test file's own database: deps and a running job queue (no schedule).
 * `log` receives the deps' log lines (silent by default).
 */
export function useWorkerDeps(options: { log?: Logger } = {}): () => WorkerDeps {
  const db = useTestDatabase();
  let boss: PgBoss | undefined;
  let deps: (CoreDeps & { close(): Promise<void> }) | undefined;

  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db().url });
    const log = pino({ level: 'silent' });
    boss = await startBoss(db().url, {
      log,
      timezone: config.businessTimezone,
      schedule: false,
      max: 2,
    });
    deps = createCoreDeps({ config, db: db(), log: options.log ?? log, roles: ['worker'], boss });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, close: true });
    await deps?.close();
  });
  return () => ({ deps: deps!, boss: boss!, db });
}
