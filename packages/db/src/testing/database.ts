import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDatabase, type Database } from '../client';
import { databaseUrl } from './server';

export type TestDatabase = Database & { name: string; adminUrl: string };

/** A fresh database cloned from the migrated template; dropped by `drop()`. */
export async function createTestDatabase(): Promise<TestDatabase & { drop(): Promise<void> }> {
  const { adminUrl, template, kind } = inject('crmTestDatabase');
  const name = `crm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(template)}`);
  } finally {
    await admin.end();
  }
  const database = createDatabase(databaseUrl(adminUrl, name), { kind, poolMax: 5, applicationName: 'crm-test' });
  return {
    ...database,
    name,
    adminUrl,
    async drop() {
      await database.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Gives the calling test file its own database for all its tests. Use the returned getter inside
 * tests and hooks: `const db = useTestDatabase(); it('...', () => db().prisma...)`.
 */
export function useTestDatabase(): () => TestDatabase {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return () => {
    if (!database) throw new Error('useTestDatabase(): the database is ready only inside tests and hooks');
    return database;
  };
}
