import type { Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { appRouter, type AppRouter } from '@crm/api';
import { loadConfig } from '@crm/config';
import { createCoreDeps, seedFirstAdmin, startBoss, SYSTEM_ACTOR, type PgBoss } from '@crm/core';
import { useTestDatabase, type TestDatabase } from '@crm/db/testing';
import {
  createPluginRegistry,
  registerSyncWorker,
  registerWebhookWorkers,
  type PluginRegistry,
} from '@crm/integrations';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import superjson from 'superjson';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../http/app';
import { compileTrust } from '../http/client-ip';
import type { AppRuntime } from '../http/env';
import { createLogger } from '../logging/logger';
import { closeServer, listen } from '../runtime/listen';

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

/** The JSON body of a response, untyped: tests assert on its shape. */
export const json = (response: Response): Promise<any> => response.json();

export type TestApp = {
  db: () => TestDatabase;
  runtime: () => AppRuntime;
  /** A request to the app, in-process (no socket). */
  request: (path: string, init?: RequestInit) => Promise<Response>;
  /** A typed tRPC client that talks to the app in-process. */
  trpc: TRPCClient<AppRouter>;
  /** Base URL of a real HTTP listener, for clients that need a socket (SDK, CLI). */
  baseUrl: () => string;
};

/**
 * The whole application on a fresh database for one test file: migrations applied, job queue
 * running, HTTP app built, and a real listener on a free port.
 */
export function useTestApp(
  options: {
    env?: Record<string, string>;
    router?: AnyRouter;
    plugins?: PluginRegistry;
    /** Also run the sync worker, as an `all`-role instance does. */
    worker?: boolean;
    /** Listen on a port chosen up front and make it `PUBLIC_BASE_URL`, so webhooks can reach it. */
    publicUrl?: boolean;
  } = {},
): TestApp {
  const db = useTestDatabase();
  let runtime: AppRuntime | undefined;
  let boss: PgBoss | undefined;
  let server: Server | undefined;
  let app: ReturnType<typeof createApp> | undefined;
  let base = '';
  let closeDeps = async () => {};

  beforeAll(async () => {
    const port = options.publicUrl ? await freePort() : 0;
    const publicUrl = options.publicUrl ? { PUBLIC_BASE_URL: `http://127.0.0.1:${port}` } : {};
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db().url,
      ...publicUrl,
      ...options.env,
    });
    const log = createLogger(config);
    boss = await startBoss(db().url, {
      log,
      timezone: config.businessTimezone,
      schedule: false,
      max: 2,
    });
    const deps = createCoreDeps({ config, db: db(), log, roles: ['api', 'worker'], boss });
    closeDeps = () => deps.close();
    await seedFirstAdmin(deps, SYSTEM_ACTOR);
    const plugins = options.plugins ?? createPluginRegistry();
    if (options.worker) {
      await registerSyncWorker(boss, deps, plugins);
      await registerWebhookWorkers(boss, deps, plugins);
    }
    runtime = {
      deps,
      plugins,
      boss,
      queue: { running: true },
      trust: compileTrust(config.trustProxy),
    };
    app = createApp(runtime, options.router ?? appRouter);
    const listening = await listen(app.fetch, port);
    server = listening.server;
    base = `http://127.0.0.1:${listening.port}`;
  });

  afterAll(async () => {
    if (server) await closeServer(server, 1000);
    await boss?.stop({ graceful: false, close: true });
    await closeDeps();
  });

  const request = async (path: string, init?: RequestInit) => {
    if (!app) throw new Error('useTestApp(): the app is ready only inside tests and hooks');
    return app.request(path, init);
  };

  return {
    db,
    runtime: () => runtime!,
    request,
    trpc: createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: 'http://app.test/trpc',
          transformer: superjson,
          fetch: (url, init) => request(String(url), init as RequestInit),
        }),
      ],
    }),
    baseUrl: () => base,
  };
}
