import { SYSTEM_ROLES } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { json, useTestApp } from '../../src/testing/harness';
import { ADMIN, call, login, post } from './fixtures';

describe('users, roles, API keys and the audit log', () => {
  const app = useTestApp();
  const admin = () => login(app, ADMIN.email, ADMIN.password).then((t) => t.accessToken);

  it('creates, lists, finds, renames, disables and re-enables a user', async () => {
    const token = await admin();
    const created = await post(app, '/admin/users', { email: 'Ирина.Петрова@shop.ru', name: 'Ирина Петрова', password: 'Сложный-пароль-7', roles: ['manager'] }, token);
    expect(created.status).toBe(200);
    const user = await json(created);
    expect(user).toMatchObject({ email: 'ирина.петрова@shop.ru', name: 'Ирина Петрова', status: 'active', roles: [{ name: 'manager' }] });

    const duplicate = await post(app, '/admin/users', { email: 'ирина.петрова@shop.ru', name: 'X', password: 'Сложный-пароль-7' }, token);
    expect(duplicate.status).toBe(409);
    expect((await json(duplicate)).issues).toEqual([{ path: ['email'], message: 'is taken' }]);

    const found = await json(await call(app, 'GET', '/admin/users?search=ПЕТРОВ', token));
    expect(found.items.map((u: { id: string }) => u.id)).toEqual([user.id]);

    const session = await login(app, user.email, 'Сложный-пароль-7');
    const disabled = await call(app, 'PATCH', `/admin/users/${user.id}`, token, { status: 'disabled', name: 'Ирина П.' });
    expect(await json(disabled)).toMatchObject({ status: 'disabled', name: 'Ирина П.' });
    expect((await call(app, 'GET', '/auth/me', session.accessToken)).status).toBe(401);
    expect((await post(app, '/auth/login', { email: user.email, password: 'Сложный-пароль-7' })).status).toBe(403);

    await call(app, 'PATCH', `/admin/users/${user.id}`, token, { status: 'active', roles: ['viewer', 'analyst'] });
    const shown = await json(await call(app, 'GET', `/admin/users/${user.id}`, token));
    expect(shown.roles.map((r: { name: string }) => r.name)).toEqual(['analyst', 'viewer']);
    expect((await call(app, 'GET', '/admin/users/00000000-0000-4000-8000-000000000000', token)).status).toBe(404);
  });

  it('pages through users with a cursor, in Russian alphabetical order', async () => {
    const token = await admin();
    for (const name of ['Яков', 'Ёлкин', 'Елена', 'Борис', 'Жанна']) {
      await post(app, '/admin/users', { email: `${encodeURIComponent(name).slice(0, 12).toLowerCase().replace(/%/g, '')}@page.test`, name, password: 'Page-test-pass-1' }, token);
    }
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/admin/users?sort=name&limit=2&search=page.test${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await json(await call(app, 'GET', query, token));
      expect(page.total).toBe(5);
      names.push(...page.items.map((u: { name: string }) => u.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names).toEqual(['Борис', 'Елена', 'Ёлкин', 'Жанна', 'Яков']);

    const bad = await call(app, 'GET', '/admin/users?cursor=garbage', token);
    expect(bad.status).toBe(400);
  });

  it('never lets the last active admin be disabled or demoted', async () => {
    const token = await admin();
    const me = await json(await call(app, 'GET', '/auth/me', token));
    const demote = await call(app, 'PATCH', `/admin/users/${me.user.id}`, token, { roles: ['viewer'] });
    expect(demote.status).toBe(409);
    expect((await json(demote)).message).toMatch(/no active administrator/);
    expect((await call(app, 'PATCH', `/admin/users/${me.user.id}`, token, { status: 'disabled' })).status).toBe(409);
    const still = await json(await call(app, 'GET', `/admin/users/${me.user.id}`, token));
    expect(still).toMatchObject({ status: 'active', roles: [{ name: 'admin' }] });
  });

  it('seeds the built-in roles with the grants of the permission registry', async () => {
    const roles = await json(await call(app, 'GET', '/admin/roles', await admin()));
    for (const [name, role] of Object.entries(SYSTEM_ROLES)) {
      const seeded = roles.items.find((r: { name: string }) => r.name === name);
      expect([...seeded.permissions].sort(), name).toEqual([...role.grants].sort());
    }
  });

  it('manages custom roles; built-in roles cannot be changed or deleted', async () => {
    const token = await admin();
    const roles = await json(await call(app, 'GET', '/admin/roles', token));
    expect(roles.items.filter((r: { system: boolean }) => r.system).map((r: { name: string }) => r.name)).toEqual(['admin', 'analyst', 'manager', 'viewer']);
    expect(roles.permissions.map((p: { name: string }) => p.name)).toContain('sync:run');

    const created = await json(await post(app, '/admin/roles', { name: 'Warehouse', description: 'Склад', permissions: ['inventory:read', 'inventory:manage'] }, token));
    expect(created).toMatchObject({ name: 'warehouse', system: false, userCount: 0 });
    expect((await post(app, '/admin/roles', { name: 'bad', permissions: ['rockets:launch'] }, token)).status).toBe(400);

    const updated = await json(await call(app, 'PATCH', `/admin/roles/${created.id}`, token, { permissions: ['inventory:read'] }));
    expect(updated.permissions).toEqual(['inventory:read']);

    const viewer = roles.items.find((r: { name: string }) => r.name === 'viewer');
    expect((await call(app, 'PATCH', `/admin/roles/${viewer.id}`, token, { permissions: ['*'] })).status).toBe(409);
    expect((await call(app, 'DELETE', `/admin/roles/${viewer.id}`, token)).status).toBe(409);

    await post(app, '/admin/users', { email: 'stock@shop.ru', name: 'Кладовщик', password: 'Warehouse-pass-1', roles: ['warehouse'] }, token);
    expect((await call(app, 'DELETE', `/admin/roles/${created.id}`, token)).status).toBe(409);
  });

  it('creates an API key shown once, stores only its digest, and revokes it at once', async () => {
    const token = await admin();
    const created = await json(await post(app, '/admin/api-keys', { name: 'Партнёр', role: 'analyst' }, token));
    expect(created.key).toMatch(/^crm_[0-9a-f]{32}_[\w-]{40,}$/);
    expect(created.apiKey).toMatchObject({ name: 'Партнёр', role: { name: 'analyst' }, hint: `${created.key.slice(0, 12)}…`, createdBy: ADMIN.email });

    const stored = await app.db().prisma.apiKey.findUniqueOrThrow({ where: { id: created.apiKey.id } });
    // The secret is base64url and may itself contain '_': everything after the id is the secret.
    expect(JSON.stringify(stored)).not.toContain(created.key.slice('crm_'.length + 33));

    expect((await call(app, 'GET', '/auth/me', created.key)).status).toBe(200);
    await expect.poll(async () => (await json(await call(app, 'GET', '/admin/api-keys', token))).items[0].lastUsedAt).not.toBeNull();

    expect((await call(app, 'DELETE', `/admin/api-keys/${created.apiKey.id}`, token)).status).toBe(200);
    expect((await call(app, 'GET', '/auth/me', created.key)).status).toBe(401);

    const expired = await post(app, '/admin/api-keys', { name: 'old', role: 'viewer', expiresAt: '2020-01-01T00:00:00Z' }, token);
    expect(expired.status).toBe(400);
  });

  it('records administrative actions in the audit log, filterable and newest first', async () => {
    const token = await admin();
    const audit = await json(await call(app, 'GET', '/admin/audit?action=users.&limit=100', token));
    const actions = audit.items.map((e: { action: string }) => e.action);
    expect(actions).toContain('users.create');
    expect(actions).toContain('users.update');
    expect(actions.every((a: string) => a.startsWith('users.'))).toBe(true);
    const times = audit.items.map((e: { createdAt: string }) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const entry = audit.items.find(
      (e: { action: string; details: { changes?: { status?: { to: string } } } }) => e.details.changes?.status?.to === 'disabled',
    );
    expect(entry).toMatchObject({ actor: { type: 'user', label: ADMIN.email }, target: { type: 'user' }, details: { changes: { status: { from: 'active', to: 'disabled' } } } });

    const keys = await json(await call(app, 'GET', '/admin/audit?action=api_keys.create', token));
    expect(JSON.stringify(keys)).not.toMatch(/crm_[0-9a-f]{32}_/);
  });
});
