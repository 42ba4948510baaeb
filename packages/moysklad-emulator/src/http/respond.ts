import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** Whether `Accept-Encoding` lists gzip (MoySklad answers 415 with an empty body otherwise). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (name === 'gzip' || name === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/** A gzipped JSON response, the way the API always answers. */
export async function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  pretty = false,
): Promise<Response> {
  const text = pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body);
  const compressed = await gzipAsync(Buffer.from(text, 'utf8'));
  return new Response(new Uint8Array(compressed), {
    status,
    headers: {
      'Content-Type': 'application/json;charset=utf-8',
      'Content-Encoding': 'gzip',
      ...headers,
    },
  });
}

/** DELETE answers 200 with no body. */
export function emptyResponse(status = 200, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}
