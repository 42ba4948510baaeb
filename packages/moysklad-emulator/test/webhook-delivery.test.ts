import { describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index';
import { parseMsk } from '../src/time/moscow';
import { call, get, type Json } from './helpers';
import { liveEmulator, receiver, START } from './live-helpers';

async function register(emulator: Emulator, body: Record<string, unknown>): Promise<Json> {
  const response = await call(emulator, '/entity/webhook', { method: 'POST', body });
  expect(response.status, response.raw).toBe(200);
  return response.body;
}

function product(emulator: Emulator, skip = 0): string {
  const indices = emulator.store.products
    .map((p, i) => (p.variantsCount === 0 && !p.archived ? i : -1))
    .filter((i) => i >= 0);
  return emulator.store.ids.encode('product', indices[skip]!);
}

describe('webhook notifications', () => {
  it('POST url?requestId= with auditContext and events, as MoySklad sends them', async () => {
    const hook = await receiver();
    const emulator = liveEmulator();
    const server = await emulator.listen(0);
    try {
      const created = await register(emulator, {
        url: hook.url,
        action: 'UPDATE',
        entityType: 'product',
        diffType: 'FIELDS',
      });
      await register(emulator, { url: hook.url, action: 'CREATE', entityType: 'counterparty' });
      const id = product(emulator);
      emulator.clock.advance(1000);
      emulator.control.update('product', id, { name: 'Новое имя', description: 'Описание' });
      emulator.control.create('counterparty', { name: 'ООО «Вектор»' });
      // Not subscribed: no notification.
      emulator.control.update('counterparty', emulator.store.ids.encode('counterparty', 1), {
        description: 'VIP',
      });
      await emulator.webhooks.idle();

      expect(hook.received).toHaveLength(2);
      const [update, create] = hook.received;
      expect(update!.url.pathname).toBe('/hooks');
      expect(update!.url.searchParams.get('requestId')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(update!.headers['user-agent']).toBe(
        'MoySklad webhook touch agent 2.0 (/https://www.moysklad.ru)',
      );
      expect(update!.headers['content-type']).toMatch(/^application\/json/);
      const audit = await get(emulator, '/audit?limit=3');
      expect(update!.body).toEqual({
        auditContext: {
          meta: { type: 'audit', href: audit.rows[2].meta.href },
          moment: audit.rows[2].moment,
          uid: emulator.store.employees[0]!.uid,
        },
        events: [
          {
            meta: { type: 'product', href: `${server.url}/api/remap/1.2/entity/product/${id}` },
            updatedFields: ['name', 'description'],
            action: 'UPDATE',
            accountId: emulator.store.accountId,
          },
        ],
      });
      // The href answers with the changed entity.
      expect((await get(emulator, `/entity/product/${id}`)).name).toBe('Новое имя');
      expect(create!.body.events[0]).toMatchObject({
        action: 'CREATE',
        meta: { type: 'counterparty' },
      });
      expect(create!.body.events[0].updatedFields).toBeUndefined();
      expect(created.diffType).toBe('FIELDS');
    } finally {
      await emulator.close();
      await hook.close();
    }
  });

  it('events of one change go together; diffType NONE sends no updatedFields', async () => {
    const hook = await receiver();
    const emulator = liveEmulator();
    try {
      await register(emulator, { url: hook.url, action: 'UPDATE', entityType: 'product' });
      await register(emulator, { url: hook.url, action: 'DELETE', entityType: 'customerorder' });
      emulator.control.batch(() => {
        for (const k of [0, 1, 2])
          emulator.control.update('product', product(emulator, k), { description: 'Уценка' });
      });
      const orders = emulator.store.documents.customerorder;
      emulator.control.delete(
        'customerorder',
        emulator.store.ids.encode('customerorder', orders.length - 1),
      );
      await emulator.webhooks.idle();
      expect(hook.received).toHaveLength(2);
      expect(hook.received[0]!.body.events).toHaveLength(3);
      expect(hook.received[0]!.body.events.every((e: Json) => e.updatedFields === undefined)).toBe(
        true,
      );
      expect(hook.received[1]!.body.events[0].action).toBe('DELETE');
      // The href of a deleted document answers 404.
      const href = hook.received[1]!.body.events[0].meta.href as string;
      expect((await call(emulator, href.replace(/^.*\/api\/remap\/1\.2/, ''))).status).toBe(404);
    } finally {
      await emulator.close();
      await hook.close();
    }
  });

  it('the recycle bin notifies DELETE and CREATE by default, archiving UPDATE', async () => {
    const hook = await receiver();
    const emulator = liveEmulator();
    try {
      for (const action of ['CREATE', 'UPDATE', 'DELETE'])
        await register(emulator, {
          url: hook.url,
          action,
          entityType: 'invoiceout',
          diffType: action === 'UPDATE' ? 'FIELDS' : undefined,
        });
      const id = emulator.store.ids.encode('invoiceout', 0);
      emulator.control.trash('invoiceout', id);
      emulator.control.restore('invoiceout', id);
      await emulator.webhooks.idle();
      expect(hook.received.map((r) => r.body.events[0].action)).toEqual(['DELETE', 'CREATE']);

      await register(emulator, {
        url: hook.url,
        action: 'UPDATE',
        entityType: 'service',
        diffType: 'FIELDS',
      });
      emulator.control.archive('service', emulator.store.ids.encode('service', 0));
      await emulator.webhooks.idle();
      expect(hook.received[2]!.body.events[0]).toMatchObject({
        action: 'UPDATE',
        updatedFields: ['archived'],
      });
      expect((await get(emulator, '/audit?limit=1')).rows[0].eventType).toBe('puttoarchive');
    } finally {
      await emulator.close();
      await hook.close();
    }
  });

  it('retries a failing receiver three times with the same requestId, then drops', async () => {
    const flaky = await receiver((_r, n) => ({ status: n <= 2 ? 503 : 204 }));
    const emulator = liveEmulator({ webhooks: { timeoutMs: 150 } });
    try {
      await register(emulator, { url: flaky.url, action: 'UPDATE', entityType: 'product' });
      emulator.control.update('product', product(emulator), { description: 'x' });
      await emulator.webhooks.idle();
      expect(flaky.received).toHaveLength(3);
      const ids = new Set(flaky.received.map((r) => r.url.searchParams.get('requestId')));
      expect(ids.size).toBe(1);
      const delivery = emulator.webhooks.deliveries()[0]!;
      expect(delivery.outcome).toBe('delivered');
      expect(delivery.attempts.map((a) => a.status)).toEqual([503, 503, 204]);
    } finally {
      await emulator.close();
      await flaky.close();
    }

    // Too slow: every attempt times out; four attempts in all, then the notification is dropped.
    const slow = await receiver(() => ({ status: 200, delayMs: 400 }));
    const patient = liveEmulator({ webhooks: { timeoutMs: 100 } });
    try {
      await register(patient, { url: slow.url, action: 'UPDATE', entityType: 'product' });
      patient.control.update('product', product(patient), { description: 'y' });
      await patient.webhooks.idle();
      expect(slow.received).toHaveLength(4);
      expect(new Set(slow.received.map((r) => r.url.searchParams.get('requestId'))).size).toBe(1);
      const delivery = patient.webhooks.deliveries()[0]!;
      expect(delivery.outcome).toBe('dropped');
      expect(delivery.attempts.every((a) => a.error === 'timeout')).toBe(true);
      expect(patient.webhooks.stats()).toMatchObject({ attempts: 4, retried: 3, dropped: 1 });
    } finally {
      await patient.close();
      await slow.close();
    }
  });

  it('only ever sends to allowed hosts; a free tariff sends nothing', async () => {
    const emulator = liveEmulator();
    await register(emulator, {
      url: 'https://crm.example.ru/hooks/moysklad',
      action: 'UPDATE',
      entityType: 'product',
    });
    emulator.control.update('product', product(emulator), { description: 'z' });
    await emulator.webhooks.idle();
    expect(emulator.webhooks.deliveries()[0]).toMatchObject({ outcome: 'blocked', attempts: [] });

    const hook = await receiver();
    const free = liveEmulator();
    try {
      await register(free, { url: hook.url, action: 'UPDATE', entityType: 'product' });
      free.options.tariff = 'free';
      free.control.update('product', product(free), { description: 'z' });
      await free.webhooks.idle();
      expect(hook.received).toHaveLength(0);
      const refused = await call(free, '/entity/webhook', {
        method: 'POST',
        body: { url: hook.url, action: 'CREATE', entityType: 'product' },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.errors[0].code).toBe(30006);
    } finally {
      await free.close();
      await hook.close();
    }
    const clerk = liveEmulator({
      credentials: { users: [{ login: 'clerk@demo', password: 'x', admin: false }] },
    });
    const refused = await call(clerk, '/entity/webhook', {
      method: 'POST',
      auth: `Basic ${Buffer.from('clerk@demo:x').toString('base64')}`,
      body: { url: 'http://127.0.0.1:9/h', action: 'CREATE', entityType: 'product' },
    });
    expect(refused.body.errors[0].code).toBe(30004);
  });

  it('X-Lognex-WebHook-DisableByPrefix on a control change keeps matching webhooks quiet', async () => {
    const hook = await receiver();
    const emulator = liveEmulator();
    const server = await emulator.listen(0);
    try {
      await register(emulator, { url: hook.url, action: 'UPDATE', entityType: 'product' });
      const response = await fetch(`${server.url}/__control/entity/product/${product(emulator)}`, {
        method: 'PUT',
        headers: {
          'Content-Type': 'application/json',
          'X-Lognex-WebHook-DisableByPrefix': hook.url.replace('/hooks', ''),
        },
        body: JSON.stringify({ description: 'тихо' }),
      });
      expect(response.status).toBe(200);
      await emulator.webhooks.idle();
      expect(hook.received).toHaveLength(0);
    } finally {
      await emulator.close();
      await hook.close();
    }
  });

  it('stock webhooks carry a reportUrl whose changedSince covers the change', async () => {
    const hook = await receiver();
    const emulator = liveEmulator({ timeScale: 600, webhooks: { stockPeriodMs: 60_000 } });
    const server = await emulator.listen(0);
    try {
      const registered = await call(emulator, '/entity/webhookstock', {
        method: 'POST',
        body: { url: hook.url, stockType: 'stock', reportType: 'bystore' },
      });
      expect(registered.status).toBe(200);
      // A price change moves no stock: no notification.
      emulator.control.update('product', product(emulator), { description: 'без движения' });
      emulator.webhooks.flushStock();
      await emulator.webhooks.idle();
      expect(hook.received).toHaveLength(0);

      emulator.clock.advance(90_000);
      const retail = emulator.store.retailStores[0]!;
      const shelf = emulator.store.ids.encode('store', retail.store);
      const onShelf = (
        (await get(emulator, `/report/stock/bystore/current?filter=storeId=${shelf}`)) as Json[]
      ).find((r) => r.stock >= 1);
      emulator.control.create('retaildemand', {
        retailStore: emulator.store.ids.encode('retailstore', 0),
        positions: [{ assortment: onShelf.assortmentId, quantity: 1 }],
      });
      // The period (60 s scaled 600×: 100 ms) sends it on its own.
      const deadline = Date.now() + 3000;
      while (hook.received.length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      await emulator.webhooks.idle();
      expect(hook.received).toHaveLength(1);
      const body = hook.received[0]!.body;
      expect(body).toMatchObject({
        accountId: emulator.store.accountId,
        stockType: 'stock',
        reportType: 'bystore',
      });
      expect(body.reportUrl).toMatch(
        new RegExp(
          `^${server.url}/api/remap/1\\.2/report/stock/bystore/current\\?changedSince=2026-11-02 10:01:30$`,
        ),
      );
      expect(parseMsk(new URL(body.reportUrl).searchParams.get('changedSince')!)).toBeGreaterThan(
        parseMsk(START)!,
      );
      const report = (await get(
        emulator,
        body.reportUrl.replace(/^.*\/api\/remap\/1\.2/, '').replace(' ', '%20'),
      )) as Json[];
      expect(report).toContainEqual({
        assortmentId: onShelf.assortmentId,
        storeId: shelf,
        stock: onShelf.stock - 1,
      });
    } finally {
      await emulator.close();
      await hook.close();
    }
  });

  it('fault injection loses or duplicates notifications, duplicates keeping the requestId', async () => {
    const hook = await receiver();
    const emulator = liveEmulator();
    try {
      await register(emulator, { url: hook.url, action: 'UPDATE', entityType: 'product' });
      emulator.faults.configure({ seed: 3, webhooks: { lose: 0.3, duplicate: 0.3 } });
      for (let k = 0; k < 20; k++)
        emulator.control.update('product', product(emulator), { description: `правка ${k}` });
      await emulator.webhooks.idle();
      const stats = emulator.webhooks.stats();
      expect(stats.lost).toBeGreaterThan(0);
      expect(stats.duplicated).toBeGreaterThan(0);
      expect(hook.received).toHaveLength(20 - stats.lost + stats.duplicated);
      const counts = new Map<string, number>();
      for (const r of hook.received) {
        const id = r.url.searchParams.get('requestId')!;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      expect([...counts.values()].filter((n) => n === 2)).toHaveLength(stats.duplicated);
    } finally {
      await emulator.close();
      await hook.close();
    }
  });
});
