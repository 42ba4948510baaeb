import { z } from 'zod';
import { defineProcedure } from '../common/procedure';
import { queryBoolean } from '../common/query';
import { idSchema, successOutput, textSchema } from '../common/schemas';
import { moyskladCredentialsSchema, moyskladSettingsSchema } from './moysklad';

export const integrationTypeSchema = z.enum(['moysklad']);
export type IntegrationType = z.infer<typeof integrationTypeSchema>;

/**
 * A source's type with its settings and credentials. With one source type they are MoySklad's; a
 * new source widens them to unions, and the service checks them against the type's own schemas.
 * (REST inputs must be plain objects, so this cannot be a discriminated union of objects.)
 */
const connectionShape = {
  type: integrationTypeSchema,
  settings: moyskladSettingsSchema,
  credentials: moyskladCredentialsSchema,
};

export const integrationStatusSchema = z.enum(['active', 'disabled', 'error']);

export const integrationSchema = z.object({
  id: idSchema,
  type: integrationTypeSchema,
  name: z.string(),
  status: integrationStatusSchema,
  statusMessage: z.string().nullable(),
  origin: z.enum(['api', 'env', 'demo']).describe('Created through the API, from MOYSKLAD_* variables, or the demo'),
  settings: z.record(z.string(), z.unknown()),
  credentials: z
    .object({ kind: z.string(), hint: z.string() })
    .nullable()
    .describe('What kind of credentials are stored, e.g. "token …9f2c"; the secret itself is never returned'),
  state: z.record(z.string(), z.unknown()).describe('Sync and webhook status kept by the connector'),
  health: z.object({
    lastFullSyncAt: z.date().nullable(),
    lastIncrementalSyncAt: z.date().nullable(),
    lastReconcileAt: z.date().nullable(),
    lastSyncError: z.string().nullable(),
    lagSeconds: z.number().int().nullable().describe('Seconds since the data was last brought up to date; null before the first sync'),
    webhooks: z.object({
      status: z.enum(['active', 'pending', 'unavailable', 'off']),
      message: z.string().nullable().describe('Why webhooks are not used, when they are not; changes then arrive by polling'),
      lastDeliveryAt: z.date().nullable(),
    }),
  }),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Integration = z.infer<typeof integrationSchema>;

export const syncedEntitySchema = z.object({
  entity: z.string().describe('Our name of the entity: product, demand, stock, ...'),
  rows: z.number().int().describe('Rows the CRM holds now'),
  deleted: z
    .number()
    .int()
    .describe('Rows the source no longer has, kept marked deleted (stock rows are removed instead)'),
  lastFullSyncAt: z.date().nullable(),
  lastIncrementalSyncAt: z.date().nullable(),
  watermark: z
    .date()
    .nullable()
    .describe('The newest source change applied; incremental syncs ask from here'),
});

export const integrationDetailsSchema = integrationSchema.extend({
  entities: z
    .array(syncedEntitySchema)
    .describe('What was synced, per entity in sync order; entities never synced are left out'),
});
export type IntegrationDetails = z.infer<typeof integrationDetailsSchema>;

export const listIntegrations = defineProcedure({
  route: { method: 'GET', path: '/admin/integrations', summary: 'List connected sources', tags: ['integrations'] },
  access: 'integrations:read',
  input: z.object({}),
  output: z.object({ items: z.array(integrationSchema) }),
});

export const getIntegration = defineProcedure({
  route: {
    method: 'GET',
    path: '/admin/integrations/{id}',
    summary: 'Get a connected source with what it has synced',
    tags: ['integrations'],
  },
  access: 'integrations:read',
  input: z.object({ id: idSchema }),
  output: integrationDetailsSchema,
});

export const createIntegration = defineProcedure({
  route: {
    method: 'POST',
    path: '/admin/integrations',
    summary: 'Connect a source',
    description: 'Credentials are stored encrypted and never returned. The first full sync starts right away.',
    tags: ['integrations'],
  },
  access: 'integrations:manage',
  input: z.object({ name: textSchema(100), ...connectionShape }),
  output: integrationSchema,
});

export const updateIntegration = defineProcedure({
  route: {
    method: 'PATCH',
    path: '/admin/integrations/{id}',
    summary: 'Rename, enable or disable a source, or change its settings or credentials',
    tags: ['integrations'],
  },
  access: 'integrations:manage',
  input: z.object({
    id: idSchema,
    name: textSchema(100).optional(),
    enabled: z.boolean().optional(),
    settings: z.record(z.string(), z.unknown()).optional().describe("Changed settings, merged into the current ones and checked against the source's schema"),
    credentials: z.record(z.string(), z.unknown()).optional().describe('New credentials, replacing the stored ones'),
  }),
  output: integrationSchema,
});

export const deleteIntegration = defineProcedure({
  route: {
    method: 'DELETE',
    path: '/admin/integrations/{id}',
    summary: 'Remove a source',
    description: 'With purge=true its synced data goes too; otherwise the data stays, marked as from a removed source.',
    tags: ['integrations'],
  },
  access: 'integrations:manage',
  input: z.object({ id: idSchema, purge: queryBoolean().default(false).describe('Also delete the data synced from it') }),
  output: successOutput,
});

export const connectionProblemSchema = z.object({
  code: z.enum(['bad_credentials', 'no_api_access', 'network', 'rate_limited', 'server_error', 'missing_rights', 'webhooks_unavailable']),
  message: z.string(),
});

export const connectionReportSchema = z.object({
  ok: z.boolean().describe('Whether a sync can run with these credentials'),
  problems: z.array(connectionProblemSchema),
  account: z
    .object({ employee: z.string(), email: z.string().nullable(), isAdmin: z.boolean(), identity: z.string() })
    .nullable(),
  entities: z.array(z.object({ entity: z.string(), readable: z.boolean() })),
  canSeeCost: z.boolean().nullable(),
});
export type ConnectionReport = z.infer<typeof connectionReportSchema>;

export const testIntegration = defineProcedure({
  route: {
    method: 'POST',
    path: '/admin/integrations/test',
    summary: 'Check credentials before or after connecting',
    description: 'Says plainly what is wrong: bad credentials, no API access, no network, and which rights the employee lacks.',
    tags: ['integrations'],
  },
  access: 'integrations:manage',
  input: z
    .object({
      id: idSchema.optional().describe('An integration already connected; or give type, settings and credentials'),
      type: connectionShape.type.optional(),
      settings: connectionShape.settings.optional(),
      credentials: connectionShape.credentials.optional(),
    })
    .refine((v) => v.id !== undefined || (v.type !== undefined && v.credentials !== undefined), {
      message: 'give either id, or type and credentials',
      path: ['id'],
    }),
  output: connectionReportSchema,
});
