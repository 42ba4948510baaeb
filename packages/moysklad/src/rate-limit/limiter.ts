import { randomUUID } from 'node:crypto';
import { sleep } from '../sleep';
import type { BudgetLimits, BudgetStore } from './store';

/** An admitted request; hand it back to `complete` when the response (or failure) is in. */
export interface Permit {
  readonly ticket: string;
  readonly weight: number;
}

/** What a response said about the server's view of the budget. */
export interface ServerBudgetSignals {
  /** `X-Lognex-Retry-After` (ms) of a 429: nothing may be sent before it passes. */
  retryAfterMs?: number | undefined;
  /** `X-RateLimit-Remaining`. */
  remaining?: number | undefined;
  /** `X-RateLimit-Limit`. */
  limit?: number | undefined;
  /** `X-Lognex-Reset` (ms until the limit resets; 0 when no limit is in effect). */
  resetMs?: number | undefined;
}

/**
 * Admits requests for one MoySklad identity against a shared `BudgetStore`: FIFO within this
 * process, polling the store while the window is full or every parallel slot is taken, and
 * woken early when a request of this limiter finishes.
 */
export class RateLimiter {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly store: BudgetStore,
    readonly key: string,
    readonly limits: BudgetLimits,
    /** Longest nap between two looks at the store (other processes release without telling us). */
    private readonly pollMs: number,
  ) {}

  acquire(weight: number, signal?: AbortSignal): Promise<Permit> {
    if (!(weight > 0 && weight <= this.limits.units)) {
      return Promise.reject(
        new RangeError(`Request weight ${weight} must be within 1..${this.limits.units}`),
      );
    }
    const permit: Permit = { ticket: randomUUID(), weight };
    const turn = this.queue.then(() => this.admit(permit, signal));
    // The next request waits for this one to be admitted (or to give up), never longer.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  async complete(permit: Permit, signals: ServerBudgetSignals = {}): Promise<void> {
    try {
      await this.store.release(this.key, permit.ticket, permit.weight, this.limits);
      if (signals.retryAfterMs !== undefined && signals.retryAfterMs > 0) {
        await this.store.pause(this.key, signals.retryAfterMs);
      } else {
        const consumed = this.serverConsumption(signals);
        if (consumed !== undefined) {
          const expiresIn = signals.resetMs ?? this.limits.windowMs;
          await this.store.reconcile(this.key, consumed, expiresIn, this.limits);
        }
      }
    } finally {
      for (const wake of this.wakers) wake();
    }
  }

  private async admit(permit: Permit, signal: AbortSignal | undefined): Promise<Permit> {
    for (;;) {
      signal?.throwIfAborted();
      const result = await this.store.tryAcquire(
        this.key,
        permit.ticket,
        permit.weight,
        this.limits,
      );
      if (result.granted) return permit;
      await this.nap(Math.min(result.retryInMs, this.pollMs), signal);
    }
  }

  private async nap(ms: number, signal: AbortSignal | undefined): Promise<void> {
    const early = new AbortController();
    const wake = () => early.abort();
    this.wakers.add(wake);
    try {
      await sleep(ms, signal, early.signal);
    } finally {
      this.wakers.delete(wake);
    }
  }

  /**
   * Units the server counts as used, when its headers say so. `Remaining` is read relative to
   * `Limit` because whether both count requests or weight units is not documented; the ratio
   * is the same either way. A zero reset means no limit is in effect: nothing to reconcile.
   */
  private serverConsumption(signals: ServerBudgetSignals): number | undefined {
    const { remaining, limit, resetMs } = signals;
    if (remaining === undefined || resetMs === 0) return undefined;
    const usedShare = limit !== undefined && limit > 0 ? 1 - remaining / limit : undefined;
    const consumed =
      usedShare !== undefined ? usedShare * this.limits.units : this.limits.units - remaining;
    return Math.min(this.limits.units, Math.max(0, consumed));
  }
}
