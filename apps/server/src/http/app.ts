import { appRouter, REST_PREFIX, ROUTE_NOT_FOUND, toApiError } from '@crm/api';
import { trpcServer } from '@hono/trpc-server';
import type { AnyRouter } from '@trpc/server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, AppRuntime } from './env';
import { errorResponse } from './errors';
import { healthRoutes } from './health';
import { apiContext, requestContext, retryAfterHeader } from './request-context';
import { restRoutes } from './rest';
import { webhookRoutes } from './webhooks';

export const MAX_BODY_BYTES = 1024 * 1024;

/** The HTTP application. `router` is replaceable so the HTTP layer can be tested on its own. */
export function createApp(runtime: AppRuntime, router: AnyRouter = appRouter) {
  const app = new Hono<AppEnv>();
  const { config } = runtime.deps;

  app.use(requestId({ limitLength: 128 }));
  app.use(requestContext(runtime));
  app.use(secureHeaders({ crossOriginEmbedderPolicy: false }));
  if (config.corsOrigins.length > 0) {
    app.use('/api/*', cors({ origin: config.corsOrigins, credentials: true, exposeHeaders: ['X-Request-Id', 'Retry-After'] }));
    app.use('/trpc/*', cors({ origin: config.corsOrigins, credentials: true, exposeHeaders: ['X-Request-Id', 'Retry-After'] }));
  }
  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => errorResponse(c, 'PAYLOAD_TOO_LARGE') });
  app.use('/api/*', limit);
  app.use('/trpc/*', limit);

  app.route('/', healthRoutes(runtime));
  app.use('/webhooks/*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => errorResponse(c, 'PAYLOAD_TOO_LARGE') }));
  app.route('/webhooks', webhookRoutes(runtime));
  app.use(
    '/trpc/*',
    trpcServer({
      router,
      endpoint: '/trpc',
      createContext: (opts, c) => {
        c.set('route', opts.info.calls.map((call) => call.path).join(','));
        return apiContext(c as never, runtime);
      },
      responseMeta: ({ errors }) => ({ headers: errors[0] ? retryAfterHeader(errors[0]) : {} }),
      onError: ({ error, path, ctx }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          (ctx?.log ?? runtime.deps.log).error({ err: error, path }, 'procedure failed');
        }
      },
    }),
  );
  app.route(REST_PREFIX, restRoutes(runtime, router));

  app.notFound((c) => errorResponse(c, 'NOT_FOUND', ROUTE_NOT_FOUND));
  app.onError((error, c) => {
    c.get('log')?.error({ err: error }, 'unhandled error');
    const body = toApiError(error, c.get('locale') ?? 'en', c.get('requestId'));
    const { status, ...rest } = body;
    return c.json(rest, status as 500);
  });
  return app;
}
