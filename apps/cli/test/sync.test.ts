import { PluginRegistry } from '@crm/integrations';
import { scriptedPlugin } from '@crm/integrations/testing';
import { useTestApp } from '@crm/server/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { cliHome } from './support/run';

const plugin = scriptedPlugin({ pages: { currency: 1, product: 3, demand: 2 }, rows: 5 });

/** Connecting a source and syncing it from the terminal, as an admin does. */
describe('crm integrations and crm sync', { timeout: 180_000 }, () => {
  const app = useTestApp({ plugins: new PluginRegistry([plugin]), worker: true });
  const home = cliHome(() => app.baseUrl());
  const { crm, json } = home;
  afterAll(home.remove);

  it('connects a source with a token from stdin, never echoing it, and lists it', async () => {
    expect((await crm(['login', '--email', 'admin@example.com', '--password-stdin'], { input: 'admin123\n' })).code).toBe(0);
    const add = await crm(['integrations', 'add', '--name', 'Основной склад', '--token-stdin', '--token-kind', 'solution'], {
      input: 'moysklad-token-abcdef123456\n',
    });
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Connection works.');
    expect(add.stdout).toContain('Connected "Основной склад"; the first full sync has started');
    expect(add.stdout + add.stderr).not.toContain('abcdef123456');

    const listed = await json(['integrations', 'list']);
    expect(listed.items).toMatchObject([{ name: 'Основной склад', type: 'moysklad', credentials: { kind: 'token', hint: 'token …3456' } }]);
  });

  it('runs a full sync and waits for it, reporting every entity', async () => {
    // The first sync started on connecting; wait for it so the next one is ours.
    await expect.poll(async () => (await json(['sync', 'status'])).items[0]?.status, { timeout: 60_000, interval: 1000 }).toBe('succeeded');
    const run = await crm(['sync', 'start', '--full', '--wait']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/currency: done, 5 fetched/);
    expect(run.stderr).toMatch(/product: done, 15 fetched/);
    expect(run.stdout).toMatch(/Status:\s+succeeded/);
    expect(run.stdout).toMatch(/demand\s+│?\s*done/);

    const status = await json(['sync', 'status', 'Основной склад']);
    expect(status.items).toHaveLength(2);
    const logs = await crm(['sync', 'logs', status.items[0].id]);
    expect(logs).toMatchObject({ code: 0, stdout: 'Nothing to report.\n' });
  });

  it('shows a source with what it synced, entity by entity', async () => {
    const shown = await crm(['integrations', 'show']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Status:\s+active/);
    expect(shown.stdout).toMatch(/product\s+│?\s*0\s+│?\s*0\s/);
    const details = await json(['integrations', 'show', 'Основной склад']);
    expect(details.entities.map((e: { entity: string }) => e.entity)).toEqual(['currency', 'product', 'demand']);
  });

  it('cancels a sync and says so', async () => {
    await app.runtime().boss.offWork('sync');
    const started = await json(['sync', 'start']);
    expect(started.status).toBe('queued');
    const cancel = await crm(['sync', 'cancel', started.id]);
    expect(cancel.stdout).toBe(`Cancelled ${started.id}.\n`);
    expect((await crm(['sync', 'cancel', 'nope'])).stderr).toMatch(/is not a sync job id/);
  });

  it('removes the source, keeping its data when told to', async () => {
    const run = await crm(['integrations', 'remove', 'Основной склад', '--keep-data']);
    expect(run.stdout).toBe('Removed "Основной склад"; its data stays.\n');
    expect((await json(['integrations', 'list'])).items).toEqual([]);
  });

  it('tells how to delete the demo data when a real account ends the demo', async () => {
    await app.db().prisma.integration.create({ data: { type: 'moysklad', name: 'Демо-магазин', origin: 'demo' } });
    const add = await crm(['integrations', 'add', '--name', 'Склад', '--token-stdin'], { input: 'moysklad-token-2\n' });
    expect(add.code).toBe(0);
    expect(add.stderr).toBe('The demo has ended. Delete its data with: crm integrations remove "Демо-магазин" --purge\n');
    const demo = await json(['integrations', 'show', 'Демо-магазин']);
    expect(demo.status).toBe('disabled');
    expect(demo.statusMessage).toContain(`(or DELETE /api/v1/admin/integrations/${demo.id}?purge=true)`);
    const removed = await crm(['integrations', 'remove', 'Демо-магазин', '--purge']);
    expect(removed.stdout).toBe('Removed "Демо-магазин" and its data.\n');
  });
});
