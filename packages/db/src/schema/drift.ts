import type { Catalog } from './catalog';

type Column = { type: string; nullable: boolean; default: string | null };

const describeColumn = (c: Column) =>
  `${c.type}${c.nullable ? '' : ' NOT NULL'}${c.default === null ? '' : ` DEFAULT ${c.default}`}`;

/**
 * Differences between what schema.prisma declares and what the migrations built, one readable
 * line each, naming the table, column, index or constraint. Empty when they agree.
 */
export function compareCatalogs(schema: Catalog, migrations: Catalog, extraIndexes: Record<string, string>): string[] {
  const out: string[] = [];
  const inSchemaOnly = 'is declared in schema.prisma but no migration creates it';
  const inMigrationsOnly = 'exists after the migrations but is not declared in schema.prisma';

  for (const t of schema.tables) if (!migrations.tables.has(t)) out.push(`table ${t} ${inSchemaOnly}`);
  for (const t of migrations.tables) if (!schema.tables.has(t)) out.push(`table ${t} ${inMigrationsOnly}`);

  for (const [key, want] of schema.columns) {
    const got = migrations.columns.get(key);
    if (!got) {
      if (migrations.tables.has(key.split('.')[0]!)) out.push(`column ${key} ${inSchemaOnly}`);
      continue;
    }
    if (describeColumn(want) !== describeColumn(got)) {
      out.push(`column ${key} is "${describeColumn(got)}" after the migrations but "${describeColumn(want)}" in schema.prisma`);
    }
  }
  for (const key of migrations.columns.keys()) {
    if (!schema.columns.has(key) && schema.tables.has(key.split('.')[0]!)) out.push(`column ${key} ${inMigrationsOnly}`);
  }

  for (const [name, want] of schema.indexes) {
    const got = migrations.indexes.get(name);
    if (!got) out.push(`index ${name} (${want}) ${inSchemaOnly}`);
    else if (got !== want) out.push(`index ${name} is "${got}" after the migrations but "${want}" in schema.prisma`);
  }
  for (const [name, got] of migrations.indexes) {
    if (!schema.indexes.has(name) && !(name in extraIndexes)) {
      out.push(`index ${name} (${got}) ${inMigrationsOnly}; add it to EXTRA_INDEXES if schema.prisma cannot express it`);
    }
  }
  for (const name of Object.keys(extraIndexes)) {
    if (!migrations.indexes.has(name)) out.push(`index ${name} is listed in EXTRA_INDEXES but no migration creates it`);
  }

  for (const [key, want] of schema.foreignKeys) {
    const got = migrations.foreignKeys.get(key);
    if (!got) out.push(`foreign key ${key} → ${want} ${inSchemaOnly}`);
    else if (got !== want) out.push(`foreign key ${key} is "${got}" after the migrations but "${want}" in schema.prisma`);
  }
  for (const [key, got] of migrations.foreignKeys) {
    if (!schema.foreignKeys.has(key)) out.push(`foreign key ${key} → ${got} ${inMigrationsOnly}`);
  }

  for (const [name, want] of schema.enums) {
    const got = migrations.enums.get(name);
    if (!got) out.push(`enum ${name} ${inSchemaOnly}`);
    else if (got.join(',') !== want.join(',')) {
      out.push(`enum ${name} has (${got.join(', ')}) after the migrations but (${want.join(', ')}) in schema.prisma`);
    }
  }
  for (const name of migrations.enums.keys()) if (!schema.enums.has(name)) out.push(`enum ${name} ${inMigrationsOnly}`);

  return out;
}

/**
 * Differences between the columns that must carry a collation (`table.column` → collation) and
 * the collations the migrations gave, one readable line each. Empty when they agree.
 */
export function compareCollations(expected: Record<string, string>, migrations: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [column, want] of Object.entries(expected)) {
    const got = migrations.get(column);
    if (got !== want) {
      out.push(`column ${column} must be COLLATE "${want}" but the migrations give it ${got ? `"${got}"` : 'the default collation'}`);
    }
  }
  for (const [column, got] of migrations) {
    if (!(column in expected)) {
      out.push(`column ${column} is COLLATE "${got}" after the migrations but is not listed in COLLATED_COLUMNS`);
    }
  }
  return out;
}
