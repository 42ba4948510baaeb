import { useTestDatabase } from '@crm/db/testing';
import { describe, expect, it } from 'vitest';
import { upsertProducts } from './catalog';
import { upsertCounterparties } from './counterparties';
import { createIntegration, product } from './testing/fixtures';

describe('Russian names', () => {
  const db = useTestDatabase();

  it('sort in dictionary order with a plain ORDER BY name: Ё as Е, case only breaking ties', async () => {
    const integration = await createIntegration(db());
    const names = ['Яблоко', 'ёж', 'Ель', 'жук', 'Ёлка', 'абрикос', 'еж', 'Абажур'];
    await upsertProducts(
      db(),
      integration,
      names.map((name, i) => product(`p${i}`, { name })),
    );
    await upsertCounterparties(
      db(),
      integration,
      names.map((name, i) => ({ externalId: `c${i}`, sourceUpdatedAt: new Date(), name })),
    );

    // Byte order would give ['Ёлка', 'Абажур', 'Ель', 'Яблоко', 'абрикос', 'еж', 'жук', 'ёж'].
    const expected = ['Абажур', 'абрикос', 'еж', 'ёж', 'Ёлка', 'Ель', 'жук', 'Яблоко'];
    for (const table of ['products', 'counterparties']) {
      const { rows } = await db().pool.query(
        `SELECT name FROM ${table} WHERE integration_id = $1 ORDER BY name`,
        [integration],
      );
      expect(rows.map((r) => r.name)).toEqual(expected);
    }
  });

  it('are found by a fragment in any case, through the trigram index', async () => {
    const integration = await createIntegration(db());
    const filler = Array.from({ length: 3000 }, (_, i) =>
      product(`f${i}`, { name: `Товар номер ${i}` }),
    );
    await upsertProducts(db(), integration, [
      ...filler,
      product('p1', { name: 'МОЛОКО топлёное 4%' }),
      product('p2', { name: 'Кефир' }),
    ]);
    // VACUUM moves the fresh index entries out of the GIN pending list, as autovacuum would.
    await db().pool.query('VACUUM ANALYZE products');

    const search = `SELECT name FROM products WHERE name ILIKE $1`;
    expect((await db().pool.query(search, ['%молоко топлёное%'])).rows).toEqual([
      { name: 'МОЛОКО топлёное 4%' },
    ]);
    const client = await db().pool.connect();
    try {
      // A few thousand rows still fit a sequential scan best; forbid it to see which index serves.
      await client.query('SET enable_seqscan = off');
      const plan = await client.query(`EXPLAIN ${search}`, ['%молоко%']);
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain(
        'Bitmap Index Scan on products_name_trgm_idx',
      );
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
  });
});
