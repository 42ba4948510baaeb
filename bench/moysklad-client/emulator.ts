import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  createMoySkladClient,
  filter,
  listEnvelopeSchema,
  MOYSKLAD_UNITS,
  MOYSKLAD_WINDOW_MS,
  productSchema,
  type FetchLike,
  type TokenKind,
} from '../../packages/moysklad/src/index';

/**
 * Pages the product catalogue from the MoySklad emulator, run as its own process
 * (`crm-moysklad-emulator`), for each dataset: once with its limits off and once per time scale
 * with MoySklad's limits on (45 units per 3 s, 5 in parallel), with a solution token (1 unit a
 * request) and a user token (3, or 4 from 2026-12-01). Prints throughput, requests against the
 * minimum, 429s, and the elapsed time against the bound the rate limit sets. Exits with 1 if any
 * run saw a 429 or did not get every product exactly once in the fewest requests.
 *
 *   npx pnpm@12.21.0 --dir packages/moysklad-emulator exec node --import tsx ../../bench/moysklad-client/emulator.ts
 *
 * Environment: DATASETS (tiny,demo,large), SCALES (1,5,20), TOKENS (solution,user),
 * PAGE_SIZE (1000), CONCURRENCY (5).
 */
const list = (value: string | undefined, fallback: string) =>
  (value ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const DATASETS = list(process.env.DATASETS, 'tiny,demo,large');
const SCALES = list(process.env.SCALES, '1,5,20').map(Number);
const TOKENS = list(process.env.TOKENS, 'solution,user') as TokenKind[];
const PAGE_SIZE = Number(process.env.PAGE_SIZE ?? 1000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 5);

const EMULATOR_BIN = fileURLToPath(
  new URL('../../packages/moysklad-emulator/bin/crm-moysklad-emulator.js', import.meta.url),
);
const LOGIN = 'bench@emulator';
const TOKEN_OF: Record<TokenKind, string> = { solution: 'bench-solution', user: 'bench-user' };

interface Emulator {
  url: string;
  generatedMs: number;
  stop: () => Promise<void>;
}

/** Starts the emulator CLI on a free port and waits until it listens. */
async function startEmulator(dataset: string, args: string[]): Promise<Emulator> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      EMULATOR_BIN,
      ...['--dataset', dataset, '--seed', '1', '--port', '0'],
      ...['--user', `${LOGIN}:secret`],
      ...['--token', `user:${TOKEN_OF.user}:${LOGIN}`, '--token', `solution:${TOKEN_OF.solution}`],
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout! });
  const started = await new Promise<{ url: string; generatedMs: number }>((resolve, reject) => {
    void exited.then(([code]) => reject(new Error(`emulator exited with ${code}`)));
    lines.on('line', (line) => {
      const m = /^MoySklad emulator: (\S+)\/api\/remap\/1\.2 .*generated in (\d+) ms/.exec(line);
      if (m) resolve({ url: m[1]!, generatedMs: Number(m[2]) });
    });
  });
  return {
    ...started,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function control<T>(url: string, path: string, method = 'GET'): Promise<T> {
  const response = await fetch(`${url}/__control/${path}`, { method });
  if (!response.ok) throw new Error(`${method} /__control/${path}: ${response.status}`);
  return (await response.json()) as T;
}

interface EmulatorStats {
  requests: number;
  byStatus: Record<string, number>;
  rateLimited: { total: number; rate: number; parallel: number };
  maxInFlight: number;
  unitsSpent: number;
}

interface Result {
  dataset: string;
  limits: string;
  token: TokenKind;
  rows: number;
  size: number;
  requests: number;
  minimum: number;
  rateLimited: number;
  units: number;
  elapsedMs: number;
  /** Total weight over the budget's rate (45 units per scaled 3 s); undefined with limits off. */
  boundMs: number | undefined;
  /** The same, less the 45 units an empty bucket admits at once: nothing can be quicker. */
  floorMs: number | undefined;
  peakUnits: number;
  maxInFlight: number;
  correct: boolean;
}

/**
 * One page through the client before measuring, so that neither process's first-call costs
 * (JIT, lazily built schemas and indexes) land in the first run's figures.
 */
async function warmUp(emulator: Emulator): Promise<void> {
  const client = createMoySkladClient({
    baseUrl: `${emulator.url}/api/remap/1.2`,
    credentials: { token: TOKEN_OF.solution, tokenKind: 'solution' },
    rateLimit: { key: `bench-warm-up-${randomUUID()}`, units: 1e9 },
  });
  const page = await client.request('GET', '/entity/product', {
    query: { filter: filter().archived('any'), limit: PAGE_SIZE },
    schema: listEnvelopeSchema,
  });
  for (const row of page.rows) productSchema.parse(row);
}

async function page(
  emulator: Emulator,
  dataset: string,
  token: TokenKind,
  timeScale: number | undefined,
): Promise<Result> {
  await control(emulator.url, 'limits/reset', 'POST');
  await control(emulator.url, 'stats/reset', 'POST');
  let fewestRemaining = MOYSKLAD_UNITS;
  const watchBudget: FetchLike = async (input, init) => {
    const response = await fetch(input, init);
    const remaining = response.headers.get('x-ratelimit-remaining');
    if (remaining !== null) fewestRemaining = Math.min(fewestRemaining, Number(remaining));
    return response;
  };
  const windowMs = MOYSKLAD_WINDOW_MS / (timeScale ?? 1);
  const client = createMoySkladClient({
    baseUrl: `${emulator.url}/api/remap/1.2`,
    credentials: { token: TOKEN_OF[token], tokenKind: token },
    // With the emulator's limits off the client's budget is lifted too: raw throughput.
    rateLimit: {
      key: `bench-${randomUUID()}`,
      windowMs,
      ...(timeScale === undefined ? { units: 1e9 } : {}),
    },
    fetch: watchBudget,
  });

  const seen = new Map<string, number>();
  const sizes = new Set<number>();
  let rows = 0;
  const started = performance.now();
  for await (const p of client.pages(
    'product',
    { filter: filter().archived('any'), limit: PAGE_SIZE },
    { concurrency: CONCURRENCY },
  )) {
    if (p.invalid.length > 0) throw new Error(`${p.invalid.length} invalid rows at ${p.offset}`);
    sizes.add(p.size);
    for (const row of p.rows) {
      seen.set(row.id, (seen.get(row.id) ?? 0) + 1);
      rows++;
    }
  }
  const elapsedMs = performance.now() - started;
  const stats = await control<EmulatorStats>(emulator.url, 'stats');
  const size = sizes.size === 1 ? [...sizes][0]! : NaN;
  const minimum = Math.ceil(size / PAGE_SIZE);
  const unitsPerMs = MOYSKLAD_UNITS / windowMs;
  const onceEach = [...seen.values()].every((n) => n === 1);
  return {
    dataset,
    limits: timeScale === undefined ? 'off' : `on, ${timeScale}×`,
    token,
    rows,
    size,
    requests: stats.requests,
    minimum,
    rateLimited: stats.rateLimited.total,
    units: stats.unitsSpent,
    elapsedMs,
    boundMs: timeScale === undefined ? undefined : stats.unitsSpent / unitsPerMs,
    floorMs:
      timeScale === undefined
        ? undefined
        : Math.max(0, stats.unitsSpent - MOYSKLAD_UNITS) / unitsPerMs,
    peakUnits: MOYSKLAD_UNITS - fewestRemaining,
    maxInFlight: stats.maxInFlight,
    correct:
      onceEach &&
      rows === size &&
      seen.size === size &&
      stats.requests === minimum &&
      client.stats.requests === minimum &&
      stats.rateLimited.total === 0 &&
      client.stats.rateLimited === 0,
  };
}

const seconds = (ms: number | undefined) =>
  ms === undefined ? '—' : ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

function row(r: Result): string[] {
  return [
    r.dataset,
    String(r.size),
    r.limits,
    r.token,
    seconds(r.elapsedMs),
    String(Math.round(r.rows / (r.elapsedMs / 1000))),
    `${r.requests} / ${r.minimum}`,
    String(r.rateLimited),
    String(r.units),
    seconds(r.boundMs),
    r.boundMs === undefined ? '—' : (r.elapsedMs / r.boundMs).toFixed(2),
    seconds(r.floorMs),
    r.limits === 'off' ? '—' : `${r.peakUnits}/${MOYSKLAD_UNITS}`,
    String(r.maxInFlight),
    r.correct ? 'yes' : 'NO',
  ];
}

const HEADER = [
  'dataset',
  'products',
  'limits',
  'token',
  'elapsed',
  'rows/s',
  'requests / min',
  '429s',
  'units',
  'bound',
  'elapsed/bound',
  'floor',
  'bucket peak',
  'in flight',
  'exact',
];

function printTable(results: Result[]): void {
  const cells = [HEADER, ...results.map(row)];
  const widths = HEADER.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padStart(widths[i]!)).join(' | ')} |`;
  console.log(line(HEADER));
  console.log(`| ${widths.map((w) => '-'.repeat(w - 1) + ':').join(' | ')} |`);
  for (const c of cells.slice(1)) console.log(line(c));
}

const results: Result[] = [];
const configurations: Array<number | undefined> = [undefined, ...SCALES];
for (const dataset of DATASETS) {
  for (const timeScale of configurations) {
    const args = timeScale === undefined ? ['--no-limits'] : ['--time-scale', String(timeScale)];
    const emulator = await startEmulator(dataset, args);
    console.error(
      `${dataset}, limits ${timeScale === undefined ? 'off' : `on at ${timeScale}×`}: ` +
        `emulator generated the dataset in ${emulator.generatedMs} ms`,
    );
    try {
      await warmUp(emulator);
      for (const token of TOKENS) {
        const result = await page(emulator, dataset, token, timeScale);
        console.error(`  ${row(result).join('  ')}`);
        results.push(result);
      }
    } finally {
      await emulator.stop();
    }
  }
}

console.log(
  `\nPage size ${PAGE_SIZE}, ${CONCURRENCY} pages in flight; bound = units / (45 units per 3 s ÷ scale); ` +
    'floor = the same less the 45 units an empty bucket admits at once.\n',
);
printTable(results);
if (results.some((r) => !r.correct)) {
  console.log('\nSome runs saw a 429, missed or repeated rows, or made extra requests.');
  process.exitCode = 1;
}
