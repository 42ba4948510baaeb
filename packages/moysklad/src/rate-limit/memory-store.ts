import {
  admission,
  unseenConsumption,
  type AcquireResult,
  type BudgetLimits,
  type BudgetStore,
  type Charge,
} from './store';

interface TicketCharge extends Charge {
  ticket: string;
}

interface KeyState {
  charges: TicketCharge[];
  /** Lease expiry of each request in flight, by ticket. */
  inFlight: Map<string, number>;
  pausedUntil: number;
}

/**
 * The budget kept in this process. Clients created without Redis share one instance, so two
 * clients for the same identity in one process still share its budget.
 */
export class MemoryBudgetStore implements BudgetStore {
  private readonly states = new Map<string, KeyState>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  async tryAcquire(
    key: string,
    ticket: string,
    weight: number,
    limits: BudgetLimits,
  ): Promise<AcquireResult> {
    const now = this.now();
    const state = this.prune(key, now);
    if (state.pausedUntil > now) return { granted: false, retryInMs: state.pausedUntil - now };
    const earliestSlot = Math.min(...state.inFlight.values());
    const result = admission(state.charges, state.inFlight.size, earliestSlot, now, weight, limits);
    if (result.granted) {
      const leaseEnd = now + limits.leaseMs;
      insertSorted(state.charges, { ticket, weight, expiresAt: leaseEnd });
      state.inFlight.set(ticket, leaseEnd);
    }
    return result;
  }

  async release(key: string, ticket: string, _weight: number, limits: BudgetLimits): Promise<void> {
    const now = this.now();
    const state = this.prune(key, now);
    state.inFlight.delete(ticket);
    const index = state.charges.findIndex((c) => c.ticket === ticket);
    if (index < 0) return;
    const [charge] = state.charges.splice(index, 1);
    if (charge) {
      insertSorted(state.charges, {
        ...charge,
        expiresAt: now + limits.windowMs + limits.marginMs,
      });
    }
  }

  async reconcile(
    key: string,
    consumed: number,
    expiresInMs: number,
    _limits: BudgetLimits,
  ): Promise<void> {
    const now = this.now();
    const state = this.prune(key, now);
    const unseen = unseenConsumption(state.charges, consumed, now + expiresInMs);
    if (unseen <= 0 || expiresInMs <= 0) return;
    insertSorted(state.charges, {
      ticket: `server:${now}`,
      weight: unseen,
      expiresAt: now + expiresInMs,
    });
  }

  async pause(key: string, ms: number): Promise<void> {
    const state = this.prune(key, this.now());
    state.pausedUntil = Math.max(state.pausedUntil, this.now() + ms);
  }

  /** Drops expired charges and leases (one small state per identity is kept). */
  private prune(key: string, now: number): KeyState {
    let state = this.states.get(key);
    if (!state) {
      state = { charges: [], inFlight: new Map(), pausedUntil: 0 };
      this.states.set(key, state);
    }
    const firstLive = state.charges.findIndex((c) => c.expiresAt > now);
    state.charges.splice(0, firstLive < 0 ? state.charges.length : firstLive);
    for (const [ticket, leaseEnd] of state.inFlight) {
      if (leaseEnd <= now) state.inFlight.delete(ticket);
    }
    return state;
  }
}

function insertSorted(charges: TicketCharge[], charge: TicketCharge): void {
  let index = charges.length;
  while (index > 0 && (charges[index - 1]?.expiresAt ?? 0) > charge.expiresAt) index--;
  charges.splice(index, 0, charge);
}

/** The store used by clients configured without Redis. */
export const processBudgetStore = new MemoryBudgetStore();
