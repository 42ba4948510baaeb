import { z } from 'zod';

/**
 * Every pg-boss queue with its options and the schema of its jobs' data. Queues must exist before
 * anything is sent to them, so boot creates all of them.
 */
export const QUEUES = {
  maintenance: {
    name: 'maintenance',
    options: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 15 * 60 },
    data: z.object({ task: z.enum(['prune-api-logs']) }),
  },
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]['name'];
export type JobData<Q extends keyof typeof QUEUES> = z.infer<(typeof QUEUES)[Q]['data']>;

/** Recurring jobs, in the business time zone. */
export const SCHEDULES = [
  { queue: QUEUES.maintenance.name, key: 'prune-api-logs', cron: '17 3 * * *', data: { task: 'prune-api-logs' } },
] as const;
