import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { createMoySkladClient } from '../../packages/moysklad/src/index';
import { product, startServer } from '../../packages/moysklad/test/support/server';
import { heaviestWindow } from '../../packages/moysklad/test/support/limited-server';

/**
 * Pages a 100k-product catalogue from a server that meters exactly like MoySklad (45 units per
 * window, 5 in parallel, a user token at 3 units a request), with time running SCALE× faster.
 * Reports throughput against the budget's ceiling and asserts zero 429s.
 */
const PRODUCTS = Number(process.env.PRODUCTS ?? 100_000);
const SCALE = Number(process.env.SCALE ?? 20);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 3);
const UNITS = 45;
const WINDOW_MS = 3000 / SCALE;
const WEIGHT = 3;
const MAX_IN_FLIGHT = 5;

it(`pages ${PRODUCTS} products at ${SCALE}× time without a 429`, async () => {
  const pageSize = 1000;
  // Pages are prepared up front so the server's own work does not blur the measurement.
  const pages = new Map<number, Buffer>();
  for (let offset = 0; offset < PRODUCTS; offset += pageSize) {
    const rows = Array.from({ length: Math.min(pageSize, PRODUCTS - offset) }, (_, i) =>
      product(`p-${offset + i}`),
    );
    const body = {
      meta: { href: 'x', type: 'product', size: PRODUCTS, limit: pageSize, offset },
      rows,
    };
    pages.set(offset, gzipSync(JSON.stringify(body)));
  }

  const arrivals: Array<{ at: number; weight: number }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let rejected = 0;
  const server = await startServer((request, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const used = arrivals
      .filter((a) => a.at > request.arrivedAt - WINDOW_MS)
      .reduce((sum, a) => sum + a.weight, 0);
    if (inFlight > MAX_IN_FLIGHT || used + WEIGHT > UNITS) {
      rejected++;
      res.writeHead(429, { 'X-Lognex-Retry-After': WINDOW_MS }).end();
      return;
    }
    arrivals.push({ at: request.arrivedAt, weight: WEIGHT });
    const body = pages.get(Number(request.query.get('offset')));
    res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': body!.length });
    res.end(body);
  });

  try {
    const client = createMoySkladClient({
      baseUrl: server.baseUrl,
      credentials: { login: 'bench@account', password: 'secret' },
      rateLimit: { key: `bench-${randomUUID()}`, windowMs: WINDOW_MS, weight: () => WEIGHT },
    });
    const started = performance.now();
    let rows = 0;
    for await (const page of client.pages('product', {}, { concurrency: CONCURRENCY })) {
      rows += page.rows.length;
      expect(page.invalid).toEqual([]);
    }
    const seconds = (performance.now() - started) / 1000;
    const requests = PRODUCTS / pageSize;
    // The budget alone allows UNITS/WEIGHT requests per window, the first window free.
    const floor = (Math.ceil(requests / (UNITS / WEIGHT)) - 1) * (WINDOW_MS / 1000);
    console.log(
      `${rows} rows, ${client.stats.requests} requests, ${client.stats.weight} units in ${seconds.toFixed(2)} s ` +
        `(${Math.round(rows / seconds)} rows/s; budget floor ${floor.toFixed(2)} s, ` +
        `= ${(seconds * SCALE).toFixed(1)} s at real speed); heaviest window ` +
        `${heaviestWindow(arrivals, WINDOW_MS)}/${UNITS}, max in flight ${maxInFlight}/${MAX_IN_FLIGHT}, 429s ${rejected}`,
    );
    expect(rows).toBe(PRODUCTS);
    expect(rejected).toBe(0);
    expect(client.stats.rateLimited).toBe(0);
  } finally {
    await server.close();
  }
});
