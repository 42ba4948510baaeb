import { useTestDatabase } from '@crm/db/testing';
import { describe, expect, it } from 'vitest';
import { SYNCED_ENTITIES } from './entities';
import type { SqlType } from './spec/columns';
import type { Columns, Refs } from './spec/tables';
import { referenceColumns, snake } from './sql/plan';
import { stockSpec } from './stock';

const DATABASE_TYPE: Record<SqlType, string> = {
  text: 'text',
  boolean: 'boolean',
  integer: 'integer',
  bigint: 'bigint',
  money: 'numeric(20,4)',
  quantity: 'numeric(18,3)',
  percent: 'numeric(9,4)',
  rate: 'numeric(20,10)',
  timestamptz: 'timestamp(3) with time zone',
  jsonb: 'jsonb',
  'text[]': 'text[]',
  uuid: 'uuid',
  document_type: 'document_type',
};

/** `table.column` → `type [NOT NULL]`, as the write layer's specs expect the database to be. */
function expectedColumns(table: string, columns: Columns, refs: Refs): [string, string][] {
  const out: [string, string][] = [];
  const add = (column: string, type: string, notNull: boolean) =>
    out.push([`${table}.${column}`, `${type}${notNull ? ' NOT NULL' : ''}`]);
  for (const [field, column] of Object.entries(columns)) {
    // Prisma makes list columns nullable; the write layer never writes NULL to them.
    add(
      snake(field),
      DATABASE_TYPE[column.type],
      column.type !== 'text[]' && (!column.optional || column.fallback !== undefined),
    );
  }
  for (const [name, reference] of Object.entries(refs)) {
    const { externalId, type, resolutions } = referenceColumns(name, reference);
    add(externalId, 'text', reference.required);
    if (type) add(type, 'text', reference.required);
    for (const r of resolutions) add(r.column, 'uuid', false);
  }
  return out;
}

const specs = [...new Set(Object.values(SYNCED_ENTITIES).map((e) => e.spec))];
const childLists = specs.flatMap((spec) => Object.values(spec.children));
/** A child table owned by several kinds of parent (sale prices) has one nullable key per kind. */
const sharedChild = (table: string) =>
  childLists.filter((list) => list.spec.table === table).length > 1;

const EXPECTED = new Map<string, string>([
  ...specs.flatMap((spec) => [
    [`${spec.table}.external_id`, 'text NOT NULL'] as [string, string],
    [
      `${spec.table}.source_updated_at`,
      `timestamp(3) with time zone${spec.versioned ? ' NOT NULL' : ''}`,
    ] as [string, string],
    [`${spec.table}.attributes`, 'jsonb NOT NULL'] as [string, string],
    ...expectedColumns(spec.table, spec.columns, spec.refs),
    ...Object.values(spec.children).flatMap((list) => [
      [`${spec.table}.${list.digest}`, 'text'] as [string, string],
      [
        `${list.spec.table}.${list.spec.parentColumn}`,
        sharedChild(list.spec.table) ? 'uuid' : 'uuid NOT NULL',
      ] as [string, string],
      ...(list.spec.numbered
        ? [[`${list.spec.table}.line_number`, 'integer NOT NULL'] as [string, string]]
        : []),
      ...expectedColumns(list.spec.table, list.spec.columns, list.spec.refs),
    ]),
  ]),
  ...expectedColumns(stockSpec.table, stockSpec.columns, stockSpec.refs),
]);

describe('the write layer and the migrations', () => {
  const db = useTestDatabase();

  it('agree on every column the write layer writes: its type and whether it may be NULL', async () => {
    const { rows } = await db().pool.query<{ key: string; type: string; not_null: boolean }>(
      `SELECT c.relname || '.' || a.attname AS key, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
    );
    const actual = new Map(rows.map((r) => [r.key, `${r.type}${r.not_null ? ' NOT NULL' : ''}`]));
    const differences = [...EXPECTED]
      .filter(([key, want]) => actual.get(key) !== want)
      .map(([key, want]) => `${key}: ${actual.get(key)} ≠ ${want}`);
    expect(differences).toEqual([]);
    expect(EXPECTED.size).toBeGreaterThan(300);
  });
});
