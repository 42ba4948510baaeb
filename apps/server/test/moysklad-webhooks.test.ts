import { PluginRegistry, moyskladPlugin } from '@crm/integrations';
import { crmSnapshot, differences, sourceSnapshot } from '@crm/integrations/testing/moysklad';
import { createMoySkladClient } from '@crm/moysklad';
import { createEmulator, generateDataset, type RunningServer } from '@crm/moysklad-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, useTestApp } from '../src/testing/harness';
import { ADMIN, call, login, post } from './auth/fixtures';

/** The emulator's limits and the plugin's rate window run this much faster than MoySklad's. */
const TIME_SCALE = 50;
const MINUTE = 60_000;

describe('following MoySklad by webhooks', () => {
  const emulator = createEmulator({
    store: generateDataset({ size: 'tiny', seed: 11 }),
    clock: { start: '2026-11-02 10:00' },
    timeScale: TIME_SCALE,
  });
  const app = useTestApp({
    plugins: new PluginRegistry([moyskladPlugin({ timeScale: TIME_SCALE })]),
    worker: true,
    publicUrl: true,
  });
  let server: RunningServer;
  let integrationId: string;
  const truth = () =>
    createMoySkladClient({
      baseUrl: `${server.url}/api/remap/1.2`,
      credentials: { token: emulator.credentials.tokens.find((t) => t.kind === 'user')!.token },
      rateLimit: { windowMs: 3000 / TIME_SCALE },
    });
  const admin = () => login(app, ADMIN.email, ADMIN.password).then((t) => t.accessToken);
  const jobs = async () =>
    (
      await json(
        await call(app, 'GET', `/admin/sync/jobs?integrationId=${integrationId}`, await admin()),
      )
    ).items as {
      kind: string;
      status: string;
    }[];
  const pending = () => app.db().prisma.webhookDelivery.count({ where: { processedAt: null } });

  /** The CRM equals the emulator once every delivery the emulator sent has been applied. */
  async function expectCaughtUp() {
    await emulator.webhooks.idle();
    const client = truth();
    try {
      await expect
        .poll(
          async () =>
            (await pending()) === 0
              ? differences(
                  await sourceSnapshot(client),
                  await crmSnapshot(app.db(), integrationId),
                )
              : 'deliveries pending',
          { timeout: 20_000, interval: 500 },
        )
        .toEqual({});
    } finally {
      await client.close();
    }
  }

  /** Seeded business activity, plus an order created and one deleted for good. */
  function activity(round: number) {
    emulator.activity.step(40);
    const order = emulator.control.create('customerorder', {
      organization: emulator.store.ids.encode('organization', 0),
      agent: emulator.store.ids.encode('counterparty', round),
    });
    emulator.control.delete('customerorder', order.id as string);
    emulator.clock.advance(MINUTE);
    emulator.webhooks.flushStock();
  }

  beforeAll(async () => {
    server = await emulator.listen(0);
  });
  afterAll(() => emulator.close());

  it('connects, syncs in full, and registers webhooks for every synced type and for stock', async () => {
    const token = emulator.credentials.tokens.find((t) => t.kind === 'solution')!.token;
    const created = await json(
      await post(
        app,
        '/admin/integrations',
        {
          type: 'moysklad',
          name: 'МойСклад (эмулятор)',
          settings: {
            baseUrl: `${server.url}/api/remap/1.2`,
            tokenKind: 'solution',
            webhooks: true,
          },
          credentials: { kind: 'token', token },
        },
        await admin(),
      ),
    );
    integrationId = created.id;
    await expect
      .poll(async () => (await jobs()).map((j) => j.status), { timeout: 60_000 })
      .toEqual(['succeeded']);
    await expect
      .poll(
        async () =>
          (
            await json(
              await call(app, 'GET', `/admin/integrations/${integrationId}`, await admin()),
            )
          ).health.webhooks.status,
        {
          timeout: 15_000,
        },
      )
      .toBe('active');
    const hooks = emulator.store.webhooks.filter((w) => !w.removed);
    expect(hooks.length).toBeGreaterThanOrEqual(60);
    expect(new Set(hooks.map((w) => w.action))).toEqual(new Set(['CREATE', 'UPDATE', 'DELETE']));
    expect(
      hooks.every((w) => w.url.startsWith(`${app.baseUrl()}/webhooks/moysklad/${integrationId}/`)),
    ).toBe(true);
  });

  it('follows a stream of changes by webhooks alone, duplicates changing nothing', async () => {
    emulator.faults.configure({ seed: 3, webhooks: { duplicate: 0.3 } });
    for (let round = 0; round < 3; round++) {
      activity(round);
      await expectCaughtUp();
    }
    expect(emulator.webhooks.stats().duplicated).toBeGreaterThan(0);
    // Nothing but webhooks: the only sync was the first one.
    expect((await jobs()).map((j) => j.kind)).toEqual(['full']);
  }, 120_000);

  it('catches up on lost deliveries with the next incremental run', async () => {
    emulator.faults.configure({ seed: 4, webhooks: { lose: 0.5 } });
    for (let round = 3; round < 5; round++) activity(round);
    await emulator.webhooks.idle();
    await expect.poll(pending, { timeout: 30_000 }).toBe(0);
    const client = truth();
    const lost = differences(
      await sourceSnapshot(client),
      await crmSnapshot(app.db(), integrationId),
    );
    expect(Object.keys(lost).length).toBeGreaterThan(0); // the lost deliveries left the CRM behind

    await post(app, '/admin/sync/start', { integrationId, kind: 'incremental' }, await admin());
    await expect
      .poll(async () => (await jobs())[0], { timeout: 60_000 })
      .toMatchObject({ kind: 'incremental', status: 'succeeded' });
    expect(
      differences(await sourceSnapshot(client), await crmSnapshot(app.db(), integrationId)),
    ).toEqual({});
    await client.close();
  });
});
