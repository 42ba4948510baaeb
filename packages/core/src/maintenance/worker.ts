import type { CoreDeps } from '../deps';
import type { PgBoss } from '../jobs/boss';
import { QUEUES } from '../jobs/queues';
import { pruneApiLogs } from './api-logs';

export async function registerMaintenanceWorker(boss: PgBoss, deps: CoreDeps): Promise<void> {
  await boss.work(QUEUES.maintenance.name, async ([job]) => {
    const data = QUEUES.maintenance.data.parse(job!.data);
    const log = deps.log.child({ jobId: job!.id, queue: QUEUES.maintenance.name, task: data.task });
    const deleted = await pruneApiLogs(deps);
    log.info({ deleted }, 'pruned API request logs');
  });
}
