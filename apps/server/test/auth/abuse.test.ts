import { describe, expect, it } from 'vitest';
import { json, useTestApp } from '../../src/testing/harness';
import { ADMIN, call, login, post } from './fixtures';

describe('hostile and careless input', () => {
  const app = useTestApp();

  it('locks an account out after repeated failures, with 429 and Retry-After', async () => {
    const email = 'victim@example.com';
    const token = (await login(app, ADMIN.email, ADMIN.password)).accessToken;
    await post(app, '/admin/users', { email, name: 'Жертва', password: 'Victim-pass-123' }, token);
    for (let i = 0; i < 5; i++) expect((await post(app, '/auth/login', { email, password: `wrong-${i}` })).status).toBe(401);

    const locked = await post(app, '/auth/login', { email, password: 'Victim-pass-123' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
    expect((await json(locked)).code).toBe('TOO_MANY_REQUESTS');
    // Other accounts are unaffected.
    expect((await post(app, '/auth/login', ADMIN)).status).toBe(200);
  });

  it('answers bad input with 4xx in the error shape and writes nothing', async () => {
    const token = (await login(app, ADMIN.email, ADMIN.password)).accessToken;
    const before = await app.db().prisma.user.count();
    const cases: [string, unknown][] = [
      ['missing fields', {}],
      ['wrong types', { email: 42, name: ['x'], password: true, roles: 'admin' }],
      ['10 KB strings', { email: `${'a'.repeat(10_000)}@x.ru`, name: 'я'.repeat(10_000), password: 'p'.repeat(10_000) }],
      ['SQL-looking strings', { email: "x'); DROP TABLE users;--@x.ru", name: "Robert'); DROP TABLE users;--", password: 'long-enough-9', roles: ["admin' OR '1'='1"] }],
      ['control characters', { email: 'ctrl@x.ru', name: 'bad\u0000name', password: 'long-enough-9' }],
      ['unknown role', { email: 'role@x.ru', name: 'Эмодзи 🙂', password: 'long-enough-9', roles: ['emperor'] }],
    ];
    for (const [label, body] of cases) {
      const response = await post(app, '/admin/users', body, token);
      expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(response.status, label).toBeLessThan(500);
      const error = await json(response);
      expect(error, label).toMatchObject({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
      expect(JSON.stringify(error), label).not.toMatch(/stack|at \w+ \(|prisma|SELECT|\.ts:\d/i);
    }
    const malformed = await app.request('/api/v1/admin/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"email": "a@b.ru", "name": ',
    });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).code).toBe('PARSE_ERROR');
    expect(await app.db().prisma.user.count()).toBe(before);
    const roles = await app.db().prisma.role.count();
    expect(roles).toBe(4);
  });

  it('accepts unicode everywhere it is data', async () => {
    const token = (await login(app, ADMIN.email, ADMIN.password)).accessToken;
    const response = await post(app, '/admin/users', { email: 'ёжик@пример.рф', name: 'Ёжик в тумане 🦔', password: 'Туман-над-рекой-2' }, token);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ email: 'ёжик@пример.рф', name: 'Ёжик в тумане 🦔' });
    expect((await post(app, '/auth/login', { email: 'ЁЖИК@пример.рф', password: 'Туман-над-рекой-2' })).status).toBe(200);
  });

  it('says in Russian what is wrong when asked to', async () => {
    const response = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'ru' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'wrong' }),
    });
    expect((await json(response)).message).toBe('Неверный email или пароль');
  });

  it('refuses an API call with an API key in the wrong format', async () => {
    const response = await call(app, 'GET', '/auth/me', 'crm_not-a-key');
    expect(response.status).toBe(401);
  });
});
