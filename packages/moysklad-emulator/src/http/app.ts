import { Hono } from 'hono';
import { registerAssortmentRoutes } from '../routes/assortment';
import { registerContextRoutes } from '../routes/context';
import { registerEntityRoutes } from '../routes/entities';
import { registerReportRoutes } from '../routes/reports';
import { registerWebhookRoutes } from '../routes/webhooks';
import type { Identity } from './auth';
import { registerControlRoutes } from './control';
import { ApiError, errors } from './errors';
import { scheduledUserWeight } from './rate-limit';
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
 */
export function createApp(runtime: Runtime): Hono {
  // MoySklad answers with or without a trailing slash (its own examples use `/context/employee/`).
  const api = new Hono<AppEnv>({ strict: false });

  api.use('*', async (c, next) => {
    const path = c.req.path.slice(API_PREFIX.length) || '/';
    const done = runtime.counters.started(`${c.req.method} ${path.replace(UUID_SEGMENT, '/{id}')}`);
    let rateHeaders: Record<string, string> = {};
    let errorCode: number | undefined;
    try {
      if (!acceptsGzip(c.req.header('accept-encoding'))) {
        c.res = emptyResponse(415);
        return;
      }
      const identity = runtime.auth.authenticate(c.req.header('authorization'));
      c.set('identity', identity);
      const origin = runtime.options.baseUrl ?? runtime.baseUrl ?? new URL(c.req.url).origin;
      c.set('api', `${origin.replace(/\/$/, '')}${API_PREFIX}`);
      const weight = requestWeight(runtime, identity, c.req.method, path);
      const admission = runtime.limiter.admit(identity.key, weight);
      rateHeaders = admission.headers;
      runtime.counters.identified(identity.key, weight);
      try {
        if (runtime.options.latencyMs > 0)
          await sleep(runtime.options.latencyMs / runtime.options.timeScale);
        await next();
      } finally {
        admission.release();
      }
    } catch (error) {
      if (error instanceof ApiError) errorCode = error.errors[0]?.code;
      c.res = await errorResponse(error);
    } finally {
      for (const [name, value] of Object.entries(rateHeaders)) c.res.headers.set(name, value);
      runtime.counters.finished(c.res.status, errorCode);
      done();
    }
  });

  // More specific paths first: `/entity/assortment` before `/entity/:type`.
  registerAssortmentRoutes(api, runtime);
  registerWebhookRoutes(api, runtime);
  registerContextRoutes(api, runtime);
  registerReportRoutes(api, runtime);
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
