import type { CoreDeps, Logger } from '@crm/core';
import type { Locale } from './i18n';

/** Who is calling: a signed-in user or an API key, with their effective permissions. */
export type Principal = {
  type: 'user' | 'api_key';
  id: string;
  label: string;
  permissions: ReadonlySet<string>;
};

/** Everything a procedure sees. Built per request by the HTTP layer. */
export type ApiContext = {
  deps: CoreDeps;
  requestId: string;
  locale: Locale;
  ip: string | undefined;
  principal: Principal | null;
  log: Logger;
};
