import type { EntityProgress } from '../../packages/contracts/src/index';
import type { SyncKind } from '../../packages/integrations/src/index';
import {
  MOYSKLAD_WINDOW_MS,
  requestWeight,
  type TokenKind,
} from '../../packages/moysklad/src/index';
import { watchBackendsCpu } from './cpu';
import type { Crm } from './crm';
import type { RunningEmulator } from './emulator';
import type { Meter } from './meter';
import { minimumRequests, type Minimum } from './minimum';
import type { QueryClock, QueryTotals } from './queries';
import { occupancy, replayBudget, type Occupancy } from './timeline';

export interface EntityFigures {
  entity: string;
  /** Rows MoySklad sent, and rows the CRM wrote (created, updated or found unchanged). */
  fetched: number;
  written: number;
  requests: number;
  minimum: number | undefined;
  units: number;
  boundMs: number;
  occupancy: Occupancy;
  /** The sync process's CPU and its statements' time while the entity synced. */
  cpuMs: number;
  queries: QueryTotals;
}

export interface RunFigures {
  kind: SyncKind;
  status: string;
  ms: number;
  entities: EntityFigures[];
  requests: number;
  minimum: number | undefined;
  units: number;
  /** Units over the budget's rate; the floor also grants the 45 units an empty bucket takes at once. */
  boundMs: number;
  floorMs: number;
  /** The same bound with MoySklad's real window (3 s): what the units would take at real speed. */
  realBoundMs: number;
  /**
   * A guess at the run at real speed: entity by entity, the longer of this run's time (what the
   * sync itself needs when the budget is larger) and that entity's real-speed bound; plus the
   * time between entities. Entities run one after another, so their slack does not carry over.
   */
  projectedMs: number;
  rateLimited: { client: number; emulator: number };
  peakUnits: number;
  cpu: { sync: number; emulator: number | undefined; postgres: number };
  occupancy: Occupancy;
  /** The statements that took longest, all entities together. */
  statements: [string, QueryTotals][];
  maxRssBytes: number;
  databaseBytes: number;
  errors: unknown[];
}

export interface Rig {
  crm: Crm;
  emulator: RunningEmulator;
  meter: Meter;
  queries: QueryClock;
  tokenKind: TokenKind;
  units: number;
  windowMs: number;
}

/** One sync run from reset counters and an empty bucket, and everything measured about it. */
export async function measureRun(rig: Rig, kind: SyncKind): Promise<RunFigures> {
  const { crm, emulator, meter, queries } = rig;
  await emulator.reset();
  meter.reset();
  queries.reset();
  const postgres = watchBackendsCpu(() => queries.backends);
  const emulatorCpu = emulator.cpuSeconds();
  const syncCpu = process.cpuUsage();
  const started = performance.now();
  const job = await crm.sync(kind);
  const finished = performance.now();
  // Before the bench's own statements below.
  const statements = queries.snapshot();
  const cpu = {
    sync: sum(Object.values(process.cpuUsage(syncCpu))) / 1e6,
    emulator:
      emulatorCpu === undefined ? undefined : (emulator.cpuSeconds() ?? emulatorCpu) - emulatorCpu,
    postgres: postgres.stop(),
  };
  const stats = await emulator.stats();

  const weight = (path: string) =>
    requestWeight({ method: 'GET', path }, rig.tokenKind, new Date());
  const admitted = replayBudget(meter.exchanges, { ...rig, weight });
  const progress = job.progress as EntityProgress[];
  const written = (p: EntityProgress) => p.created + p.updated + p.unchanged;
  const minimum: Minimum | undefined =
    kind === 'full'
      ? await minimumRequests(
          crm.db,
          crm.integrationId,
          Object.fromEntries(progress.map((p) => [p.entity, p.fetched])),
          meter.exchanges,
        )
      : undefined;
  const boundOf = (units: number) => units / (rig.units / rig.windowMs);
  const realBound = (units: number) => units / (rig.units / MOYSKLAD_WINDOW_MS);

  const names = ['-', ...progress.map((p) => p.entity)];
  const entities = names.map((entity): EntityFigures => {
    const p = progress.find((x) => x.entity === entity);
    const mine = admitted.filter((e) => e.entity === entity);
    const span = meter.spans.get(entity) ?? { ...spanOf(mine), cpuMs: 0 };
    const units = sum(mine.map((e) => e.weight));
    return {
      entity: entity === '-' ? '(session)' : entity,
      fetched: p?.fetched ?? 0,
      written: p ? written(p) : 0,
      requests: mine.length,
      minimum: minimum?.[entity]?.requests,
      units,
      boundMs: boundOf(units),
      occupancy: occupancy(mine, span.start, span.end),
      cpuMs: span.cpuMs,
      queries: statements.byEntity.get(entity) ?? { count: 0, ms: 0, rows: 0 },
    };
  });
  const units = sum(admitted.map((e) => e.weight));
  const { rows } = await crm.db.pool.query<{ bytes: string }>(
    'SELECT pg_database_size(current_database()) AS bytes',
  );
  return {
    kind,
    status: job.status,
    ms: finished - started,
    entities,
    requests: meter.exchanges.length,
    minimum: minimum && sum(Object.values(minimum).map((m) => m.requests)),
    units,
    boundMs: boundOf(units),
    floorMs: boundOf(Math.max(0, units - rig.units)),
    realBoundMs: realBound(units),
    projectedMs:
      finished -
      started +
      sum(entities.map((e) => Math.max(0, realBound(e.units) - e.occupancy.ms))),
    rateLimited: {
      client: meter.exchanges.filter((e) => e.status === 429).length,
      emulator: stats.rateLimited.total,
    },
    peakUnits: Number.isFinite(meter.fewestRemaining) ? rig.units - meter.fewestRemaining : 0,
    cpu,
    occupancy: occupancy(admitted, started, finished),
    statements: [...statements.byStatement].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20),
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    databaseBytes: Number(rows[0]!.bytes),
    errors: job.errors as unknown[],
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function spanOf(exchanges: { start: number; end: number }[]) {
  if (exchanges.length === 0) return { start: 0, end: 0 };
  return {
    start: Math.min(...exchanges.map((e) => e.start)),
    end: Math.max(...exchanges.map((e) => e.end)),
  };
}
