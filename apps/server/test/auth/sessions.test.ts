import { describe, expect, it } from 'vitest';
import { json, useTestApp } from '../../src/testing/harness';
import { ADMIN, call, login, post } from './fixtures';

describe('sign-in, refresh and sign-out over REST', () => {
  const app = useTestApp();

  it('logs in and tells who is calling', async () => {
    const response = await post(app, '/auth/login', { email: 'Admin@Example.com ', password: ADMIN.password });
    expect(response.status).toBe(200);
    const tokens = await json(response);
    expect(tokens).toEqual({
      accessToken: expect.stringMatching(/^ey/),
      accessTokenExpiresAt: expect.any(String),
      refreshToken: expect.stringMatching(/^[0-9a-f-]{36}\.[\w-]{40,}$/),
      refreshTokenExpiresAt: expect.any(String),
      tokenType: 'Bearer',
    });
    const lifetime = Date.parse(tokens.accessTokenExpiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(14 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000);

    const me = await json(await call(app, 'GET', '/auth/me', tokens.accessToken));
    expect(me).toMatchObject({ type: 'user', user: { email: 'admin@example.com' }, apiKey: null, permissions: ['*'] });
    expect(me.roles.map((r: { name: string }) => r.name)).toEqual(['admin']);
  });

  it('refuses wrong credentials with one message for unknown emails and wrong passwords', async () => {
    const wrongPassword = await post(app, '/auth/login', { email: ADMIN.email, password: 'nope-nope' });
    const unknown = await post(app, '/auth/login', { email: 'ghost@example.com', password: 'nope-nope' });
    expect(wrongPassword.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await json(wrongPassword)).message).toBe((await json(unknown)).message);
  });

  it('rotates the pair on refresh; a spent token reused after the grace window revokes the session', async () => {
    const first = await login(app, ADMIN.email, ADMIN.password);
    const second = await json(await post(app, '/auth/refresh', { refreshToken: first.refreshToken }));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await call(app, 'GET', '/auth/me', second.accessToken)).status).toBe(200);

    // Another tab presenting the same spent token a moment later gets a pair of its own.
    const sibling = await post(app, '/auth/refresh', { refreshToken: first.refreshToken });
    expect(sibling.status).toBe(200);
    expect((await json(sibling)).refreshToken).not.toBe(second.refreshToken);

    // Long after it was spent, the same token is theft: the session ends for every token of it.
    const tokenId = first.refreshToken.split('.')[0]!;
    await app.db().prisma.refreshToken.update({ where: { id: tokenId }, data: { supersededAt: new Date(Date.now() - 60_000) } });
    const reuse = await post(app, '/auth/refresh', { refreshToken: first.refreshToken });
    expect(reuse.status).toBe(401);
    expect((await json(reuse)).message).toMatch(/already used/);
    expect((await call(app, 'GET', '/auth/me', second.accessToken)).status).toBe(401);
    expect((await post(app, '/auth/refresh', { refreshToken: second.refreshToken })).status).toBe(401);

    const alert = await app.db().prisma.systemAlert.findFirst({ where: { rule: 'auth.refresh_token_reuse' } });
    expect(alert).toMatchObject({ severity: 'critical', entityType: 'user', resolvedAt: null });
  });

  it('logs out: the refresh token and the access token stop working at once', async () => {
    const tokens = await login(app, ADMIN.email, ADMIN.password);
    expect((await call(app, 'GET', '/auth/me', tokens.accessToken)).status).toBe(200); // now cached
    expect(await json(await post(app, '/auth/logout', { refreshToken: tokens.refreshToken }))).toEqual({ success: true });

    const me = await call(app, 'GET', '/auth/me', tokens.accessToken);
    expect(me.status).toBe(401);
    expect((await json(me)).message).toBe('The session has ended; sign in again');
    expect((await post(app, '/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
  });

  it('tells an expired access token apart from a bad one', async () => {
    const forged = await call(app, 'GET', '/auth/me', 'eyJhbGciOiJIUzI1NiJ9.e30.bad');
    expect((await json(forged)).message).toBe('The access token is invalid');
    const noScheme = await app.request('/api/v1/auth/me', { headers: { authorization: 'Token abc' } });
    expect(noScheme.status).toBe(401);
  });

  it('lists sessions, signs out one, and signs out all others', async () => {
    const a = await login(app, ADMIN.email, ADMIN.password);
    const b = await login(app, ADMIN.email, ADMIN.password);
    const c = await login(app, ADMIN.email, ADMIN.password);
    const sessions = await json(await call(app, 'GET', '/auth/sessions', a.accessToken));
    expect(sessions.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

    const bSession = sessions.items.find((s: { current: boolean }) => !s.current);
    expect((await call(app, 'DELETE', `/auth/sessions/${bSession.id}`, a.accessToken)).status).toBe(200);
    const revoked = await json(await post(app, '/auth/sessions/revoke-others', {}, a.accessToken));
    expect(revoked.revoked).toBeGreaterThanOrEqual(1);
    expect((await call(app, 'GET', '/auth/me', a.accessToken)).status).toBe(200);
    expect((await call(app, 'GET', '/auth/me', b.accessToken)).status).toBe(401);
    expect((await call(app, 'GET', '/auth/me', c.accessToken)).status).toBe(401);
  });

  it('changes the password and signs out the other sessions', async () => {
    const email = 'changer@example.com';
    await post(app, '/admin/users', { email, name: 'Пётр', password: 'first-password-1', roles: ['viewer'] }, (await login(app, ADMIN.email, ADMIN.password)).accessToken);
    const here = await login(app, email, 'first-password-1');
    const elsewhere = await login(app, email, 'first-password-1');

    const weak = await post(app, '/auth/password', { currentPassword: 'first-password-1', newPassword: 'password123' }, here.accessToken);
    expect(weak.status).toBe(400);
    expect((await json(weak)).issues).toEqual([{ path: ['newPassword'], message: 'is one of the most common passwords' }]);

    const wrong = await post(app, '/auth/password', { currentPassword: 'nope', newPassword: 'second-password-2' }, here.accessToken);
    expect(wrong.status).toBe(400);

    const changed = await post(app, '/auth/password', { currentPassword: 'first-password-1', newPassword: 'second-password-2' }, here.accessToken);
    expect(await json(changed)).toEqual({ success: true, revokedSessions: 1 });
    expect((await call(app, 'GET', '/auth/me', here.accessToken)).status).toBe(200);
    expect((await call(app, 'GET', '/auth/me', elsewhere.accessToken)).status).toBe(401);
    expect((await post(app, '/auth/login', { email, password: 'first-password-1' })).status).toBe(401);
    expect((await post(app, '/auth/login', { email, password: 'second-password-2' })).status).toBe(200);
  });
});
