/** One request as the control API reports it. */
export interface RequestLogEntry {
  seq: number;
  /** Emulator time the request arrived (epoch ms). */
  at: number;
  method: string;
  /** Path below `/api/remap/1.2`, with the query string. */
  path: string;
  status: number;
  /** MoySklad error code of a refused request. */
  errorCode?: number;
  identity?: string;
  ms: number;
  /** Faults injected into it. */
  faults?: string[];
  /** What changed between pages, when a fault changed something. */
  change?: string;
}

/** The latest requests, oldest dropped first. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly size: number) {}

  add(entry: Omit<RequestLogEntry, 'seq'>): void {
    if (this.size === 0) return;
    this.entries.push({ seq: ++this.seq, ...entry });
    if (this.entries.length > this.size * 1.1) this.entries = this.entries.slice(-this.size);
  }

  /** Entries after `since` (a `seq`), oldest first, at most `limit` of the latest. */
  list(options: { since?: number; limit?: number } = {}): RequestLogEntry[] {
    const tail = this.entries.slice(-this.size).filter((e) => e.seq > (options.since ?? 0));
    return options.limit === undefined ? tail : tail.slice(-options.limit);
  }

  clear(): void {
    this.entries = [];
  }
}
