import type { ErrorCode } from '@crm/contracts';
import type { LocalizedText } from '@crm/core';

/** Messages for failures that no service phrased itself. */
export const GENERIC_MESSAGES: Partial<Record<ErrorCode, LocalizedText>> = {
  BAD_REQUEST: { en: 'Input validation failed', ru: 'Данные не прошли проверку' },
  PARSE_ERROR: { en: 'The request body is not valid JSON', ru: 'Тело запроса не является корректным JSON' },
  UNAUTHORIZED: { en: 'Authentication required', ru: 'Требуется аутентификация' },
  FORBIDDEN: { en: 'You do not have permission to do this', ru: 'Недостаточно прав для этого действия' },
  NOT_FOUND: { en: 'Not found', ru: 'Не найдено' },
  METHOD_NOT_SUPPORTED: { en: 'Method not allowed', ru: 'Метод не поддерживается' },
  PAYLOAD_TOO_LARGE: { en: 'The request body is too large', ru: 'Тело запроса слишком большое' },
  UNSUPPORTED_MEDIA_TYPE: {
    en: 'Send the body as application/json',
    ru: 'Отправьте тело запроса как application/json',
  },
  TOO_MANY_REQUESTS: { en: 'Too many requests, try again later', ru: 'Слишком много запросов, повторите позже' },
  INTERNAL_SERVER_ERROR: {
    en: 'Internal server error; the request id identifies it in the logs',
    ru: 'Внутренняя ошибка сервера; идентификатор запроса поможет найти её в журнале',
  },
  SERVICE_UNAVAILABLE: { en: 'Service unavailable', ru: 'Сервис недоступен' },
};

export const ROUTE_NOT_FOUND: LocalizedText = {
  en: 'No such endpoint; see /api/v1/docs',
  ru: 'Нет такого адреса; см. /api/v1/docs',
};
