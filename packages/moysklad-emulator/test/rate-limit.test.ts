import { describe, expect, it } from 'vitest';
import type { CreateEmulatorOptions } from '../src/index';
import { scheduledUserWeight } from '../src/http/rate-limit';
import { call, tinyEmulator } from './helpers';

const limited = (options: CreateEmulatorOptions = {}) =>
  tinyEmulator({ limits: { enabled: true }, now: () => Date.UTC(2026, 9, 1), ...options });

/**
 * Exact unit counts need a bucket that barely drains while a test runs (a loaded machine can
 * take seconds for a few in-process requests); an hour-long interval does that.
 */
const SLOW = { enabled: true, intervalMs: 3_600_000 };

const remaining = (headers: Headers) => Number(headers.get('x-ratelimit-remaining'));

describe('rate limit headers and weights', () => {
  it('reports the bucket on every response', async () => {
    const emulator = limited();
    const response = await call(emulator, '/entity/uom');
    expect(response.headers.get('x-ratelimit-limit')).toBe('45');
    expect(response.headers.get('x-lognex-retry-timeinterval')).toBe('3000');
    expect(remaining(response.headers)).toBe(42);
    expect(Number(response.headers.get('x-lognex-reset'))).toBeGreaterThan(0);
    expect(response.headers.get('x-lognex-retry-after')).toBeNull();
  });

  it('keeps the headers, with a full bucket, when the limits are off', async () => {
    const emulator = tinyEmulator();
    const response = await call(emulator, '/entity/uom');
    expect(remaining(response.headers)).toBe(45);
    expect(response.headers.get('x-lognex-reset')).toBe('0');
  });

  it('weighs user requests by the published schedule', () => {
    expect(scheduledUserWeight(Date.UTC(2026, 3, 1))).toBe(1);
    expect(scheduledUserWeight(Date.UTC(2026, 4, 12))).toBe(2);
    expect(scheduledUserWeight(Date.UTC(2026, 8, 1))).toBe(3);
    expect(scheduledUserWeight(Date.UTC(2026, 11, 1))).toBe(4);
  });

  it.each([
    [
      'a solution token',
      1,
      (e: ReturnType<typeof limited>) =>
        `Bearer ${e.credentials.tokens.find((t) => t.kind === 'solution')!.token}`,
    ],
    [
      'a user token',
      3,
      (e: ReturnType<typeof limited>) =>
        `Bearer ${e.credentials.tokens.find((t) => t.kind === 'user')!.token}`,
    ],
    ['login and password', 3, undefined],
  ])('a request with %s costs %i', async (_label, weight, auth) => {
    const emulator = limited({ limits: SLOW });
    const response = await call(emulator, '/entity/store', { auth: auth?.(emulator) });
    expect(remaining(response.headers)).toBe(45 - weight);
  });

  it('from 1 December 2026 a user request costs 4; draft solutions cost 4', async () => {
    const december = limited({ now: () => Date.UTC(2026, 11, 2), limits: SLOW });
    expect(remaining((await call(december, '/entity/store')).headers)).toBe(41);
    const draft = limited({
      credentials: {
        tokens: [{ token: 'draft', kind: 'solution', appUid: 'draft.app@demo', draft: true }],
      },
      limits: SLOW,
    });
    expect(remaining((await call(draft, '/entity/store', { auth: 'Bearer draft' })).headers)).toBe(
      41,
    );
  });

  it('stock reports cost 5 whoever asks; their short versions do not', async () => {
    const emulator = limited({ limits: SLOW });
    const solution = `Bearer ${emulator.credentials.tokens.find((t) => t.kind === 'solution')!.token}`;
    expect(remaining((await call(emulator, '/report/stock/all', { auth: solution })).headers)).toBe(
      40,
    );
    expect(
      remaining((await call(emulator, '/report/stock/bystore', { auth: solution })).headers),
    ).toBe(35);
    expect(
      remaining((await call(emulator, '/report/stock/all/current', { auth: solution })).headers),
    ).toBe(34);
  });
});

describe('429', () => {
  it('over the rate: 1049 with X-Lognex-Retry-After, without spending units', async () => {
    const emulator = limited({ limits: { enabled: true, intervalMs: 60_000 } });
    for (let i = 0; i < 15; i++) expect((await call(emulator, '/entity/uom')).status).toBe(200);
    const refused = await call(emulator, '/entity/uom');
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].code).toBe(1049);
    const retryAfter = Number(refused.headers.get('x-lognex-retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60_000);
    expect(remaining(refused.headers)).toBe(0);
    const stats = emulator.stats();
    expect(stats.rateLimited).toMatchObject({ total: 1, rate: 1, parallel: 0 });
    expect(stats.unitsSpent).toBe(45);
  });

  it('counts per user and per solution, not per account', async () => {
    const emulator = limited({ limits: SLOW });
    for (let i = 0; i < 15; i++) await call(emulator, '/entity/uom');
    expect((await call(emulator, '/entity/uom')).status).toBe(429);
    const solution = `Bearer ${emulator.credentials.tokens.find((t) => t.kind === 'solution')!.token}`;
    expect((await call(emulator, '/entity/uom', { auth: solution })).status).toBe(200);
  });

  it('over five parallel requests: 1073 without Retry-After', async () => {
    const emulator = limited({ latencyMs: 150, limits: { enabled: true, capacity: 1000 } });
    const responses = await Promise.all(
      Array.from({ length: 7 }, () => call(emulator, '/entity/uom')),
    );
    const refused = responses.filter((r) => r.status === 429);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(5);
    expect(refused).toHaveLength(2);
    for (const r of refused) {
      expect(r.body.errors[0].code).toBe(1073);
      expect(r.headers.get('x-lognex-retry-after')).toBeNull();
    }
    expect(emulator.stats().rateLimited.parallel).toBe(2);
    expect(emulator.stats().maxInFlight).toBe(7);
  });

  it('the account as a whole takes twenty parallel requests', async () => {
    const users = Array.from({ length: 5 }, (_, i) => ({ login: `user${i}@demo`, password: 'p' }));
    const emulator = limited({
      credentials: { users },
      latencyMs: 150,
      limits: { enabled: true, capacity: 1000 },
    });
    const auth = (i: number) => `Basic ${Buffer.from(`user${i % 5}@demo:p`).toString('base64')}`;
    const responses = await Promise.all(
      Array.from({ length: 22 }, (_, i) => call(emulator, '/entity/uom', { auth: auth(i) })),
    );
    expect(
      responses.filter((r) => r.status === 429).every((r) => r.body.errors[0].code === 1073),
    ).toBe(true);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(20);
  });
});

describe('ban on 429 storms', () => {
  it('switches API access off after more than 200 refusals within a minute, until reset', async () => {
    const emulator = limited({ limits: { ...SLOW, capacity: 3 } });
    let last = await call(emulator, '/entity/uom');
    for (let i = 0; i < 201; i++) last = await call(emulator, '/entity/uom');
    expect(last.status).toBe(429);
    const banned = await call(emulator, '/entity/uom');
    expect(banned.status).toBe(403);
    expect(banned.body.errors[0].code).toBe(1061);
    await call(emulator, '/__control/limits/reset', { method: 'POST' });
    expect((await call(emulator, '/entity/uom')).status).toBe(200);
  });
});

describe('time scale', () => {
  it('runs the interval N times faster and says so in the headers', async () => {
    const emulator = limited({ timeScale: 20 });
    const first = await call(emulator, '/entity/uom');
    expect(first.headers.get('x-lognex-retry-timeinterval')).toBe('150');
    // The bucket drains 20 times faster, so it takes more than 15 quick requests to fill it.
    let refused = await call(emulator, '/entity/uom');
    for (let i = 0; i < 500 && refused.status !== 429; i++)
      refused = await call(emulator, '/entity/uom');
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('x-lognex-retry-after'));
    expect(wait).toBeLessThanOrEqual(150);
    await new Promise((resolve) => setTimeout(resolve, wait + 5));
    expect((await call(emulator, '/entity/uom')).status).toBe(200);
  });

  it('scales the added latency too', async () => {
    const emulator = limited({ latencyMs: 400, timeScale: 10 });
    const started = performance.now();
    await call(emulator, '/entity/uom');
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(35);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('control API', () => {
  it('counts requests by path, status and identity, apart from the API itself', async () => {
    const emulator = limited();
    await call(emulator, '/entity/uom');
    await call(emulator, '/entity/uom');
    await call(emulator, '/entity/nothing');
    await call(emulator, '/entity/uom', { auth: null });
    const stats = (await call(emulator, '/__control/stats')).body;
    expect(stats.requests).toBe(4);
    expect(stats.byPath['GET /entity/uom']).toBe(3);
    expect(stats.byStatus).toMatchObject({ 200: 2, 401: 1, 404: 1 });
    expect(Object.values(stats.byIdentity)).toEqual([3]);
    await call(emulator, '/__control/stats/reset', { method: 'POST' });
    expect((await call(emulator, '/__control/stats')).body.requests).toBe(0);
    expect((await call(emulator, '/__control/dataset')).body.products).toBeGreaterThan(0);
  });

  it('resets the limiter', async () => {
    const emulator = limited({ limits: SLOW });
    for (let i = 0; i < 16; i++) await call(emulator, '/entity/uom');
    expect((await call(emulator, '/entity/uom')).status).toBe(429);
    await call(emulator, '/__control/limits/reset', { method: 'POST' });
    expect((await call(emulator, '/entity/uom')).status).toBe(200);
  });
});
