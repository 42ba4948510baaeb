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
});
