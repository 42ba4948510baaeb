import { formatMsk } from '../time/moscow';

/**
 * The emulator's sense of time: the wall clock by default, or a manual clock that only moves when
 * told to (tests). Every change takes a {@link stamp}, strictly later than the one before, so
 * `updated` always moves even when two changes fall into the same millisecond or the clock is
 * pinned; `now()` never runs behind the last stamp.
 */
export class EmulatorClock {
  private manualTime: number | null;
  private lastStamp = 0;

  constructor(
    private readonly source: () => number = Date.now,
    manualStart?: number,
  ) {
    this.manualTime = manualStart ?? null;
  }

  /** Whether the clock only moves through {@link advance} and {@link set}. */
  get manual(): boolean {
    return this.manualTime !== null;
  }

  now(): number {
    const t = this.manualTime ?? this.source();
    return Math.max(t, this.lastStamp);
  }

  /** A moment for a change: now, or a millisecond after the previous change if that is later. */
  stamp(): number {
    const t = Math.max(this.manualTime ?? this.source(), this.lastStamp + 1);
    this.lastStamp = t;
    return t;
  }

  /** Moves a manual clock forward. */
  advance(ms: number): number {
    if (this.manualTime === null) throw new Error('the system clock cannot be advanced');
    if (!(ms >= 0)) throw new Error('time only moves forward');
    this.manualTime = Math.max(this.manualTime, this.lastStamp) + ms;
    return this.manualTime;
  }

  /** Sets a manual clock (never backwards past a change already stamped). */
  set(epochMs: number): number {
    if (this.manualTime === null) throw new Error('the system clock cannot be set');
    this.manualTime = Math.max(epochMs, this.lastStamp);
    return this.manualTime;
  }

  describe(): { now: number; moscow: string; manual: boolean } {
    const now = this.now();
    return { now, moscow: formatMsk(now), manual: this.manual };
  }
}
