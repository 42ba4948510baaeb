import { describe, expect, it } from 'vitest';
import { crmSnapshot, differences, sourceSnapshot, useMoysklad } from './harness';

describe('MoySklad full sync', () => {
  const moysklad = useMoysklad();

  it('brings every entity of the account, with positions and stock, in one run', async () => {
    const { sync, truth, deps, integrationId } = moysklad();
    const job = await sync('full');
    expect(job.status).toBe('succeeded');
    expect(job.errors).toEqual([]);
    const source = await sourceSnapshot(truth);
    expect(Object.values(source.demand!).length).toBeGreaterThan(0);
    expect(differences(source, await crmSnapshot(deps.db, integrationId))).toEqual({});
  });

  it('changes nothing when run again over the same data', async () => {
    const { sync, deps, integrationId } = moysklad();
    const tables = ['products', 'counterparties', 'documents', 'document_positions', 'stock'];
    const fingerprint = async () =>
      Promise.all(
        tables.map(
          async (table) =>
            (
              await deps.db.pool.query(
                `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum
                   FROM (SELECT * FROM ${table} WHERE integration_id = $1) AS t`,
                [integrationId],
              )
            ).rows[0],
        ),
      );
    const before = await fingerprint();
    const job = await sync('full');
    expect(job.status).toBe('succeeded');
    const progress = job.progress as { entity: string; created?: number; updated?: number }[];
    for (const entity of progress)
      expect(entity, entity.entity).toMatchObject({ created: 0, updated: 0 });
    expect(await fingerprint()).toEqual(before);
  });
});
