import { acceptWebhook } from '@crm/core';
import { Hono } from 'hono';
import type { AppEnv, AppRuntime } from './env';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The webhook URL's secret must never reach a log line. */
export function redactWebhookPath(path: string): string {
  return path.replace(/^(\/webhooks\/[^/]+\/[^/]+\/)[^/]+/, '$1[redacted]');
}

/**
 * Where sources push changes: `POST /webhooks/<type>/<integrationId>/<secret>?requestId=...`. It
 * only checks the secret, records the delivery and queues it, answering well within MoySklad's
 * 1.5 s; the work happens in the webhook job. A repeated request id is answered and ignored.
 */
export function webhookRoutes(runtime: AppRuntime) {
  const app = new Hono<AppEnv>();
  app.post('/:type/:integrationId/:secret', async (c) => {
    const { integrationId, secret } = c.req.param();
    const requestId = c.req.query('requestId') ?? c.req.header('x-request-id');
    if (!UUID.test(integrationId) || !requestId) return c.json({ error: 'not found' }, 404);
    let payload: unknown;
    try {
      payload = await c.req.json();
    } catch {
      return c.json({ error: 'the body is not JSON' }, 400);
    }
    const result = await acceptWebhook(runtime.deps, { integrationId, secret, requestId: requestId.slice(0, 200), payload });
    if (result === 'unknown') return c.json({ error: 'not found' }, 404);
    return c.json({ status: result });
  });
  return app;
}
