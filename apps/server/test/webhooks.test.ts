import { PluginRegistry } from '@crm/integrations';
import { scriptedPlugin } from '@crm/integrations/testing';
import { describe, expect, it } from 'vitest';
import { json, useTestApp } from '../src/testing/harness';
import { ADMIN, call, login, post } from './auth/fixtures';

const plugin = scriptedPlugin({ pages: { currency: 1 }, webhooks: {} });
const delivery = (requestId: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    auditContext: { meta: { type: 'audit', href: 'https://api.moysklad.ru/api/remap/1.2/audit/1' }, uid: 'admin@shop', moment: '2026-11-25 18:00:00' },
    events: [{ meta: { type: 'product', href: 'https://api.moysklad.ru/api/remap/1.2/entity/product/1' }, action: 'UPDATE', accountId: 'a' }],
  }),
  requestId,
});

describe('webhooks', () => {
  const app = useTestApp({ plugins: new PluginRegistry([plugin]), worker: true });
  const admin = () => login(app, ADMIN.email, ADMIN.password).then((t) => t.accessToken);

  async function connect(name: string, baseUrl?: string) {
    const integration = await json(
      await post(app, '/admin/integrations', { type: 'moysklad', name, settings: baseUrl ? { baseUrl } : {}, credentials: { kind: 'token', token: 'token-0123456789abc' } }, await admin()),
    );
    let health: any;
    await expect
      .poll(async () => (health = (await json(await call(app, 'GET', `/admin/integrations/${integration.id}`, await admin()))).health).webhooks.status, { timeout: 15_000 })
      .toMatch(/active|unavailable/);
    return { integration, health };
  }

  it('falls back to polling, and says why, when the source cannot reach this server', async () => {
    const { health } = await connect('Облачный МойСклад');
    expect(health.webhooks).toMatchObject({ status: 'unavailable', message: expect.stringMatching(/PUBLIC_BASE_URL is http:\/\/localhost/) });
  });

  it('takes a delivery in, recognises a duplicate, rejects a wrong secret, and applies it once', async () => {
    const { integration, health } = await connect('Локальный МойСклад', 'http://127.0.0.1:9/api/remap/1.2');
    expect(health.webhooks.status).toBe('active');
    const url = new URL(plugin.webhookUrls.at(-1)!);
    expect(url.pathname).toMatch(new RegExp(`^/webhooks/moysklad/${integration.id}/[\\w-]{30,}$`));
    const secret = url.pathname.split('/').at(-1)!;

    const send = (path: string, requestId: string) => {
      const { requestId: _, ...init } = delivery(requestId);
      return app.request(`${path}?requestId=${requestId}`, init);
    };
    const first = await send(url.pathname, 'req-1');
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ status: 'accepted' });
    expect(await json(await send(url.pathname, 'req-1'))).toEqual({ status: 'duplicate' });
    expect((await send(url.pathname.replace(secret, 'wrong-secret'), 'req-2')).status).toBe(404);

    await expect.poll(() => plugin.deliveries.length, { timeout: 10_000 }).toBe(1);
    await expect
      .poll(async () => (await app.db().prisma.webhookDelivery.findFirstOrThrow({ where: { requestId: 'req-1' } })).processedAt, { timeout: 10_000 })
      .not.toBeNull();
    const stored = await app.db().prisma.integrationWebhook.findUniqueOrThrow({ where: { integrationId: integration.id } });
    expect(stored.secretHash).not.toContain(secret);
    expect(stored.lastDeliveryAt).not.toBeNull();
  });

  it('refuses a delivery without a request id or with a body that is not JSON', async () => {
    const { integration } = await connect('Ещё один', 'http://127.0.0.1:9/api/remap/1.2');
    const path = new URL(plugin.webhookUrls.at(-1)!).pathname;
    expect((await app.request(path, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await app.request(`${path}?requestId=x`, { method: 'POST', body: 'nope' })).status).toBe(400);
    expect(integration.id).toBeDefined();
  });

  it('removes the webhooks when the integration is disabled', async () => {
    const token = await admin();
    const { integration } = await connect('Временный', 'http://127.0.0.1:9/api/remap/1.2');
    await call(app, 'PATCH', `/admin/integrations/${integration.id}`, token, { enabled: false });
    await expect
      .poll(async () => (await json(await call(app, 'GET', `/admin/integrations/${integration.id}`, token))).health.webhooks.status, { timeout: 15_000 })
      .toBe('off');
  });
});
