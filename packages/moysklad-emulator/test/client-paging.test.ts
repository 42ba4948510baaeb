import { randomUUID } from 'node:crypto';
import {
  createMoySkladClient,
  filter,
  MOYSKLAD_UNITS,
  MOYSKLAD_WINDOW_MS,
  requestWeight,
  type FetchLike,
  type RequestEvent,
  type TokenKind,
} from '@crm/moysklad';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEmulator,
  generateDataset,
  type DatasetSize,
  type Emulator,
  type EmulatorStore,
  type RunningServer,
} from '../src/index';

/**
 * The client (`@crm/moysklad`) paging the whole catalogue through the emulator over HTTP, the
 * emulator metering like MoySklad (45 units per 3 s, 5 requests in parallel, weight 1 for a
 * solution token and 3–4 for a user token by date) with time running N× faster on both sides
 * (the client's window is 3000/N ms). Each run must see no 429 at all, get every product exactly
 * once, as many as `meta.size`, in exactly ceil(products / page size) requests.
 *
 * The regular suite pages `demo` (5 000 products). `large` (100 000 products; ~10–25 s and
 * ~1 GB to generate) runs only when asked:
 *
 *   MOYSKLAD_EMULATOR_LARGE=1 npx pnpm@12.21.0 exec vitest run packages/moysklad-emulator/test/client-paging.test.ts
 */
const LARGE = process.env.MOYSKLAD_EMULATOR_LARGE === '1';
/** As many pages in flight as MoySklad lets one identity have: the hardest the client can push. */
const CONCURRENCY = 5;

interface Run {
  dataset: DatasetSize;
  timeScale: number;
  pageSize: number;
  tokenKind: TokenKind;
}

const bothTokens = (run: Omit<Run, 'tokenKind'>): Run[] => [
  { ...run, tokenKind: 'solution' },
  { ...run, tokenKind: 'user' },
];

const runs: Run[] = [
  // 5 requests: paging end to end.
  ...bothTokens({ dataset: 'demo', timeScale: 20, pageSize: 1000 }),
  // 50 requests, 50 or 150 units: more than one window's budget.
  ...bothTokens({ dataset: 'demo', timeScale: 20, pageSize: 100 }),
  // 150 units at real speed: the budget, not the CPU, sets the pace (at least 7 s).
  { dataset: 'demo', timeScale: 1, pageSize: 100, tokenKind: 'user' },
  ...(LARGE ? bothTokens({ dataset: 'large', timeScale: 20, pageSize: 1000 }) : []),
];

const datasets = [...new Set(runs.map((run) => run.dataset))];

describe.each(datasets)('the client pages the %s catalogue through the emulator', (dataset) => {
  let store: EmulatorStore;
  let productIds: string[];
  /** One emulator per time scale, all over the same generated store. */
  const servers = new Map<number, { emulator: Emulator; server: RunningServer }>();

  beforeAll(() => {
    store = generateDataset({ size: dataset, seed: 1 });
    productIds = store.products.map((_, index) => store.ids.encode('product', index));
  }, 180_000);

  afterAll(async () => {
    for (const { server } of servers.values()) await server.close();
  });

  async function emulatorAt(timeScale: number) {
    let running = servers.get(timeScale);
    if (!running) {
      const emulator = createEmulator({ store, timeScale, limits: { enabled: true } });
      running = { emulator, server: await emulator.listen(0) };
      servers.set(timeScale, running);
    }
    return running;
  }

  it.each(runs.filter((run) => run.dataset === dataset))(
    '$pageSize a page, $tokenKind token, $timeScale× time: no 429, every product once, the fewest requests',
    async ({ timeScale, pageSize, tokenKind }) => {
      const { emulator, server } = await emulatorAt(timeScale);
      // Both sides start from an empty budget: the emulator's buckets reset, a fresh client key.
      const reset = await fetch(`${server.url}/__control/limits/reset`, { method: 'POST' });
      expect(reset.ok).toBe(true);
      emulator.resetStats();

      const failures: RequestEvent[] = [];
      let fewestRemaining: number = MOYSKLAD_UNITS;
      const watchBudget: FetchLike = async (input, init) => {
        const response = await fetch(input, init);
        const remaining = response.headers.get('x-ratelimit-remaining');
        if (remaining !== null) fewestRemaining = Math.min(fewestRemaining, Number(remaining));
        return response;
      };
      const windowMs = MOYSKLAD_WINDOW_MS / timeScale;
      const client = createMoySkladClient({
        baseUrl: `${server.url}/api/remap/1.2`,
        credentials: {
          token: emulator.credentials.tokens.find((t) => t.kind === tokenKind)!.token,
          tokenKind,
        },
        rateLimit: { key: `client-paging-${randomUUID()}`, windowMs },
        fetch: watchBudget,
        onRequest: (event) => {
          if (event.error !== undefined) failures.push(event);
        },
      });

      const seen = new Map<string, number>();
      const sizes = new Set<number>();
      let rows = 0;
      const started = performance.now();
      for await (const page of client.pages(
        'product',
        // Archived products too: the listing is then the whole catalogue.
        { filter: filter().archived('any'), limit: pageSize },
        { concurrency: CONCURRENCY },
      )) {
        expect(page.invalid).toEqual([]);
        sizes.add(page.size);
        for (const row of page.rows) {
          seen.set(row.id, (seen.get(row.id) ?? 0) + 1);
          rows++;
        }
      }
      const elapsedMs = performance.now() - started;
      const stats = emulator.stats();

      // No 429 seen from either end, nothing retried, never more than 5 in flight.
      expect(stats.rateLimited).toEqual({ total: 0, rate: 0, parallel: 0 });
      expect(stats.byStatus).toEqual({ '200': stats.requests });
      expect(client.stats.rateLimited).toBe(0);
      expect(failures).toEqual([]);
      expect(client.stats.retries).toBe(0);
      expect(stats.maxInFlight).toBeLessThanOrEqual(CONCURRENCY);

      // Every product of the account exactly once, as many as `meta.size` says.
      expect(sizes).toEqual(new Set([productIds.length]));
      expect(rows).toBe(productIds.length);
      expect(seen.size).toBe(productIds.length);
      expect([...seen.values()].filter((count) => count !== 1)).toEqual([]);
      expect(productIds.filter((id) => seen.get(id) !== 1)).toEqual([]);

      // The fewest requests that cover the catalogue, charged what MoySklad would charge.
      const minimum = Math.ceil(productIds.length / pageSize);
      expect(stats.byPath).toEqual({ 'GET /entity/product': minimum });
      expect(stats.requests).toBe(minimum);
      expect(client.stats.requests).toBe(minimum);
      const weight = requestWeight(
        { method: 'GET', path: '/entity/product' },
        tokenKind,
        new Date(),
      );
      expect(stats.unitsSpent).toBe(minimum * weight);
      expect(client.stats.weight).toBe(stats.unitsSpent);

      // The limits were in force: from an empty bucket the emulator takes 45 units at once and then
      // 45 a window, so no run free of 429s can be quicker than this.
      const unitsPerMs = MOYSKLAD_UNITS / windowMs;
      const floorMs = Math.max(0, stats.unitsSpent - MOYSKLAD_UNITS) / unitsPerMs;
      expect(elapsedMs).toBeGreaterThanOrEqual(floorMs);

      const boundMs = stats.unitsSpent / unitsPerMs;
      console.log(
        `${dataset}, ${tokenKind} token, ${pageSize} a page, ${timeScale}× time: ${rows} rows, ` +
          `${stats.requests} requests (minimum ${minimum}), ${stats.unitsSpent} units in ` +
          `${elapsedMs.toFixed(0)} ms = ${Math.round(rows / (elapsedMs / 1000))} rows/s; ` +
          `rate-limit bound ${boundMs.toFixed(0)} ms (ratio ${(elapsedMs / boundMs).toFixed(2)}), ` +
          `fullest bucket ${MOYSKLAD_UNITS - fewestRemaining}/${MOYSKLAD_UNITS} units, ` +
          `max in flight ${stats.maxInFlight}, 429s ${stats.rateLimited.total}`,
      );
    },
    600_000,
  );
});
