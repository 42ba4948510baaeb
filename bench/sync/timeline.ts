import type { Exchange } from './meter';

export interface Budget {
  units: number;
  windowMs: number;
  weight: (path: string) => number;
}

/** An exchange with the earliest moment MoySklad's bucket would have let it in. */
export type Admitted = Exchange & { weight: number; admissible: number };

/**
 * Replays the leaky bucket MoySklad meters with (units drain evenly over the window; a request
 * adds its weight) over the requests in the order they went out, and notes for each the earliest
 * moment the bucket could have taken it. A request sent right at that moment was held by the budget.
 */
export function replayBudget(exchanges: readonly Exchange[], budget: Budget): Admitted[] {
  const rate = budget.units / budget.windowMs;
  let level = 0;
  let at = -Infinity;
  return [...exchanges]
    .sort((a, b) => a.start - b.start)
    .map((e) => {
      const weight = budget.weight(e.path);
      const admissible = at + Math.max(0, (level - (budget.units - weight)) / rate);
      level = Math.max(0, level - (e.start - at) * rate) + weight;
      at = e.start;
      return { ...e, weight, admissible };
    });
}

export interface Occupancy {
  ms: number;
  /** Time with at least one request out. */
  busyMs: number;
  /** Time with none out, split into what the budget forced and what the sync spent elsewhere. */
  idleMs: number;
  budgetHeldMs: number;
  /** Mean requests out while any was. */
  meanInFlight: number;
  /** Mean time from sending a request to its headers (the server's work) and to its last byte. */
  meanHeadersMs: number;
  meanExchangeMs: number;
}

/**
 * How a span of the run was spent, seen from the HTTP side: with requests out (waiting for the
 * emulator or receiving), or with none out. Nothing out while the budget allowed a request means
 * the sync was busy with something else: writing, parsing, or a step it does not overlap.
 */
export function occupancy(admitted: readonly Admitted[], from: number, to: number): Occupancy {
  const inSpan = admitted.filter((e) => e.start >= from && e.start < to);
  let busyMs = 0;
  let idleMs = 0;
  let budgetHeldMs = 0;
  // The end of the union of exchanges so far (they come sorted by start).
  let covered = from;
  for (const e of inSpan) {
    if (e.start > covered) {
      idleMs += e.start - covered;
      budgetHeldMs += Math.max(0, Math.min(e.start, e.admissible) - covered);
      covered = e.start;
    }
    const end = Math.min(e.end, to);
    if (end > covered) {
      busyMs += end - covered;
      covered = end;
    }
  }
  if (to > covered) idleMs += to - covered;
  const total = (f: (e: Admitted) => number) => inSpan.reduce((sum, e) => sum + f(e), 0);
  const n = Math.max(1, inSpan.length);
  return {
    ms: to - from,
    busyMs,
    idleMs,
    budgetHeldMs,
    meanInFlight: busyMs > 0 ? total((e) => Math.min(e.end, to) - e.start) / busyMs : 0,
    meanHeadersMs: total((e) => e.headers - e.start) / n,
    meanExchangeMs: total((e) => e.end - e.start) / n,
  };
}
