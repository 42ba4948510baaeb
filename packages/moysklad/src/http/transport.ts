import { gunzipSync } from 'node:zlib';
import {
  apiErrorFor,
  MoySkladHttpError,
  MoySkladNetworkError,
  type FailedRequest,
  type MoySkladError,
} from '../errors';
import { apiErrorBodySchema } from '../schemas/common';

export type FetchLike = (input: string | URL, init: RequestInit) => Promise<Response>;

export interface ExchangeRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | undefined;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** How the request appears in errors and logs (no credentials). */
  display: FailedRequest;
}

/** How one exchange ended. `error` is set when it failed; the caller's abort is thrown instead. */
export interface ExchangeResult {
  /** HTTP status, when the server answered. */
  status: number | undefined;
  headers: Headers | undefined;
  /** Parsed JSON, or `undefined` for an empty body (DELETE answers 200 with nothing). */
  body: unknown;
  error: MoySkladError | undefined;
}

/**
 * One HTTP exchange: send, read the whole body, decompress, parse, and turn failures into the
 * client's error types. A body that breaks off mid-way or is not JSON after a 2xx is reported
 * as a network failure: it is what a cut connection looks like.
 */
export async function exchange(
  fetchImpl: FetchLike,
  request: ExchangeRequest,
): Promise<ExchangeResult> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const failed = (cause: unknown, response?: Response): ExchangeResult => {
    // The caller's own abort is not a MoySklad failure: it propagates untouched.
    if (request.signal?.aborted) throw request.signal.reason;
    const kind = timeout.aborted ? 'timeout' : response ? 'truncated' : 'connection';
    const error = new MoySkladNetworkError(kind, request.display, cause, response?.status);
    return { status: response?.status, headers: response?.headers, body: undefined, error };
  };

  let response: Response;
  try {
    response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal,
      redirect: 'follow',
    });
  } catch (cause) {
    return failed(cause);
  }

  let text: string;
  try {
    text = decodeBody(Buffer.from(await response.arrayBuffer()));
  } catch (cause) {
    return failed(cause, response);
  }

  const { status, headers } = response;
  if (!response.ok) {
    return {
      status,
      headers,
      body: undefined,
      error: errorFromResponse(response, text, request.display),
    };
  }
  if (text.trim() === '') return { status, headers, body: undefined, error: undefined };
  try {
    return { status, headers, body: JSON.parse(text), error: undefined };
  } catch (cause) {
    return failed(cause, response);
  }
}

/**
 * MoySklad gzips almost every answer but may skip it, and `fetch` implementations differ in
 * whether they inflate by themselves; the gzip magic bytes settle it (JSON never starts so).
 */
function decodeBody(bytes: Buffer): string {
  const gzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  return (gzipped ? gunzipSync(bytes) : bytes).toString('utf8');
}

function errorFromResponse(
  response: Response,
  text: string,
  display: FailedRequest,
): MoySkladError {
  const { status, headers } = response;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return new MoySkladHttpError(status, text, display);
  }
  const parsed = apiErrorBodySchema.safeParse(json);
  if (!parsed.success) return new MoySkladHttpError(status, text, display);
  return apiErrorFor(
    status,
    parsed.data.errors,
    display,
    numericHeader(headers, 'x-lognex-retry-after'),
  );
}

export function numericHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}
