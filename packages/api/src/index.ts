export type { ApiContext, Principal } from './context';
export { toApiError } from './errors/format';
export { GENERIC_MESSAGES, ROUTE_NOT_FOUND } from './errors/messages';
export { localeFrom, type Locale } from './i18n';
export { openApiDocument, REST_PREFIX } from './openapi';
export { appRouter, type AppRouter } from './router';
export { procedureFor } from './procedure';
export { router, type ProcedureMeta } from './trpc';
