import type pg from 'pg';

/** A schema described the same way from either side, so the two can be compared key by key. */
export type Catalog = {
  tables: Set<string>;
  /** `table.column` → `type | nullability | default` */
  columns: Map<string, { type: string; nullable: boolean; default: string | null }>;
  /** index name → description */
  indexes: Map<string, string>;
  /** `table(columns)` → `ref_table(columns) on delete X on update Y` */
  foreignKeys: Map<string, string>;
  /** enum type → its values in order */
  enums: Map<string, string[]>;
};

/** Strips the casts PostgreSQL adds to stored defaults: `'{}'::jsonb` → `'{}'`. */
export function normaliseDefault(expr: string | null): string | null {
  if (expr === null) return null;
  let out = expr.trim();
  for (;;) {
    const next = out.replace(/::("?[\w ]+"?(\(\d+(,\d+)?\))?(\[\])?)$/, '');
    if (next === out) break;
    out = next;
  }
  if (/^nextval\(/.test(out)) return 'autoincrement()';
  return out;
}

const ON_ACTION: Record<string, string> = { a: 'NoAction', r: 'Restrict', c: 'Cascade', n: 'SetNull', d: 'SetDefault' };

export async function readCatalog(client: pg.ClientBase, schema = 'public'): Promise<Catalog> {
  const tables = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    [schema],
  );
  const columns = await client.query<{ table: string; column: string; type: string; not_null: boolean; default: string | null }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = $1
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`,
    [schema],
  );
  const indexes = await client.query<{ name: string; table: string; definition: string }>(
    `SELECT i.relname AS name, t.relname AS table, pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = $1
      WHERE t.relname <> '_prisma_migrations'`,
    [schema],
  );
  const fks = await client.query<{ table: string; columns: string[]; ref_table: string; ref_columns: string[]; on_delete: string; on_update: string }>(
    `SELECT t.relname AS table, r.relname AS ref_table,
            ARRAY(SELECT attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute ON attrelid = c.conrelid AND attnum = k.n ORDER BY k.i)::text[] AS columns,
            ARRAY(SELECT attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute ON attrelid = c.confrelid AND attnum = k.n ORDER BY k.i)::text[] AS ref_columns,
            c.confdeltype AS on_delete, c.confupdtype AS on_update
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = $1
      WHERE c.contype = 'f'`,
    [schema],
  );
  const enums = await client.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
       JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = $1
      GROUP BY t.typname`,
    [schema],
  );

  return {
    tables: new Set(tables.rows.map((r) => r.table_name)),
    columns: new Map(
      columns.rows.map((r) => [
        `${r.table}.${r.column}`,
        { type: r.type.replace(/"/g, ''), nullable: !r.not_null, default: normaliseDefault(r.default) },
      ]),
    ),
    indexes: new Map(indexes.rows.map((r) => [r.name, describeIndexDefinition(r.definition)])),
    foreignKeys: new Map(
      fks.rows.map((r) => [
        `${r.table}(${r.columns.join(', ')})`,
        `${r.ref_table}(${r.ref_columns.join(', ')}) on delete ${ON_ACTION[r.on_delete]} on update ${ON_ACTION[r.on_update]}`,
      ]),
    ),
    enums: new Map(enums.rows.map((r) => [r.name, r.values])),
  };
}

/** `CREATE UNIQUE INDEX x ON public.t USING btree (a, b DESC)` → `unique t btree (a, b DESC)`. */
function describeIndexDefinition(definition: string): string {
  const match = /^CREATE (UNIQUE )?INDEX \S+ ON (?:\w+\.)?"?(\w+)"? USING (\w+) \((.*?)\)( WHERE .*)?$/.exec(definition);
  if (!match) return definition;
  const [, unique, table, method, columns, where] = match;
  return `${unique ? 'unique ' : ''}${table} ${method} (${columns!.replace(/"/g, '')})${where ?? ''}`;
}

/**
 * `table.column` → collation, for the columns whose collation is not the database default
 * (schema.prisma cannot declare a collation, so these are checked against a list of their own).
 */
export async function readCollations(client: pg.ClientBase, schema = 'public'): Promise<Map<string, string>> {
  const { rows } = await client.query<{ table: string; column: string; collation: string }>(
    `SELECT c.relname AS table, a.attname AS column, co.collname AS collation
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = $1
       JOIN pg_collation co ON co.oid = a.attcollation
      WHERE a.attnum > 0 AND NOT a.attisdropped AND co.collname <> 'default'`,
    [schema],
  );
  return new Map(rows.map((r) => [`${r.table}.${r.column}`, r.collation]));
}
