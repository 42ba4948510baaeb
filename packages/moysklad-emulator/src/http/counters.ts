/** What the emulator has been asked, for tests and benchmarks (served under `/__control`). */
export interface CounterSnapshot {
  requests: number;
  byStatus: Record<string, number>;
  byPath: Record<string, number>;
  byIdentity: Record<string, number>;
  rateLimited: { total: number; rate: number; parallel: number };
  maxInFlight: number;
  unitsSpent: number;
}

export class Counters {
  private snapshotData: CounterSnapshot = Counters.empty();
  private inFlight = 0;

  static empty(): CounterSnapshot {
    return {
      requests: 0,
      byStatus: {},
      byPath: {},
      byIdentity: {},
      rateLimited: { total: 0, rate: 0, parallel: 0 },
      maxInFlight: 0,
      unitsSpent: 0,
    };
  }

  started(path: string): () => void {
    const s = this.snapshotData;
    s.requests++;
    s.byPath[path] = (s.byPath[path] ?? 0) + 1;
    this.inFlight++;
    s.maxInFlight = Math.max(s.maxInFlight, this.inFlight);
    return () => {
      this.inFlight--;
    };
  }

  identified(identity: string, units: number): void {
    const s = this.snapshotData;
    s.byIdentity[identity] = (s.byIdentity[identity] ?? 0) + 1;
    s.unitsSpent += units;
  }

  finished(status: number, errorCode?: number): void {
    const s = this.snapshotData;
    s.byStatus[status] = (s.byStatus[status] ?? 0) + 1;
    if (status === 429) {
      s.rateLimited.total++;
      if (errorCode === 1049) s.rateLimited.rate++;
      if (errorCode === 1073) s.rateLimited.parallel++;
    }
  }

  snapshot(): CounterSnapshot {
    return structuredClone(this.snapshotData);
  }

  reset(): void {
    this.snapshotData = Counters.empty();
    this.snapshotData.maxInFlight = this.inFlight;
  }
}
