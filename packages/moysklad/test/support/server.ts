import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/** A request as the test server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path under the API root, with the query (`/entity/product?limit=1000`). */
  path: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** `performance.now()` when the request arrived. */
  arrivedAt: number;
}

export type Handler = (
  request: RecordedRequest,
  res: ServerResponse,
  raw: IncomingMessage,
) => void | Promise<void>;

export interface TestServer {
  /** Base URL of the API root, to pass as `baseUrl`. */
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const API_ROOT = '/api/remap/1.2';

/** A real HTTP server on a random local port, recording every request. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((raw, res) => {
    const arrivedAt = performance.now();
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const url = new URL(raw.url ?? '/', 'http://localhost');
      const pathname = url.pathname.startsWith(API_ROOT)
        ? url.pathname.slice(API_ROOT.length)
        : url.pathname;
      const request: RecordedRequest = {
        method: raw.method ?? 'GET',
        path: `${pathname}${url.search}`,
        pathname,
        query: url.searchParams,
        headers: raw.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        arrivedAt,
      };
      requests.push(request);
      Promise.resolve(handler(request, res, raw)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${API_ROOT}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with JSON, gzipped like MoySklad unless `gzip: false`. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  options: { gzip?: boolean; headers?: Record<string, string | number> } = {},
): void {
  const json = Buffer.from(JSON.stringify(body), 'utf8');
  const gzip = options.gzip ?? true;
  const payload = gzip ? gzipSync(json) : json;
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=utf-8',
    'Content-Length': payload.length,
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    ...options.headers,
  });
  res.end(payload);
}

/** MoySklad's error body. */
export function errorBody(code: number, error: string) {
  return {
    errors: [{ error, code, moreInfo: `https://dev.moysklad.ru/doc/api/remap/1.2/#error_${code}` }],
  };
}

export function meta(type: string, id: string, baseUrl = 'https://api.moysklad.ru/api/remap/1.2') {
  return {
    href: `${baseUrl}/entity/${type}/${id}`,
    metadataHref: `${baseUrl}/entity/${type}/metadata`,
    type,
    mediaType: 'application/json',
  };
}

/** A `{ context, meta, rows }` page for `rows` sliced by the request's limit and offset. */
export function listPage(request: RecordedRequest, type: string, all: readonly unknown[]) {
  const limit = Number(request.query.get('limit') ?? 1000);
  const offset = Number(request.query.get('offset') ?? 0);
  return {
    context: { employee: { meta: meta('employee', 'context') } },
    meta: {
      href: `https://api.moysklad.ru/api/remap/1.2/entity/${type}?limit=${limit}&offset=${offset}`,
      type,
      mediaType: 'application/json',
      size: all.length,
      limit,
      offset,
    },
    rows: all.slice(offset, offset + limit),
  };
}

export function product(id: string, overrides: Record<string, unknown> = {}) {
  return {
    meta: meta('product', id),
    id,
    accountId: '1902785b-7df4-11e8-7e04-3e5a00000001',
    updated: '2026-11-25 12:00:00.123',
    name: `Товар ${id}`,
    code: id,
    externalCode: `ext-${id}`,
    archived: false,
    salePrices: [
      {
        value: 12345.5,
        currency: { meta: meta('currency', 'rub') },
        priceType: { meta: meta('pricetype', 'sale'), id: 'sale', name: 'Цена продажи' },
      },
    ],
    ...overrides,
  };
}

/** `n` zero-padded sequential ids. */
export function ids(n: number, prefix = 'id'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(6, '0')}`);
}

/** Drains an async iterable (Array.fromAsync is not in this project's ES2024 lib). */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
