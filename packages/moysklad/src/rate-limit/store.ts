/**
 * Where the per-identity request budget lives: in this process or in Redis, shared by every
 * process that talks to MoySklad as the same user or solution.
 *
 * The budget is a sliding-window log of weights rather than a token bucket: at any moment the
 * weights charged during the last window must not exceed `units`. That never bursts beyond
 * what MoySklad admits, whether the server meters with a fixed window, a sliding one or a
 * token bucket refilled at units/window. A request is charged from the moment it is admitted
 * until one window after its response arrived, because the server counted it at some instant
 * in between and we cannot know which.
 */
export interface BudgetLimits {
  /** Units per window (MoySklad: 45). */
  units: number;
  /** Window length in milliseconds (MoySklad: 3000). */
  windowMs: number;
  /** Requests in flight at once per identity (MoySklad: 5). */
  maxInFlight: number;
  /** Slack added after a response before its charge expires. */
  marginMs: number;
  /**
   * How long an admitted request may go without being released before its slot and charge are
   * presumed lost (a crashed process); must exceed the request timeout.
   */
  leaseMs: number;
}

export type AcquireResult = { granted: true } | { granted: false; retryInMs: number };

export interface BudgetStore {
  /**
   * Admits a request of `weight` under `ticket` if the window has room for it and a parallel
   * slot is free; otherwise says how long until that may change.
   */
  tryAcquire(
    key: string,
    ticket: string,
    weight: number,
    limits: BudgetLimits,
  ): Promise<AcquireResult>;
  /** The request is over: free its slot and keep its weight charged for a window from now. */
  release(key: string, ticket: string, weight: number, limits: BudgetLimits): Promise<void>;
  /**
   * The server says `consumed` units are used until `expiresInMs` from now. When that is more
   * than we counted (other programs using the same login, a heavier weight than configured),
   * enough is charged until then to keep our total at the server's figure (`unseenConsumption`).
   */
  reconcile(
    key: string,
    consumed: number,
    expiresInMs: number,
    limits: BudgetLimits,
  ): Promise<void>;
  /** Admit nothing for `ms` (the server answered 429 with `X-Lognex-Retry-After`). */
  pause(key: string, ms: number): Promise<void>;
}

/** One charge in the window: its weight and when it stops counting. */
export interface Charge {
  weight: number;
  expiresAt: number;
}

/**
 * The admission rule both stores implement (the Redis store in Lua): with `charges` sorted by
 * expiry and `slotsTaken` requests in flight, may a request of `weight` go at `now`, and if
 * not, when is the earliest it might?
 */
export function admission(
  charges: readonly Charge[],
  slotsTaken: number,
  earliestSlotExpiry: number,
  now: number,
  weight: number,
  limits: BudgetLimits,
): AcquireResult {
  if (slotsTaken >= limits.maxInFlight) {
    return { granted: false, retryInMs: Math.max(1, earliestSlotExpiry - now) };
  }
  const used = charges.reduce((sum, c) => sum + c.weight, 0);
  const excess = used + weight - limits.units;
  if (excess <= 0) return { granted: true };
  let freed = 0;
  for (const charge of charges) {
    freed += charge.weight;
    if (freed >= excess) return { granted: false, retryInMs: Math.max(1, charge.expiresAt - now) };
  }
  // Heavier than the whole budget: it can never fit.
  throw new RangeError(`A request of weight ${weight} exceeds the budget of ${limits.units} units`);
}

/**
 * What to charge, until `until`, so that our total never falls below the server's `consumed`
 * before then: nothing when our own count already covers it (the steady state with no one
 * else on the identity), otherwise `consumed` minus what we know stays charged past `until`.
 */
export function unseenConsumption(
  charges: readonly Charge[],
  consumed: number,
  until: number,
): number {
  const used = charges.reduce((sum, c) => sum + c.weight, 0);
  if (consumed <= used) return 0;
  const lasting = charges.reduce((sum, c) => (c.expiresAt >= until ? sum + c.weight : sum), 0);
  return Math.ceil(consumed - lasting);
}
