import { openApiDocument, REST_PREFIX, ROUTE_NOT_FOUND, toApiError } from '@crm/api';
import type { AnyRouter } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { Hono } from 'hono';
import { createOpenApiFetchHandler, type OpenApiRouter } from 'trpc-to-openapi';
import { docsRoutes } from './docs';
import type { AppEnv, AppRuntime } from './env';
import { apiContext, retryAfterHeader } from './request-context';

/**
 * The REST facade: every procedure with a route, at `/api/v1`, plus its OpenAPI document and docs
 * page. Errors are rebuilt from the thrown error into the API's own shape, never with a stack.
 */
export function restRoutes(runtime: AppRuntime, router: AnyRouter) {
  const app = new Hono<AppEnv>();
  let document: ReturnType<typeof openApiDocument> | undefined;

  app.get('/openapi.json', (c) => {
    document ??= openApiDocument(router, runtime.deps.config.publicBaseUrl);
    return c.json(document);
  });
  app.route('/docs', docsRoutes());

  app.all('/*', async (c) => {
    let failure: unknown;
    const response = await createOpenApiFetchHandler({
      req: c.req.raw,
      endpoint: REST_PREFIX,
      router: router as OpenApiRouter,
      createContext: () => apiContext(c, runtime),
      onError: ({ error, path }) => {
        failure = error;
        c.set('route', path);
        if (error.code === 'INTERNAL_SERVER_ERROR') c.get('log').error({ err: error, path }, 'procedure failed');
      },
      responseMeta: ({ paths }) => {
        c.set('route', paths?.[0]);
        return {};
      },
    });
    if (response.ok || failure === undefined) return response;

    const body = toApiError(failure, c.get('locale'), c.get('requestId'));
    if (isUnknownRoute(failure)) body.message = ROUTE_NOT_FOUND[c.get('locale')];
    const { status, ...rest } = body;
    return c.json(rest, status as 400, retryAfterHeader(failure));
  });
  return app;
}

function isUnknownRoute(error: unknown): boolean {
  return error instanceof TRPCError && error.code === 'NOT_FOUND' && error.message === 'Not found' && !error.cause;
}
