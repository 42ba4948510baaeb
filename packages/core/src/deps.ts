import type { Config, Role } from '@crm/config';
import type { Database } from '@crm/db';
import type { Logger } from './logger';

/** What every core service needs: the process's configuration, database and logger. */
export type CoreDeps = {
  config: Config;
  db: Database;
  log: Logger;
  /** The roles this instance runs and when it started, for status reports. */
  runtime: { roles: Role[]; startedAt: Date };
};
