import { appRouter, type ProcedureMeta } from '@crm/api';
import { hasPermission, SYSTEM_ROLES, type Access } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../src/testing/harness';
import { apiKeyFor, call, userWithRoles } from './fixtures';

type Entry = { path: string; type: string; meta: ProcedureMeta };

function procedures(): Entry[] {
  return Object.entries(appRouter._def.procedures).map(([path, procedure]) => {
    const def = (procedure as unknown as { _def: { type: string; meta?: ProcedureMeta } })._def;
    return { path, type: def.type, meta: def.meta ?? {} };
  });
}

describe('every procedure', () => {
  it('declares who may call it and a REST route that matches its kind', () => {
    const all = procedures();
    expect(all.length).toBeGreaterThan(15);
    for (const { path, type, meta } of all) {
      expect(meta.access, `${path} declares no access rule`).toBeDefined();
      expect(meta.openapi?.path, `${path} has no REST route`).toMatch(/^\//);
      expect(type === 'query', `${path}: GET routes are queries, others mutations`).toBe(meta.openapi?.method === 'GET');
    }
  });
});

describe('access rules, procedure by procedure', () => {
  const app = useTestApp();
  const callers: Record<string, string | undefined> = {};

  function expected(access: Access, caller: string): 'allowed' | 401 | 403 {
    if (access === 'public') return 'allowed';
    if (caller === 'anonymous') return 401;
    if (access === 'user') return caller === 'api key (analyst)' ? 403 : 'allowed';
    if (access === 'authenticated') return 'allowed';
    const role = caller === 'api key (analyst)' ? 'analyst' : caller;
    const grants = role === 'no role' ? [] : SYSTEM_ROLES[role as keyof typeof SYSTEM_ROLES].grants;
    return hasPermission(grants, access) ? 'allowed' : 403;
  }

  it('answers each system role, an API key and an anonymous caller as the rules say', async () => {
    callers.anonymous = undefined;
    for (const role of ['admin', 'manager', 'analyst', 'viewer'] as const) {
      callers[role] = (await userWithRoles(app, `${role}@table.test`, [role])).accessToken;
    }
    callers['no role'] = (await userWithRoles(app, 'nobody@table.test', [])).accessToken;
    callers['api key (analyst)'] = await apiKeyFor(app, 'analyst');

    const mismatches: string[] = [];
    for (const { path, meta } of procedures()) {
      const route = meta.openapi!;
      const url = route.path.replace('{id}', '00000000-0000-4000-8000-000000000000');
      for (const [caller, token] of Object.entries(callers)) {
        // Empty input: allowed callers get past the access check and fail validation (or succeed);
        // nothing is written either way.
        const response = await call(app, route.method, url, token, route.method === 'GET' ? undefined : {});
        const got = response.status === 401 || response.status === 403 ? response.status : 'allowed';
        const want = expected(meta.access!, caller);
        if (got !== want) mismatches.push(`${caller} → ${route.method} ${route.path} (${path}): got ${got}, want ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('gives a viewer 403 on the user list, and lets an analyst key read but not manage', async () => {
    const viewer = await userWithRoles(app, 'viewer2@table.test', ['viewer']);
    const denied = await call(app, 'GET', '/admin/users', viewer.accessToken);
    expect(denied.status).toBe(403);
    expect((await denied.json()) as object).toMatchObject({ code: 'FORBIDDEN', message: 'You do not have permission to do this' });

    const key = await apiKeyFor(app, 'analyst');
    const me = await call(app, 'GET', '/auth/me', key);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { permissions: string[] }).permissions).toContain('analytics:read');
    const viaHeader = await app.request('/api/v1/auth/me', { headers: { 'x-api-key': key } });
    expect(viaHeader.status).toBe(200);
    expect((await call(app, 'POST', '/admin/users', key, { email: 'x@y.ru', name: 'x', password: 'long enough 1' })).status).toBe(403);
  });
});
