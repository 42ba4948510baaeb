import { ERROR_STATUS, type ApiError, type ErrorCode } from '@crm/contracts';
import { DomainError } from '@crm/core';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Locale } from '../i18n';
import { formatIssues } from './issues';
import { GENERIC_MESSAGES } from './messages';

const isErrorCode = (code: string): code is ErrorCode => code in ERROR_STATUS;

/**
 * The body of an error in the API's own shape, from whatever was thrown: a DomainError from a
 * service, an input validation failure, a tRPC error, or an unexpected failure (never detailed).
 */
export function toApiError(error: unknown, locale: Locale, requestId?: string): ApiError & { status: number } {
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  const trpcCode = error instanceof TRPCError ? error.code : 'INTERNAL_SERVER_ERROR';
  const code: ErrorCode = cause instanceof DomainError ? cause.code : isErrorCode(trpcCode) ? trpcCode : 'INTERNAL_SERVER_ERROR';
  const generic = GENERIC_MESSAGES[code]?.[locale];

  let message: string;
  let issues: ApiError['issues'];
  if (cause instanceof DomainError) {
    message = cause.text[locale];
    issues = cause.issues.length ? cause.issues.map((i) => ({ path: i.path, message: i.text[locale] })) : undefined;
  } else if (cause instanceof ZodError && code === 'BAD_REQUEST') {
    message = generic!;
    issues = formatIssues(cause.issues, locale);
  } else if (code === 'INTERNAL_SERVER_ERROR' || !(error instanceof TRPCError)) {
    message = GENERIC_MESSAGES.INTERNAL_SERVER_ERROR![locale];
  } else {
    // Thrown by tRPC, the REST adapter or a middleware: services speak through DomainError, so a
    // message of our own for the code reads better than the library's.
    message = generic ?? error.message;
  }
  return { status: ERROR_STATUS[code], code, message, ...(issues ? { issues } : {}), ...(requestId ? { requestId } : {}) };
}
