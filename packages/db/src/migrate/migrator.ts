import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadMigrations, type Migration } from './migrations';

/** The advisory lock key Prisma Migrate takes, so our migrator and `prisma migrate` exclude each other. */
const PRISMA_ADVISORY_LOCK = 72707369;

// Same definition Prisma Migrate creates, so `prisma migrate deploy` agrees with what we recorded.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Migration ${migration} failed: ${message}`, options);
    this.name = 'MigrationError';
  }
}

export type MigrationResult = {
  applied: string[];
  alreadyApplied: number;
  /** Applied migrations whose file changed since; Prisma reports the same. */
  modified: string[];
};

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

async function appliedMigrations(client: pg.ClientBase): Promise<AppliedRow[]> {
  const exists = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`,
  );
  if (!exists.rows[0]?.exists) return [];
  const { rows } = await client.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  );
  return rows;
}

export type MigrationStatus = { applied: string[]; pending: string[] };

export async function migrationStatus(
  client: pg.ClientBase,
  migrations: Migration[] = loadMigrations(),
): Promise<MigrationStatus> {
  const done = new Set(
    (await appliedMigrations(client)).filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name),
  );
  return {
    applied: migrations.filter((m) => done.has(m.name)).map((m) => m.name),
    pending: migrations.filter((m) => !done.has(m.name)).map((m) => m.name),
  };
}

/**
 * Applies pending migrations, each in its own transaction, under Prisma's advisory lock so that
 * two processes starting at once never migrate together: the second waits, then finds nothing to do.
 */
export async function migrate(
  connectionString: string,
  migrations: Migration[] = loadMigrations(),
): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString, application_name: 'crm-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const rows = await appliedMigrations(client);

    const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
    if (failed) {
      throw new MigrationError(
        failed.migration_name,
        'it is recorded as started but not finished. Fix the database by hand, then mark it with `prisma migrate resolve`.',
      );
    }
    const done = new Map(rows.filter((r) => !r.rolled_back_at).map((r) => [r.migration_name, r.checksum]));
    const result: MigrationResult = { applied: [], alreadyApplied: 0, modified: [] };

    for (const migration of migrations) {
      const checksum = done.get(migration.name);
      if (checksum !== undefined) {
        result.alreadyApplied++;
        if (checksum !== migration.checksum) result.modified.push(migration.name);
        continue;
      }
      await applyOne(client, migration);
      result.applied.push(migration.name);
    }
    return result;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: Migration): Promise<void> {
  try {
    await client.query('BEGIN');
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    const pgError = error as pg.DatabaseError;
    const where = pgError.position ? ` (at character ${pgError.position} of migration.sql)` : '';
    throw new MigrationError(migration.name, `${pgError.message}${where}`, { cause: error });
  }
}
