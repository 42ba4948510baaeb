import { describe, expect, it } from 'vitest';
import { json, useTestApp } from '../src/testing/harness';

describe('health endpoints', () => {
  const app = useTestApp();

  it('says it is alive', async () => {
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers, the schema is current and the queue runs', async () => {
    const response = await app.request('/readyz');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      status: 'ready',
      ready: true,
      checks: { database: { ok: true }, migrations: { ok: true }, queue: { ok: true } },
    });
  });

  it('is not ready, with the reason, when the job queue has stopped', async () => {
    app.runtime().queue.running = false;
    try {
      const response = await app.request('/readyz');
      expect(response.status).toBe(503);
      expect((await json(response)).checks.queue).toEqual({ ok: false, detail: 'job queue is not running' });
    } finally {
      app.runtime().queue.running = true;
    }
  });
});
