import { errorBody, product, sendJson, startServer, type TestServer } from './server';

export interface ServerLimits {
  units: number;
  windowMs: number;
  maxInFlight: number;
  /** Weight the server charges a request for `pathname`. */
  weightOf: (pathname: string) => number;
  /** Answer delay range, to make requests overlap. */
  delayMs: [number, number];
}

export interface Arrival {
  at: number;
  weight: number;
}

export interface LimitedServer extends TestServer {
  arrivals: Arrival[];
  rejected: Array<{ at: number; code: number }>;
  maxConcurrent: () => number;
}

/**
 * A server that meters like MoySklad, strictly: a sliding window of weights by arrival time and
 * a parallel-request cap, answering 429 (1049 with `X-Lognex-Retry-After`, or 1073) when either
 * is exceeded.
 */
export async function startLimitedServer(limits: ServerLimits): Promise<LimitedServer> {
  const arrivals: Arrival[] = [];
  const rejected: Array<{ at: number; code: number }> = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const server = await startServer((request, res) => {
    const at = request.arrivedAt;
    const weight = limits.weightOf(request.pathname);
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    res.on('close', () => concurrent--);
    if (concurrent > limits.maxInFlight) {
      rejected.push({ at, code: 1073 });
      sendJson(
        res,
        429,
        errorBody(1073, 'Превышено ограничение на одновременное количество запросов'),
      );
      return;
    }
    const used = arrivals
      .filter((a) => a.at > at - limits.windowMs)
      .reduce((sum, a) => sum + a.weight, 0);
    if (used + weight > limits.units) {
      rejected.push({ at, code: 1049 });
      sendJson(
        res,
        429,
        errorBody(1049, 'Превышено ограничение на количество запросов в единицу времени'),
        {
          headers: { 'X-Lognex-Retry-After': limits.windowMs },
        },
      );
      return;
    }
    arrivals.push({ at, weight });
    const [min, max] = limits.delayMs;
    setTimeout(() => sendJson(res, 200, product('p1')), min + Math.random() * (max - min));
  });
  return { ...server, arrivals, rejected, maxConcurrent: () => maxConcurrent };
}

/** The heaviest total weight that arrived within any window of `windowMs`. */
export function heaviestWindow(arrivals: readonly Arrival[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a.at - b.at);
  let heaviest = 0;
  for (const [i, first] of sorted.entries()) {
    let sum = 0;
    for (const a of sorted.slice(i)) {
      if (a.at >= first.at + windowMs) break;
      sum += a.weight;
    }
    heaviest = Math.max(heaviest, sum);
  }
  return heaviest;
}
