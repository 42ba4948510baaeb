import { useTestDatabase } from '@crm/db/testing';
import { describe, expect, it } from 'vitest';
import { getSyncState, listSyncStates, saveSyncState } from './sync-state';
import { createIntegration } from './testing/fixtures';

describe('sync state', () => {
  const db = useTestDatabase();

  it('keeps watermark, audit cursor, stock changedSince and checkpoint per entity of an integration', async () => {
    const a = await createIntegration(db(), 'A');
    const b = await createIntegration(db(), 'B');
    expect(await getSyncState(db(), a, 'demand')).toBeNull();

    await saveSyncState(db(), a, 'demand', {
      watermark: new Date('2026-03-01T09:00:00.123Z'),
      auditCursorMoment: new Date('2026-03-01T09:05:00.000Z'),
      auditCursorId: 'audit-7',
      checkpoint: { offset: 3000, filter: 'updated>=2026-03-01 12:00:00' },
    });
    await saveSyncState(db(), a, 'stock', {
      stockChangedSince: new Date('2026-03-01T08:55:00.000Z'),
    });
    await saveSyncState(db(), a, 'demand', { checkpoint: { offset: 4000 } });
    await saveSyncState(db(), b, 'demand', { watermark: new Date('2020-01-01T00:00:00.000Z') });

    expect(await getSyncState(db(), a, 'demand')).toMatchObject({
      watermark: new Date('2026-03-01T09:00:00.123Z'),
      auditCursorId: 'audit-7',
      checkpoint: { offset: 4000 },
      fullPassStartedAt: null,
    });
    expect((await listSyncStates(db(), a)).map((s) => s.entity)).toEqual(['demand', 'stock']);
    expect((await getSyncState(db(), b, 'demand'))!.watermark).toEqual(
      new Date('2020-01-01T00:00:00.000Z'),
    );
  });
});
