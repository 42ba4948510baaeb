import { z } from 'zod';
import { listInput, listOutput } from '../common/list';
import { defineProcedure } from '../common/procedure';
import { idSchema } from '../common/schemas';

export const syncKindSchema = z.enum(['full', 'incremental', 'reconcile']);
export const syncStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);

export const entityProgressSchema = z.object({
  entity: z.string(),
  status: z.enum(['pending', 'running', 'done', 'skipped', 'failed']),
  total: z.number().int().nullable().describe('Rows the source reported, when it says'),
  fetched: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  deleted: z.number().int(),
  failed: z.number().int(),
  message: z.string().nullable(),
});
export type EntityProgress = z.infer<typeof entityProgressSchema>;

export const syncLogEntrySchema = z.object({
  at: z.date(),
  level: z.enum(['info', 'warning', 'error']),
  entity: z.string().nullable(),
  externalId: z.string().nullable(),
  message: z.string(),
});
export type SyncLogEntry = z.infer<typeof syncLogEntrySchema>;

export const syncJobSchema = z.object({
  id: idSchema,
  integrationId: idSchema,
  integrationName: z.string(),
  kind: syncKindSchema,
  status: syncStatusSchema,
  entities: z.array(z.string()).describe('The entities asked for; empty means all'),
  triggeredBy: z.string(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  heartbeatAt: z.date().nullable(),
  requestsMade: z.number().int(),
  rowsPerSecond: z.number().nullable(),
  progress: z.array(entityProgressSchema),
  error: z.string().nullable(),
  cancelRequested: z.boolean(),
});
export type SyncJob = z.infer<typeof syncJobSchema>;

export const startSync = defineProcedure({
  route: {
    method: 'POST',
    path: '/admin/sync/start',
    summary: 'Start a synchronisation',
    description: 'One sync runs per source at a time; starting another while one is queued or running returns that one.',
    tags: ['sync'],
  },
  access: 'sync:run',
  input: z.object({
    integrationId: idSchema,
    kind: syncKindSchema.default('full'),
    entities: z.array(z.string().max(50)).max(50).optional().describe('Only these entities; all if omitted'),
  }),
  output: syncJobSchema,
});

export const listSyncJobs = defineProcedure({
  route: { method: 'GET', path: '/admin/sync/jobs', summary: 'List synchronisations, newest first', tags: ['sync'] },
  access: 'sync:read',
  input: listInput(['createdAt'], '-createdAt').extend({
    integrationId: idSchema.optional(),
    status: syncStatusSchema.optional(),
  }),
  output: listOutput(syncJobSchema),
});

export const getSyncJob = defineProcedure({
  route: { method: 'GET', path: '/admin/sync/jobs/{id}', summary: 'A synchronisation with its per-entity progress', tags: ['sync'] },
  access: 'sync:read',
  input: z.object({ id: idSchema }),
  output: syncJobSchema,
});

export const syncJobLog = defineProcedure({
  route: { method: 'GET', path: '/admin/sync/jobs/{id}/log', summary: "A synchronisation's warnings and errors", tags: ['sync'] },
  access: 'sync:read',
  input: z.object({ id: idSchema }),
  output: z.object({ items: z.array(syncLogEntrySchema) }),
});

export const cancelSyncJob = defineProcedure({
  route: { method: 'POST', path: '/admin/sync/jobs/{id}/cancel', summary: 'Cancel a queued or running synchronisation', tags: ['sync'] },
  access: 'sync:run',
  input: z.object({ id: idSchema }),
  output: syncJobSchema,
});
