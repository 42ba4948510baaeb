import { z } from 'zod';

/**
 * Every pg-boss queue with its options and the schema of its jobs' data. Queues must exist before
 * anything is sent to them, so boot creates all of them.
 */
export const QUEUES = {
  /**
   * One job per sync run. It heartbeats while it works and keeps its checkpoints in our tables, so
   * a killed worker's job is picked up again within seconds and resumes; the exclusive policy with
   * the integration as singleton key keeps one sync per integration queued or running.
   */
  sync: {
    name: 'sync',
    options: {
      policy: 'exclusive',
      heartbeatSeconds: 10,
      expireInSeconds: 24 * 3600,
      retryLimit: 50,
      retryDelay: 5,
      retryBackoff: true,
      retryDelayMax: 300,
    },
    data: z.object({ syncJobId: z.uuid() }),
  },
  /**
   * Apply an integration's pending webhook deliveries (they wait in webhook_deliveries). At most
   * one job per integration waits while one runs, however many deliveries arrive.
   */
  webhook: {
    name: 'webhook',
    options: { policy: 'stately', retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 15 * 60 },
    data: z.object({ integrationId: z.uuid() }),
  },
  /** Registers or removes an integration's webhooks at the source. */
  webhookRegistration: {
    name: 'webhook-registration',
    options: { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 10 * 60 },
    data: z.object({ integrationId: z.uuid(), action: z.enum(['register', 'unregister']) }),
  },
  /** Every minute: start the incremental syncs that are due and check every integration's freshness. */
  syncTick: {
    name: 'sync-tick',
    options: { retryLimit: 0, expireInSeconds: 5 * 60 },
    data: z.object({}).loose(),
  },
  maintenance: {
    name: 'maintenance',
    options: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 15 * 60 },
    data: z.object({ task: z.enum(['prune-api-logs', 'prune-webhook-deliveries']) }),
  },
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]['name'];
export type JobData<Q extends keyof typeof QUEUES> = z.infer<(typeof QUEUES)[Q]['data']>;

/** Recurring jobs, in the business time zone. */
export const SCHEDULES = [
  { queue: QUEUES.syncTick.name, key: 'sync-tick', cron: '* * * * *', data: {} },
  { queue: QUEUES.maintenance.name, key: 'prune-api-logs', cron: '17 3 * * *', data: { task: 'prune-api-logs' } },
  { queue: QUEUES.maintenance.name, key: 'prune-webhook-deliveries', cron: '27 3 * * *', data: { task: 'prune-webhook-deliveries' } },
] as const;
