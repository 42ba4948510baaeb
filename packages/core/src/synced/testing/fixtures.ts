import type { Database } from '@crm/db';
import type { ProductRow } from '../catalog';
import type { DocumentPositionRow, DocumentRow } from '../documents';

let counter = 0;

/** A fresh integration: every test writes into its own, so tests in one file do not meet. */
export async function createIntegration(
  db: Pick<Database, 'prisma'>,
  name = 'МойСклад',
): Promise<string> {
  const integration = await db.prisma.integration.create({
    data: { type: 'moysklad', name: `${name} ${++counter}` },
  });
  return integration.id;
}

export const at = (iso: string) => new Date(iso);

export function product(externalId: string, fields: Partial<ProductRow> = {}): ProductRow {
  return {
    externalId,
    sourceUpdatedAt: at('2026-03-01T09:00:00.000Z'),
    name: `Товар ${externalId}`,
    ...fields,
  };
}

export function position(
  externalId: string,
  assortmentExternalId: string,
  fields: Partial<DocumentPositionRow> = {},
): DocumentPositionRow {
  return {
    externalId,
    quantity: '2',
    price: '12500',
    sum: '25000',
    assortmentType: 'product',
    assortmentExternalId,
    ...fields,
  };
}

export function document(externalId: string, fields: Partial<DocumentRow> = {}): DocumentRow {
  return {
    externalId,
    sourceUpdatedAt: at('2026-03-01T09:00:00.000Z'),
    type: 'demand',
    name: externalId,
    moment: at('2026-03-01T08:00:00.000Z'),
    applicable: true,
    sum: '25000',
    ...fields,
  };
}

/** Rows of a table of one integration, as node-pg returns them (NUMERIC as strings). */
export async function rowsOf<T = Record<string, unknown>>(
  db: Pick<Database, 'pool'>,
  table: string,
  integrationId: string,
  orderBy = 'external_id',
): Promise<T[]> {
  const { rows } = await db.pool.query(
    `SELECT * FROM "${table}" WHERE "integration_id" = $1 ORDER BY ${orderBy}`,
    [integrationId],
  );
  return rows as T[];
}
