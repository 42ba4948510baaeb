import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import {
  emulatorOptionsSchema,
  type EmulatorOptions,
  type EmulatorOptionsInput,
  type TokenCredential,
  type UserCredential,
} from './config';
import { generateDataset } from './dataset/generate';
import { DATASET_SIZES, type DatasetSize } from './dataset/sizes';
import { createApp } from './http/app';
import { Authenticator } from './http/auth';
import { Counters, type CounterSnapshot } from './http/counters';
import { FaultInjector } from './http/faults';
import { RateLimiter } from './http/rate-limit';
import { RequestLog, type RequestLogEntry } from './http/request-log';
import { API_PREFIX, type Runtime } from './http/runtime';
import { ActivityGenerator } from './live/activity';
import type { AuditLog } from './live/audit';
import { EmulatorClock } from './live/clock';
import { LiveChanges, type EntityJson } from './live/live';
import type { ChangeOptions } from './live/transaction';
import { bad } from './live/values';
import { WebhookDispatcher, type WebhookStats } from './live/webhooks';
import type { RenderContext } from './serialize/meta';
import type { EmulatorStore } from './store/store';
import { HOUR, parseMsk } from './time/moscow';

export interface CreateEmulatorOptions extends EmulatorOptionsInput {
  /**
   * A dataset generated earlier, to share one between emulators (ignores `dataset`/`seed`).
   * Changes made through the control API change it, for every emulator sharing it.
   */
  store?: EmulatorStore;
  /** Wall clock (epoch ms), for the rate-limit schedule and `changedSince`; see also `clock`. */
  now?: () => number;
}

export interface RunningServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

/** Everything the control API counts. */
export interface EmulatorCounters extends CounterSnapshot {
  webhooks: WebhookStats;
  /** Injected faults by kind. */
  faults: Record<string, number>;
  audit: { contexts: number; events: number };
  activity: { steps: number; running: boolean; seed: number };
}

/**
 * Changes to the account, as a person at the web interface (or a shop till, an import…) would
 * make them; each is one audit context and fires the webhooks it concerns. `type` is MoySklad's
 * entity name (`product`, `counterparty`, `customerorder`…), bodies are MoySklad-shaped JSON
 * (references as `{ meta: { href } }`, an href or a bare id), results the entity as the API
 * serves it.
 */
export interface EmulatorControl {
  create: (type: string, body: Record<string, unknown>, options?: ChangeOptions) => EntityJson;
  update: (
    type: string,
    id: string,
    body: Record<string, unknown>,
    options?: ChangeOptions,
  ) => EntityJson;
  /** Dictionaries: into the archive (`archived = false`: out of it). */
  archive: (type: string, id: string, archived?: boolean, options?: ChangeOptions) => EntityJson;
  /** Documents: into the recycle bin, and back. */
  trash: (type: string, id: string, options?: ChangeOptions) => EntityJson;
  restore: (type: string, id: string, options?: ChangeOptions) => EntityJson;
  /** Deletes for good (404 afterwards); refused (409) while a dictionary entry is in use. */
  delete: (type: string, id: string, options?: ChangeOptions) => void;
  /** Changes made inside `work` form one audit context. */
  batch: <T>(work: () => T, options?: ChangeOptions) => T;
  get: (type: string, id: string) => EntityJson;
  /** Back to the dataset as generated: audit, webhooks, logs, counters and faults cleared. */
  reset: () => void;
  /** A different dataset (size, seed, end of history); otherwise as `reset`. */
  load: (dataset: { dataset?: DatasetSize; seed?: number; until?: number }) => void;
  /** The latest API requests (after the `seq` given as `since`). */
  requests: (options?: { since?: number; limit?: number }) => RequestLogEntry[];
  clearRequests: () => void;
  counters: () => EmulatorCounters;
}

export interface Emulator {
  /** The Hono app: mount it, or call `app.request()` in tests. */
  app: Hono;
  /** The account as it stands (replaced by `control.reset` and `control.load`). */
  readonly store: EmulatorStore;
  options: EmulatorOptions;
  /** The credentials in force (the defaults unless given). */
  credentials: { users: readonly UserCredential[]; tokens: readonly TokenCredential[] };
  stats: () => CounterSnapshot;
  resetStats: () => void;
  /** Starts an HTTP server (port 0 picks a free one) on 127.0.0.1 unless told otherwise. */
  listen: (port?: number, host?: string) => Promise<RunningServer>;
  /** The emulator's time; `advance`/`set` with a manual clock (`clock: { start }`). */
  clock: EmulatorClock;
  control: EmulatorControl;
  audit: AuditLog;
  /** `step(n)`, `start(perMinute)`, `stop()`: the seeded stream of business activity. */
  activity: ActivityGenerator;
  /** Notifications sent: `idle()`, `deliveries()`, `flushStock()`, `stats()`. */
  webhooks: WebhookDispatcher;
  /** `configure({ seed, rules, webhooks })`, `clear()`: off until configured. */
  faults: FaultInjector;
  /** Stops the activity stream, timers and every server started by `listen`. */
  close: () => Promise<void>;
}

/** How long an idle keep-alive connection stays open. */
const KEEP_ALIVE_MS = 65_000;

function hexToken(label: string, seed: number): string {
  return createHash('sha1').update(`${label}:${seed}`).digest('hex');
}

/** The default account: an administrator `admin@<account>` with password `moysklad` and one token of each kind. */
export function defaultCredentials(store: EmulatorStore): {
  users: UserCredential[];
  tokens: TokenCredential[];
} {
  const login = `admin@${store.accountName}`;
  return {
    users: [{ login, password: 'moysklad', employee: 0, admin: true, viewCost: true }],
    tokens: [
      { token: hexToken('user', store.seed), kind: 'user', login },
      {
        token: hexToken('solution', store.seed),
        kind: 'solution',
        appUid: `crm.emulator@${store.accountName}`,
        draft: false,
      },
    ],
  };
}

function makeClock(options: EmulatorOptions, store: EmulatorStore, now?: () => number) {
  if (options.clock === 'system') return new EmulatorClock(now ?? Date.now);
  const start = options.clock.start;
  const parsed = typeof start === 'string' ? parseMsk(start) : start;
  if (parsed === null) throw new Error(`clock.start: expected "YYYY-MM-DD HH:mm", got ${start}`);
  // By default, 09:00 Moscow time on the day after the generated history ends.
  return new EmulatorClock(now ?? Date.now, parsed ?? store.until + 9 * HOUR);
}

/** A MoySklad JSON API 1.2 emulator over a generated account, ready to serve or to call in-process. */
export function createEmulator(input: CreateEmulatorOptions = {}): Emulator {
  const { store: given, now, ...rest } = input;
  const options = emulatorOptionsSchema.parse(rest);
  const store =
    given ??
    generateDataset({
      size: options.dataset as DatasetSize,
      seed: options.seed,
      until: options.until,
    });
  const defaults = defaultCredentials(store);
  const users = options.credentials.users ?? defaults.users;
  const tokens = options.credentials.tokens ?? defaults.tokens;
  const auth = new Authenticator(users, tokens);
  const clock = makeClock(options, store, now);
  const servers = new Set<RunningServer>();

  const runtime = {
    store,
    options: { ...options, credentials: { users, tokens } },
    auth,
    limiter: new RateLimiter(options.limits, options.timeScale),
    counters: new Counters(),
    now: () => clock.now(),
    clock,
    faults: new FaultInjector(options.timeScale),
    requestLog: new RequestLog(options.requestLogSize),
  } as Runtime;
  const api = () =>
    `${(runtime.options.baseUrl ?? runtime.baseUrl ?? 'http://localhost').replace(/\/$/, '')}${API_PREFIX}`;
  const renderContext = (): RenderContext => ({
    api: api(),
    store: runtime.store,
    fields: null,
    inList: false,
    canSeeCost: true,
  });
  runtime.live = new LiveChanges({
    store: () => runtime.store,
    clock,
    defaultUid: () => runtime.store.employees[0]?.uid ?? users[0]?.login ?? 'admin',
    renderContext,
  });
  runtime.webhooks = new WebhookDispatcher({
    store: () => runtime.store,
    options: () => runtime.options.webhooks,
    tariff: () => runtime.options.tariff,
    timeScale: options.timeScale,
    now: () => clock.now(),
    api,
    fate: () => runtime.faults.webhookFate(),
    seed: store.seed,
  });
  runtime.live.onChange((change) => runtime.webhooks.onChange(change));
  runtime.activity = new ActivityGenerator(
    { live: runtime.live, store: () => runtime.store, timeScale: options.timeScale, clock },
    options.activity.seed ?? store.seed,
  );
  if (options.activity.perMinute) runtime.activity.start(options.activity.perMinute);

  const replaceStore = (next: EmulatorStore) => {
    runtime.activity.stop();
    runtime.store = next;
    runtime.live.audit.clear();
    runtime.webhooks.clear();
    runtime.requestLog.clear();
    runtime.counters.reset();
    runtime.limiter.reset();
    runtime.faults.clear();
    runtime.activity.reseed(options.activity.seed ?? next.seed);
  };
  const live = runtime.live;
  const control: EmulatorControl = {
    create: (type, body, o) => live.create(type, body, o),
    update: (type, id, body, o) => live.update(type, id, body, o),
    archive: (type, id, archived, o) => live.archive(type, id, archived, o),
    trash: (type, id, o) => live.trash(type, id, o),
    restore: (type, id, o) => live.restore(type, id, o),
    delete: (type, id, o) => live.delete(type, id, o),
    batch: (work, o) => live.batch(work, o),
    get: (type, id) => live.get(type, id),
    reset: () => {
      const s = runtime.store;
      if (!s.size) throw bad('this dataset was not generated here and cannot be generated afresh');
      replaceStore(generateDataset({ size: s.size as DatasetSize, seed: s.seed, until: s.until }));
    },
    load: (dataset) => {
      const size = dataset.dataset ?? (runtime.store.size as DatasetSize | null) ?? 'tiny';
      if (!DATASET_SIZES.includes(size)) throw bad(`dataset: one of ${DATASET_SIZES.join(', ')}`);
      const seed = dataset.seed ?? runtime.store.seed;
      if (!Number.isInteger(seed)) throw bad('seed: an integer');
      replaceStore(generateDataset({ size, seed, until: dataset.until ?? runtime.store.until }));
      runtime.options.dataset = size;
      runtime.options.seed = seed;
    },
    requests: (o) => runtime.requestLog.list(o),
    clearRequests: () => runtime.requestLog.clear(),
    counters: () => ({
      ...runtime.counters.snapshot(),
      webhooks: runtime.webhooks.stats(),
      faults: { ...runtime.faults.counts },
      audit: {
        contexts: live.audit.contexts.length,
        events: live.audit.contexts.reduce((n, c) => n + c.events.length, 0),
      },
      activity: {
        steps: runtime.activity.count,
        running: runtime.activity.running,
        seed: runtime.activity.seed,
      },
    }),
  };
  runtime.control = control;
  const app = createApp(runtime);

  return {
    app,
    get store() {
      return runtime.store;
    },
    options: runtime.options,
    credentials: { users, tokens },
    stats: () => runtime.counters.snapshot(),
    resetStats: () => runtime.counters.reset(),
    clock,
    control,
    audit: live.audit,
    activity: runtime.activity,
    webhooks: runtime.webhooks,
    faults: runtime.faults,
    close: async () => {
      runtime.activity.stop();
      runtime.webhooks.stop();
      await Promise.all([...servers].map((s) => s.close()));
    },
    listen: (port = 0, host = '127.0.0.1') =>
      new Promise((resolve) => {
        const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
          const url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
          runtime.baseUrl ??= url;
          const running: RunningServer = {
            url,
            port: info.port,
            close: () =>
              new Promise<void>((done) => {
                servers.delete(running);
                (server as Server).closeAllConnections?.();
                server.close(() => done());
              }),
          };
          servers.add(running);
          resolve(running);
        }) as Server;
        // Node closes a connection idle for 5 s. When the event loop stalls for longer (a loaded
        // machine, a client in the same process parsing megabytes of JSON), fetch then reuses a
        // socket the server has just closed (ECONNRESET), or a body is cut short: the client
        // retries, and a request is sent twice. Keep idle connections open for a minute, as a
        // front proxy does; fetch drops its own earlier, by the `Keep-Alive: timeout` hint.
        server.keepAliveTimeout = KEEP_ALIVE_MS;
        server.headersTimeout = KEEP_ALIVE_MS + 1000;
      }),
  };
}
