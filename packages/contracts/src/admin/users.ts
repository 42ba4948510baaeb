import { z } from 'zod';
import { listInput, listOutput } from '../common/list';
import { defineProcedure } from '../common/procedure';
import { byIdInput, emailSchema, idSchema, textSchema } from '../common/schemas';
import { newPasswordSchema, roleRefSchema } from '../auth/auth';
import { roleNameSchema } from './roles';

export const userStatusSchema = z.enum(['active', 'disabled']);

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  status: userStatusSchema,
  roles: z.array(roleRefSchema),
  createdAt: z.date(),
  updatedAt: z.date(),
  lastLoginAt: z.date().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const listUsers = defineProcedure({
  route: { method: 'GET', path: '/admin/users', summary: 'List users', tags: ['admin'] },
  access: 'users:read',
  input: listInput(['email', 'name', 'createdAt']).extend({
    search: z.string().trim().max(200).optional().describe('Part of the email or name, any case'),
    status: userStatusSchema.optional(),
    role: roleNameSchema.optional(),
  }),
  output: listOutput(userSchema),
});

export const getUser = defineProcedure({
  route: { method: 'GET', path: '/admin/users/{id}', summary: 'Get a user', tags: ['admin'] },
  access: 'users:read',
  input: byIdInput,
  output: userSchema,
});

export const createUser = defineProcedure({
  route: { method: 'POST', path: '/admin/users', summary: 'Create a user', tags: ['admin'] },
  access: 'users:manage',
  input: z.object({
    email: emailSchema,
    name: textSchema(200),
    password: newPasswordSchema,
    roles: z.array(roleNameSchema).max(20).default([]),
  }),
  output: userSchema,
});

export const updateUser = defineProcedure({
  route: {
    method: 'PATCH',
    path: '/admin/users/{id}',
    summary: 'Rename, disable or enable a user, or replace their roles',
    description: 'Disabling a user signs them out everywhere. The last active admin cannot be disabled or demoted.',
    tags: ['admin'],
  },
  access: 'users:manage',
  input: z.object({
    id: idSchema,
    name: textSchema(200).optional(),
    status: userStatusSchema.optional(),
    roles: z.array(roleNameSchema).max(20).optional(),
  }),
  output: userSchema,
});
