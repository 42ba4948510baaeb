import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors';
import { jsonResponse } from './respond';
import type { Runtime } from './runtime';

/** What `@hono/node-server` passes as the environment: the raw request and response. */
interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

function bindings(env: unknown): NodeBindings {
  return (env ?? {}) as NodeBindings;
}

/**
 * Drops the connection without an answer. Served over HTTP the socket is destroyed; called
 * in-process (`app.request`) the response's body fails as soon as it is read.
 */
export function dropConnection(env: unknown): Response {
  const { incoming } = bindings(env);
  if (incoming?.socket) {
    // Whatever is written after this goes nowhere.
    incoming.socket.destroy();
    return new Response(null, { status: 502 });
  }
  return new Response(
    new ReadableStream({
      start(controller) {
        controller.error(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      },
    }),
    { status: 200, headers: { 'Content-Type': 'application/json;charset=utf-8' } },
  );
}

const NGINX_TITLES: Record<number, string> = {
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
};

/** A 500 from the API itself (MoySklad's error body), or a 502/503/504 page from the proxy in front. */
export function serverError(status: number): Promise<Response> | Response {
  if (status === 500)
    return jsonResponse(500, new ApiError(500, 1999, 'Неизвестная ошибка').body());
  const title = NGINX_TITLES[status] ?? `${status} Error`;
  return new Response(
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    { status, headers: { 'Content-Type': 'text/html' } },
  );
}

/** A 429 of a storm: as the limiter refuses over the rate (1049), with `X-Lognex-Retry-After`. */
export function rateLimitStorm(runtime: Runtime, retryAfterMs: number): ApiError {
  const limits = runtime.options.limits;
  return new ApiError(
    429,
    1049,
    'Превышено ограничение на количество запросов в единицу времени',
    undefined,
    {
      'X-RateLimit-Limit': String(limits.capacity),
      'X-RateLimit-Remaining': '0',
      'X-Lognex-Retry-TimeInterval': String(
        Math.round(limits.intervalMs / runtime.options.timeScale),
      ),
      'X-Lognex-Reset': String(Math.max(1, Math.round(retryAfterMs))),
      'X-Lognex-Retry-After': String(Math.max(1, Math.round(retryAfterMs))),
    },
  );
}

/**
 * Sends the headers, with the full `Content-Length`, and half the body, then closes the
 * connection (after flushing what was written). In-process the body fails after half of it.
 */
export async function truncate(env: unknown, response: Response): Promise<Response> {
  const { outgoing } = bindings(env);
  const body = new Uint8Array(await response.arrayBuffer());
  const half = body.slice(0, Math.floor(body.length / 2));
  const headers = new Headers(response.headers);
  headers.set('content-length', String(body.length));
  let sent = false;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(half);
          return;
        }
        if (outgoing?.socket) {
          outgoing.socket.end();
          controller.close();
          return;
        }
        controller.error(
          Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' }),
        );
      },
    }),
    { status: response.status, headers },
  );
}
