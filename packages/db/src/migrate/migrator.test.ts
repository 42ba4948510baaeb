import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { databaseUrl } from '../testing/server';
import { loadMigrations } from './migrations';
import { migrate, MigrationError, migrationStatus } from './migrator';

const { adminUrl } = inject('crmTestDatabase');
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `crm_migrate_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  await admin.end();
  created.push(name);
  return databaseUrl(adminUrl, name);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

afterEach(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const name of created.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe('migrate', () => {
  it('records each migration in _prisma_migrations as Prisma does, and applies it once', async () => {
    const url = await emptyDatabase();
    const migrations = loadMigrations();
    const first = await migrate(url);
    expect(first.applied).toEqual(migrations.map((m) => m.name));

    const rows = await query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null }>(
      url,
      'SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows).toEqual(
      migrations.map((m) => ({ migration_name: m.name, checksum: m.checksum, applied_steps_count: 1, finished_at: expect.any(Date) })),
    );
    expect(rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);

    const second = await migrate(url);
    expect(second).toEqual({ applied: [], alreadyApplied: migrations.length, modified: [] });
  });

  it('lets two processes start at once: one migrates, the other waits and finds nothing to do', async () => {
    const url = await emptyDatabase();
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    const total = loadMigrations().length;
    expect(a.applied.length + b.applied.length).toBe(total);
    const [row] = await query<{ count: string }>(url, 'SELECT count(*) FROM "_prisma_migrations"');
    expect(Number(row!.count)).toBe(total);
  });

  it('names the failed migration and leaves nothing of it behind', async () => {
    const url = await emptyDatabase();
    const dir = migrationsDir({
      '20260101000000_good': 'CREATE TABLE a (id int);',
      '20260102000000_broken': 'CREATE TABLE b (id int);\nALTER TABLE missing ADD COLUMN x int;',
    });
    const error = await migrate(url, loadMigrations(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toBe('20260102000000_broken');
    expect((error as Error).message).toMatch(/20260102000000_broken failed: relation "missing" does not exist/);

    const tables = await query<{ table_name: string }>(
      url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.map((t) => t.table_name)).toEqual(['_prisma_migrations', 'a']);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect(await migrationStatus(client, loadMigrations(dir))).toEqual({
      applied: ['20260101000000_good'],
      pending: ['20260102000000_broken'],
    });
    await client.end();
  });

  it('reports an applied migration whose file was edited afterwards', async () => {
    const url = await emptyDatabase();
    const dir = migrationsDir({ '20260101000000_one': 'CREATE TABLE a (id int);' });
    await migrate(url, loadMigrations(dir));
    fs.writeFileSync(path.join(dir, '20260101000000_one', 'migration.sql'), 'CREATE TABLE a (id bigint);');
    expect((await migrate(url, loadMigrations(dir))).modified).toEqual(['20260101000000_one']);
  });
});
