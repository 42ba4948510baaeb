import type { Exchange } from './meter';

export interface Budget {
  units: number;
  windowMs: number;
  weight: (path: string) => number;
}

/** An exchange with the earliest moment the client's rate limiter could have let it out. */
export type Admitted = Exchange & { weight: number; admissible: number };

/**
 * Replays the client's budget over the requests in the order they went out: a sliding window in
 * which a request's weight counts from when it is sent until one window (plus 1%) after its answer
 * (see `rate-limit/store.ts`), at most `units` in all. Notes for each request the earliest moment
 * the window had room for it; a request sent right then was held back by the budget.
 */
export function replayBudget(exchanges: readonly Exchange[], budget: Budget): Admitted[] {
  const hold = budget.windowMs * 1.01;
  // Charges of earlier requests: weight, and when they stop counting (Infinity while out).
  let charges: { weight: number; until: number; end: number }[] = [];
  let previous = -Infinity;
  return [...exchanges]
    .sort((a, b) => a.start - b.start)
    .map((e) => {
      const weight = budget.weight(e.path);
      for (const c of charges) if (c.end <= e.start) c.until = c.end + hold;
      charges = charges.filter((c) => c.until > previous);
      // Free units from the earliest expiries on, until the request fits.
      let used = charges.reduce((sum, c) => sum + c.weight, 0);
      let admissible = previous;
      for (const c of [...charges].sort((x, y) => x.until - y.until)) {
        if (used + weight <= budget.units) break;
        used -= c.weight;
        admissible = c.until;
      }
      charges.push({ weight, until: Infinity, end: e.end });
      previous = e.start;
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
