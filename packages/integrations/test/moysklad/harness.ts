import { loadConfig } from '@crm/config';
import type { MoyskladCredentials, MoyskladSettings } from '@crm/contracts';
import {
  createCoreDeps,
  createIntegration,
  QUEUES,
  startBoss,
  startSync,
  SYSTEM_ACTOR,
  type CoreDeps,
  type PgBoss,
} from '@crm/core';
import type { Database } from '@crm/db';
import { useTestDatabase } from '@crm/db/testing';
import { createMoySkladClient, filter, idFromHref, type MoySkladClient } from '@crm/moysklad';
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
import { ENTITIES } from '../../src/plugins/moysklad/entities';

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
  const db = useTestDatabase();
  let harness: Harness;
  let boss: PgBoss;
  let deps: CoreDeps & { close(): Promise<void> };
  const logs: string[] = [];

  beforeAll(async () => {
    const emulator = createEmulator({
      store: options.store ?? generateDataset({ size: 'tiny', seed: 7 }),
      clock: { start: START },
      timeScale: TIME_SCALE,
      ...options,
    });
    const server = await emulator.listen(0);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db().url });
    boss = await startBoss(db().url, {
      log: pino({ level: 'silent' }),
      timezone: config.businessTimezone,
      schedule: false,
      max: 2,
    });
    deps = createCoreDeps({
      config,
      db: db(),
      log: pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) }),
      roles: ['worker'],
      boss,
    });
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
    await boss?.stop({ graceful: false, close: true });
    await deps?.close();
  });
  return () => harness;
}

/** Quantities as the CRM keeps them: three decimals. */
const qty = (value: number) => Math.round(value * 1000) / 1000;

type Snapshot = Record<string, Record<string, string>>;

/** A fingerprint of one row: what a user would notice if it were wrong. */
function fingerprint(row: Record<string, unknown>): string {
  return JSON.stringify(row);
}

/** What MoySklad holds, entity by entity: id → fingerprint (change time, sums, flags, positions). */
export async function sourceSnapshot(client: MoySkladClient): Promise<Snapshot> {
  const snapshot: Snapshot = {};
  for (const entity of ENTITIES) {
    if (entity.source !== 'listed') continue;
    const rows: Record<string, string> = {};
    const scope = entity.document
      ? filter().isDeleted('any')
      : entity.archivable
        ? filter().archived('any')
        : filter();
    const pages = entity.document
      ? client.documentPages(entity.endpoint as 'demand', { filter: scope })
      : client.pages(entity.endpoint, { filter: scope });
    for await (const page of pages) {
      for (const raw of page.rows) {
        const row = raw as Record<string, unknown> & { id: string; updated: Date };
        const doc = raw as {
          sum?: number;
          applicable?: boolean;
          deleted?: Date | null;
          positions?: { rows?: { quantity: number }[] };
        };
        rows[row.id] = fingerprint({
          updated: row.updated.toISOString(),
          archived: Boolean((row as { archived?: boolean }).archived),
          ...(entity.document && {
            sum: doc.sum,
            applicable: doc.applicable,
            trashed: Boolean(doc.deleted),
            positions: qty((doc.positions?.rows ?? []).reduce((n, p) => n + p.quantity, 0)),
          }),
        });
      }
    }
    snapshot[entity.name] = rows;
  }
  const stock: Record<string, string> = {};
  for await (const page of client.pages('stockByStore', {
    filter: filter().eq('stockMode', 'all'),
  })) {
    for (const item of page.rows) {
      for (const s of item.stockByStore) {
        if (!s.stock && !s.reserve && !s.inTransit) continue;
        stock[`${idFromHref(item.meta.href)}|${idFromHref(s.meta.href)}`] = fingerprint({
          quantity: qty(s.stock),
          reserve: qty(s.reserve),
          inTransit: qty(s.inTransit),
        });
      }
    }
  }
  snapshot.stock = stock;
  return snapshot;
}

/** The same fingerprints from what the CRM stored for the integration (deleted rows left out). */
export async function crmSnapshot(
  db: Pick<Database, 'pool'>,
  integrationId: string,
): Promise<Snapshot> {
  const snapshot: Snapshot = {};
  for (const entity of ENTITIES) {
    if (entity.source !== 'listed') continue;
    const table = entity.document ? 'documents' : tableOf(entity.name);
    const where = entity.document ? `AND t.type = '${entity.document}'` : '';
    const { rows } = await db.pool.query(
      `SELECT t.* ${entity.document ? ', (SELECT COALESCE(sum(p.quantity), 0) FROM document_positions p WHERE p.document_id = t.id) AS position_quantity' : ''}
         FROM "${table}" t WHERE t.integration_id = $1 AND t.deleted_at IS NULL ${where}`,
      [integrationId],
    );
    snapshot[entity.name] = Object.fromEntries(
      rows.map((r) => [
        r.external_id,
        fingerprint({
          updated: (r.source_updated_at as Date).toISOString(),
          archived: Boolean(r.archived),
          ...(entity.document && {
            sum: Number(r.sum),
            applicable: r.applicable,
            trashed: r.trashed_at !== null,
            positions: Number(r.position_quantity),
          }),
        }),
      ]),
    );
  }
  const { rows } = await db.pool.query(
    `SELECT assortment_external_id, store_external_id, quantity, reserve, in_transit FROM stock
      WHERE integration_id = $1 AND (quantity <> 0 OR reserve <> 0 OR in_transit <> 0)`,
    [integrationId],
  );
  snapshot.stock = Object.fromEntries(
    rows.map((r) => [
      `${r.assortment_external_id}|${r.store_external_id}`,
      fingerprint({
        quantity: Number(r.quantity),
        reserve: Number(r.reserve),
        inTransit: Number(r.in_transit),
      }),
    ]),
  );
  return snapshot;
}

const TABLES: Record<string, string> = {
  organization: 'organizations',
  employee: 'employees',
  unit: 'units',
  store: 'stores',
  product_folder: 'product_folders',
  sales_channel: 'sales_channels',
  project: 'projects',
  counterparty: 'counterparties',
  product: 'products',
  variant: 'variants',
  service: 'services',
  bundle: 'bundles',
};
const tableOf = (entity: string) => TABLES[entity]!;

/** Entities whose rows differ between MoySklad and the CRM, with a few examples each. */
export function differences(source: Snapshot, crm: Snapshot): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const entity of Object.keys(source)) {
    const a = source[entity]!;
    const b = crm[entity] ?? {};
    const diffs: string[] = [];
    for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (a[id] !== b[id])
        diffs.push(`${id}: moysklad ${a[id] ?? 'none'} / crm ${b[id] ?? 'none'}`);
    }
    if (diffs.length)
      result[entity] = diffs
        .slice(0, 3)
        .concat(diffs.length > 3 ? [`… ${diffs.length} in all`] : []);
  }
  return result;
}
