import type { WebhookOptions } from '../config';
import { entityByTable } from '../model/registry';
import { Random } from '../random/prng';
import type { EmulatorStore } from '../store/store';
import { DAY, formatMsk } from '../time/moscow';
import { auditHref, type AuditEventRecord } from './audit';
import type { CommittedChange } from './live';

/** Notifications kept for inspection. */
const MAX_LOG = 10_000;

export const WEBHOOK_USER_AGENT = 'MoySklad webhook touch agent 2.0 (/https://www.moysklad.ru)';

export interface DeliveryAttempt {
  /** Emulator time the attempt started. */
  at: number;
  status?: number;
  error?: string;
  ms: number;
}

export type DeliveryOutcome =
  /** Queued or being sent. */
  | 'pending'
  /** A receiver answered 200 or 204 in time. */
  | 'delivered'
  /** Every attempt failed: dropped, as MoySklad does. */
  | 'dropped'
  /** The url's host is not in `webhooks.allowHosts`: recorded, never sent. */
  | 'blocked'
  /** Lost on purpose by fault injection. */
  | 'lost';

/** One notification: what was (or would have been) sent, and how each attempt went. */
export interface Delivery {
  requestId: string;
  kind: 'entity' | 'stock';
  /** Id of the webhook or stock webhook registration. */
  webhookId: string;
  /** The registered url plus `requestId`. */
  url: string;
  body: unknown;
  attempts: DeliveryAttempt[];
  outcome: DeliveryOutcome;
  /** Sent a second time after success (fault injection), same `requestId`. */
  duplicated: boolean;
  createdAt: number;
}

export interface WebhookStats {
  notifications: number;
  attempts: number;
  delivered: number;
  retried: number;
  dropped: number;
  blocked: number;
  lost: number;
  duplicated: number;
}

export interface DispatcherHost {
  store: () => EmulatorStore;
  options: () => WebhookOptions;
  tariff: () => 'paid' | 'free';
  timeScale: number;
  now: () => number;
  /** API root for hrefs in notifications. */
  api: () => string;
  /** Fault injection's verdict on a notification. */
  fate: () => { lose: boolean; duplicate: boolean };
  seed: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A v4-shaped UUID from a seeded stream, so notification ids repeat between runs. */
function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random.next() * 4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * Sends webhook notifications as MoySklad does: `POST <url>?requestId=<uuid>` with the audit
 * context and the events a subscription covers, a 1500 ms deadline for a 200 or 204, then three
 * more attempts with the same `requestId`, then the notification is dropped. Stock webhooks get
 * a `reportUrl` every period while stock keeps changing.
 */
export class WebhookDispatcher {
  private readonly log: Delivery[] = [];
  private readonly queue: Delivery[] = [];
  private active = 0;
  private waiters: (() => void)[] = [];
  private requestIds: Random;
  /** Per stock webhook (by index): moment of the first change not yet notified. */
  private readonly stockPending = new Map<number, number>();
  private stockTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly counters: WebhookStats = WebhookDispatcher.emptyStats();

  constructor(private readonly host: DispatcherHost) {
    this.requestIds = new Random(host.seed, 'webhook-request-ids');
  }

  static emptyStats(): WebhookStats {
    return {
      notifications: 0,
      attempts: 0,
      delivered: 0,
      retried: 0,
      dropped: 0,
      blocked: 0,
      lost: 0,
      duplicated: 0,
    };
  }

  /** Turns a committed change into notifications for the subscriptions it concerns. */
  onChange(change: CommittedChange): void {
    const moment = change.moment;
    if (this.host.tariff() === 'free') return;
    const store = this.host.store();
    const prefixes = change.options.disableWebhooksByPrefix ?? [];
    const context = change.context;
    if (context) {
      store.webhooks.forEach((hook, index) => {
        if (hook.removed || !hook.enabled) return;
        if (prefixes.some((p) => hook.url.startsWith(p))) return;
        const events = context.events.filter(
          (e) => e.entityType === hook.entityType && this.actionOf(e) === hook.action,
        );
        if (events.length === 0) return;
        const api = this.host.api();
        this.enqueue('entity', store.ids.encode('webhook', index), hook.url, {
          auditContext: {
            meta: { type: 'audit', href: auditHref(api, store, context.index) },
            moment: formatMsk(context.moment),
            uid: context.uid,
          },
          events: events.map((e) => ({
            meta: {
              type: e.entityType,
              href: `${api}/${entityByTable(e.table)!.path}/${store.ids.encode(e.table, e.index)}`,
            },
            action: hook.action,
            accountId: store.accountId,
            updatedFields:
              hook.action === 'UPDATE' && hook.diffType === 'FIELDS'
                ? Object.keys(e.diff ?? {})
                : undefined,
          })),
        });
      });
    }
    if (change.stockChanged) {
      store.webhookStocks.forEach((hook, index) => {
        if (hook.removed || !hook.enabled) return;
        if (prefixes.some((p) => hook.url.startsWith(p))) return;
        if (!this.stockPending.has(index)) this.stockPending.set(index, moment);
      });
      this.scheduleStock();
    }
  }

  /** The webhook action an audit event triggers, or null. */
  private actionOf(event: AuditEventRecord): string | null {
    const options = this.host.options();
    switch (event.eventType) {
      case 'create':
        return 'CREATE';
      case 'update':
      case 'puttoarchive':
      case 'restorefromarchive':
        return 'UPDATE';
      case 'delete':
        return 'DELETE';
      case 'puttorecyclebin':
        return options.trashAction === 'none' ? null : options.trashAction;
      case 'restorefromrecyclebin':
        return options.restoreAction === 'none' ? null : options.restoreAction;
    }
  }

  private scheduleStock(): void {
    const period = this.host.options().stockPeriodMs;
    if (this.stockTimer || period <= 0 || this.stockPending.size === 0) return;
    this.stockTimer = setTimeout(() => {
      this.stockTimer = null;
      this.flushStock();
    }, period / this.host.timeScale);
    this.stockTimer.unref?.();
  }

  /** Sends the stock notifications due now (the period timer does this on its own). */
  flushStock(): void {
    if (this.stockTimer) {
      clearTimeout(this.stockTimer);
      this.stockTimer = null;
    }
    const store = this.host.store();
    const now = this.host.now();
    const api = this.host.api();
    for (const [index, since] of this.stockPending) {
      const hook = store.webhookStocks[index];
      if (!hook || hook.removed || !hook.enabled) continue;
      // Whole seconds, as in the documentation's example; never beyond the report's 24 hours.
      const from = Math.floor(Math.max(since, now - DAY + 1000) / 1000) * 1000;
      this.enqueue('stock', store.ids.encode('webhookstock', index), hook.url, {
        accountId: store.accountId,
        stockType: hook.stockType,
        reportType: hook.reportType,
        reportUrl: `${api}/report/stock/${hook.reportType}/current?changedSince=${formatMsk(from).slice(0, 19)}`,
      });
    }
    this.stockPending.clear();
  }

  private allowed(url: string): boolean {
    try {
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
      return this.host.options().allowHosts.some((h) => h.toLowerCase() === host);
    } catch {
      return false;
    }
  }

  private enqueue(kind: Delivery['kind'], webhookId: string, url: string, body: unknown): void {
    const requestId = uuidFrom(this.requestIds);
    const delivery: Delivery = {
      requestId,
      kind,
      webhookId,
      url: `${url}${url.includes('?') ? '&' : '?'}requestId=${requestId}`,
      body,
      attempts: [],
      outcome: 'pending',
      duplicated: false,
      createdAt: this.host.now(),
    };
    this.log.push(delivery);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
    this.counters.notifications++;
    if (!this.allowed(url)) {
      delivery.outcome = 'blocked';
      this.counters.blocked++;
      return;
    }
    const fate = this.host.fate();
    if (fate.lose) {
      delivery.outcome = 'lost';
      this.counters.lost++;
      return;
    }
    delivery.duplicated = fate.duplicate;
    this.queue.push(delivery);
    this.pump();
  }

  private pump(): void {
    while (this.active < this.host.options().maxConcurrent && this.queue.length > 0) {
      const delivery = this.queue.shift()!;
      this.active++;
      void this.send(delivery).finally(() => {
        this.active--;
        this.pump();
        this.settle();
      });
    }
  }

  private settle(): void {
    if (this.active > 0 || this.queue.length > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private async attempt(delivery: Delivery): Promise<boolean> {
    const options = this.host.options();
    const started = performance.now();
    const record: DeliveryAttempt = { at: this.host.now(), ms: 0 };
    delivery.attempts.push(record);
    this.counters.attempts++;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': WEBHOOK_USER_AGENT },
        body: JSON.stringify(delivery.body),
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.arrayBuffer();
      record.status = response.status;
      record.ms = Math.round(performance.now() - started);
      return (response.status === 200 || response.status === 204) && record.ms <= options.timeoutMs;
    } catch (error) {
      record.ms = Math.round(performance.now() - started);
      record.error =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
          ? 'timeout'
          : error instanceof Error
            ? ((error.cause as Error | undefined)?.message ?? error.message)
            : String(error);
      return false;
    }
  }

  private async send(delivery: Delivery): Promise<void> {
    const options = this.host.options();
    for (let n = 0; n <= options.retries; n++) {
      if (n > 0) {
        this.counters.retried++;
        if (options.retryDelayMs > 0) await sleep(options.retryDelayMs / this.host.timeScale);
      }
      if (await this.attempt(delivery)) {
        delivery.outcome = 'delivered';
        this.counters.delivered++;
        if (delivery.duplicated) {
          this.counters.duplicated++;
          await this.attempt(delivery);
        }
        return;
      }
    }
    delivery.outcome = 'dropped';
    this.counters.dropped++;
  }

  /** Resolves once every queued notification has been delivered or dropped. */
  idle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  deliveries(): readonly Delivery[] {
    return this.log;
  }

  stats(): WebhookStats {
    return { ...this.counters };
  }

  /** Forgets the log and pending stock notifications (queued ones still go out). */
  clear(): void {
    this.log.length = 0;
    this.stockPending.clear();
    Object.assign(this.counters, WebhookDispatcher.emptyStats());
    this.requestIds = new Random(this.host.seed, 'webhook-request-ids');
  }

  stop(): void {
    if (this.stockTimer) clearTimeout(this.stockTimer);
    this.stockTimer = null;
  }
}
