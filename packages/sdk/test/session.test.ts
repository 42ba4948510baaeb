import { json, useTestApp } from '@crm/server/testing';
import { describe, expect, it } from 'vitest';
import { createCrmClient, isCrmError, memoryTokenStore, type TokenPair } from '../src';
import { ADMIN, expireAccessToken, recordingFetch } from './support/server';

describe('a session client against the server', () => {
  const app = useTestApp();

  async function signedIn(
    options: { batch?: boolean; fail?: (procedures: string[]) => boolean } = {},
  ) {
    const store = memoryTokenStore();
    const recorder = recordingFetch(options.fail);
    const client = createCrmClient({
      baseUrl: app.baseUrl(),
      auth: { type: 'session', store },
      fetch: recorder.fetch,
      batch: options.batch,
    });
    const tokens = await client.login(ADMIN.email, ADMIN.password);
    return { client, store, recorder, tokens };
  }

  it('signs in, says who is calling, and signs out', async () => {
    const { client, store, tokens } = await signedIn();
    expect(tokens).toMatchObject({
      tokenType: 'Bearer',
      accessToken: expect.any(String),
      accessTokenExpiresAt: expect.any(Date),
    });
    expect(await client.isAuthenticated()).toBe(true);

    const me = await client.auth.me.query({});
    expect(me).toMatchObject({ type: 'user', user: { email: ADMIN.email }, permissions: ['*'] });

    await client.logout();
    expect(await store.get()).toBeNull();
    expect(await client.isAuthenticated()).toBe(false);
    await expect(client.auth.me.query({})).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED', httpStatus: 401 },
    });
    // The session ended on the server too: its refresh token is refused.
    await expect(
      client.auth.refresh.mutate({ refreshToken: tokens.refreshToken }),
    ).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
  });

  it('refreshes before the access token expires, once for calls made together', async () => {
    const { client, store, recorder, tokens } = await signedIn();
    await store.set({ ...tokens, accessTokenExpiresAt: new Date(Date.now() + 5_000) });

    const results = await Promise.all([
      client.auth.me.query({}),
      client.admin.users.list.query({ limit: 5 }),
      client.admin.roles.list.query({}),
      client.auth.sessions.query({}),
    ]);
    expect(results[0].user?.email).toBe(ADMIN.email);
    expect(recorder.count('auth.refresh')).toBe(1);
    const renewed = (await store.get()) as TokenPair;
    expect(renewed.refreshToken).not.toBe(tokens.refreshToken);
    expect(renewed.accessTokenExpiresAt.getTime()).toBeGreaterThan(Date.now() + 60_000);
  });

  it('refreshes once and retries when the server finds the token expired, however many calls fail', async () => {
    const { client, store, recorder, tokens } = await signedIn({ batch: false });
    const expired = expireAccessToken(tokens, app.runtime().deps.config.jwtSecretKey);
    await store.set(expired);
    // The server's own verdict on that token, so this test exercises the expired case.
    const probe = await fetch(`${app.baseUrl()}/api/v1/auth/me`, {
      headers: { Authorization: `Bearer ${expired.accessToken}` },
    });
    expect((await json(probe)).message).toMatch(/expired/);

    const calls = Array.from({ length: 6 }, () => client.auth.me.query({}));
    const results = await Promise.all(calls);
    expect(results.every((me) => me.user?.email === ADMIN.email)).toBe(true);
    expect(recorder.count('auth.me')).toBe(12); // each call twice: refused, then retried
    expect(recorder.count('auth.refresh')).toBe(1);
    expect((await store.get())?.accessToken).not.toBe(expired.accessToken);
  });

  it('forgets the session and says so when the refresh is refused', async () => {
    const { client, store, tokens } = await signedIn();
    // A refresh token the server never issued (its id is real, its secret is not).
    await store.set({
      ...tokens,
      refreshToken: `${tokens.refreshToken.split('.')[0]}.forged`,
      accessTokenExpiresAt: new Date(0),
    });

    const error = await client.auth.me.query({}).catch((e: unknown) => e);
    expect(isCrmError(error)).toBe(true);
    expect(error).toMatchObject({
      message: expect.stringMatching(/refresh token is invalid or expired; sign in again/),
      data: { code: 'UNAUTHORIZED', httpStatus: 401 },
    });
    expect(await store.get()).toBeNull();
    expect(await client.isAuthenticated()).toBe(false);
  });

  it('keeps the session when the refresh fails for want of a network', async () => {
    const { client, store, tokens } = await signedIn({
      fail: (procedures) => procedures.includes('auth.refresh'),
    });
    await store.set({ ...tokens, accessTokenExpiresAt: new Date(0) });
    await expect(client.auth.me.query({})).rejects.toThrow(/fetch failed/);
    expect((await store.get())?.refreshToken).toBe(tokens.refreshToken);
  });
});
