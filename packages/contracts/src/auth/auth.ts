import { z } from 'zod';
import { defineProcedure } from '../common/procedure';
import { emailSchema, idSchema, successOutput } from '../common/schemas';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** A new password: long enough, bounded so hashing cannot be abused; the rest is checked by the service. */
export const newPasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.date(),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.date(),
  tokenType: z.literal('Bearer'),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

const refreshTokenInput = z.object({ refreshToken: z.string().min(1).max(512) });

export const login = defineProcedure({
  route: { method: 'POST', path: '/auth/login', summary: 'Sign in with email and password', tags: ['auth'] },
  access: 'public',
  input: z.object({ email: emailSchema, password: z.string().min(1).max(PASSWORD_MAX_LENGTH) }),
  output: tokenPairSchema,
});

export const refresh = defineProcedure({
  route: {
    method: 'POST',
    path: '/auth/refresh',
    summary: 'Exchange a refresh token for a new token pair',
    description: 'The presented refresh token is spent. Presenting a spent token again revokes the whole session.',
    tags: ['auth'],
  },
  access: 'public',
  input: refreshTokenInput,
  output: tokenPairSchema,
});

export const logout = defineProcedure({
  route: { method: 'POST', path: '/auth/logout', summary: 'End the session of a refresh token', tags: ['auth'] },
  access: 'public',
  input: refreshTokenInput,
  output: successOutput,
});

export const roleRefSchema = z.object({ id: idSchema, name: z.string() });

export const meOutput = z.object({
  type: z.enum(['user', 'api_key']),
  user: z.object({ id: idSchema, email: z.string(), name: z.string() }).nullable(),
  apiKey: z.object({ id: idSchema, name: z.string() }).nullable(),
  roles: z.array(roleRefSchema),
  permissions: z.array(z.string()).describe('Effective permissions; "*" means every permission'),
});
export type Me = z.infer<typeof meOutput>;

export const me = defineProcedure({
  route: { method: 'GET', path: '/auth/me', summary: 'Who is calling, with roles and permissions', tags: ['auth'] },
  access: 'authenticated',
  input: z.object({}),
  output: meOutput,
});

export const sessionSchema = z.object({
  id: idSchema,
  createdAt: z.date(),
  lastUsedAt: z.date(),
  expiresAt: z.date(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;

export const listSessions = defineProcedure({
  route: { method: 'GET', path: '/auth/sessions', summary: "The caller's active sessions", tags: ['auth'] },
  access: 'user',
  input: z.object({}),
  output: z.object({ items: z.array(sessionSchema) }),
});

export const revokeSession = defineProcedure({
  route: { method: 'DELETE', path: '/auth/sessions/{id}', summary: 'Sign out one of your sessions', tags: ['auth'] },
  access: 'user',
  input: z.object({ id: idSchema }),
  output: successOutput,
});

export const revokeOtherSessions = defineProcedure({
  route: { method: 'POST', path: '/auth/sessions/revoke-others', summary: 'Sign out every other session', tags: ['auth'] },
  access: 'user',
  input: z.object({}),
  output: z.object({ revoked: z.number().int().nonnegative() }),
});

export const changePassword = defineProcedure({
  route: {
    method: 'POST',
    path: '/auth/password',
    summary: 'Change your password',
    description: 'Signs out every other session.',
    tags: ['auth'],
  },
  access: 'user',
  input: z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: newPasswordSchema }),
  output: z.object({ success: z.literal(true), revokedSessions: z.number().int().nonnegative() }),
});
