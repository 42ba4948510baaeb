import type { Database } from '@crm/db';
import { filter, idFromHref, type MoySkladClient } from '@crm/moysklad';
import { ENTITIES } from '../plugins/moysklad/entities';

/*
 * For tests that check the CRM against a MoySklad emulator: a fingerprint of every row a user
 * would notice being wrong, taken from both sides and compared.
 */

/** Quantities as the CRM keeps them: three decimals. */
const qty = (value: number) => Math.round(value * 1000) / 1000;

type Snapshot = Record<string, Record<string, string>>;

/** A fingerprint of one row: what a user would notice if it were wrong. */
function fingerprint(row: Record<string, unknown>): string {
  return JSON.stringify(row);
}

/** What MoySklad holds, entity by entity: id → fingerprint (change time, sums, flags, positions). */
export async function sourceSnapshot(client: MoySkladClient): Promise<Snapshot> {
  const snapshot: Snapshot = {};
  for (const entity of ENTITIES) {
    if (entity.source !== 'listed') continue;
    const rows: Record<string, string> = {};
    const scope = entity.document
      ? filter().isDeleted('any')
      : entity.archivable
        ? filter().archived('any')
        : filter();
    const pages = entity.document
      ? client.documentPages(entity.endpoint as 'demand', { filter: scope })
      : client.pages(entity.endpoint, { filter: scope });
    for await (const page of pages) {
      for (const raw of page.rows) {
        const row = raw as Record<string, unknown> & { id: string; updated: Date };
        const doc = raw as {
          sum?: number;
          applicable?: boolean;
          deleted?: Date | null;
          positions?: { rows?: { quantity: number }[] };
        };
        rows[row.id] = fingerprint({
          updated: row.updated.toISOString(),
          archived: Boolean((row as { archived?: boolean }).archived),
          ...(entity.document && {
            sum: doc.sum,
            applicable: doc.applicable,
            trashed: Boolean(doc.deleted),
            positions: qty((doc.positions?.rows ?? []).reduce((n, p) => n + p.quantity, 0)),
          }),
        });
      }
    }
    snapshot[entity.name] = rows;
  }
  const stock: Record<string, string> = {};
  for await (const page of client.pages('stockByStore', {
    filter: filter().eq('stockMode', 'all'),
  })) {
    for (const item of page.rows) {
      for (const s of item.stockByStore) {
        if (!s.stock && !s.reserve && !s.inTransit) continue;
        stock[`${idFromHref(item.meta.href)}|${idFromHref(s.meta.href)}`] = fingerprint({
          quantity: qty(s.stock),
          reserve: qty(s.reserve),
          inTransit: qty(s.inTransit),
        });
      }
    }
  }
  snapshot.stock = stock;
  return snapshot;
}

/** The same fingerprints from what the CRM stored for the integration (deleted rows left out). */
export async function crmSnapshot(
  db: Pick<Database, 'pool'>,
  integrationId: string,
): Promise<Snapshot> {
  const snapshot: Snapshot = {};
  for (const entity of ENTITIES) {
    if (entity.source !== 'listed') continue;
    const table = entity.document ? 'documents' : tableOf(entity.name);
    const where = entity.document ? `AND t.type = '${entity.document}'` : '';
    const { rows } = await db.pool.query(
      `SELECT t.* ${entity.document ? ', (SELECT COALESCE(sum(p.quantity), 0) FROM document_positions p WHERE p.document_id = t.id) AS position_quantity' : ''}
         FROM "${table}" t WHERE t.integration_id = $1 AND t.deleted_at IS NULL ${where}`,
      [integrationId],
    );
    snapshot[entity.name] = Object.fromEntries(
      rows.map((r) => [
        r.external_id,
        fingerprint({
          updated: (r.source_updated_at as Date).toISOString(),
          archived: Boolean(r.archived),
          ...(entity.document && {
            sum: Number(r.sum),
            applicable: r.applicable,
            trashed: r.trashed_at !== null,
            positions: Number(r.position_quantity),
          }),
        }),
      ]),
    );
  }
  const { rows } = await db.pool.query(
    `SELECT assortment_external_id, store_external_id, quantity, reserve, in_transit FROM stock
      WHERE integration_id = $1 AND (quantity <> 0 OR reserve <> 0 OR in_transit <> 0)`,
    [integrationId],
  );
  snapshot.stock = Object.fromEntries(
    rows.map((r) => [
      `${r.assortment_external_id}|${r.store_external_id}`,
      fingerprint({
        quantity: Number(r.quantity),
        reserve: Number(r.reserve),
        inTransit: Number(r.in_transit),
      }),
    ]),
  );
  return snapshot;
}

const TABLES: Record<string, string> = {
  organization: 'organizations',
  employee: 'employees',
  unit: 'units',
  store: 'stores',
  product_folder: 'product_folders',
  sales_channel: 'sales_channels',
  project: 'projects',
  counterparty: 'counterparties',
  product: 'products',
  variant: 'variants',
  service: 'services',
  bundle: 'bundles',
};
const tableOf = (entity: string) => TABLES[entity]!;

/** Entities whose rows differ between MoySklad and the CRM, with a few examples each. */
export function differences(source: Snapshot, crm: Snapshot): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const entity of Object.keys(source)) {
    const a = source[entity]!;
    const b = crm[entity] ?? {};
    const diffs: string[] = [];
    for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (a[id] !== b[id])
        diffs.push(`${id}: moysklad ${a[id] ?? 'none'} / crm ${b[id] ?? 'none'}`);
    }
    if (diffs.length)
      result[entity] = diffs
        .slice(0, 3)
        .concat(diffs.length > 3 ? [`… ${diffs.length} in all`] : []);
  }
  return result;
}
