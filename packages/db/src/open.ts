import path from 'node:path';
import type { Config } from '@crm/config';
import { checkConnection } from './connection';
import { createDatabase, type Database } from './client';
import { startEmbeddedPostgres } from './embedded/embedded-postgres';

export type OpenDatabaseOptions = {
  log?: (message: string) => void;
  applicationName?: string;
};

/**
 * The server's database: the one DATABASE_URL names, or an embedded PostgreSQL under
 * CRM_DATA_DIR when it is unset. Closing the returned handle also stops the embedded server.
 */
export async function openDatabase(config: Config, options: OpenDatabaseOptions = {}): Promise<Database> {
  if (config.database.url) {
    await checkConnection(config.database.url);
    return createDatabase(config.database.url, {
      kind: 'external',
      poolMax: config.database.poolMax,
      applicationName: options.applicationName,
    });
  }
  const embedded = await startEmbeddedPostgres({
    rootDir: path.join(config.dataDir, 'postgres'),
    database: 'crm',
    log: options.log,
  });
  const database = createDatabase(embedded.url, {
    kind: 'embedded',
    poolMax: config.database.poolMax,
    applicationName: options.applicationName,
  });
  return {
    ...database,
    async close() {
      await database.close();
      await embedded.stop();
    },
  };
}
