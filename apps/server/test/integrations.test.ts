import { abandonSyncs, createIntegration, markDeleted, saveSyncState, SYSTEM_ACTOR, upsertProducts } from '@crm/core';
import { PluginRegistry } from '@crm/integrations';
import { scriptedPlugin } from '@crm/integrations/testing';
import { describe, expect, it } from 'vitest';
import { json, useTestApp } from '../src/testing/harness';
import { ADMIN, call, login, post, userWithRoles } from './auth/fixtures';

const TOKEN = 'secret-token-6f1d2c9a8b7e';
const plugin = scriptedPlugin({ pages: { currency: 1, product: 3 }, rows: 7 });

describe('connecting a source and syncing it', () => {
  const app = useTestApp({ plugins: new PluginRegistry([plugin]), worker: true, env: { LOG_LEVEL: 'error' } });
  const admin = () => login(app, ADMIN.email, ADMIN.password).then((t) => t.accessToken);

  async function waitForJob(token: string, id: string) {
    let job: any;
    await expect
      .poll(async () => (job = await json(await call(app, 'GET', `/admin/sync/jobs/${id}`, token))).status, { timeout: 20_000, interval: 200 })
      .toMatch(/succeeded|failed|cancelled/);
    return job;
  }

  it('connects MoySklad, keeps the token encrypted and runs the first full sync', async () => {
    const token = await admin();
    const response = await post(app, '/admin/integrations', {
      type: 'moysklad',
      name: 'Основной склад',
      settings: { tokenKind: 'solution' },
      credentials: { kind: 'token', token: TOKEN },
    }, token);
    expect(response.status).toBe(200);
    const integration = await json(response);
    expect(integration).toMatchObject({
      name: 'Основной склад',
      type: 'moysklad',
      status: 'active',
      origin: 'api',
      settings: { tokenKind: 'solution', baseUrl: 'https://api.moysklad.ru/api/remap/1.2', syncIntervalMinutes: 15, webhooks: true },
      credentials: { kind: 'token', hint: 'token …7e' .replace('…7e', `…${TOKEN.slice(-4)}`) },
    });
    expect(JSON.stringify(integration)).not.toContain(TOKEN);

    const row = await app.db().prisma.integration.findUniqueOrThrow({ where: { id: integration.id } });
    expect(Buffer.from(row.secrets!).toString('latin1')).not.toContain(TOKEN);
    const audit = await app.db().prisma.auditLog.findMany({ where: { targetId: integration.id } });
    expect(JSON.stringify(audit)).not.toContain(TOKEN);

    const jobs = await json(await call(app, 'GET', `/admin/sync/jobs?integrationId=${integration.id}`, token));
    expect(jobs.items).toHaveLength(1);
    const job = await waitForJob(token, jobs.items[0].id);
    expect(job).toMatchObject({ status: 'succeeded', kind: 'full', integrationName: 'Основной склад', requestsMade: 4 });
    expect(job.progress.map((p: { entity: string; fetched: number }) => [p.entity, p.fetched])).toEqual([['currency', 7], ['product', 21]]);
    expect(job.rowsPerSecond).toBeGreaterThan(0);
  });

  it('shows what was synced, per entity: rows held and deleted, and the sync state', async () => {
    const token = await admin();
    const [integration] = (await json(await call(app, 'GET', '/admin/integrations', token))).items;
    const changed = new Date('2026-03-01T09:00:00Z');
    const product = (externalId: string) => ({ externalId, sourceUpdatedAt: changed, name: externalId });
    await upsertProducts(app.db(), integration.id, [product('p1'), product('p2'), product('p3')]);
    await markDeleted(app.db(), integration.id, 'product', ['p3']);
    await saveSyncState(app.db(), integration.id, 'product', { watermark: changed });

    const details = await json(await call(app, 'GET', `/admin/integrations/${integration.id}`, token));
    const never = { lastFullSyncAt: null, lastIncrementalSyncAt: null };
    expect(details.entities).toEqual([
      { entity: 'currency', rows: 0, deleted: 0, ...never, watermark: null },
      { entity: 'product', rows: 2, deleted: 1, ...never, watermark: '2026-03-01T09:00:00.000Z' },
    ]);
  });

  it('starts one sync per integration at a time, and cancels a queued one', async () => {
    const token = await admin();
    const [integration] = (await json(await call(app, 'GET', '/admin/integrations', token))).items;
    await app.runtime().boss.offWork('sync');
    const first = await json(await post(app, '/admin/sync/start', { integrationId: integration.id }, token));
    const second = await json(await post(app, '/admin/sync/start', { integrationId: integration.id, kind: 'full' }, token));
    expect(second.id).toBe(first.id);
    expect(first.status).toBe('queued');

    const cancelled = await json(await post(app, `/admin/sync/jobs/${first.id}/cancel`, {}, token));
    expect(cancelled.status).toBe('cancelled');
    const log = await json(await call(app, 'GET', `/admin/sync/jobs/${first.id}/log`, token));
    expect(log.items).toEqual([]);
  });

  it('abandons the syncs of a replaced source at once, so that a new one starts afresh', async () => {
    const token = await admin();
    const [integration] = (await json(await call(app, 'GET', '/admin/integrations', token))).items;
    const queued = await json(await post(app, '/admin/sync/start', { integrationId: integration.id }, token));
    await abandonSyncs(app.runtime().deps, integration.id);
    expect((await json(await call(app, 'GET', `/admin/sync/jobs/${queued.id}`, token))).status).toBe('cancelled');
    const next = await json(await post(app, '/admin/sync/start', { integrationId: integration.id, kind: 'full' }, token));
    expect(next).toMatchObject({ kind: 'full', status: 'queued' });
    expect(next.id).not.toBe(queued.id);
  });

  it('tests credentials before connecting', async () => {
    const token = await admin();
    const report = await json(await post(app, '/admin/integrations/test', { type: 'moysklad', settings: {}, credentials: { kind: 'basic', login: 'sync@shop', password: 'x' } }, token));
    expect(report).toMatchObject({ ok: true, account: { employee: 'Тестовый сотрудник' } });
    const invalid = await post(app, '/admin/integrations/test', { type: 'moysklad', settings: {}, credentials: { kind: 'token' } }, token);
    expect(invalid.status).toBe(400);
  });

  it('renames, disables, changes credentials and refuses a sync while disabled', async () => {
    const token = await admin();
    const [integration] = (await json(await call(app, 'GET', '/admin/integrations', token))).items;
    const updated = await json(await call(app, 'PATCH', `/admin/integrations/${integration.id}`, token, {
      name: 'Склад на Невском',
      enabled: false,
      credentials: { kind: 'basic', login: 'sync@shop', password: 'p@ss' },
    }));
    expect(updated).toMatchObject({ name: 'Склад на Невском', status: 'disabled', credentials: { kind: 'basic', hint: 'login sync@shop' } });
    const refused = await post(app, '/admin/sync/start', { integrationId: integration.id }, token);
    expect(refused.status).toBe(409);
    const badSettings = await call(app, 'PATCH', `/admin/integrations/${integration.id}`, token, { settings: { syncIntervalMinutes: 0 } });
    expect(badSettings.status).toBe(400);
    expect((await json(badSettings)).issues[0].path).toEqual(['settings', 'syncIntervalMinutes']);
  });

  it('lets a manager read integrations and run syncs but not change them', async () => {
    const manager = await userWithRoles(app, 'manager@shop.test', ['manager']);
    expect((await call(app, 'GET', '/admin/integrations', manager.accessToken)).status).toBe(200);
    expect((await post(app, '/admin/integrations', { type: 'moysklad', name: 'x', settings: {}, credentials: { kind: 'token', token: TOKEN } }, manager.accessToken)).status).toBe(403);
  });

  it('ends the demo when a real account is connected, and says how to delete its data', async () => {
    const token = await admin();
    const deps = app.runtime().deps;
    const demo = await createIntegration(deps, SYSTEM_ACTOR, {
      type: 'moysklad',
      name: 'Демо-магазин',
      settings: {},
      credentials: { kind: 'token', token: 'demo-token-1' },
      origin: 'demo',
    });
    const events: string[] = [];
    const unsubscribe = deps.events.subscribe((event) => events.push(event.type));
    const real = await post(app, '/admin/integrations', {
      type: 'moysklad',
      name: 'Настоящий склад',
      settings: {},
      credentials: { kind: 'token', token: TOKEN },
    }, token);
    unsubscribe();
    expect(real.status).toBe(200);
    expect(events).toContain('demo-ended');

    const ended = await json(await call(app, 'GET', `/admin/integrations/${demo.id}`, token));
    expect(ended.status).toBe('disabled');
    expect(ended.statusMessage).toBe(
      'The demo ended when a real account was connected; its data stays until you remove it: ' +
        `crm integrations remove "Демо-магазин" --purge (or DELETE /api/v1/admin/integrations/${demo.id}?purge=true)`,
    );
    expect((await post(app, '/admin/sync/start', { integrationId: demo.id }, token)).status).toBe(409);
    expect((await call(app, 'DELETE', `/admin/integrations/${demo.id}?purge=true`, token)).status).toBe(200);
    expect((await call(app, 'DELETE', `/admin/integrations/${(await json(real)).id}?purge=true`, token)).status).toBe(200);
  });

  it('removes an integration, keeping its data or purging it', async () => {
    const token = await admin();
    const [integration] = (await json(await call(app, 'GET', '/admin/integrations', token))).items;
    expect((await call(app, 'DELETE', `/admin/integrations/${integration.id}?purge=false`, token)).status).toBe(200);
    expect((await json(await call(app, 'GET', '/admin/integrations', token))).items).toEqual([]);
    expect((await call(app, 'GET', `/admin/integrations/${integration.id}`, token)).status).toBe(404);
    expect(await app.db().prisma.integration.count({ where: { id: integration.id } })).toBe(1);

    const other = await json(await post(app, '/admin/integrations', { type: 'moysklad', name: 'Второй', settings: {}, credentials: { kind: 'token', token: TOKEN } }, token));
    expect((await call(app, 'DELETE', `/admin/integrations/${other.id}?purge=true`, token)).status).toBe(200);
    expect(await app.db().prisma.integration.count({ where: { id: other.id } })).toBe(0);
    expect(await app.db().prisma.syncJob.count({ where: { integrationId: other.id } })).toBe(0);
  });
});
