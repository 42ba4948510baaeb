import type { Context } from 'hono';
import type { EmulatorOptions } from '../config';
import type { EmulatorControl } from '../emulator';
import type { ActivityGenerator } from '../live/activity';
import type { EmulatorClock } from '../live/clock';
import type { LiveChanges } from '../live/live';
import type { WebhookDispatcher } from '../live/webhooks';
import type { RenderContext } from '../serialize/meta';
import type { EmulatorStore } from '../store/store';
import type { Authenticator, Identity } from './auth';
import type { Counters } from './counters';
import type { FaultInjector } from './faults';
import type { RateLimiter } from './rate-limit';
import type { RequestLog } from './request-log';

/** The running emulator's state, shared by every route. */
export interface Runtime {
  /** Replaced when the control API resets or loads a dataset. */
  store: EmulatorStore;
  options: EmulatorOptions;
  auth: Authenticator;
  limiter: RateLimiter;
  counters: Counters;
  /** The emulator's time (epoch ms): the wall clock, or a manual clock in tests. */
  now: () => number;
  clock: EmulatorClock;
  /** Changes made after generation: audit, webhooks. */
  live: LiveChanges;
  webhooks: WebhookDispatcher;
  activity: ActivityGenerator;
  faults: FaultInjector;
  requestLog: RequestLog;
  /** The control API, shared by `/__control` and the emulator object. */
  control: EmulatorControl;
  /** Public base URL, once known (set by `listen` when not configured). */
  baseUrl?: string;
}

export type AppEnv = { Variables: { identity: Identity; api: string } };
export type AppContext = Context<AppEnv>;

export const API_PREFIX = '/api/remap/1.2';

export function renderContext(
  c: AppContext,
  runtime: Runtime,
  fields: string | null,
  inList: boolean,
): RenderContext {
  const identity = c.get('identity');
  return {
    api: c.get('api'),
    store: runtime.store,
    fields,
    inList,
    canSeeCost: identity.user ? identity.user.viewCost : true,
  };
}

/** Query parameters as MoySklad reads them (repeated `filter` parameters add up). */
export function queryParams(c: AppContext): URLSearchParams {
  return new URL(c.req.url).searchParams;
}
