import { localeFrom, type ApiContext } from '@crm/api';
import { authenticate, DomainError, recordApiRequest } from '@crm/core';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { clientIp } from './client-ip';
import type { AppEnv, AppRuntime } from './env';
import { redactWebhookPath } from './webhooks';

const API_PATH = /^\/(api\/v1|trpc)(\/|$)/;

/**
 * Per request: a logger that stamps the request id on every line, the caller's language and
 * address, one log line when the request ends, and a row in api_logs for API calls.
 */
export function requestContext(runtime: AppRuntime): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = c.get('requestId');
    const log = runtime.deps.log.child({ requestId });
    const remote = safeRemoteAddress(c);
    const ip = clientIp(remote, c.req.header('x-forwarded-for'), runtime.trust);
    c.set('log', log);
    c.set('locale', localeFrom(c.req.header('accept-language')));
    c.set('ip', ip);
    await next();

    const durationMs = Math.round(performance.now() - started);
    const status = c.res.status;
    const path = redactWebhookPath(c.req.path);
    log[status >= 500 ? 'error' : 'info']({ method: c.req.method, path, status, durationMs, ip }, 'request');
    if (API_PATH.test(path)) {
      const principal = c.get('apiContext')?.principal ?? null;
      recordApiRequest(runtime.deps, {
        requestId,
        method: c.req.method,
        path: path.slice(0, 500),
        route: c.get('route'),
        status,
        durationMs,
        actorType: principal?.type,
        actorId: principal?.id,
        ip,
        userAgent: c.req.header('user-agent')?.slice(0, 500),
      }).catch((error: unknown) => log.warn({ err: error }, 'could not record the API request'));
    }
  };
}

function safeRemoteAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // requests made in-process (tests through app.request) have no socket
  }
}

/** The tRPC context for this request, with the caller identified from its credentials. */
export async function apiContext(c: Context<AppEnv>, runtime: AppRuntime): Promise<ApiContext> {
  let principal: ApiContext['principal'] = null;
  let authError: ApiContext['authError'] = null;
  try {
    principal = await authenticate(runtime.deps, {
      authorization: c.req.header('authorization'),
      apiKey: c.req.header('x-api-key'),
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    authError = error;
  }
  const ctx: ApiContext = {
    deps: runtime.deps,
    plugins: runtime.plugins,
    requestId: c.get('requestId'),
    locale: c.get('locale'),
    ip: c.get('ip'),
    userAgent: c.req.header('user-agent'),
    principal,
    authError,
    log: principal ? c.get('log').child({ actor: `${principal.type}:${principal.id}` }) : c.get('log'),
  };
  c.set('apiContext', ctx);
  return ctx;
}

/** Retry-After for failures that say when to come back (sign-in lockouts, rate limits). */
export function retryAfterHeader(error: unknown): Record<string, string> {
  const cause = error instanceof Error && 'cause' in error && error.cause instanceof DomainError ? error.cause : error;
  const seconds = cause instanceof DomainError ? cause.options.retryAfterSeconds : undefined;
  return seconds ? { 'Retry-After': String(seconds) } : {};
}
