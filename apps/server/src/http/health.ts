import { checkReadiness } from '@crm/core';
import { Hono } from 'hono';
import { DEMO_NOTICE } from '../runtime/demo';
import type { AppEnv, AppRuntime } from './env';

export function healthRoutes(runtime: AppRuntime) {
  const app = new Hono<AppEnv>();
  // Liveness: the process answers. Nothing else, so a slow database never gets it restarted.
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const readiness = await checkReadiness(runtime.deps, () => runtime.queue.running);
    const notice = runtime.demo?.running() ? { demo: true, notice: DEMO_NOTICE } : {};
    return c.json({ status: readiness.ready ? 'ready' : 'not ready', ...readiness, ...notice }, readiness.ready ? 200 : 503);
  });
  return app;
}
