import type { MoyskladCredentials, MoyskladSettings } from '@crm/contracts';
import { createIntegration, QUEUES, startSync, SYSTEM_ACTOR, type CoreDeps } from '@crm/core';
import type { Database } from '@crm/db';
import { createMoySkladClient, type MoySkladClient } from '@crm/moysklad';
import {
  createEmulator,
  generateDataset,
  type CreateEmulatorOptions,
  type Emulator,
  type RunningServer,
} from '@crm/moysklad-emulator';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { PluginRegistry, runSyncJob, type SyncKind } from '../../src';
import { moyskladPlugin, type MoyskladPluginOptions } from '../../src/plugins/moysklad';
import { useWorkerDeps } from '../../src/testing/worker-deps';

/** The tiny dataset's history ends on 1 November 2026; the emulator's clock starts the morning after. */
export const START = '2026-11-02 10:00';
/** The emulator and the client's rate window run this much faster than MoySklad. */
export const TIME_SCALE = 50;

export type Harness = {
  deps: CoreDeps;
  db: () => Database;
  emulator: Emulator;
  server: RunningServer;
  integrationId: string;
  registry: PluginRegistry;
  /** The emulator's API root, as an integration's `baseUrl`. */
  baseUrl: string;
  /** Runs one sync of the integration to its end (in this process, as the worker would). */
  sync(
    kind: SyncKind,
    options?: {
      entities?: string[];
      signal?: AbortSignal;
      retryCount?: number;
      /** Another integration than the harness's own (see `connect`). */
      integrationId?: string;
      /** Runs this job's next attempt, as the queue does after a failed one, instead of a new job. */
      job?: string;
      /** The plugin's options for this run (a `fetch` of its own, say); the time scale is kept. */
      plugin?: MoyskladPluginOptions;
    },
  ): Promise<SyncJobRow>;
  /** Another integration on the same emulator, with a CRM of its own; returns its id. */
  connect(input?: {
    credentials?: MoyskladCredentials;
    settings?: Partial<MoyskladSettings>;
  }): Promise<string>;
  /** What the deps logged (pino's JSON lines), to check what must never reach the logs. */
  logs: string[];
  /** A client that reads the emulator as it is, for comparing. */
  truth: MoySkladClient;
};

type SyncJobRow = Awaited<ReturnType<Database['prisma']['syncJob']['findUniqueOrThrow']>>;

/**
 * A test file's MoySklad: an emulator over a fresh tiny dataset (manual clock), one integration
 * pointing at it, and the deps a worker has. One per file: the database is the file's own.
 */
export function useMoysklad(options: CreateEmulatorOptions = {}): () => Harness {
  const logs: string[] = [];
  const worker = useWorkerDeps({
    log: pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) }),
  });
  let harness: Harness;

  beforeAll(async () => {
    const emulator = createEmulator({
      store: options.store ?? generateDataset({ size: 'tiny', seed: 7 }),
      clock: { start: START },
      timeScale: TIME_SCALE,
      ...options,
    });
    const server = await emulator.listen(0);
    const { deps, boss, db } = worker();
    const token = emulator.credentials.tokens.find((t) => t.kind === 'solution')!.token;
    const baseUrl = `${server.url}/api/remap/1.2`;
    const settings = { baseUrl, tokenKind: 'solution', webhooks: false } as const;
    const integration = await createIntegration(deps, SYSTEM_ACTOR, {
      type: 'moysklad',
      name: 'МойСклад (эмулятор)',
      settings,
      credentials: { kind: 'token', token },
    });
    let connected = 0;
    const registry = new PluginRegistry([moyskladPlugin({ timeScale: TIME_SCALE })]);
    const userToken = emulator.credentials.tokens.find((t) => t.kind === 'user')!.token;
    harness = {
      deps,
      db,
      emulator,
      server,
      integrationId: integration.id,
      registry,
      baseUrl,
      logs,
      truth: createMoySkladClient({
        baseUrl,
        credentials: { token: userToken },
        rateLimit: { windowMs: 3000 / TIME_SCALE },
      }),
      async connect(input = {}) {
        const created = await createIntegration(deps, SYSTEM_ACTOR, {
          type: 'moysklad',
          name: `МойСклад (эмулятор) ${++connected}`,
          settings: { ...settings, ...input.settings },
          credentials: input.credentials ?? { kind: 'token', token },
        });
        return created.id;
      },
      async sync(kind, o = {}) {
        const job = o.job
          ? { id: o.job }
          : await startSync(deps, SYSTEM_ACTOR, {
              integrationId: o.integrationId ?? integration.id,
              kind,
              entities: o.entities,
            });
        const plugins = o.plugin
          ? new PluginRegistry([moyskladPlugin({ timeScale: TIME_SCALE, ...o.plugin })])
          : registry;
        try {
          await runSyncJob(deps, plugins, job.id, {
            retryCount: o.retryCount ?? 0,
            retryLimit: 5,
            signal: o.signal ?? new AbortController().signal,
          });
        } finally {
          // The run happened here, not in a worker: its queue job goes, so the next can start.
          const { queueJobId } = await deps.db.prisma.syncJob.findUniqueOrThrow({
            where: { id: job.id },
          });
          if (queueJobId) await boss.deleteJob(QUEUES.sync.name, queueJobId);
        }
        return deps.db.prisma.syncJob.findUniqueOrThrow({ where: { id: job.id } });
      },
    };
  });
  afterAll(async () => {
    await harness?.truth.close();
    await harness?.emulator.close();
  });
  return () => harness;
}

export { crmSnapshot, differences, sourceSnapshot } from '../../src/testing/moysklad-snapshot';
