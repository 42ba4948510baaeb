import { GENERIC_MESSAGES, type Locale } from '@crm/api';
import type { ApiError, ErrorCode } from '@crm/contracts';
import { ERROR_STATUS } from '@crm/contracts';
import type { Context } from 'hono';
import type { AppEnv } from './env';

/** An error response in the API's shape, for failures outside any procedure. */
export function errorResponse(
  c: Context<AppEnv>,
  code: ErrorCode,
  message?: { en: string; ru: string },
  extraHeaders?: Record<string, string>,
) {
  const locale: Locale = c.get('locale') ?? 'en';
  const body: ApiError = {
    code,
    message: (message ?? GENERIC_MESSAGES[code] ?? GENERIC_MESSAGES.INTERNAL_SERVER_ERROR!)[locale],
    requestId: c.get('requestId'),
  };
  return c.json(body, ERROR_STATUS[code] as 400, extraHeaders);
}
