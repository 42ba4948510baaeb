import type { CoreDeps } from '../deps';
import type { PgBoss } from '../jobs/boss';
import { QUEUES } from '../jobs/queues';
import { pruneWebhookDeliveries } from '../integrations/webhooks';
import { pruneApiLogs } from './api-logs';

export async function registerMaintenanceWorker(boss: PgBoss, deps: CoreDeps): Promise<void> {
  await boss.work(QUEUES.maintenance.name, async ([job]) => {
    const data = QUEUES.maintenance.data.parse(job!.data);
    const log = deps.log.child({ jobId: job!.id, queue: QUEUES.maintenance.name, task: data.task });
    const deleted = data.task === 'prune-api-logs' ? await pruneApiLogs(deps) : await pruneWebhookDeliveries(deps);
    log.info({ deleted }, `done: ${data.task}`);
  });
}
