import { z } from 'zod';
import { defineProcedure } from '../common/procedure';
import { queryBoolean } from '../common/query';

export const databaseKindSchema = z.enum(['embedded', 'external']);

export const systemInfoOutput = z.object({
  name: z.string(),
  version: z.string(),
  environment: z.enum(['development', 'test', 'production']),
  database: z.object({ kind: databaseKindSchema }),
  demo: z.boolean().describe('True while the server runs on demo data instead of a real account'),
  details: z
    .object({
      startedAt: z.date(),
      uptimeSeconds: z.number().int().nonnegative(),
      migrationsApplied: z.number().int().nonnegative(),
      roles: z.array(z.enum(['api', 'worker'])),
    })
    .optional(),
});

export type SystemInfo = z.infer<typeof systemInfoOutput>;

export const systemInfo = defineProcedure({
  route: {
    method: 'GET',
    path: '/system/info',
    summary: 'Server version, environment and database kind',
    tags: ['system'],
  },
  access: 'public',
  input: z.object({
    detailed: queryBoolean()
      .default(false)
      .describe('Also report uptime, applied migrations and the roles this instance runs'),
  }),
  output: systemInfoOutput,
});
