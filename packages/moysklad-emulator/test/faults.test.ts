import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import type { Emulator } from '../src/index';
import { call, type Json } from './helpers';
import { liveEmulator } from './live-helpers';

/** Status of a GET in-process; the body is read, so a broken one shows as -1. */
async function status(emulator: Emulator, path: string): Promise<number> {
  const user = emulator.credentials.users[0]!;
  const response = await emulator.app.request(`/api/remap/1.2${path}`, {
    headers: {
      Authorization: `Basic ${Buffer.from(`${user.login}:${user.password}`).toString('base64')}`,
      'Accept-Encoding': 'gzip',
    },
  });
  try {
    await response.arrayBuffer();
    return response.status;
  } catch {
    return -1;
  }
}

async function statuses(emulator: Emulator, path: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await status(emulator, path));
  return out;
}

describe('fault injection', () => {
  it('is off by default and applies per endpoint pattern', async () => {
    const emulator = liveEmulator();
    expect(await statuses(emulator, '/entity/product?limit=1', 5)).toEqual([
      200, 200, 200, 200, 200,
    ]);
    emulator.faults.configure({ rules: [{ match: 'GET /entity/product', serverErrors: 1 }] });
    const failed = await statuses(emulator, '/entity/product?limit=1', 20);
    expect(failed.every((s) => [500, 502, 503, 504].includes(s))).toBe(true);
    expect(new Set(failed).size).toBeGreaterThan(1);
    expect(await statuses(emulator, '/entity/counterparty?limit=1', 3)).toEqual([200, 200, 200]);
    emulator.faults.configure({ rules: [{ match: ['/report/**'], serverErrors: 1 }] });
    expect(await status(emulator, '/report/stock/all/current')).toBeGreaterThanOrEqual(500);
    expect(await status(emulator, '/entity/product?limit=1')).toBe(200);
    expect(emulator.control.counters().faults.serverError).toBeGreaterThan(20);
    emulator.faults.clear();
    expect(await statuses(emulator, '/report/stock/all/current', 2)).toEqual([200, 200]);
  });

  it('is repeatable: the same seed gives the same faults for the same requests', async () => {
    const config = {
      seed: 42,
      rules: [{ serverErrors: 0.2, resets: 0.1, truncations: 0.1 }],
    };
    const runs: number[][] = [];
    for (let k = 0; k < 2; k++) {
      const emulator = liveEmulator();
      emulator.faults.configure(config);
      const seen: number[] = [];
      for (let i = 0; i < 30; i++)
        seen.push(await status(emulator, `/entity/product?offset=${i % 7}`));
      runs.push(seen);
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]!.some((s) => s >= 500)).toBe(true);
  });

  it('429 storms answer 1049 with X-Lognex-Retry-After until they pass', async () => {
    const emulator = liveEmulator({ timeScale: 10 });
    emulator.faults.configure({
      rules: [{ match: '/entity/*', rateLimitStorms: { probability: 1, durationMs: 2000 } }],
    });
    const refused = await call(emulator, '/entity/store');
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].code).toBe(1049);
    const retryAfter = Number(refused.headers.get('x-lognex-retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(200);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    emulator.faults.configure({
      rules: [{ match: '/entity/*', rateLimitStorms: { probability: 0.0001, durationMs: 2000 } }],
    });
    expect((await call(emulator, '/entity/store')).status).toBe(200);
    const log = emulator.control.requests();
    expect(log[0]).toMatchObject({ status: 429, faults: ['rateLimitStorm'], errorCode: 1049 });
    expect(log[1]).toMatchObject({ status: 200, path: '/entity/store' });
  });

  it('over HTTP: resets drop the connection, truncations cut the body, spikes add latency', async () => {
    const emulator = liveEmulator({ timeScale: 2 });
    const server = await emulator.listen(0);
    const user = emulator.credentials.users[0]!;
    const headers = {
      Authorization: `Basic ${Buffer.from(`${user.login}:${user.password}`).toString('base64')}`,
      'Accept-Encoding': 'gzip',
    };
    const url = `${server.url}/api/remap/1.2/entity/product?limit=20`;
    try {
      emulator.faults.configure({ rules: [{ resets: 1 }] });
      await expect(fetch(url, { headers })).rejects.toThrow();

      emulator.faults.configure({ rules: [{ truncations: 1 }] });
      const cut = await fetch(url, { headers })
        .then(async (r) => {
          const bytes = Buffer.from(await r.arrayBuffer());
          return gunzipSync(bytes).toString();
        })
        .catch((error: unknown) => error);
      expect(cut).toBeInstanceOf(Error);

      emulator.faults.configure({ rules: [{ latency: { probability: 1, ms: 400 } }] });
      const started = performance.now();
      const slow = await fetch(url, { headers });
      expect(slow.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(190);

      emulator.faults.clear();
      const fine = await fetch(url, { headers });
      expect(((await fine.json()) as Json).rows).toHaveLength(20);
      expect(emulator.control.requests().map((r) => r.faults?.[0])).toEqual([
        'reset',
        'truncation',
        'latency',
        undefined,
      ]);
    } finally {
      await emulator.close();
    }
  });

  it('changes a row of the listed type between pages', async () => {
    const emulator = liveEmulator();
    emulator.faults.configure({
      seed: 5,
      rules: [
        {
          match: 'GET /entity/counterparty',
          changesBetweenPages: { probability: 1, kinds: ['update'] },
        },
      ],
    });
    const before = emulator.audit.contexts.length;
    await call(emulator, '/entity/counterparty?limit=5&offset=5');
    await call(emulator, '/entity/product?limit=5&offset=5');
    expect(emulator.audit.contexts.length).toBe(before + 1);
    expect(emulator.audit.contexts[before]!.events[0]!.entityType).toBe('counterparty');
    expect(emulator.control.requests()[0]!.change).toMatch(/^counterparty .*: изменён$/);
  });
});
