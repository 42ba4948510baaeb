import type { Database } from '@crm/db';
import { money, quantity, type Decimal } from './spec/columns';
import { polyRef, ref } from './spec/references';
import type { RowOf } from './spec/tables';
import { planColumns, snake, type Input, type Target } from './sql/plan';
import { insertSql, onConflictSql } from './sql/statement';
import { closePass } from './full-pass';
import { inTransaction, withoutNestedLoops, type Queryable } from './sql/transaction';

/** Stock is not a source entity: a row per (assortment, store), keyed by the pair. */
export const stockSpec = {
  table: 'stock',
  columns: {
    quantity: quantity.or('0'),
    reserve: quantity.or('0'),
    inTransit: quantity.or('0'),
    cost: money.nullable(),
  },
  refs: {
    assortment: polyRef(
      {
        product: { table: 'products', column: 'product_id' },
        variant: { table: 'variants', column: 'variant_id' },
      },
      { unresolvable: ['consignment'], required: true },
    ),
    store: ref('stores', { required: true }),
  },
} as const;

export type StockRow = RowOf<typeof stockSpec.columns, typeof stockSpec.refs>;
export type StockField = keyof typeof stockSpec.columns;

const ALL_FIELDS = Object.keys(stockSpec.columns) as StockField[];
const KEY = ['assortment_external_id', 'store_external_id'];

/** How a full pass names the pairs it saw in sync_seen_ids. */
const seenKey = (assortment: string, store: string) => `${assortment} || '|' || ${store}`;

type Compiled = { sql: string; inputs: Input[] };
const compiled = new Map<string, Compiled>();

function compile(fields: readonly StockField[]): Compiled {
  const cacheKey = [...fields].sort().join(',');
  const cached = compiled.get(cacheKey);
  if (cached) return cached;
  const plan = planColumns(stockSpec.table, stockSpec.columns, stockSpec.refs);
  const written = new Set(fields.map(snake));
  const valueColumns = new Set(ALL_FIELDS.map(snake));
  // A page from a change feed carries one kind of value: only its columns (and the references)
  // change on conflict, the others keep what the last full pass wrote.
  const update: Target[] = plan.targets.filter(
    (t) => !KEY.includes(t.column) && (!valueColumns.has(t.column) || written.has(t.column)),
  );
  const sql = [
    insertSql(stockSpec.table, plan),
    onConflictSql({ key: ['integration_id', ...KEY], update, assign: ['"updated_at" = now()'] }),
    'RETURNING (t.xmax = 0) AS inserted',
  ].join('\n');
  const result = { sql, inputs: plan.inputs };
  compiled.set(cacheKey, result);
  return result;
}

export type StockUpsertResult = { created: number; updated: number; unchanged: number };

/**
 * Writes stock rows for (assortment, store) pairs. `fields` names the values the page carries
 * (default: all four); a change feed that reports one kind of value per request passes just that
 * one, and the other values of existing rows stay as they are. With `fullPass`, the pairs are also
 * recorded as seen by the running full pass (`beginFullPass(db, id, 'stock')`, `finishStockPass`).
 */
export async function upsertStock(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  page: readonly StockRow[],
  options: { fields?: readonly StockField[]; fullPass?: boolean } = {},
): Promise<StockUpsertResult> {
  const fields = options.fields ?? ALL_FIELDS;
  const byKey = new Map(
    page.map((row) => [`${row.assortmentExternalId}\u0000${row.storeExternalId}`, row]),
  );
  const rows = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  for (const row of rows) {
    const missing = fields.find((f) => row[f] === undefined);
    if (missing)
      throw new TypeError(
        `stock row ${row.assortmentExternalId}/${row.storeExternalId} lacks ${missing}`,
      );
  }
  const { sql, inputs } = compile(fields);
  const params = [integrationId, ...inputs.map((i) => rows.map((row) => i.read(row)))];

  const write = async (client: Queryable) => {
    const { rows: applied } = await client.query<{ inserted: boolean }>(sql, params);
    if (options.fullPass) {
      await client.query(
        `INSERT INTO "sync_seen_ids" ("integration_id", "entity", "external_id")
         SELECT $1, 'stock', ${seenKey('a', 's')} FROM unnest($2::text[], $3::text[]) AS u(a, s)
         ON CONFLICT DO NOTHING`,
        [
          integrationId,
          rows.map((r) => r.assortmentExternalId),
          rows.map((r) => r.storeExternalId),
        ],
      );
    }
    return applied;
  };
  const applied = options.fullPass ? await inTransaction(db, write) : await write(db.pool);
  const created = applied.filter((a) => a.inserted).length;
  return { created, updated: applied.length - created, unchanged: rows.length - applied.length };
}

/**
 * Ends the running full stock pass (see `beginFullPass`): deletes the pairs it did not report (the
 * source lists only pairs with stock) unless a change feed wrote them after the pass started, and
 * records the pass as completed. Returns how many rows were deleted.
 */
export async function finishStockPass(
  db: Pick<Database, 'pool'>,
  integrationId: string,
): Promise<number> {
  return withoutNestedLoops(db, async (client) => {
    const { rows } = await client.query<{ started: Date | null }>(
      `SELECT "full_pass_started_at" AS started FROM "sync_state"
        WHERE "integration_id" = $1 AND "entity" = 'stock' FOR UPDATE`,
      [integrationId],
    );
    const started = rows[0]?.started;
    if (!started) throw new Error(`no full stock pass is running for integration ${integrationId}`);
    const { rowCount } = await client.query(
      `DELETE FROM "stock" AS t
        WHERE t."integration_id" = $1 AND t."updated_at" < $2
          AND NOT EXISTS (SELECT 1 FROM "sync_seen_ids" s
                           WHERE s."integration_id" = $1 AND s."entity" = 'stock'
                             AND s."external_id" = ${seenKey('t."assortment_external_id"', 't."store_external_id"')})`,
      [integrationId, started],
    );
    await closePass(client, integrationId, 'stock');
    return rowCount ?? 0;
  });
}

/**
 * Sets the unit cost of an item in every store that holds it (MoySklad reports cost per item, not
 * per store), during a full stock pass after its quantities. Returns how many rows changed.
 */
export async function setStockCost(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  costs: readonly { assortmentExternalId: string; cost: Decimal | null }[],
): Promise<number> {
  if (costs.length === 0) return 0;
  const { rowCount } = await db.pool.query(
    `UPDATE "stock" AS t SET "cost" = u.c, "updated_at" = now()
       FROM unnest($2::text[], $3::numeric[]) AS u(a, c)
      WHERE t."integration_id" = $1 AND t."assortment_external_id" = u.a AND t."cost" IS DISTINCT FROM u.c::numeric(20, 4)`,
    [
      integrationId,
      costs.map((c) => c.assortmentExternalId),
      costs.map((c) => (c.cost === null ? null : String(c.cost))),
    ],
  );
  return rowCount ?? 0;
}

/**
 * Whether each source id is a stored variant or product, and whether it is out of use (archived
 * or deleted: MoySklad's stock reports leave those out): change feeds name items by id alone.
 * Ids of neither are left out.
 */
export async function stockItemTypes(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  externalIds: readonly string[],
): Promise<Map<string, { type: 'product' | 'variant'; retired: boolean }>> {
  const { rows } = await db.pool.query<{
    external_id: string;
    type: 'product' | 'variant';
    retired: boolean;
  }>(
    `SELECT "external_id", 'variant' AS type, ("archived" OR "deleted_at" IS NOT NULL) AS retired
       FROM "variants" WHERE "integration_id" = $1 AND "external_id" = ANY($2::text[])
     UNION ALL
     SELECT "external_id", 'product' AS type, ("archived" OR "deleted_at" IS NOT NULL) AS retired
       FROM "products" WHERE "integration_id" = $1 AND "external_id" = ANY($2::text[])`,
    [integrationId, [...new Set(externalIds)]],
  );
  return new Map(rows.map((r) => [r.external_id, { type: r.type, retired: r.retired }]));
}

/**
 * Sets one kind of value to zero wherever a complete report of it (e.g. every reserve there is)
 * did not mention the pair. Returns how many rows changed.
 */
export async function zeroStockExcept(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  field: Exclude<StockField, 'cost'>,
  reported: readonly { assortmentExternalId: string; storeExternalId: string }[],
): Promise<number> {
  const column = snake(field);
  const { rowCount } = await db.pool.query(
    `UPDATE "stock" AS t SET "${column}" = 0, "updated_at" = now()
      WHERE t."integration_id" = $1 AND t."${column}" <> 0
        AND NOT EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[]) AS u(a, s)
                         WHERE u.a = t."assortment_external_id" AND u.s = t."store_external_id")`,
    [
      integrationId,
      reported.map((r) => r.assortmentExternalId),
      reported.map((r) => r.storeExternalId),
    ],
  );
  return rowCount ?? 0;
}

/**
 * Goods in use (products and variants, not archived or deleted) written since `since`: restoring
 * one from the archive brings its stock back into the reports without any stock movement, so
 * their stock is read again.
 */
export async function stockItemsChangedSince(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  since: Date,
): Promise<string[]> {
  const { rows } = await db.pool.query<{ external_id: string }>(
    `SELECT "external_id" FROM "products"
      WHERE "integration_id" = $1 AND "synced_at" >= $2 AND NOT "archived" AND "deleted_at" IS NULL
     UNION ALL
     SELECT "external_id" FROM "variants"
      WHERE "integration_id" = $1 AND "synced_at" >= $2 AND NOT "archived" AND "deleted_at" IS NULL`,
    [integrationId, since],
  );
  return rows.map((r) => r.external_id);
}
