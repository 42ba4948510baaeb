import type { MoyskladCredentials, MoyskladSettings } from '@crm/contracts';
import type { CoreDeps } from '@crm/core';
import {
  createMoySkladClient,
  MOYSKLAD_WINDOW_MS,
  MoySkladAuthError,
  type Credentials,
  type FetchLike,
  type MoySkladClient,
  type RetryOptions,
} from '@crm/moysklad';
import { PermanentSyncError } from '../../plugin';

/** How the plugin talks to MoySklad; tests and benchmarks point it at a faster emulator. */
export type MoyskladPluginOptions = {
  /** MoySklad's clock runs this many times faster (an emulator's `timeScale`): the rate window shrinks. */
  timeScale?: number;
  fetch?: FetchLike;
  /** Pages of one listing kept in flight; the shared rate budget keeps the pace. */
  pageConcurrency?: number;
};

export function clientCredentials(
  settings: MoyskladSettings,
  credentials: MoyskladCredentials,
): Credentials {
  return credentials.kind === 'token'
    ? { token: credentials.token, tokenKind: settings.tokenKind }
    : { login: credentials.login, password: credentials.password };
}

export function createClient(
  input: {
    settings: MoyskladSettings;
    credentials: MoyskladCredentials;
    deps: Pick<CoreDeps, 'redis'>;
  },
  options: MoyskladPluginOptions,
  extra: { rateLimitKey?: string; retry?: RetryOptions } = {},
): MoySkladClient {
  return createMoySkladClient({
    baseUrl: input.settings.baseUrl,
    credentials: clientCredentials(input.settings, input.credentials),
    fetch: options.fetch,
    retry: extra.retry,
    rateLimit: {
      key: extra.rateLimitKey,
      windowMs: MOYSKLAD_WINDOW_MS / (options.timeScale ?? 1),
      // Every process acting as this MoySklad user shares one budget.
      redis: input.deps.redis,
    },
  });
}

/**
 * A client charged to the MoySklad user (or solution) the credentials belong to, so that every
 * integration and process acting as that user shares one rate budget. Wrong credentials or API
 * access switched off end the run: no retry fixes them.
 */
export async function openClient(
  input: Parameters<typeof createClient>[0],
  options: MoyskladPluginOptions,
): Promise<MoySkladClient> {
  const probe = createClient(input, options);
  try {
    const identity = await probe.identity();
    return createClient(input, options, { rateLimitKey: identity.key });
  } catch (error) {
    if (error instanceof MoySkladAuthError)
      throw new PermanentSyncError(`MoySklad refused the credentials: ${error.message}`, {
        cause: error,
      });
    throw error;
  } finally {
    await probe.close();
  }
}
