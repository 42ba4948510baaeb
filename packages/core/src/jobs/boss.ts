import { PgBoss } from 'pg-boss';
import type { Logger } from '../logger';
import { QUEUES, SCHEDULES } from './queues';

export const BOSS_SCHEMA = 'pgboss';

/**
 * Starts pg-boss on the application database (its own schema) and creates every queue and
 * schedule; creating is idempotent, so every instance does it at boot.
 */
export async function startBoss(
  connectionString: string,
  options: { log: Logger; timezone: string; schedule: boolean; max?: number },
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    schema: BOSS_SCHEMA,
    application_name: 'crm-jobs',
    max: options.max ?? 4,
    // Only worker instances keep time for cron; API instances just send jobs.
    schedule: options.schedule,
    supervise: options.schedule,
  });
  boss.on('error', (error) => options.log.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const queue of Object.values(QUEUES)) {
    await boss.createQueue(queue.name, queue.options);
  }
  if (options.schedule) {
    for (const s of SCHEDULES) {
      await boss.schedule(s.queue, s.cron, s.data, { tz: options.timezone, key: s.key });
    }
  }
  return boss;
}

export type { PgBoss };
