import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadMigrations } from '../migrate/migrations';
import { migrate } from '../migrate/migrator';
import { databaseUrl } from '../testing/server';
import { readCatalog, readCollations, type Catalog } from './catalog';
import { COLLATED_COLUMNS } from './collations';
import { compareCatalogs, compareCollations } from './drift';
import { expectedCatalog, SCHEMA_PATH } from './expected';
import { EXTRA_INDEXES } from './extra-indexes';

/**
 * schema.prisma and the hand-written migrations must describe the same database. This applies
 * every migration to an empty database and compares the result with the schema.
 */
describe('schema drift', () => {
  const { adminUrl } = inject('crmTestDatabase');
  const suffix = randomBytes(4).toString('hex');
  const name = `crm_drift_${suffix}`;
  const scratch = `crm_drift_scratch_${suffix}`;
  let migrated: Catalog;
  let collations: Map<string, string>;

  async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  async function readMigrated(database: string) {
    const client = new pg.Client({ connectionString: databaseUrl(adminUrl, database) });
    await client.connect();
    try {
      return { catalog: await readCatalog(client), collations: await readCollations(client) };
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`));
    await migrate(databaseUrl(adminUrl, name));
    ({ catalog: migrated, collations } = await readMigrated(name));
  });

  afterAll(async () => {
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    });
  });

  it('finds no difference between schema.prisma and the migrations', async () => {
    expect(compareCatalogs(await expectedCatalog(), migrated, EXTRA_INDEXES)).toEqual([]);
  });

  it('finds every listed name column with the Russian collation and no other collated column', () => {
    expect(compareCollations(COLLATED_COLUMNS, collations)).toEqual([]);
  });

  it('names a column whose migration forgot COLLATE "ru-x-icu"', async () => {
    const forgetful = loadMigrations().map((m) => ({
      ...m,
      sql: m.sql.replace(/(CREATE TABLE "products" \([^;]*?"name" TEXT) COLLATE "ru-x-icu"/, '$1'),
    }));
    expect(forgetful.map((m) => m.sql).join('')).not.toEqual(loadMigrations().map((m) => m.sql).join(''));
    await admin((c) => c.query(`CREATE DATABASE ${scratch} ENCODING 'UTF8' TEMPLATE template0`));
    await migrate(databaseUrl(adminUrl, scratch), forgetful);
    expect(compareCollations(COLLATED_COLUMNS, (await readMigrated(scratch)).collations)).toEqual([
      'column products.name must be COLLATE "ru-x-icu" but the migrations give it the default collation',
    ]);
  });

  it('names the column when a field is added to schema.prisma without a migration', async () => {
    const schema = fs
      .readFileSync(SCHEMA_PATH, 'utf8')
      .replace('  statusMessage String?', '  region String @default("ru")\n  statusMessage String?');
    expect(compareCatalogs(await expectedCatalog(schema), migrated, EXTRA_INDEXES)).toEqual([
      'column integrations.region is declared in schema.prisma but no migration creates it',
    ]);
  });

  it('names the index when an index is declared without a migration', async () => {
    const schema = fs
      .readFileSync(SCHEMA_PATH, 'utf8')
      .replace('  @@index([type])\n', '  @@index([type])\n  @@index([origin])\n');
    expect(compareCatalogs(await expectedCatalog(schema), migrated, EXTRA_INDEXES)).toEqual([
      'index integrations_origin_idx (integrations btree (origin)) is declared in schema.prisma but no migration creates it',
    ]);
  });

  it('names a type mismatch', async () => {
    const schema = fs.readFileSync(SCHEMA_PATH, 'utf8').replace('  occurrences    Int ', '  occurrences    BigInt ');
    expect(compareCatalogs(await expectedCatalog(schema), migrated, EXTRA_INDEXES)).toEqual([
      'column system_alerts.occurrences is "integer NOT NULL DEFAULT 1" after the migrations but "bigint NOT NULL DEFAULT 1" in schema.prisma',
    ]);
  });
});
