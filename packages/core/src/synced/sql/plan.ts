import type { Column } from '../spec/columns';
import type { PolyRef, Ref } from '../spec/references';
import type { Columns, Refs } from '../spec/tables';
import { ARRAY_TYPE, encodeValue, SyncedValueError } from './encode';

export type Row = Record<string, unknown>;

/** One unnest parameter: a column of the page. */
export type Param = { name: string; arrayType: string };

/** A parameter read from each row. */
export type Input = Param & { read: (row: Row) => unknown };

/**
 * One inserted column and the SELECT expression that yields it from the unnested page `u`. A
 * `keep` column left NULL by a row keeps its stored value on update.
 */
export type Target = { column: string; expr: string; keep?: boolean };

/** How a page of rows becomes one INSERT ... SELECT FROM unnest(...). */
export type Plan<P extends Param = Param> = { inputs: P[]; targets: Target[] };

export const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Identifiers come from the table specs, never from data; this keeps it that way. */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

function literal(value: string): string {
  if (!/^[a-z_]+$/.test(value)) throw new Error(`not a plain SQL literal: ${value}`);
  return `'${value}'`;
}

export function input(
  name: string,
  column: Pick<Column, 'type' | 'optional'>,
  read: (row: Row) => unknown,
  where: string,
): Input {
  return {
    name,
    arrayType: ARRAY_TYPE[column.type],
    read: (row) => {
      const value = read(row);
      if (!column.optional && (value === undefined || value === null))
        throw new SyncedValueError(where, 'present', value);
      return encodeValue(column.type, value, where);
    },
  };
}

function selectExpression(column: Column, source: string): string {
  if (column.type === 'text[]') return `ARRAY(SELECT jsonb_array_elements_text(${source}))`;
  if (column.fallback !== undefined) return `COALESCE(${source}, ${column.fallback})`;
  return source;
}

/** The plan for a spec's columns and references (without the columns every synced table has). */
export function planColumns(table: string, columns: Columns, refs: Refs): Plan<Input> {
  const plan: Plan<Input> = { inputs: [], targets: [] };
  for (const [field, column] of Object.entries(columns)) {
    const name = snake(field);
    plan.inputs.push(input(name, column, (row) => row[field], `${table}.${name}`));
    plan.targets.push({ column: name, expr: selectExpression(column, `u.${ident(name)}`) });
  }
  for (const [name, reference] of Object.entries(refs)) addReference(plan, table, name, reference);
  return plan;
}

/** The key columns a reference fills, each with the table it points at (and the type it needs). */
export type Resolution = { column: string; table: string; type?: string };

export function referenceColumns(
  name: string,
  reference: Ref | PolyRef,
): {
  externalId: string;
  type?: string;
  resolutions: Resolution[];
} {
  const base = snake(name);
  if (reference.kind === 'ref') {
    return {
      externalId: `${base}_external_id`,
      resolutions: [{ column: `${base}_id`, table: reference.target }],
    };
  }
  return {
    externalId: `${base}_external_id`,
    type: `${base}_type`,
    resolutions: Object.entries(reference.targets).map(([type, t]) => ({
      column: t.column,
      table: t.table,
      type,
    })),
  };
}

/**
 * A reference travels as its external id (and type) and is resolved in the same statement, one
 * unique-index lookup per row: a target that is not there yet leaves the key NULL for the
 * resolver, it never fails the page. (A join would let the planner hash the whole target table of
 * the integration for every page, which grows with the catalogue.)
 */
function addReference(
  plan: Plan<Input>,
  table: string,
  name: string,
  reference: Ref | PolyRef,
): void {
  const { externalId, type, resolutions } = referenceColumns(name, reference);
  const text = { type: 'text', optional: !reference.required } as const;
  plan.inputs.push(
    input(externalId, text, (row) => row[`${name}ExternalId`], `${table}.${externalId}`),
  );
  plan.targets.push({ column: externalId, expr: `u.${ident(externalId)}` });
  if (type) {
    plan.inputs.push(input(type, text, (row) => row[`${name}Type`], `${table}.${type}`));
    plan.targets.push({ column: type, expr: `u.${ident(type)}` });
  }
  for (const resolution of resolutions) {
    const ofType = resolution.type ? `u.${ident(type!)} = ${literal(resolution.type)} AND ` : '';
    plan.targets.push({
      column: resolution.column,
      expr: `(SELECT r."id" FROM ${ident(resolution.table)} AS r WHERE ${ofType}r."integration_id" = $1 AND r."external_id" = u.${ident(externalId)})`,
    });
  }
}
