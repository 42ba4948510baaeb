import { z } from 'zod';
import { listInput, listOutput } from '../common/list';
import { defineProcedure } from '../common/procedure';
import { queryDate } from '../common/query';
import { idSchema } from '../common/schemas';

export const auditEntrySchema = z.object({
  id: idSchema,
  actor: z.object({ type: z.enum(['user', 'api_key', 'system']), id: z.string().nullable(), label: z.string() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  createdAt: z.date(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const listAudit = defineProcedure({
  route: { method: 'GET', path: '/admin/audit', summary: 'Read the audit log, newest first', tags: ['admin'] },
  access: 'audit:read',
  input: listInput(['createdAt'], '-createdAt').extend({
    actorId: idSchema.optional(),
    action: z.string().max(100).optional().describe('Exact action, or a prefix ending in "." such as "users."'),
    targetType: z.string().max(100).optional(),
    targetId: z.string().max(200).optional(),
    from: queryDate().optional(),
    to: queryDate().optional(),
  }),
  output: listOutput(auditEntrySchema),
});
