import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  createMoySkladClient,
  MoySkladApiError,
  MoySkladAuthError,
  MoySkladHttpError,
  MoySkladNetworkError,
  MoySkladNotFoundError,
  MoySkladRateLimitError,
  MoySkladValidationError,
  productSchema,
  type MoySkladClientOptions,
  type RequestEvent,
} from '../src/index';
import {
  errorBody,
  product,
  sendJson,
  startServer,
  type Handler,
  type RecordedRequest,
  type TestServer,
} from './support/server';

const TOKEN = 'b1946ac92492d2347c6235b4d2611184deadbeef';
const LOGIN = 'admin@romashka';
const PASSWORD = 'пароль;with:colon';

let server: TestServer | undefined;
// Every request any test made, to prove none went to /security/token.
const everyRequest: RecordedRequest[] = [];

async function serve(handler: Handler) {
  server = await startServer(handler);
  return server;
}

afterEach(async () => {
  if (server) {
    everyRequest.push(...server.requests);
    await server.close();
    server = undefined;
  }
});

afterAll(() => {
  expect(everyRequest.length).toBeGreaterThan(20);
  expect(everyRequest.filter((r) => r.pathname.startsWith('/security/token'))).toEqual([]);
});

function client(s: TestServer, options: Partial<MoySkladClientOptions> = {}) {
  return createMoySkladClient({
    baseUrl: s.baseUrl,
    credentials: { token: TOKEN },
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    // A budget large enough not to matter here; the limiter has its own tests.
    rateLimit: { key: `transport-${randomUUID()}`, units: 1000, windowMs: 100 },
    ...options,
  });
}

/** The answers to give, one per request, the last one repeated. */
function script(...steps: Handler[]): Handler {
  let call = 0;
  return (request, res, raw) => steps[Math.min(call++, steps.length - 1)]!(request, res, raw);
}

const ok: Handler = (_req, res) => sendJson(res, 200, product('p1'));

function expectNoSecrets(error: unknown) {
  const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`;
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(Buffer.from(`${LOGIN}:${PASSWORD}`).toString('base64'));
}

describe('headers and authentication', () => {
  it('sends the bearer token, gzip and JSON accept headers', async () => {
    const s = await serve(ok);
    await client(s).get('product', 'p1');
    const headers = s.requests[0]!.headers;
    expect(headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(headers['accept-encoding']).toBe('gzip');
    expect(headers.accept).toBe('application/json;charset=utf-8');
  });

  it('sends login and password as Basic auth, never trading them for a token', async () => {
    const s = await serve(ok);
    await client(s, { credentials: { login: LOGIN, password: PASSWORD } }).get('product', 'p1');
    const expected = Buffer.from(`${LOGIN}:${PASSWORD}`, 'utf8').toString('base64');
    expect(s.requests.map((r) => [r.pathname, r.headers.authorization])).toEqual([
      ['/entity/product/p1', `Basic ${expected}`],
    ]);
  });

  it('refuses to call /security/token at all', async () => {
    const s = await serve(ok);
    await expect(client(s).request('POST', '/security/token')).rejects.toThrow(/security\/token/);
    expect(s.requests).toEqual([]);
  });

  it('sends hrefs written under another host to the base URL, never elsewhere', async () => {
    const s = await serve(ok);
    const c = client(s);
    await c.request('GET', 'https://api.moysklad.ru/api/remap/1.2/entity/product/p1?expand=uom');
    expect(s.requests.map((r) => r.path)).toEqual(['/entity/product/p1?expand=uom']);
    await expect(c.request('GET', 'https://evil.example/steal')).rejects.toThrow(
      /Not a MoySklad API href/,
    );
    await expect(c.request('GET', '//evil.example/api/x')).resolves.toBeDefined();
    expect(s.requests.at(-1)!.pathname).toBe('/evil.example/api/x');
  });

  it('answers 401 with code 1056 as an auth error, without retrying or leaking secrets', async () => {
    const s = await serve((_req, res) =>
      sendJson(
        res,
        401,
        errorBody(1056, 'Ошибка аутентификации: Неправильный пароль или имя пользователя'),
      ),
    );
    const error = await client(s, { credentials: { login: LOGIN, password: PASSWORD } })
      .get('product', 'p1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MoySkladAuthError);
    expect(error).toMatchObject({
      status: 401,
      codes: [1056],
      request: { method: 'GET', url: `${s.baseUrl}/entity/product/p1` },
    });
    expect(String(error)).toContain('[1056] Ошибка аутентификации');
    expect(String(error)).toContain(`GET ${s.baseUrl}/entity/product/p1`);
    expectNoSecrets(error);
    expect(s.requests).toHaveLength(1);
  });
});

describe('response bodies', () => {
  it('reads gzip-compressed answers', async () => {
    const s = await serve((_req, res) => sendJson(res, 200, product('p1'), { gzip: true }));
    const row = await client(s).get('product', 'p1');
    expect(row.name).toBe('Товар p1');
    expect(row.updated).toEqual(new Date('2026-11-25T09:00:00.123Z'));
  });

  it('reads plain answers (MoySklad may skip compression)', async () => {
    const s = await serve((_req, res) => sendJson(res, 200, product('p1'), { gzip: false }));
    expect((await client(s).get('product', 'p1')).salePrices?.[0]?.value).toBe(12345.5);
  });

  it('inflates gzip bytes even when Content-Encoding is missing', async () => {
    const s = await serve((_req, res) => {
      const body = gzipSync(JSON.stringify(product('p1')));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      res.end(body);
    });
    expect((await client(s).get('product', 'p1')).id).toBe('p1');
  });

  it('treats an empty 200 (DELETE) as no body', async () => {
    const s = await serve((_req, res) => void res.writeHead(200).end());
    await expect(client(s).delete('product', 'p1')).resolves.toBeUndefined();
    expect(s.requests[0]!.method).toBe('DELETE');
  });

  it('reports a 415 with an empty body as its own error, not retried', async () => {
    const s = await serve((_req, res) => void res.writeHead(415).end());
    const error = await client(s)
      .get('product', 'p1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MoySkladHttpError);
    expect(error).toMatchObject({ status: 415 });
    expect(String(error)).toMatch(/Accept-Encoding/);
    expect(s.requests).toHaveLength(1);
  });

  it('rejects a single object that does not match its schema, naming the issue', async () => {
    const s = await serve((_req, res) =>
      sendJson(res, 200, product('p1', { updated: 'yesterday' })),
    );
    const error = await client(s)
      .get('product', 'p1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MoySkladValidationError);
    expect(String(error)).toMatch(/updated/);
  });

  it('sends JSON bodies with a Content-Type', async () => {
    const s = await serve((req, res) =>
      sendJson(res, 200, { ...product('p2'), echo: JSON.parse(req.body) }),
    );
    const created = await client(s).create('product', { name: 'Чай' });
    expect(created.echo).toEqual({ name: 'Чай' });
    expect(s.requests[0]!.headers['content-type']).toBe('application/json');
  });
});

describe('retries', () => {
  it('waits X-Lognex-Retry-After (ms) after a 429 with code 1049, then succeeds', async () => {
    const s = await serve(
      script(
        (_req, res) =>
          sendJson(res, 429, errorBody(1049, 'Превышено ограничение на количество запросов'), {
            headers: { 'X-Lognex-Retry-After': 250, 'X-RateLimit-Remaining': 0 },
          }),
        ok,
      ),
    );
    const c = client(s);
    const row = await c.get('product', 'p1');
    expect(row.id).toBe('p1');
    const [first, second] = s.requests;
    expect(second!.arrivedAt - first!.arrivedAt).toBeGreaterThanOrEqual(245);
    expect(c.stats).toMatchObject({ requests: 2, rateLimited: 1, retries: 1 });
  });

  it('backs off and retries the parallel-request 429 (1073)', async () => {
    const s = await serve(
      script(
        (_req, res) =>
          sendJson(
            res,
            429,
            errorBody(1073, 'Превышено ограничение на одновременное количество запросов'),
          ),
        ok,
      ),
    );
    expect((await client(s).get('product', 'p1')).id).toBe('p1');
    expect(s.requests).toHaveLength(2);
  });

  it('gives up on persistent 429s with a rate-limit error naming the code', async () => {
    const s = await serve((_req, res) => sendJson(res, 429, errorBody(1073, 'parallel')));
    const error = await client(s, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } })
      .get('product', 'p1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MoySkladRateLimitError);
    expect((error as MoySkladRateLimitError).isParallelLimit).toBe(true);
    expect(s.requests).toHaveLength(3);
  });

  it('retries 5xx with backoff until success', async () => {
    const s = await serve(
      script(
        (_req, res) => sendJson(res, 503, errorBody(1999, 'Сервис временно недоступен')),
        (_req, res) =>
          void res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>bad gateway</html>'),
        ok,
      ),
    );
    expect((await client(s).get('product', 'p1')).id).toBe('p1');
    expect(s.requests).toHaveLength(3);
  });

  it('stops after maxAttempts and reports the last 5xx', async () => {
    const s = await serve((_req, res) => sendJson(res, 500, errorBody(1999, 'Неизвестная ошибка')));
    const error = await client(s, { retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 } })
      .get('product', 'p1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MoySkladApiError);
    expect(error).toMatchObject({ status: 500, codes: [1999] });
    expect(s.requests).toHaveLength(4);
  });

  it('retries a connection reset', async () => {
    const s = await serve(
      script((_req, res, raw) => {
        raw.socket.destroy();
        res.destroy();
      }, ok),
    );
    expect((await client(s).get('product', 'p1')).id).toBe('p1');
    expect(s.requests).toHaveLength(2);
  });

  it('retries a body cut short mid-transfer', async () => {
    const s = await serve(
      script((_req, res) => {
        const body = gzipSync(JSON.stringify(product('p1')));
        res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': body.length });
        res.write(body.subarray(0, body.length >> 1));
        setTimeout(() => res.destroy(), 5);
      }, ok),
    );
    expect((await client(s).get('product', 'p1')).id).toBe('p1');
    expect(s.requests).toHaveLength(2);
  });

  it('retries invalid JSON from a connection closed early', async () => {
    const s = await serve(
      script((_req, res) => {
        // No Content-Length: the body ends when the connection does, so it looks complete.
        res.writeHead(200, { 'Content-Type': 'application/json', Connection: 'close' });
        res.end(JSON.stringify(product('p1')).slice(0, 40));
      }, ok),
    );
    expect((await client(s).get('product', 'p1')).id).toBe('p1');
    expect(s.requests).toHaveLength(2);
  });

  it('reports a persistent truncation as a network error', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', Connection: 'close' });
      res.end('{"meta":');
    });
    const error = await client(s, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } })
      .get('product', 'p1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MoySkladNetworkError);
    expect(error).toMatchObject({ reason: 'truncated', status: 200 });
  });

  it('times out a stalled answer and retries it', async () => {
    const s = await serve(script(() => undefined, ok));
    expect((await client(s, { timeoutMs: 100 }).get('product', 'p1')).id).toBe('p1');
    expect(s.requests).toHaveLength(2);
  });

  it('never retries 404 and 400', async () => {
    const s = await serve((req, res) =>
      req.pathname.endsWith('missing')
        ? sendJson(res, 404, errorBody(1021, "Объект с типом 'product' и id 'missing' не найден"))
        : sendJson(res, 400, errorBody(2000, 'Ошибка в структуре JSON передаваемого запроса')),
    );
    const c = client(s);
    const notFound = await c.get('product', 'missing').catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(MoySkladNotFoundError);
    expect((notFound as MoySkladNotFoundError).hasCode(1021)).toBe(true);
    const bad = await c.get('product', 'p1').catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, codes: [2000] });
    expect(s.requests).toHaveLength(2);
  });

  it('does not resend a POST after a 5xx (it may have been carried out), but does after a 429', async () => {
    const s = await serve(
      script(
        (_req, res) => sendJson(res, 429, errorBody(1073, 'parallel')),
        (_req, res) => sendJson(res, 503, errorBody(1999, 'unavailable')),
      ),
    );
    const error = await client(s)
      .create('product', { name: 'x' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503 });
    expect(s.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });

  it('stops waiting when the caller aborts', async () => {
    const s = await serve(() => undefined);
    const controller = new AbortController();
    const pending = client(s).request('GET', '/entity/product', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 30);
    await expect(pending).rejects.toThrow('stop');
  });
});

describe('request accounting', () => {
  it('counts requests and weight, and reports every attempt to the hook', async () => {
    const s = await serve(script((_req, res) => sendJson(res, 503, errorBody(1999, 'x')), ok));
    const events: RequestEvent[] = [];
    const c = client(s, {
      credentials: { token: TOKEN, tokenKind: 'solution' },
      onRequest: (event) => events.push(event),
    });
    await c.request('GET', '/entity/product/p1', {
      schema: productSchema,
      query: { expand: 'uom' },
    });
    expect(
      events.map(({ path, status, attempt, weight, error }) => ({
        path,
        status,
        attempt,
        weight,
        error,
      })),
    ).toEqual([
      {
        path: '/entity/product/p1?expand=uom',
        status: 503,
        attempt: 1,
        weight: 1,
        error: 'MoySkladApiError',
      },
      {
        path: '/entity/product/p1?expand=uom',
        status: 200,
        attempt: 2,
        weight: 1,
        error: undefined,
      },
    ]);
    expect(events[0]!.retryInMs).toBeGreaterThan(0);
    expect(c.stats).toEqual({
      requests: 2,
      weight: 2,
      retries: 1,
      rateLimited: 0,
      failures: 1,
      byStatus: { '503': 1, '200': 1 },
    });
  });
});
