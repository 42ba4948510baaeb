import type { EntityProgress, SyncLogEntry } from '@crm/contracts';
import { SYNC_LOG_LIMIT, type CoreDeps } from '@crm/core';
import type { ProgressCounts } from '../plugin';

export class SyncCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'SyncCancelled';
  }
}

const FLUSH_INTERVAL_MS = 2000;

const emptyProgress = (entity: string): EntityProgress => ({
  entity,
  status: 'pending',
  total: null,
  fetched: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  deleted: 0,
  failed: 0,
  message: null,
});

/**
 * A run's counters and log, kept in memory and written to its sync_jobs row every couple of
 * seconds (which is also the run's heartbeat that people see), and the cancel flag read back.
 */
export class RunState {
  private readonly pendingLog: SyncLogEntry[] = [];
  private loggedCount: number;
  private requests = 0;
  private dirty = false;
  private lastCancelCheck = 0;
  private cancelled = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  /** Per entity, in sync order (stored as an array: jsonb does not keep key order). */
  readonly progress: Record<string, EntityProgress>;

  constructor(
    private readonly deps: Pick<CoreDeps, 'db' | 'events'>,
    private readonly jobId: string,
    progress: EntityProgress[],
    requestsMade: number,
    loggedCount: number,
  ) {
    this.progress = Object.fromEntries(progress.map((p) => [p.entity, p]));
    this.requests = requestsMade;
    this.loggedCount = loggedCount;
  }

  /** Flushes periodically; hears a cancel at once through the event bus (the flag is the fallback). */
  start() {
    this.timer = setInterval(() => void this.flush().catch(() => {}), FLUSH_INTERVAL_MS);
    this.unsubscribe = this.deps.events.subscribe((event) => {
      if (event.type === 'sync-cancel-requested' && event.syncJobId === this.jobId)
        this.cancelled = true;
    });
  }

  stop() {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  entity(name: string): EntityProgress {
    this.progress[name] ??= emptyProgress(name);
    return this.progress[name];
  }

  /** Resets an entity's counters when it starts over from the beginning. */
  restart(name: string) {
    this.progress[name] = { ...emptyProgress(name), status: 'running' };
    this.dirty = true;
  }

  mark(name: string, status: EntityProgress['status'], message: string | null = null) {
    Object.assign(this.entity(name), { status, message });
    this.dirty = true;
  }

  setTotal(name: string, total: number) {
    this.entity(name).total = total;
    this.dirty = true;
  }

  count(name: string, counts: ProgressCounts) {
    const p = this.entity(name);
    for (const [key, value] of Object.entries(counts) as [keyof ProgressCounts, number][])
      p[key] += value;
    this.dirty = true;
  }

  countRequests(n: number) {
    this.requests += n;
    this.dirty = true;
  }

  report(
    level: SyncLogEntry['level'],
    message: string,
    entity: string | null,
    externalId: string | null = null,
  ) {
    if (this.loggedCount + this.pendingLog.length >= SYNC_LOG_LIMIT) return;
    this.pendingLog.push({
      at: new Date(),
      level,
      entity,
      externalId,
      message: message.slice(0, 2000),
    });
    this.dirty = true;
  }

  async checkCancelled(): Promise<void> {
    if (!this.cancelled && Date.now() - this.lastCancelCheck > FLUSH_INTERVAL_MS) {
      this.lastCancelCheck = Date.now();
      const row = await this.deps.db.prisma.syncJob.findUnique({
        where: { id: this.jobId },
        select: { cancelRequested: true },
      });
      this.cancelled = row?.cancelRequested ?? true;
    }
    if (this.cancelled) throw new SyncCancelled();
  }

  async flush(): Promise<void> {
    if (!this.dirty) {
      await this.deps.db.prisma.syncJob.update({
        where: { id: this.jobId },
        data: { heartbeatAt: new Date() },
      });
      return;
    }
    this.dirty = false;
    const log = this.pendingLog.splice(0);
    this.loggedCount += log.length;
    await this.deps.db.prisma.$executeRaw`
      UPDATE sync_jobs
         SET progress = ${JSON.stringify(Object.values(this.progress))}::jsonb,
             requests_made = ${this.requests},
             errors = errors || ${JSON.stringify(log)}::jsonb,
             heartbeat_at = now()
       WHERE id = ${this.jobId}::uuid`;
  }
}
