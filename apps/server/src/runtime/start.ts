import type { Server } from 'node:http';
import type { Config, Role } from '@crm/config';
import {
  createCoreDeps,
  ensureEnvIntegration,
  registerMaintenanceWorker,
  seedFirstAdmin,
  startBoss,
  startSync,
  SYSTEM_ACTOR,
} from '@crm/core';
import { createPluginRegistry, registerScheduleWorker, registerSyncWorker, registerWebhookWorkers } from '@crm/integrations';
import { migrate, openDatabase } from '@crm/db';
import type { Logger } from 'pino';
import { createApp } from '../http/app';
import { compileTrust } from '../http/client-ip';
import type { AppRuntime } from '../http/env';
import { startDemo } from './demo';
import { closeServer, listen } from './listen';

export type RunningServer = {
  runtime: AppRuntime;
  /** The port the HTTP server listens on, when this instance runs the API. */
  port: number | undefined;
  stop(): Promise<void>;
};

/**
 * Boots one instance: database (embedded when DATABASE_URL is unset), migrations, job queue, then
 * the roles asked for: `api` serves HTTP, `worker` runs jobs and keeps the schedules.
 */
export async function startServer(config: Config, roles: Role[], log: Logger): Promise<RunningServer> {
  const startedAt = new Date();
  const db = await openDatabase(config, { log: (message) => log.info(message) });
  const cleanup: (() => Promise<unknown>)[] = [() => db.close()];
  const stop = async () => {
    for (const step of cleanup.reverse()) await step().catch((error: unknown) => log.error({ err: error }, 'shutdown step failed'));
  };

  try {
    const migrations = await migrate(db.url);
    if (migrations.applied.length) log.info({ applied: migrations.applied }, 'applied database migrations');
    if (migrations.modified.length) log.warn({ modified: migrations.modified }, 'applied migrations were edited afterwards');

    const isWorker = roles.includes('worker');
    const boss = await startBoss(db.url, { log, timezone: config.businessTimezone, schedule: isWorker });
    const queue = { running: true };
    boss.on('stopped', () => (queue.running = false));
    cleanup.push(() => boss.stop({ graceful: true, timeout: 20_000 }));

    const deps = createCoreDeps({ config, db, log, roles, boss });
    deps.runtime.startedAt = startedAt;
    cleanup.push(() => deps.close());
    const seeded = await seedFirstAdmin(deps, SYSTEM_ACTOR);
    if (seeded) log.info({ email: seeded }, 'created the first administrator from ADMIN_EMAIL and ADMIN_PASSWORD');
    const plugins = createPluginRegistry();
    const fromEnv = await ensureEnvIntegration(deps, SYSTEM_ACTOR);
    if (fromEnv?.created) {
      log.info({ integrationId: fromEnv.id }, 'connected MoySklad from the MOYSKLAD_* variables; starting the first full sync');
      await startSync(deps, SYSTEM_ACTOR, { integrationId: fromEnv.id, kind: 'full', triggeredBy: 'system:first-start' });
    }
    // The demo (a local MoySklad and an integration on it) needs this instance to run both roles,
    // and starts before the workers so that no sync of an earlier run resumes against it.
    const demo = roles.length === 2 ? await startDemo(config, deps, log) : null;
    if (demo) cleanup.push(() => demo.stop());
    if (isWorker) {
      await registerMaintenanceWorker(boss, deps);
      await registerSyncWorker(boss, deps, plugins);
      await registerWebhookWorkers(boss, deps, plugins);
      await registerScheduleWorker(boss, deps);
    }

    const runtime: AppRuntime = { deps, plugins, boss, queue, demo, trust: compileTrust(config.trustProxy) };
    let server: Server | undefined;
    let port: number | undefined;
    if (roles.includes('api')) {
      ({ server, port } = await listen(createApp(runtime).fetch, config.port));
      const http = server;
      cleanup.push(() => closeServer(http));
    }
    return { runtime, port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
