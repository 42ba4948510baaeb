import type { ApiContext } from '@crm/api';
import type { CoreDeps, Logger, PgBoss } from '@crm/core';
import type { Locale } from '@crm/api';
import type { PluginRegistry } from '@crm/integrations';
import type { Demo } from '../runtime/demo';
import type { compileTrust } from './client-ip';

/** What the HTTP layer needs from the running process. */
export type AppRuntime = {
  deps: CoreDeps;
  plugins: PluginRegistry;
  boss: PgBoss;
  queue: { running: boolean };
  /** Set while the server runs on demo data. */
  demo?: Demo | null;
  trust: ReturnType<typeof compileTrust>;
};

export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    locale: Locale;
    ip: string | undefined;
    /** Set by the API handlers so the request log can group by endpoint. */
    route: string | undefined;
    apiContext: ApiContext;
  };
};
