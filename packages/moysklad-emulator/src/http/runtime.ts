import type { Context } from 'hono';
import type { EmulatorOptions } from '../config';
import type { RenderContext } from '../serialize/meta';
import type { EmulatorStore } from '../store/store';
import type { Authenticator, Identity } from './auth';
import type { Counters } from './counters';
import type { RateLimiter } from './rate-limit';

/** The running emulator's state, shared by every route. */
export interface Runtime {
  store: EmulatorStore;
  options: EmulatorOptions;
  auth: Authenticator;
  limiter: RateLimiter;
  counters: Counters;
  /** Wall-clock time (epoch ms); tests may pin it. */
  now: () => number;
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
