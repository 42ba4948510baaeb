import type { CoreDeps } from '../deps';

export const API_LOG_RETENTION_DAYS = 30;

/** Deletes API request logs older than the retention period; returns how many went. */
export async function pruneApiLogs(deps: Pick<CoreDeps, 'db'>, retentionDays = API_LOG_RETENTION_DAYS): Promise<number> {
  return deps.db.prisma.apiLog.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - retentionDays * 86_400_000) } },
  }).then((r) => r.count);
}

export type ApiLogEntry = {
  requestId: string;
  method: string;
  path: string;
  route?: string;
  status: number;
  durationMs: number;
  actorType?: 'user' | 'api_key';
  actorId?: string;
  ip?: string;
  userAgent?: string;
};

export async function recordApiRequest(deps: Pick<CoreDeps, 'db'>, entry: ApiLogEntry): Promise<void> {
  await deps.db.prisma.apiLog.create({ data: entry });
}
