import { useTestApp } from '@crm/server/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCrmClient, type CrmClient } from '../src';
import { ADMIN } from './support/server';

describe('an API-key client against the server', () => {
  const app = useTestApp();
  let admin: CrmClient;
  let key: string;

  beforeAll(async () => {
    admin = createCrmClient({ baseUrl: app.baseUrl() });
    await admin.login(ADMIN.email, ADMIN.password);
    ({ key } = await admin.admin.apiKeys.create.mutate({ name: 'BI export', role: 'analyst' }));
  });

  it('calls as the key, with the permissions of its role', async () => {
    const client = createCrmClient({ baseUrl: app.baseUrl(), auth: { type: 'apiKey', key } });
    expect(await client.isAuthenticated()).toBe(true);
    const me = await client.auth.me.query({});
    expect(me).toMatchObject({
      type: 'api_key',
      user: null,
      apiKey: { name: 'BI export' },
      roles: [{ name: 'analyst' }],
    });
    expect(me.permissions).toContain('analytics:read');

    await expect(client.admin.users.list.query({})).rejects.toMatchObject({
      data: { code: 'FORBIDDEN', httpStatus: 403 },
    });
  });

  it('has no session to sign in to or out of', async () => {
    const client = createCrmClient({ baseUrl: app.baseUrl(), auth: { type: 'apiKey', key } });
    await expect(client.login(ADMIN.email, ADMIN.password)).rejects.toThrow(/needs session auth/);
    await expect(client.logout()).rejects.toThrow(/needs session auth/);
  });

  it('is refused once the key is revoked', async () => {
    const { key: doomed, apiKey } = await admin.admin.apiKeys.create.mutate({
      name: 'Temporary',
      role: 'viewer',
    });
    const client = createCrmClient({
      baseUrl: app.baseUrl(),
      auth: { type: 'apiKey', key: doomed },
    });
    await client.auth.me.query({});
    await admin.admin.apiKeys.revoke.mutate({ id: apiKey.id });
    await expect(client.auth.me.query({})).rejects.toMatchObject({
      message: 'The API key is invalid, revoked or expired',
      data: { code: 'UNAUTHORIZED' },
    });
  });
});
