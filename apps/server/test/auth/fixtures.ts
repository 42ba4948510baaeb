import { createApiKey, createUser, SYSTEM_ACTOR } from '@crm/core';
import { json, type TestApp } from '../../src/testing/harness';

export const ADMIN = { email: 'admin@example.com', password: 'admin123' };

export type Tokens = { accessToken: string; refreshToken: string };

export async function post(app: TestApp, path: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  return app.request(`/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
}

export async function call(app: TestApp, method: string, path: string, token?: string, body?: unknown) {
  return app.request(`/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function login(app: TestApp, email: string, password: string): Promise<Tokens> {
  const response = await post(app, '/auth/login', { email, password });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  return json(response);
}

/** A user with the given roles, signed in. */
export async function userWithRoles(app: TestApp, email: string, roles: string[]): Promise<Tokens & { id: string }> {
  const password = 'correct horse battery staple';
  const user = await createUser(app.runtime().deps, SYSTEM_ACTOR, { email, name: email.split('@')[0]!, password, roles });
  return { id: user.id, ...(await login(app, email, password)) };
}

export async function apiKeyFor(app: TestApp, role: string): Promise<string> {
  const { key } = await createApiKey(app.runtime().deps, SYSTEM_ACTOR, { name: `${role} key`, role });
  return key;
}
