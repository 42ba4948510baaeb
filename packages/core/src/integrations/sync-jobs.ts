import type { EntityProgress, SyncJob, SyncLogEntry } from '@crm/contracts';
import type { Prisma, SyncJob as SyncJobRow } from '@crm/db';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit';
import { paginate } from '../common/pagination';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { QUEUES } from '../jobs/queues';
import { findIntegration } from './records';

type Row = SyncJobRow & { integration: { name: string } };

const withIntegration = { integration: { select: { name: true } } } as const;
const ACTIVE = ['queued', 'running'] as const;
/** The log keeps the first entries of a run; a run that fails on every row says so in its counts. */
export const SYNC_LOG_LIMIT = 1000;

export function toSyncJob(row: Row): SyncJob {
  const progress = row.progress as EntityProgress[];
  const fetched = progress.reduce((sum, p) => sum + p.fetched, 0);
  const seconds = row.startedAt
    ? ((row.finishedAt ?? new Date()).getTime() - row.startedAt.getTime()) / 1000
    : 0;
  return {
    id: row.id,
    integrationId: row.integrationId,
    integrationName: row.integration.name,
    kind: row.kind,
    status: row.status,
    entities: row.entities,
    triggeredBy: row.triggeredBy,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    heartbeatAt: row.heartbeatAt,
    requestsMade: row.requestsMade,
    rowsPerSecond: seconds > 0 ? Math.round((fetched / seconds) * 10) / 10 : null,
    progress,
    error: row.error,
    cancelRequested: row.cancelRequested,
  };
}

function queueOf(deps: CoreDeps) {
  if (!deps.boss) throw new Error('the job queue does not run in this process');
  return deps.boss;
}

const notFound = () =>
  new DomainError('NOT_FOUND', { en: 'No such sync job', ru: 'Такой синхронизации нет' });

export async function getSyncJob(deps: Pick<CoreDeps, 'db'>, id: string): Promise<SyncJob> {
  const row = await deps.db.prisma.syncJob.findUnique({ where: { id }, include: withIntegration });
  if (!row) throw notFound();
  return toSyncJob(row);
}

export async function syncJobLog(
  deps: Pick<CoreDeps, 'db'>,
  id: string,
): Promise<{ items: SyncLogEntry[] }> {
  const row = await deps.db.prisma.syncJob.findUnique({ where: { id }, select: { errors: true } });
  if (!row) throw notFound();
  const entries = row.errors as (Omit<SyncLogEntry, 'at'> & { at: string })[];
  return { items: entries.map((e) => ({ ...e, at: new Date(e.at) })) };
}

export async function listSyncJobs(
  deps: Pick<CoreDeps, 'db'>,
  query: {
    limit: number;
    cursor?: string;
    sort: string;
    integrationId?: string;
    status?: SyncJob['status'];
  },
) {
  const where: Prisma.SyncJobWhereInput = {
    integrationId: query.integrationId,
    status: query.status,
  };
  const page = await paginate<Row>({
    input: query,
    sorts: { createdAt: { field: 'createdAt', kind: 'date', value: (r) => r.createdAt } },
    where,
    count: (args) => deps.db.prisma.syncJob.count(args as Prisma.SyncJobCountArgs),
    findMany: (args) =>
      deps.db.prisma.syncJob.findMany({
        ...(args as Prisma.SyncJobFindManyArgs),
        include: withIntegration,
      }),
  });
  return { ...page, items: page.items.map(toSyncJob) };
}

/**
 * Queues a sync. One sync per integration is queued or running at a time: asking again returns
 * that one. The queue's exclusive policy keyed by integration enforces it across instances.
 */
export async function startSync(
  deps: CoreDeps,
  actor: Actor,
  input: {
    integrationId: string;
    kind: SyncJob['kind'];
    entities?: string[];
    triggeredBy?: string;
  },
): Promise<SyncJob> {
  const integration = await findIntegration(deps, input.integrationId);
  if (integration.status === 'disabled') {
    throw new DomainError('CONFLICT', {
      en: 'The integration is disabled; enable it first',
      ru: 'Интеграция отключена; сначала включите её',
    });
  }
  const running = await deps.db.prisma.syncJob.findFirst({
    where: { integrationId: integration.id, status: { in: [...ACTIVE] } },
    include: withIntegration,
  });
  if (running) return toSyncJob(running);

  const row = await deps.db.prisma.syncJob.create({
    data: {
      integrationId: integration.id,
      kind: input.kind,
      entities: input.entities ?? [],
      triggeredBy: input.triggeredBy ?? `${actor.type}:${actor.label}`,
    },
    include: withIntegration,
  });
  const queueJobId = await queueOf(deps).send(
    QUEUES.sync.name,
    { syncJobId: row.id },
    { singletonKey: integration.id },
  );
  if (!queueJobId) {
    // Another instance queued one between our check and our send.
    await deps.db.prisma.syncJob.delete({ where: { id: row.id } });
    const other = await deps.db.prisma.syncJob.findFirst({
      where: { integrationId: integration.id, status: { in: [...ACTIVE] } },
      include: withIntegration,
      orderBy: { createdAt: 'desc' },
    });
    if (other) return toSyncJob(other);
    throw new DomainError('CONFLICT', {
      en: 'A sync of this integration is already queued',
      ru: 'Синхронизация этой интеграции уже в очереди',
    });
  }
  const queued = await deps.db.prisma.syncJob.update({
    where: { id: row.id },
    data: { queueJobId },
    include: withIntegration,
  });
  if (actor.type !== 'system') {
    await recordAudit(
      deps,
      actor,
      'sync.start',
      { type: 'integration', id: integration.id },
      { syncJobId: row.id, kind: input.kind, entities: input.entities ?? [] },
    );
  }
  return toSyncJob(queued);
}

/** Cancels a queued job at once; a running one stops at its next checkpoint. */
export async function cancelSync(deps: CoreDeps, actor: Actor, id: string): Promise<SyncJob> {
  const row = await deps.db.prisma.syncJob.findUnique({ where: { id } });
  if (!row) throw notFound();
  if (row.status === 'queued') {
    await deps.db.prisma.syncJob.update({
      where: { id },
      data: { status: 'cancelled', cancelRequested: true, finishedAt: new Date() },
    });
    if (row.queueJobId) await queueOf(deps).cancel(QUEUES.sync.name, row.queueJobId);
  } else if (row.status === 'running') {
    await deps.db.prisma.syncJob.update({ where: { id }, data: { cancelRequested: true } });
    await deps.events.publish({ type: 'sync-cancel-requested', syncJobId: id });
  }
  await recordAudit(
    deps,
    actor,
    'sync.cancel',
    { type: 'integration', id: row.integrationId },
    { syncJobId: id, status: row.status },
  );
  return getSyncJob(deps, id);
}

/**
 * Ends an integration's queued and running syncs as cancelled at once, without waiting for a
 * worker to pick the cancel up (one still running stops at its next page): for a source that is
 * going away or was replaced, where a sync must neither resume nor fail and raise an alert.
 */
export async function abandonSyncs(deps: CoreDeps, integrationId: string): Promise<void> {
  const active = await deps.db.prisma.syncJob.findMany({
    where: { integrationId, status: { in: [...ACTIVE] } },
  });
  for (const job of active) {
    await deps.db.prisma.syncJob.update({
      where: { id: job.id },
      data: { status: 'cancelled', cancelRequested: true, finishedAt: new Date() },
    });
    if (job.queueJobId) await queueOf(deps).cancel(QUEUES.sync.name, job.queueJobId);
    await deps.events.publish({ type: 'sync-cancel-requested', syncJobId: job.id });
  }
}
