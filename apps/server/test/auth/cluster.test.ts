import { appRouter } from '@crm/api';
import { loadConfig } from '@crm/config';
import { createCoreDeps, startBoss } from '@crm/core';
import { createPluginRegistry } from '@crm/integrations';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import { compileTrust } from '../../src/http/client-ip';
import { createLogger } from '../../src/logging/logger';
import { useTestApp } from '../../src/testing/harness';
import { ADMIN, call, login, post } from './fixtures';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisAnswers(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

const hasRedis = await redisAnswers();

/** Two API instances on one database and one Redis, as behind a load balancer. */
describe.runIf(hasRedis)('revocation across instances (Redis)', () => {
  const a = useTestApp({ env: { REDIS_URL } });
  const closers: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  async function secondInstance() {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: a.db().url, REDIS_URL });
    const log = createLogger(config);
    const boss = await startBoss(a.db().url, { log, timezone: config.businessTimezone, schedule: false, max: 1 });
    const deps = createCoreDeps({ config, db: a.db(), log, roles: ['api'], boss });
    closers.push(() => boss.stop({ graceful: false, close: true }), () => deps.close());
    const app = createApp({ deps, plugins: createPluginRegistry(), boss, queue: { running: true }, trust: compileTrust(false) }, appRouter);
    return { request: (path: string, init?: RequestInit) => app.request(path, init) };
  }

  it('refuses a session on instance B the moment it is signed out on instance A', async () => {
    const b = await secondInstance();
    const tokens = await login(a, ADMIN.email, ADMIN.password);
    // B resolves and caches the session.
    expect((await call(b as never, 'GET', '/auth/me', tokens.accessToken)).status).toBe(200);
    expect((await post(a, '/auth/logout', { refreshToken: tokens.refreshToken })).status).toBe(200);
    await expect.poll(async () => (await call(b as never, 'GET', '/auth/me', tokens.accessToken)).status, { timeout: 2000 }).toBe(401);
  });
});
