import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../migrate/migrator';
import { databaseUrl } from '../testing/server';
import { readCatalog, type Catalog } from './catalog';
import { compareCatalogs } from './drift';
import { expectedCatalog, SCHEMA_PATH } from './expected';
import { EXTRA_INDEXES } from './extra-indexes';

/**
 * schema.prisma and the hand-written migrations must describe the same database. This applies
 * every migration to an empty database and compares the result with the schema.
 */
describe('schema drift', () => {
  const { adminUrl } = inject('crmTestDatabase');
  const name = `crm_drift_${randomBytes(4).toString('hex')}`;
  let migrated: Catalog;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
    await admin.end();
    await migrate(databaseUrl(adminUrl, name));
    const client = new pg.Client({ connectionString: databaseUrl(adminUrl, name) });
    await client.connect();
    migrated = await readCatalog(client);
    await client.end();
  });

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('finds no difference between schema.prisma and the migrations', async () => {
    expect(compareCatalogs(await expectedCatalog(), migrated, EXTRA_INDEXES)).toEqual([]);
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
