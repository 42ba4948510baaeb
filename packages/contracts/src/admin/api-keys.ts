import { z } from 'zod';
import { defineProcedure } from '../common/procedure';
import { idSchema, successOutput, textSchema } from '../common/schemas';
import { roleRefSchema } from '../auth/auth';
import { roleNameSchema } from './roles';

export const API_KEY_PREFIX = 'crm_';

export const apiKeySchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleRefSchema,
  /** The start of the key, enough to recognise it; the secret is never shown again. */
  hint: z.string(),
  createdAt: z.date(),
  createdBy: z.string().nullable().describe('Who created it (email), when known'),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const listApiKeys = defineProcedure({
  route: { method: 'GET', path: '/admin/api-keys', summary: 'List API keys', tags: ['admin'] },
  access: 'api_keys:manage',
  input: z.object({}),
  output: z.object({ items: z.array(apiKeySchema) }),
});

export const createApiKey = defineProcedure({
  route: {
    method: 'POST',
    path: '/admin/api-keys',
    summary: 'Create an API key for a role',
    description: 'The key is in the response only; store it now. Send it as `Authorization: Bearer crm_...` or `X-API-Key`.',
    tags: ['admin'],
  },
  access: 'api_keys:manage',
  input: z.object({
    name: textSchema(100),
    role: roleNameSchema,
    expiresAt: z.coerce.date().optional().describe('When the key stops working; never if omitted'),
  }),
  output: z.object({ apiKey: apiKeySchema, key: z.string() }),
});

export const revokeApiKey = defineProcedure({
  route: { method: 'DELETE', path: '/admin/api-keys/{id}', summary: 'Revoke an API key', tags: ['admin'] },
  access: 'api_keys:manage',
  input: z.object({ id: idSchema }),
  output: successOutput,
});
