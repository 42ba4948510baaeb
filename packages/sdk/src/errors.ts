import type { ErrorIssue, TrpcErrorData } from '@crm/contracts';
import { isTRPCClientError, type TRPCClientError } from '@trpc/client';
import type { CrmRouter } from './router';

/** An error the API answered with: its code, HTTP status, field issues and request id. */
export type CrmError = TRPCClientError<CrmRouter> & { data: TrpcErrorData };

export function isCrmError(error: unknown): error is CrmError {
  if (!isTRPCClientError<CrmRouter>(error) || !error.data) return false;
  return typeof error.data.code === 'string' && typeof error.data.httpStatus === 'number';
}

/** What went wrong, for any error a call can throw, in one shape to show or log. */
export type CrmErrorInfo = {
  /** The API's code (`FORBIDDEN`, `BAD_REQUEST`, ...), or `NETWORK_ERROR` when no answer came. */
  code: string;
  httpStatus: number | null;
  message: string;
  issues: ErrorIssue[];
  /** Quote it when reporting a problem: it finds the request in the server's log. */
  requestId: string | null;
};

export function errorInfo(error: unknown): CrmErrorInfo {
  if (isCrmError(error)) {
    const { code, httpStatus, issues, requestId } = error.data;
    return {
      code,
      httpStatus,
      message: error.message,
      issues: issues ?? [],
      requestId: requestId ?? null,
    };
  }
  if (isTRPCClientError(error)) {
    // No error body of ours: the server was not reached, or something in between answered.
    const status = (error.meta?.response as { status?: number } | undefined)?.status ?? null;
    // fetch's own error says only "fetch failed"; its cause says why (ECONNREFUSED, bad port, ...).
    const root = error.cause?.cause as { code?: string; message?: string } | undefined;
    const reason = root?.code ?? root?.message;
    const message = reason ? `${error.message} (${reason})` : error.message;
    return {
      code: status ? 'HTTP_ERROR' : 'NETWORK_ERROR',
      httpStatus: status,
      message,
      issues: [],
      requestId: null,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'UNKNOWN', httpStatus: null, message, issues: [], requestId: null };
}

/** Field issues by dotted path (`roles.0`), the first message of each, for showing beside form fields. */
export function fieldErrors(error: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of errorInfo(error).issues) fields[issue.path.join('.')] ??= issue.message;
  return fields;
}
