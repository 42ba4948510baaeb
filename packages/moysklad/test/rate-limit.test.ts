import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admission,
  createMoySkladClient,
  MemoryBudgetStore,
  RedisBudgetStore,
  type BudgetLimits,
  type BudgetStore,
  type MoySkladClient,
} from '../src/index';
import { heaviestWindow, startLimitedServer, type ServerLimits } from './support/limited-server';
import { product, sendJson, startServer } from './support/server';

const limits: BudgetLimits = {
  units: 10,
  windowMs: 1000,
  maxInFlight: 2,
  marginMs: 0,
  leaseMs: 60_000,
};

describe('admission rule', () => {
  it('admits while the window has room and a slot is free', () => {
    expect(admission([{ weight: 4, expiresAt: 500 }], 0, Infinity, 0, 6, limits)).toEqual({
      granted: true,
    });
    expect(admission([], 2, 300, 100, 1, limits)).toEqual({ granted: false, retryInMs: 200 });
  });

  it('waits until enough of the oldest charges expire', () => {
    const charges = [
      { weight: 3, expiresAt: 200 },
      { weight: 3, expiresAt: 400 },
      { weight: 3, expiresAt: 900 },
    ];
    // 9 used, 5 wanted: 4 must expire, which takes the first two charges.
    expect(admission(charges, 0, Infinity, 100, 5, limits)).toEqual({
      granted: false,
      retryInMs: 300,
    });
  });

  it('rejects a request heavier than the whole budget', () => {
    expect(() => admission([], 0, Infinity, 0, 11, limits)).toThrow(RangeError);
  });
});

describe('in-process budget store', () => {
  function storeAt() {
    const clock = { now: 0 };
    return { clock, store: new MemoryBudgetStore(() => clock.now) };
  }

  it('keeps a charge for one window after the response, not after admission', async () => {
    const { clock, store } = storeAt();
    expect(await store.tryAcquire('k', 'a', 10, limits)).toEqual({ granted: true });
    clock.now = 5000; // a slow request: still in flight, still charged
    expect(await store.tryAcquire('k', 'b', 1, limits)).toMatchObject({ granted: false });
    await store.release('k', 'a', 10, limits);
    clock.now = 5999;
    expect(await store.tryAcquire('k', 'b', 1, limits)).toEqual({ granted: false, retryInMs: 1 });
    clock.now = 6000;
    expect(await store.tryAcquire('k', 'b', 1, limits)).toEqual({ granted: true });
  });

  it('frees the slot of a request never released once its lease ends', async () => {
    const { clock, store } = storeAt();
    await store.tryAcquire('k', 'a', 1, limits);
    await store.tryAcquire('k', 'b', 1, limits);
    expect(await store.tryAcquire('k', 'c', 1, limits)).toEqual({
      granted: false,
      retryInMs: 60_000,
    });
    clock.now = 60_000;
    expect(await store.tryAcquire('k', 'c', 1, limits)).toEqual({ granted: true });
  });

  it('charges what the server counted beyond our own requests, until its reset', async () => {
    const { clock, store } = storeAt();
    await store.tryAcquire('k', 'a', 2, limits);
    await store.release('k', 'a', 2, limits);
    await store.reconcile('k', 9, 400, limits);
    expect(await store.tryAcquire('k', 'b', 2, limits)).toEqual({ granted: false, retryInMs: 400 });
    clock.now = 400;
    expect(await store.tryAcquire('k', 'b', 2, limits)).toEqual({ granted: true });
  });

  it('admits nothing while paused', async () => {
    const { clock, store } = storeAt();
    await store.pause('k', 250);
    expect(await store.tryAcquire('k', 'a', 1, limits)).toEqual({ granted: false, retryInMs: 250 });
    clock.now = 250;
    expect(await store.tryAcquire('k', 'a', 1, limits)).toEqual({ granted: true });
  });

  it('keeps identities apart', async () => {
    const { store } = storeAt();
    expect(await store.tryAcquire('k1', 'a', 10, limits)).toEqual({ granted: true });
    expect(await store.tryAcquire('k2', 'b', 10, limits)).toEqual({ granted: true });
  });
});

const SERVER: ServerLimits = {
  units: 12,
  windowMs: 100,
  maxInFlight: 3,
  // The stock reports weigh 5 whatever the auth; a solution's other requests weigh 1.
  weightOf: (pathname) => (pathname === '/report/stock/all' ? 5 : 1),
  delayMs: [2, 25],
};

/** A mix of light and heavy requests fired all at once from each client. */
async function burst(clients: MoySkladClient[], perClient: number) {
  await Promise.all(
    clients.flatMap((client) =>
      Array.from({ length: perClient }, (_, i) =>
        client.request('GET', i % 5 === 0 ? '/report/stock/all' : `/entity/product/p${i}`),
      ),
    ),
  );
}

function limitedClient(baseUrl: string, key: string, store?: BudgetStore) {
  return createMoySkladClient({
    baseUrl,
    credentials: { token: 'solution-token', tokenKind: 'solution' },
    rateLimit: {
      key,
      units: SERVER.units,
      windowMs: SERVER.windowMs,
      maxInFlight: SERVER.maxInFlight,
      ...(store ? { store } : {}),
    },
    // Any 429 would be retried and hide in the totals: fail loudly instead.
    retry: { maxAttempts: 1 },
  });
}

describe('rate limiting against a strictly metering server', () => {
  it('never exceeds the weighted budget of any window, nor the parallel cap', async () => {
    const server = await startLimitedServer(SERVER);
    try {
      const client = limitedClient(server.baseUrl, `in-process-${randomUUID()}`);
      await burst([client], 60);
      expect(server.rejected).toEqual([]);
      expect(server.arrivals).toHaveLength(60);
      expect(heaviestWindow(server.arrivals, SERVER.windowMs)).toBeLessThanOrEqual(SERVER.units);
      expect(server.maxConcurrent()).toBeLessThanOrEqual(SERVER.maxInFlight);
      // 12 stock reports (5) + 48 others (1) = 108 units.
      expect(client.stats).toMatchObject({ requests: 60, weight: 108, rateLimited: 0 });
      // Throttled, not just lucky: 108 units at 12 per window need at least 8 full windows.
      const span = server.arrivals.at(-1)!.at - server.arrivals[0]!.at;
      expect(span).toBeGreaterThanOrEqual(8 * SERVER.windowMs);
    } finally {
      await server.close();
    }
  });

  it('shares one budget between two clients in one process', async () => {
    const server = await startLimitedServer(SERVER);
    try {
      const key = `shared-${randomUUID()}`;
      await burst([limitedClient(server.baseUrl, key), limitedClient(server.baseUrl, key)], 25);
      expect(server.rejected).toEqual([]);
      expect(heaviestWindow(server.arrivals, SERVER.windowMs)).toBeLessThanOrEqual(SERVER.units);
      expect(server.maxConcurrent()).toBeLessThanOrEqual(SERVER.maxInFlight);
    } finally {
      await server.close();
    }
  });
});

describe('staying in step with the server', () => {
  it('holds back when the server reports the budget used up by someone else', async () => {
    let calls = 0;
    const server = await startServer((_req, res) => {
      // Another program using the same login has spent the window.
      const headers =
        calls++ === 0
          ? { 'X-RateLimit-Limit': 45, 'X-RateLimit-Remaining': 0, 'X-Lognex-Reset': 300 }
          : { 'X-RateLimit-Limit': 45, 'X-RateLimit-Remaining': 44, 'X-Lognex-Reset': 60 };
      sendJson(res, 200, product('p1'), { headers });
    });
    try {
      const client = createMoySkladClient({
        baseUrl: server.baseUrl,
        credentials: { token: 't' },
        rateLimit: { key: `reconcile-${randomUUID()}`, windowMs: 100 },
      });
      await client.request('GET', '/entity/product/p1');
      const answeredAt = performance.now();
      await client.request('GET', '/entity/product/p2');
      expect(server.requests[1]!.arrivedAt - answeredAt).toBeGreaterThanOrEqual(280);
    } finally {
      await server.close();
    }
  });

  it('pauses every queued request after a 429 with X-Lognex-Retry-After', async () => {
    let calls = 0;
    const server = await startServer((_req, res) => {
      if (calls++ === 0) {
        sendJson(
          res,
          429,
          { errors: [{ error: 'Превышено ограничение', code: 1049 }] },
          {
            headers: { 'X-Lognex-Retry-After': 300 },
          },
        );
      } else {
        sendJson(res, 200, product('p1'));
      }
    });
    try {
      const client = createMoySkladClient({
        baseUrl: server.baseUrl,
        credentials: { token: 't' },
        rateLimit: { key: `pause-${randomUUID()}`, windowMs: 50, maxInFlight: 1 },
      });
      await Promise.all(
        ['a', 'b', 'c'].map((id) => client.request('GET', `/entity/product/${id}`)),
      );
      const [limited, ...rest] = server.requests;
      expect(rest).toHaveLength(3);
      for (const later of rest)
        expect(later.arrivedAt - limited!.arrivedAt).toBeGreaterThanOrEqual(295);
    } finally {
      await server.close();
    }
  });
});

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 500,
  });
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const redisAvailable = await redisReachable();

describe.skipIf(!redisAvailable)(`budget shared through Redis (${REDIS_URL})`, () => {
  // Two connections, as two processes would have.
  const connections: Redis[] = [];
  beforeAll(() => {
    connections.push(new Redis(REDIS_URL), new Redis(REDIS_URL));
  });
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.quit()));
  });

  it('keeps two clients on separate connections within one budget', async () => {
    const server = await startLimitedServer(SERVER);
    try {
      const key = `redis-${randomUUID()}`;
      const prefix = `moysklad-test:${randomUUID()}`;
      const clients = connections.map((redis) =>
        limitedClient(server.baseUrl, key, new RedisBudgetStore(redis, prefix)),
      );
      await burst(clients, 30);
      expect(server.rejected).toEqual([]);
      expect(server.arrivals).toHaveLength(60);
      expect(heaviestWindow(server.arrivals, SERVER.windowMs)).toBeLessThanOrEqual(SERVER.units);
      expect(server.maxConcurrent()).toBeLessThanOrEqual(SERVER.maxInFlight);
    } finally {
      await server.close();
    }
  });

  it('implements the same admission rule atomically in Lua', async () => {
    const store = new RedisBudgetStore(connections[0]!, `moysklad-test:${randomUUID()}`);
    const l: BudgetLimits = {
      units: 10,
      windowMs: 200,
      maxInFlight: 2,
      marginMs: 0,
      leaseMs: 5000,
    };
    expect(await store.tryAcquire('k', 'a', 6, l)).toEqual({ granted: true });
    expect(await store.tryAcquire('k', 'b', 4, l)).toEqual({ granted: true });
    // Both slots taken: the wait is bounded by the earliest lease.
    const full = await store.tryAcquire('k', 'c', 1, l);
    expect(full).toMatchObject({ granted: false });
    await store.release('k', 'a', 6, l);
    // A slot is free now, but the window is full until `a`'s charge expires.
    const waiting = await store.tryAcquire('k', 'c', 1, l);
    expect(waiting.granted).toBe(false);
    expect(waiting.granted ? 0 : waiting.retryInMs).toBeLessThanOrEqual(200);
    await new Promise((resolve) => setTimeout(resolve, 210));
    expect(await store.tryAcquire('k', 'c', 1, l)).toEqual({ granted: true });
    await store.pause('k', 150);
    const paused = await store.tryAcquire('k', 'd', 1, l);
    expect(paused.granted).toBe(false);
    expect(paused.granted ? 0 : paused.retryInMs).toBeGreaterThan(100);

    // The server counts 9 of 10 units used for 400 ms; we only know of 2.
    await store.tryAcquire('r', 'e', 2, l);
    await store.release('r', 'e', 2, l);
    await store.reconcile('r', 9, 400, l);
    const behind = await store.tryAcquire('r', 'f', 2, l);
    expect(behind.granted).toBe(false);
    expect(behind.granted ? 0 : behind.retryInMs).toBeGreaterThan(300);
  });

  it('accepts a Redis URL and closes the connection it opened', async () => {
    const server = await startLimitedServer(SERVER);
    try {
      const client = createMoySkladClient({
        baseUrl: server.baseUrl,
        credentials: { token: 'solution-token', tokenKind: 'solution' },
        rateLimit: {
          key: `url-${randomUUID()}`,
          redis: REDIS_URL,
          redisKeyPrefix: `moysklad-test:${randomUUID()}`,
        },
      });
      await client.request('GET', '/entity/product/p1');
      await client.close();
      expect(server.arrivals).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
