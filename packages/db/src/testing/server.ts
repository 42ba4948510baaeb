import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres';
import { loadMigrations } from '../migrate/migrations';
import { migrate } from '../migrate/migrator';

export type TestDatabaseServer = { adminUrl: string; template: string; kind: 'embedded' | 'external' };

declare module 'vitest' {
  export interface ProvidedContext {
    crmTestDatabase: TestDatabaseServer;
  }
}

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MACHINE_POSTGRES = 'postgresql://postgres@127.0.0.1:5432/postgres';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Where the test databases live: TEST_DATABASE_URL (a maintenance database on a server where we
 * may create databases), the machine's PostgreSQL in CI when it answers, or an embedded cluster.
 */
async function chooseServer(): Promise<{ adminUrl: string; kind: 'embedded' | 'external'; stop?: () => Promise<void> }> {
  const explicit = process.env.TEST_DATABASE_URL;
  if (explicit) return { adminUrl: explicit, kind: 'external' };
  if (process.env.CI === 'true' && (await answers(MACHINE_POSTGRES))) {
    return { adminUrl: MACHINE_POSTGRES, kind: 'external' };
  }
  const embedded = await startEmbeddedPostgres({
    rootDir: path.join(REPO_ROOT, '.data', 'test-postgres'),
    database: 'postgres',
    port: 0,
  });
  return { adminUrl: embedded.adminUrl, kind: 'embedded', stop: embedded.stop };
}

function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A migrated template named after the migrations' checksums: unchanged migrations reuse it across
 * runs; a changed migration makes a new one (and older templates are dropped).
 */
async function ensureTemplate(adminUrl: string): Promise<string> {
  const digest = createHash('sha256');
  for (const m of loadMigrations()) digest.update(m.name).update(m.checksum);
  const template = `crm_template_${digest.digest('hex').slice(0, 12)}`;

  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Two suites starting at once must not both build the template.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['crm_test_template']);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (!rowCount) {
      const stale = await client.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'crm\\_template\\_%'",
      );
      for (const { datname } of stale.rows) {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
      }
      const building = `${template}_building`;
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(building)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(building)} ENCODING 'UTF8' TEMPLATE template0`);
      await migrate(databaseUrl(adminUrl, building));
      await client.query(`ALTER DATABASE ${client.escapeIdentifier(building)} RENAME TO ${client.escapeIdentifier(template)}`);
    }
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['crm_test_template']);
  } finally {
    await client.end();
  }
  return template;
}

export async function startTestDatabaseServer(): Promise<TestDatabaseServer & { stop(): Promise<void> }> {
  const server = await chooseServer();
  try {
    const template = await ensureTemplate(server.adminUrl);
    return { adminUrl: server.adminUrl, template, kind: server.kind, stop: server.stop ?? (async () => {}) };
  } catch (error) {
    await server.stop?.();
    throw error;
  }
}

export { databaseUrl };
