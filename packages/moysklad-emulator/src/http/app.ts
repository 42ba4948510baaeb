import { Hono } from 'hono';
import { registerAssortmentRoutes } from '../routes/assortment';
import { registerAuditRoutes } from '../routes/audit';
import { registerContextRoutes } from '../routes/context';
import { registerEntityRoutes } from '../routes/entities';
import { registerReportRoutes } from '../routes/reports';
import { registerWebhookRoutes } from '../routes/webhooks';
import type { Identity } from './auth';
import { registerControlRoutes } from './control';
import { ApiError, errors } from './errors';
import { scheduledUserWeight } from './rate-limit';
import { dropConnection, rateLimitStorm, serverError, truncate } from './fault-responses';
import { acceptsGzip, emptyResponse, jsonResponse } from './respond';
import { API_PREFIX, type AppEnv, type Runtime } from './runtime';

const UUID_SEGMENT =
  /\/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;

/** Units a request costs: stock reports 5 whoever asks, otherwise by the kind of credentials. */
export function requestWeight(
  runtime: Runtime,
  identity: Identity,
  method: string,
  path: string,
): number {
  const limits = runtime.options.limits;
  if (method === 'GET' && /^\/report\/stock\/(all|bystore)\/?$/.test(path))
    return limits.stockReportWeight;
  if (identity.solution)
    return identity.solution.draft ? limits.draftSolutionWeight : limits.solutionWeight;
  return limits.userWeight ?? scheduledUserWeight(runtime.now());
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function errorResponse(error: unknown): Promise<Response> {
  if (error instanceof ApiError) return jsonResponse(error.status, error.body(), error.headers);
  console.error(error);
  return jsonResponse(500, new ApiError(500, 1999, 'Неизвестная ошибка').body());
}

/**
 * The API under `/api/remap/1.2`, in the order MoySklad checks a request: compression first
 * (415 with an empty body), then credentials (401), then the limits (429), then the route.
 * Injected faults come in where they would in production: a dropped connection or a proxy's 5xx
 * before anything else, a 429 storm at the limiter, a body cut short on its way out.
 */
export function createApp(runtime: Runtime): Hono {
  // MoySklad answers with or without a trailing slash (its own examples use `/context/employee/`).
  const api = new Hono<AppEnv>({ strict: false });

  api.use('*', async (c, next) => {
    const path = c.req.path.slice(API_PREFIX.length) || '/';
    const query = new URL(c.req.url).search.slice(1);
    const started = performance.now();
    const at = runtime.now();
    const done = runtime.counters.started(`${c.req.method} ${path.replace(UUID_SEGMENT, '/{id}')}`);
    const plan = runtime.faults.plan(c.req.method, path, query);
    let rateHeaders: Record<string, string> = {};
    let errorCode: number | undefined;
    let identityKey: string | undefined;
    let change: string | undefined;
    try {
      if (plan.latencyMs > 0) await sleep(plan.latencyMs);
      if (plan.reset) {
        c.res = dropConnection(c.env);
        return;
      }
      if (!acceptsGzip(c.req.header('accept-encoding'))) {
        c.res = emptyResponse(415);
        return;
      }
      const identity = runtime.auth.authenticate(c.req.header('authorization'));
      identityKey = identity.key;
      c.set('identity', identity);
      const origin = runtime.options.baseUrl ?? runtime.baseUrl ?? new URL(c.req.url).origin;
      c.set('api', `${origin.replace(/\/$/, '')}${API_PREFIX}`);
      if (plan.serverError !== null) {
        c.res = await serverError(plan.serverError);
        return;
      }
      if (plan.rateLimitedMs !== null) throw rateLimitStorm(runtime, plan.rateLimitedMs);
      const weight = requestWeight(runtime, identity, c.req.method, path);
      const admission = runtime.limiter.admit(identity.key, weight);
      rateHeaders = admission.headers;
      runtime.counters.identified(identity.key, weight);
      try {
        if (runtime.options.latencyMs > 0)
          await sleep(runtime.options.latencyMs / runtime.options.timeScale);
        if (plan.pageChange) {
          try {
            change =
              runtime.activity.perturb(
                path.split('/')[2] ?? '',
                plan.pageChange.random,
                plan.pageChange.kinds,
              ) ?? undefined;
          } catch (error) {
            change = `не удалось: ${error instanceof Error ? error.message : String(error)}`;
          }
        }
        await next();
      } finally {
        admission.release();
      }
    } catch (error) {
      if (error instanceof ApiError) errorCode = error.errors[0]?.code;
      c.res = await errorResponse(error);
    } finally {
      for (const [name, value] of Object.entries(rateHeaders)) c.res.headers.set(name, value);
      if (plan.truncate && c.res.status === 200) c.res = await truncate(c.env, c.res);
      runtime.counters.finished(c.res.status, errorCode);
      runtime.faults.count(plan.names);
      runtime.requestLog.add({
        at,
        method: c.req.method,
        path: query ? `${path}?${query}` : path,
        status: plan.reset ? 0 : c.res.status,
        errorCode,
        identity: identityKey,
        ms: Math.round(performance.now() - started),
        faults: plan.names.length > 0 ? plan.names : undefined,
        change,
      });
      done();
    }
  });

  // More specific paths first: `/entity/assortment` before `/entity/:type`.
  registerAssortmentRoutes(api, runtime);
  registerWebhookRoutes(api, runtime);
  registerContextRoutes(api, runtime);
  registerReportRoutes(api, runtime);
  registerAuditRoutes(api, runtime);
  registerEntityRoutes(api, runtime);

  api.notFound((c) =>
    errorResponse(
      c.req.method === 'GET'
        ? errors.unknownPath(c.req.path)
        : errors.methodNotAllowed(c.req.method),
    ),
  );
  api.onError((error) => errorResponse(error));

  const app = new Hono({ strict: false });
  app.route(API_PREFIX, api);
  registerControlRoutes(app, runtime);
  return app;
}
