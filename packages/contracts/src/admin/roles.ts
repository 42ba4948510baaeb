import { z } from 'zod';
import { defineProcedure } from '../common/procedure';
import { idSchema, successOutput, textSchema } from '../common/schemas';
import { isPermission, WILDCARD_PERMISSION } from '../permissions';

export const roleNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_-]{1,49}$/, 'must be 2–50 characters: latin letters, digits, "-" or "_", starting with a letter');

export const grantSchema = z
  .string()
  .refine((v) => v === WILDCARD_PERMISSION || isPermission(v), { message: 'is not a known permission' });

export const roleSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string(),
  system: z.boolean().describe('Built-in roles cannot be changed or deleted'),
  permissions: z.array(z.string()),
  userCount: z.number().int().nonnegative(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Role = z.infer<typeof roleSchema>;

export const listRoles = defineProcedure({
  route: { method: 'GET', path: '/admin/roles', summary: 'List roles with their permissions', tags: ['admin'] },
  access: 'users:read',
  input: z.object({}),
  output: z.object({ items: z.array(roleSchema), permissions: z.array(z.object({ name: z.string(), description: z.string() })) }),
});

export const createRole = defineProcedure({
  route: { method: 'POST', path: '/admin/roles', summary: 'Create a role', tags: ['admin'] },
  access: 'roles:manage',
  input: z.object({
    name: roleNameSchema,
    description: textSchema(500).optional(),
    permissions: z.array(grantSchema).max(100),
  }),
  output: roleSchema,
});

export const updateRole = defineProcedure({
  route: { method: 'PATCH', path: '/admin/roles/{id}', summary: "Change a role's description or permissions", tags: ['admin'] },
  access: 'roles:manage',
  input: z.object({
    id: idSchema,
    description: textSchema(500).optional(),
    permissions: z.array(grantSchema).max(100).optional(),
  }),
  output: roleSchema,
});

export const deleteRole = defineProcedure({
  route: {
    method: 'DELETE',
    path: '/admin/roles/{id}',
    summary: 'Delete a role',
    description: 'Refused for built-in roles and for roles that users or API keys still hold.',
    tags: ['admin'],
  },
  access: 'roles:manage',
  input: z.object({ id: idSchema }),
  output: successOutput,
});
