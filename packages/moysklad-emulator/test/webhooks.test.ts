import { describe, expect, it } from 'vitest';
import { call, get, tinyEmulator } from './helpers';

const url = (n: number) => `https://crm.example.ru/hooks/${n}`;

describe('webhook registration', () => {
  it('creates, lists, reads, updates and deletes', async () => {
    const emulator = tinyEmulator();
    const created = await call(emulator, '/entity/webhook', {
      method: 'POST',
      body: { url: url(1), action: 'CREATE', entityType: 'customerorder' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      url: url(1),
      action: 'CREATE',
      entityType: 'customerorder',
      method: 'POST',
      enabled: true,
    });
    expect(created.body.diffType).toBeUndefined();
    const list = await get(emulator, '/entity/webhook');
    expect(list.meta.size).toBe(1);
    expect(list.rows[0]).toEqual(created.body);
    expect(await get(emulator, `/entity/webhook/${created.body.id}`)).toEqual(created.body);

    const disabled = await call(emulator, `/entity/webhook/${created.body.id}`, {
      method: 'PUT',
      body: { enabled: false },
    });
    expect(disabled.body.enabled).toBe(false);
    const moved = await call(emulator, `/entity/webhook/${created.body.id}`, {
      method: 'PUT',
      body: { action: 'UPDATE', diffType: 'FIELDS' },
    });
    expect(moved.body).toMatchObject({ action: 'UPDATE', diffType: 'FIELDS' });

    const deleted = await call(emulator, `/entity/webhook/${created.body.id}`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(200);
    expect(deleted.raw).toBe('');
    expect((await call(emulator, `/entity/webhook/${created.body.id}`)).body.errors[0].code).toBe(
      1021,
    );
    expect((await get(emulator, '/entity/webhook')).meta.size).toBe(0);
  });

  it('registers CREATE/UPDATE/DELETE for every synced type in one batch, and deletes in bulk', async () => {
    const emulator = tinyEmulator();
    const types = [
      'product',
      'variant',
      'counterparty',
      'customerorder',
      'demand',
      'supply',
      'retaildemand',
    ];
    const body = types.flatMap((entityType) =>
      (['CREATE', 'UPDATE', 'DELETE'] as const).map((action) => ({
        url: url(9),
        action,
        entityType,
      })),
    );
    const batch = await call(emulator, '/entity/webhook', { method: 'POST', body });
    expect(batch.status).toBe(200);
    expect(batch.body).toHaveLength(body.length);
    expect(batch.body.every((w: { id?: string }) => typeof w.id === 'string')).toBe(true);
    expect((await get(emulator, '/entity/webhook')).meta.size).toBe(body.length);
    const bulk = await call(emulator, '/entity/webhook/delete', {
      method: 'POST',
      body: batch.body.slice(0, 2).map((w: { meta: unknown }) => ({ meta: w.meta })),
    });
    expect(bulk.body[0].info).toMatch(/успешно удалена/);
    expect((await get(emulator, '/entity/webhook')).meta.size).toBe(body.length - 2);
  });

  it.each([
    [{ action: 'CREATE', entityType: 'product' }, 3000],
    [{ url: url(2), action: 'CREATE' }, 3000],
    [{ url: 'not a url', action: 'CREATE', entityType: 'product' }, 30005],
    [
      { url: `https://crm.example.ru/${'x'.repeat(250)}`, action: 'CREATE', entityType: 'product' },
      30010,
    ],
    [{ url: url(2), action: 'CREATE', entityType: 'spaceship' }, 30000],
    [{ url: url(2), action: 'CREATE', entityType: 'webhook' }, 30000],
    [{ url: url(2), action: 'EXPLODE', entityType: 'product' }, 30002],
    [{ url: url(2), action: 'PROCESSED', entityType: 'product' }, 30008],
    [{ url: url(2), action: 'CREATE', entityType: 'product', diffType: 'FIELDS' }, 30009],
    [{ url: url(2), action: 'CREATE', entityType: 'product', method: 'GET' }, 30001],
  ])('refuses %j with %i', async (body, code) => {
    const response = await call(tinyEmulator(), '/entity/webhook', { method: 'POST', body });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.body.errors[0].code).toBe(code);
  });

  it('keeps (entityType, action, url) unique and at most five URLs per (entityType, action)', async () => {
    const emulator = tinyEmulator();
    const post = (n: number) =>
      call(emulator, '/entity/webhook', {
        method: 'POST',
        body: { url: url(n), action: 'UPDATE', entityType: 'product' },
      });
    expect((await post(1)).status).toBe(200);
    expect((await post(1)).body.errors[0].code).toBe(30003);
    for (let n = 2; n <= 5; n++) expect((await post(n)).status).toBe(200);
    expect((await post(6)).body.errors[0].code).toBe(30007);
  });

  it('a solution may register one URL per (entityType, action)', async () => {
    const emulator = tinyEmulator();
    const auth = `Bearer ${emulator.credentials.tokens.find((t) => t.kind === 'solution')!.token}`;
    const post = (n: number) =>
      call(emulator, '/entity/webhook', {
        method: 'POST',
        auth,
        body: { url: url(n), action: 'DELETE', entityType: 'demand' },
      });
    const first = await post(1);
    expect(first.body.authorApplication.meta.type).toBe('application');
    expect((await post(2)).body.errors[0].code).toBe(30007);
  });

  it('needs an administrator on a paid tariff', async () => {
    const clerk = tinyEmulator({
      credentials: { users: [{ login: 'clerk@demo', password: 'p', admin: false }] },
    });
    const refused = await call(clerk, '/entity/webhook', {
      method: 'POST',
      body: { url: url(1), action: 'CREATE', entityType: 'product' },
    });
    expect(refused.body.errors[0].code).toBe(30004);
    const free = tinyEmulator({ tariff: 'free' });
    expect(
      (
        await call(free, '/entity/webhook', {
          method: 'POST',
          body: { url: url(1), action: 'CREATE', entityType: 'product' },
        })
      ).body.errors[0].code,
    ).toBe(30006);
  });

  it('refuses bodies that are not JSON', async () => {
    const emulator = tinyEmulator();
    const response = await emulator.app.request('/api/remap/1.2/entity/webhook', {
      method: 'POST',
      headers: {
        'Accept-Encoding': 'gzip',
        Authorization: `Basic ${Buffer.from(`${emulator.credentials.users[0]!.login}:moysklad`).toString('base64')}`,
      },
      body: '{"url":',
    });
    expect(response.status).toBe(400);
  });
});

describe('stock webhook registration', () => {
  it('creates and validates webhookstock', async () => {
    const emulator = tinyEmulator();
    const created = await call(emulator, '/entity/webhookstock', {
      method: 'POST',
      body: { url: url(1), stockType: 'stock', reportType: 'all' },
    });
    expect(created.body).toMatchObject({
      url: url(1),
      stockType: 'stock',
      reportType: 'all',
      enabled: true,
    });
    expect(
      (
        await call(emulator, '/entity/webhookstock', {
          method: 'POST',
          body: { url: url(1), stockType: 'stock', reportType: 'all' },
        })
      ).body.errors[0].code,
    ).toBe(30003);
    expect(
      (
        await call(emulator, '/entity/webhookstock', {
          method: 'POST',
          body: { url: url(2), stockType: 'reserve', reportType: 'all' },
        })
      ).body.errors[0].code,
    ).toBe(2029);
    expect(
      (
        await call(emulator, '/entity/webhookstock', {
          method: 'POST',
          body: { url: url(2), stockType: 'stock' },
        })
      ).body.errors[0].code,
    ).toBe(3000);
    const updated = await call(emulator, `/entity/webhookstock/${created.body.id}`, {
      method: 'PUT',
      body: { reportType: 'bystore', enabled: false },
    });
    expect(updated.body).toMatchObject({ reportType: 'bystore', enabled: false });
    expect(
      (await call(emulator, `/entity/webhookstock/${created.body.id}`, { method: 'DELETE' }))
        .status,
    ).toBe(200);
  });
});
