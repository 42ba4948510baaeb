import type { Config } from '@crm/config';
import type { Logger } from 'pino';
import { DEMO_NOTICE } from './demo';
import type { RunningServer } from './start';

/** One line that tells the person who started the server where everything is. */
export function announce(config: Config, server: RunningServer, log: Logger) {
  const { db } = server.runtime.deps;
  const database =
    db.kind === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}/postgres` : 'PostgreSQL from DATABASE_URL';
  if (server.port === undefined) {
    log.info({ roles: server.runtime.deps.runtime.roles, database }, 'worker started');
    return;
  }
  const base = config.publicBaseUrlConfigured ? config.publicBaseUrl : `http://localhost:${server.port}`;
  log.info(
    {
      api: `${base}/api/v1`,
      docs: `${base}/api/v1/docs`,
      trpc: `${base}/trpc`,
      ready: `${base}/readyz`,
      roles: server.runtime.deps.runtime.roles,
      database,
    },
    `CRM is up at ${base} (API docs: ${base}/api/v1/docs)`,
  );
  if (server.runtime.demo?.running()) log.warn(DEMO_NOTICE);
}
