/*
 * Throughput of the synced write layer: products and document positions upserted in pages, as the
 * sync engine writes them, against COPY of the same rows into the same tables (the fastest load
 * PostgreSQL has) measured in the same run on the same server.
 *
 *   npx pnpm@12.21.0 exec tsx bench/synced-upsert/run.ts [--products 100000] [--documents 100000]
 *
 * BENCH_DATABASE_URL names a maintenance database on a server where the user may create databases;
 * without it the run starts an embedded PostgreSQL under .data/bench-postgres.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  createDatabase,
  migrate,
  startEmbeddedPostgres,
  type Database,
} from '../../packages/db/src/index.ts';
import {
  resolveReferences,
  type DocumentRow,
  type ProductRow,
  upsertCounterparties,
  upsertDocuments,
  upsertOrganizations,
  upsertPriceTypes,
  upsertProductFolders,
  upsertProducts,
  upsertStores,
  upsertUnits,
  type UpsertResult,
} from '../../packages/core/src/synced/index.ts';
import { copyRows, type CopyClient } from './copy.ts';
import * as data from './data.ts';

const { values: args } = parseArgs({
  options: {
    products: { type: 'string', default: '100000' },
    documents: { type: 'string', default: '100000' },
  },
});
const PRODUCTS = Number(args.products);
const DOCUMENTS = Number(args.documents);
const PRODUCT_PAGE = 1000;
// MoySklad returns documents with their positions 100 to a page: 1000 positions a page here.
const DOCUMENT_PAGE = 100;

type Measure = { label: string; rows: number; ms: number; lowerBoundMs?: number };
const results: Measure[] = [];

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

function expectCounts(
  result: UpsertResult,
  want: Partial<Record<'created' | 'updated' | 'unchanged', number>>,
) {
  for (const [key, n] of Object.entries(want)) {
    const got = result[key as keyof typeof want];
    if (got !== n) throw new Error(`expected ${n} ${key}, got ${got}`);
  }
}

/**
 * Runs `write` for every page and sums its time; with `copy`, also COPYs each page into the
 * other database right after, so that both see the same load from whatever else runs on the machine.
 */
async function measure<T>(
  count: number,
  size: number,
  page: (from: number, to: number) => T,
  write: (rows: T) => Promise<unknown>,
  copy?: (rows: T) => Promise<void>,
): Promise<{ ms: number; copyMs: number }> {
  let ms = 0;
  let copyMs = 0;
  for (let from = 0; from < count; from += size) {
    const rows = page(from, Math.min(count, from + size));
    ms += await timed(() => write(rows));
    if (copy) copyMs += await timed(() => copy(rows));
  }
  return { ms, copyMs };
}

/** Dictionaries and counterparties the products and documents point at: setup, not measured. */
async function seed(db: Database, integration: string) {
  const at = new Date('2026-03-01T09:00:00.000Z');
  await upsertUnits(db, integration, [{ externalId: data.UNIT, sourceUpdatedAt: at, name: 'шт' }]);
  await upsertStores(db, integration, [
    { externalId: data.STORE, sourceUpdatedAt: at, name: 'Основной склад' },
  ]);
  await upsertOrganizations(db, integration, [
    { externalId: data.ORGANIZATION, sourceUpdatedAt: at, name: 'ООО «Ромашка»' },
  ]);
  await upsertPriceTypes(
    db,
    integration,
    data.PRICE_TYPES.map((externalId, k) => ({ externalId, name: k ? 'Оптовая' : 'Цена продажи' })),
  );
  await upsertProductFolders(
    db,
    integration,
    range(0, data.FOLDERS).map((i) => ({
      externalId: data.folderId(i),
      sourceUpdatedAt: at,
      name: `Группа ${i}`,
    })),
  );
  await measure(
    data.COUNTERPARTIES,
    1000,
    (from, to) => range(from, to).map(data.counterparty),
    (rows) => upsertCounterparties(db, integration, rows),
  );
}

type Target = { db: Database; integration: string; drop(): Promise<void> };

async function freshDatabase(adminUrl: string, name: string): Promise<Target> {
  const admin = createDatabase(adminUrl, { kind: 'external', poolMax: 1 });
  await admin.pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.pool.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const db = createDatabase(url.toString(), {
    kind: 'external',
    poolMax: 2,
    applicationName: 'crm-bench',
  });
  const { id } = await db.prisma.integration.create({ data: { type: 'moysklad', name: 'bench' } });
  await seed(db, id);
  return {
    db,
    integration: id,
    async drop() {
      await db.close();
      await admin.pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.close();
    },
  };
}

function copyProducts(client: CopyClient, integration: string, page: ProductRow[]) {
  const rows = page.map((p) => ({ id: randomUUID(), p }));
  return copyRows(
    client,
    'products',
    [
      'id',
      'integration_id',
      'external_id',
      'source_updated_at',
      'attributes',
      'name',
      'code',
      'article',
      'barcodes',
      'vat',
      'vat_enabled',
      'buy_price',
      'folder_external_id',
      'unit_external_id',
    ],
    rows.map(({ id, p }) => [
      id,
      integration,
      p.externalId,
      p.sourceUpdatedAt,
      JSON.stringify(p.attributes),
      p.name,
      p.code,
      p.article,
      p.barcodes,
      p.vat,
      p.vatEnabled,
      p.buyPrice,
      p.folderExternalId,
      p.unitExternalId,
    ]),
  ).then(() =>
    copyRows(
      client,
      'sale_prices',
      ['integration_id', 'product_id', 'value', 'price_type_external_id'],
      rows.flatMap(({ id, p }) =>
        p.salePrices!.map((s) => [integration, id, s.value, s.priceTypeExternalId]),
      ),
    ),
  );
}

function copyDocuments(client: CopyClient, integration: string, page: DocumentRow[]) {
  const docs = page.map((d) => ({ id: randomUUID(), d }));
  return copyRows(
    client,
    'documents',
    [
      'id',
      'integration_id',
      'external_id',
      'source_updated_at',
      'type',
      'name',
      'moment',
      'applicable',
      'sum',
      'payed_sum',
      'organization_external_id',
      'agent_type',
      'agent_external_id',
      'store_external_id',
    ],
    docs.map(({ id, d }) => [
      id,
      integration,
      d.externalId,
      d.sourceUpdatedAt,
      d.type,
      d.name,
      d.moment,
      d.applicable,
      d.sum,
      d.payedSum,
      d.organizationExternalId,
      d.agentType,
      d.agentExternalId,
      d.storeExternalId,
    ]),
  ).then(() =>
    copyRows(
      client,
      'document_positions',
      [
        'integration_id',
        'document_id',
        'external_id',
        'line_number',
        'quantity',
        'price',
        'discount',
        'vat',
        'vat_enabled',
        'sum',
        'cost',
        'assortment_type',
        'assortment_external_id',
      ],
      docs.flatMap(({ id, d }) =>
        d.positions!.map((p, line) => [
          integration,
          id,
          p.externalId,
          line,
          p.quantity,
          p.price,
          p.discount,
          p.vat,
          p.vatEnabled,
          p.sum,
          p.cost,
          p.assortmentType,
          p.assortmentExternalId,
        ]),
      ),
    ),
  );
}

async function bench(target: Target, copies: Target) {
  const { db, integration } = target;
  const client = await copies.db.pool.connect();
  try {
    const products = (revision: (i: number) => number) => (from: number, to: number) =>
      range(from, to).map((i) => data.product(i, revision(i)));
    const created = await measure(
      PRODUCTS,
      PRODUCT_PAGE,
      products(() => 0),
      async (page) =>
        expectCounts(await upsertProducts(db, integration, page), { created: page.length }),
      (page) => copyProducts(client, copies.integration, page),
    );
    results.push({
      label: 'products (2 sale prices each): created',
      rows: PRODUCTS,
      ms: created.ms,
      lowerBoundMs: created.copyMs,
    });

    const unchanged = await measure(
      PRODUCTS,
      PRODUCT_PAGE,
      products(() => 0),
      async (page) =>
        expectCounts(await upsertProducts(db, integration, page), { unchanged: page.length }),
    );
    results.push({
      label: 'products: same pages again, unchanged',
      rows: PRODUCTS,
      ms: unchanged.ms,
      lowerBoundMs: created.copyMs,
    });

    const changed = await measure(
      PRODUCTS,
      PRODUCT_PAGE,
      products((i) => (i % 10 === 0 ? 1 : 0)),
      async (page) =>
        expectCounts(await upsertProducts(db, integration, page), {
          updated: page.filter((p) => p.name.endsWith('(новый)')).length,
        }),
    );
    results.push({
      label: 'products: every 10th changed',
      rows: PRODUCTS,
      ms: changed.ms,
      lowerBoundMs: created.copyMs,
    });

    const positions = DOCUMENTS * data.POSITIONS_PER_DOCUMENT;
    const documents = (from: number, to: number) =>
      range(from, to).map((i) => data.document(i, PRODUCTS));
    const loaded = await measure(
      DOCUMENTS,
      DOCUMENT_PAGE,
      documents,
      async (page) =>
        expectCounts(await upsertDocuments(db, integration, page), { created: page.length }),
      (page) => copyDocuments(client, copies.integration, page),
    );
    results.push({
      label: `positions created (in ${DOCUMENTS} documents)`,
      rows: positions,
      ms: loaded.ms,
      lowerBoundMs: loaded.copyMs,
    });

    const again = await measure(DOCUMENTS, DOCUMENT_PAGE, documents, async (page) =>
      expectCounts(await upsertDocuments(db, integration, page), { unchanged: page.length }),
    );
    results.push({
      label: 'positions: same pages again, unchanged',
      rows: positions,
      ms: again.ms,
      lowerBoundMs: loaded.copyMs,
    });

    let resolved = 0;
    const resolve = await timed(async () => (resolved = await resolveReferences(db, integration)));
    if (resolved !== 0)
      throw new Error(
        `expected every reference resolved at write time, the resolver filled ${resolved}`,
      );
    results.push({
      label: 'resolveReferences over everything (nothing left)',
      rows: 0,
      ms: resolve,
    });

    results.push({ label: 'products by COPY (lower bound)', rows: PRODUCTS, ms: created.copyMs });
    results.push({ label: 'positions by COPY (lower bound)', rows: positions, ms: loaded.copyMs });
  } finally {
    client.release();
  }
}

function report(server: string) {
  const n = (x: number) => Math.round(x).toLocaleString('en-US').replace(/,/g, ' ');
  console.log(
    `\nsynced upsert benchmark on ${server}; pages of ${PRODUCT_PAGE} products, ${DOCUMENT_PAGE} documents (${DOCUMENT_PAGE * data.POSITIONS_PER_DOCUMENT} positions)\n`,
  );
  console.log(
    `${'what'.padEnd(52)}${'rows'.padStart(11)}${'seconds'.padStart(10)}${'rows/s'.padStart(11)}${'× COPY'.padStart(9)}`,
  );
  for (const r of results) {
    const seconds = r.ms / 1000;
    console.log(
      `${r.label.padEnd(52)}${(r.rows ? n(r.rows) : '').padStart(11)}${seconds.toFixed(2).padStart(10)}${(r.rows ? n(r.rows / seconds) : '').padStart(11)}${(r.lowerBoundMs ? (r.ms / r.lowerBoundMs).toFixed(2) : '').padStart(9)}`,
    );
  }
}

const embedded = process.env.BENCH_DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ rootDir: '.data/bench-postgres', database: 'postgres', port: 0 });
const adminUrl = process.env.BENCH_DATABASE_URL ?? embedded!.adminUrl;
const opened: Target[] = [];
try {
  opened.push(await freshDatabase(adminUrl, 'crm_bench_upsert'));
  opened.push(await freshDatabase(adminUrl, 'crm_bench_copy'));
  const [target, copies] = opened as [Target, Target];
  const { v: version } = (
    await target.db.pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)
  ).rows[0]!;
  await bench(target, copies);
  report(`PostgreSQL ${version}${embedded ? ' (embedded)' : ''}`);
} finally {
  // Every database is closed before the server stops, also on failure: a smart shutdown waits
  // for every client.
  for (const t of opened) await t.drop();
  await embedded?.stop();
}
