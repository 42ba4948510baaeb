import { useTestDatabase } from '@crm/db/testing';
import { describe, expect, it } from 'vitest';
import { createIntegration } from '../synced/testing/fixtures';
import { patchIntegrationState } from './records';

describe('integration state', () => {
  const db = useTestDatabase();

  it('keeps a disabled integration disabled, with the message that says why, when a sync ends', async () => {
    const id = await createIntegration(db(), 'Демо-магазин');
    const why = 'A real account was connected: crm integrations remove "Демо-магазин" --purge';
    await db().prisma.integration.update({
      where: { id },
      data: { status: 'disabled', statusMessage: why },
    });

    await patchIntegrationState(
      { db: db() },
      id,
      { last_full_sync_at: 'now' },
      { status: 'active', message: null },
    );

    const row = await db().prisma.integration.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'disabled', statusMessage: why });
    expect(row.state).toMatchObject({ last_full_sync_at: 'now' });
  });

  it('clears the error of an active integration when a sync succeeds', async () => {
    const id = await createIntegration(db(), 'Склад');
    await patchIntegrationState(
      { db: db() },
      id,
      {},
      { status: 'error', message: 'MoySklad refused the credentials' },
    );
    await patchIntegrationState({ db: db() }, id, {}, { status: 'active', message: null });
    expect(await db().prisma.integration.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'active',
      statusMessage: null,
    });
  });
});
