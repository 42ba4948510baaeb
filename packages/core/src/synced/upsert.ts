import { createHash } from 'node:crypto';
import type { Database } from '@crm/db';
import type { ChildList, InputRow, TableSpec } from './spec/tables';
import { ident, input, planColumns, type Input, type Param, type Plan, type Row } from './sql/plan';
import { resolveSites, siteParams, type ResolveSite } from './sql/resolve';
import { insertSql, onConflictSql } from './sql/statement';
import { inTransaction, type Queryable } from './sql/transaction';

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export type UpsertResult = {
  created: number;
  updated: number;
  /** Rows already stored as sent, or stored in a newer version than sent. */
  unchanged: number;
  /** One entry per distinct source id of the page. */
  rows: { externalId: string; outcome: UpsertOutcome }[];
};

type CompiledChild = { name: string; list: ChildList; inputs: Input[]; sql: string };
type Compiled = {
  sql: string;
  inputs: Input[];
  children: CompiledChild[];
  selfReferences: ResolveSite[];
};

/** Child rows are inserted this many at a time, so a page with huge documents stays a bounded statement. */
const CHILD_CHUNK = 10_000;

const compiled = new WeakMap<TableSpec, Compiled>();

function compileChild(name: string, list: ChildList): CompiledChild {
  const { spec } = list;
  const own = planColumns(spec.table, spec.columns, spec.refs);
  const plan: Plan = {
    inputs: [
      { name: spec.parentColumn, arrayType: 'uuid[]' },
      ...(spec.numbered ? [{ name: 'line_number', arrayType: 'integer[]' }] : []),
      ...own.inputs,
    ],
    targets: [
      { column: spec.parentColumn, expr: `u.${ident(spec.parentColumn)}` },
      ...(spec.numbered ? [{ column: 'line_number', expr: 'u."line_number"' }] : []),
      ...own.targets,
    ],
  };
  return { name, list, inputs: own.inputs, sql: insertSql(spec.table, plan) };
}

function compile(spec: TableSpec): Compiled {
  const where = (column: string) => `${spec.table}.${column}`;
  const own = planColumns(spec.table, spec.columns, spec.refs);
  const children = Object.entries(spec.children).map(([name, list]) => compileChild(name, list));
  const inputs: Input[] = [
    input(
      'external_id',
      { type: 'text', optional: false },
      (row) => row.externalId,
      where('external_id'),
    ),
    input(
      'source_updated_at',
      { type: 'timestamptz', optional: !spec.versioned },
      (row) => row.sourceUpdatedAt,
      where('source_updated_at'),
    ),
    input(
      'attributes',
      { type: 'jsonb', optional: true },
      (row) => row.attributes,
      where('attributes'),
    ),
    ...own.inputs,
  ];
  // The digests are computed from the encoded child rows, after the inputs above.
  const digests: Param[] = children.map((c) => ({ name: c.list.digest, arrayType: 'text[]' }));
  const plan: Plan = {
    inputs: [...inputs, ...digests],
    targets: [
      { column: 'external_id', expr: 'u."external_id"' },
      { column: 'source_updated_at', expr: 'u."source_updated_at"' },
      { column: 'attributes', expr: `COALESCE(u."attributes", '[]')` },
      ...own.targets,
      ...digests.map((d) => ({ column: d.name, expr: `u.${ident(d.name)}`, keep: true })),
    ],
  };
  const sql = [
    insertSql(spec.table, plan),
    onConflictSql({
      key: ['integration_id', 'external_id'],
      update: plan.targets.filter((t) => t.column !== 'external_id'),
      assign: ['"synced_at" = now()', '"deleted_at" = NULL'],
      // NULL on either side (a source without change times) lets the latest write win.
      guard: '(excluded."source_updated_at" >= t."source_updated_at") IS NOT FALSE',
      // A soft-deleted row that comes back is a change even when its data is the same.
      changedToo: 't."deleted_at" IS NOT NULL',
    }),
    'RETURNING t."id", t."external_id", (t.xmax = 0) AS inserted',
  ].join('\n');
  // A row may point at another of the same page (a folder's parent, a return's demand), which the
  // statement's own lookups cannot see yet.
  const selfReferences = resolveSites(spec.table, spec.refs).filter(
    (site) => site.target === spec.table,
  );
  return { sql, inputs, children, selfReferences };
}

function compiledFor(spec: TableSpec): Compiled {
  let c = compiled.get(spec);
  if (!c) compiled.set(spec, (c = compile(spec)));
  return c;
}

/** A page may carry one source id twice (offset paging while rows change): keep the newest. */
function distinct(rows: readonly Row[]): Row[] {
  const byId = new Map<string, Row>();
  const time = (row: Row | undefined) =>
    row?.sourceUpdatedAt instanceof Date ? row.sourceUpdatedAt.getTime() : -Infinity;
  for (const row of rows) {
    const id = row.externalId as string;
    if (time(row) >= time(byId.get(id))) byId.set(id, row);
  }
  // The same order in every writer, so two transactions upserting overlapping pages lock rows in
  // the same order and cannot deadlock.
  return [...byId.values()].sort((a, b) =>
    (a.externalId as string) < (b.externalId as string) ? -1 : 1,
  );
}

type EncodedList = { rows: unknown[][]; digest: string };

function encodeList(child: CompiledChild, list: unknown): EncodedList {
  if (!Array.isArray(list))
    throw new TypeError(`${child.list.spec.table}: the ${child.name} of a row must be an array`);
  const rows = list.map((row: Row) => child.inputs.map((i) => i.read(row)));
  return { rows, digest: createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
}

const columnsOf = (inputs: Input[], rows: Row[]) =>
  inputs.map((i) => rows.map((row) => i.read(row)));

type Applied = { id: string; external_id: string; inserted: boolean };

async function replaceChildren(
  client: Queryable,
  integrationId: string,
  child: CompiledChild,
  parents: { id: string; inserted: boolean; list: EncodedList }[],
): Promise<void> {
  const { spec } = child.list;
  const replaced = parents.filter((p) => !p.inserted).map((p) => p.id);
  if (replaced.length) {
    await client.query(
      `DELETE FROM ${ident(spec.table)} WHERE ${ident(spec.parentColumn)} = ANY($1::uuid[])`,
      [replaced],
    );
  }
  const width = child.inputs.length;
  let columns: unknown[][] = [];
  let count = 0;
  const flush = async () => {
    if (count === 0) return;
    await client.query(child.sql, [integrationId, ...columns]);
    columns = [];
    count = 0;
  };
  for (const parent of parents) {
    for (const [line, values] of parent.list.rows.entries()) {
      if (count === 0) columns = Array.from({ length: width + (spec.numbered ? 2 : 1) }, () => []);
      let k = 0;
      columns[k++]!.push(parent.id);
      if (spec.numbered) columns[k++]!.push(line);
      for (const value of values) columns[k++]!.push(value);
      if (++count === CHILD_CHUNK) await flush();
    }
  }
  await flush();
}

/**
 * Writes a page of rows of one synced table in one statement and reports, per row, whether it was
 * created, updated or left unchanged. An older version never overwrites a newer one; a row equal
 * to the stored one is not written at all. Child lists (positions, prices, ...) of the rows that
 * were written are replaced in the same transaction; a row without a list keeps its stored one.
 */
export async function upsertSynced<S extends TableSpec>(
  db: Pick<Database, 'pool'>,
  spec: S,
  integrationId: string,
  page: readonly InputRow<S>[],
): Promise<UpsertResult> {
  const { sql, inputs, children, selfReferences } = compiledFor(spec);
  const rows = distinct(page as readonly Row[]);
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0, rows: [] };

  // Encode (and so validate) everything before the first write.
  const lists = children.map((child) =>
    rows.map((row) =>
      row[child.name] === undefined ? undefined : encodeList(child, row[child.name]),
    ),
  );
  const params = [
    integrationId,
    ...columnsOf(inputs, rows),
    ...lists.map((l) => l.map((e) => e?.digest ?? null)),
  ];

  const write = async (client: Queryable) => {
    const { rows: applied } = await client.query<Applied>(sql, params);
    const index = new Map(rows.map((row, i) => [row.externalId as string, i]));
    for (const [c, child] of children.entries()) {
      const parents = applied.flatMap((a) => {
        const list = lists[c]![index.get(a.external_id)!];
        return list ? [{ id: a.id, inserted: a.inserted, list }] : [];
      });
      if (parents.length) await replaceChildren(client, integrationId, child, parents);
    }
    if (applied.length)
      for (const site of selfReferences)
        await client.query(site.sql, siteParams(site, integrationId));
    return applied;
  };
  const severalStatements = lists.some((l) => l.some(Boolean)) || selfReferences.length > 0;
  const applied = severalStatements ? await inTransaction(db, write) : await write(db.pool);

  const outcome = new Map(
    applied.map((a) => [a.external_id, a.inserted ? ('created' as const) : ('updated' as const)]),
  );
  const result: UpsertResult = { created: 0, updated: 0, unchanged: 0, rows: [] };
  for (const row of rows) {
    const o = outcome.get(row.externalId as string) ?? 'unchanged';
    result[o]++;
    result.rows.push({ externalId: row.externalId as string, outcome: o });
  }
  return result;
}

/** The typed upsert of one table: `upsertProducts = upserter(products)`. */
export function upserter<S extends TableSpec>(spec: S) {
  return (db: Pick<Database, 'pool'>, integrationId: string, rows: readonly InputRow<S>[]) =>
    upsertSynced(db, spec, integrationId, rows);
}
