import type { z } from 'zod';
import type { ApiErrorItem } from './schemas/common';
import type { InvalidRow } from './validation';

/** The request that failed. The URL never carries credentials (they travel in a header). */
export interface FailedRequest {
  method: string;
  url: string;
}

interface ErrorOptions {
  request: FailedRequest;
  status?: number | undefined;
  cause?: unknown;
}

/** Base of every error this client throws. */
export class MoySkladError extends Error {
  override readonly name: string = 'MoySkladError';
  readonly request: FailedRequest;
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;

  constructor(message: string, options: ErrorOptions) {
    super(`${message} (${options.request.method} ${options.request.url})`, {
      cause: options.cause,
    });
    this.request = options.request;
    this.status = options.status;
  }
}

/** MoySklad answered with its `{ errors: [...] }` body. */
export class MoySkladApiError extends MoySkladError {
  override readonly name: string = 'MoySkladApiError';
  readonly errors: readonly ApiErrorItem[];

  constructor(status: number, errors: readonly ApiErrorItem[], request: FailedRequest) {
    const summary = errors
      .map((e) => (e.code === undefined || e.code === null ? e.error : `[${e.code}] ${e.error}`))
      .join('; ');
    super(`MoySklad answered ${status}: ${summary}`, { request, status });
    this.errors = errors;
  }

  /** MoySklad's error codes (1056, 1021, ...), in the order given. */
  get codes(): number[] {
    return this.errors.flatMap((e) => (typeof e.code === 'number' ? [e.code] : []));
  }

  hasCode(code: number): boolean {
    return this.codes.includes(code);
  }
}

/** 401, or codes 1056 (authentication), 1048 (too many attempts), 1061 (no API access), 1085. */
export class MoySkladAuthError extends MoySkladApiError {
  override readonly name: string = 'MoySkladAuthError';
}

/** 403: the user lacks the permission (view, create, ...) for this object or report. */
export class MoySkladForbiddenError extends MoySkladApiError {
  override readonly name: string = 'MoySkladForbiddenError';
}

/** 404 / 1021: no such object (deleted, or never existed). */
export class MoySkladNotFoundError extends MoySkladApiError {
  override readonly name: string = 'MoySkladNotFoundError';
}

/** 429: 1049 (request budget exhausted) or 1073 (too many parallel requests). */
export class MoySkladRateLimitError extends MoySkladApiError {
  override readonly name: string = 'MoySkladRateLimitError';
  /** From `X-Lognex-Retry-After` (milliseconds), sent with budget 429s. */
  readonly retryAfterMs: number | undefined;

  constructor(
    status: number,
    errors: readonly ApiErrorItem[],
    request: FailedRequest,
    retryAfterMs: number | undefined,
  ) {
    super(status, errors, request);
    this.retryAfterMs = retryAfterMs;
  }

  /** The parallel-request limit (1073) rather than the request budget. */
  get isParallelLimit(): boolean {
    return this.hasCode(ErrorCodes.parallelLimit);
  }
}

/**
 * A non-2xx answer without MoySklad's error body: 415 with an empty body (headers refused, e.g.
 * no `Accept-Encoding: gzip`), HTML pages from a proxy, and the like.
 */
export class MoySkladHttpError extends MoySkladError {
  override readonly name: string = 'MoySkladHttpError';
  /** The start of the body, if any, for diagnosis. */
  readonly bodySnippet: string;

  constructor(status: number, body: string, request: FailedRequest) {
    const hint =
      status === 415 && body.length === 0
        ? 'MoySklad refused the request headers (415, empty body; Accept-Encoding must include gzip)'
        : `MoySklad answered ${status} without an error body`;
    super(hint, { request, status });
    this.bodySnippet = body.slice(0, 500);
  }
}

export type NetworkFailure = 'connection' | 'timeout' | 'truncated';

/**
 * The exchange broke: connection refused or reset, timeout, or a body cut short (truncated
 * JSON or gzip stream). Safe to retry for idempotent requests.
 */
export class MoySkladNetworkError extends MoySkladError {
  override readonly name: string = 'MoySkladNetworkError';
  readonly reason: NetworkFailure;

  constructor(reason: NetworkFailure, request: FailedRequest, cause: unknown, status?: number) {
    const what = {
      connection: 'Connection to MoySklad failed',
      timeout: 'MoySklad did not answer in time',
      truncated: 'MoySklad response body was cut short or corrupt',
    }[reason];
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    super(`${what}${detail}`, { request, status, cause });
    this.reason = reason;
  }
}

/** A single response (an object fetched by id, a page envelope) does not match its schema. */
export class MoySkladValidationError extends MoySkladError {
  override readonly name: string = 'MoySkladValidationError';
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(message: string, issues: readonly z.core.$ZodIssue[], request: FailedRequest) {
    super(message, { request });
    this.issues = issues;
  }
}

/**
 * A listing finished, but some rows did not validate and no `onInvalidRow` hook took them.
 * Every valid row was delivered before this is thrown.
 */
export class MoySkladInvalidRowsError extends MoySkladError {
  override readonly name: string = 'MoySkladInvalidRowsError';
  readonly rows: readonly InvalidRow[];

  constructor(rows: readonly InvalidRow[], request: FailedRequest) {
    const ids = rows
      .slice(0, 10)
      .map((r) => r.id ?? `#${r.position}`)
      .join(', ');
    const more = rows.length > 10 ? `, and ${rows.length - 10} more` : '';
    super(`${rows.length} row(s) failed validation: ${ids}${more}`, { request });
    this.rows = rows;
  }
}

/** MoySklad error codes worth naming (the full list is in the docs' "Ошибки" page). */
export const ErrorCodes = {
  authentication: 1056,
  tooManyAuthAttempts: 1048,
  noApiAccess: 1061,
  noUserContext: 1085,
  notFound: 1021,
  badFilter: 1034,
  badFilterDate: 1035,
  badContentType: 1037,
  rateLimit: 1049,
  badAcceptHeader: 1062,
  parallelLimit: 1073,
  fieldsMoreThanOne: 3042,
  fieldsUnsupported: 3043,
} as const;

const AUTH_ERROR_CODES: ReadonlySet<number> = new Set([
  ErrorCodes.authentication,
  ErrorCodes.tooManyAuthAttempts,
  ErrorCodes.noApiAccess,
  ErrorCodes.noUserContext,
]);

/** The most specific error class for a MoySklad error body. */
export function apiErrorFor(
  status: number,
  errors: readonly ApiErrorItem[],
  request: FailedRequest,
  retryAfterMs: number | undefined,
): MoySkladApiError {
  const codes = errors.map((e) => e.code);
  if (status === 401 || codes.some((c) => typeof c === 'number' && AUTH_ERROR_CODES.has(c))) {
    return new MoySkladAuthError(status, errors, request);
  }
  if (status === 429) return new MoySkladRateLimitError(status, errors, request, retryAfterMs);
  if (status === 403) return new MoySkladForbiddenError(status, errors, request);
  if (status === 404) return new MoySkladNotFoundError(status, errors, request);
  return new MoySkladApiError(status, errors, request);
}
