import type { Database, Prisma, SyncState } from '@crm/db';
import type { SyncStateEntity } from './entities';

export type { SyncState };

/** What the sync engine may move forward; the pass bookkeeping belongs to full-pass.ts. */
export type SyncStatePatch = {
  watermark?: Date | null;
  auditCursorMoment?: Date | null;
  auditCursorId?: string | null;
  stockChangedSince?: Date | null;
  lastIncrementalSyncAt?: Date | null;
  /** The running pass's position, e.g. `{ offset: 12000 }`, so a killed worker resumes there. */
  checkpoint?: Prisma.InputJsonValue;
};

export async function getSyncState(
  db: Pick<Database, 'prisma'>,
  integrationId: string,
  entity: SyncStateEntity,
): Promise<SyncState | null> {
  return db.prisma.syncState.findUnique({
    where: { integrationId_entity: { integrationId, entity } },
  });
}

export async function listSyncStates(
  db: Pick<Database, 'prisma'>,
  integrationId: string,
): Promise<SyncState[]> {
  return db.prisma.syncState.findMany({ where: { integrationId }, orderBy: { entity: 'asc' } });
}

export async function saveSyncState(
  db: Pick<Database, 'prisma'>,
  integrationId: string,
  entity: SyncStateEntity,
  patch: SyncStatePatch,
): Promise<SyncState> {
  return db.prisma.syncState.upsert({
    where: { integrationId_entity: { integrationId, entity } },
    create: { integrationId, entity, ...patch },
    update: patch,
  });
}
