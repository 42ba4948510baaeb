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
import type { DatasetSize } from './dataset/sizes';
import { createApp } from './http/app';
import { Authenticator } from './http/auth';
import { Counters, type CounterSnapshot } from './http/counters';
import { RateLimiter } from './http/rate-limit';
import type { Runtime } from './http/runtime';
import type { EmulatorStore } from './store/store';

export interface CreateEmulatorOptions extends EmulatorOptionsInput {
  /** A dataset generated earlier, to share one between emulators (ignores `dataset`/`seed`). */
  store?: EmulatorStore;
  /** Wall clock (epoch ms), for the rate-limit schedule and `changedSince`. */
  now?: () => number;
}

export interface RunningServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

export interface Emulator {
  /** The Hono app: mount it, or call `app.request()` in tests. */
  app: Hono;
  store: EmulatorStore;
  options: EmulatorOptions;
  /** The credentials in force (the defaults unless given). */
  credentials: { users: readonly UserCredential[]; tokens: readonly TokenCredential[] };
  stats: () => CounterSnapshot;
  resetStats: () => void;
  /** Starts an HTTP server (port 0 picks a free one) on 127.0.0.1 unless told otherwise. */
  listen: (port?: number, host?: string) => Promise<RunningServer>;
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
  const runtime: Runtime = {
    store,
    options: { ...options, credentials: { users, tokens } },
    auth,
    limiter: new RateLimiter(options.limits, options.timeScale),
    counters: new Counters(),
    now: now ?? Date.now,
  };
  const app = createApp(runtime);
  return {
    app,
    store,
    options: runtime.options,
    credentials: { users, tokens },
    stats: () => runtime.counters.snapshot(),
    resetStats: () => runtime.counters.reset(),
    listen: (port = 0, host = '127.0.0.1') =>
      new Promise((resolve) => {
        const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
          const url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
          runtime.baseUrl ??= url;
          resolve({
            url,
            port: info.port,
            close: () =>
              new Promise<void>((done) => {
                (server as Server).closeAllConnections?.();
                server.close(() => done());
              }),
          });
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
