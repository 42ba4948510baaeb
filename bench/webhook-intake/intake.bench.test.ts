import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { PluginRegistry } from '../../packages/integrations/src/index';
import { scriptedPlugin } from '../../packages/integrations/src/testing/scripted-plugin';
import { login, post } from '../../apps/server/test/auth/fixtures';
import { json, useTestApp } from '../../apps/server/src/testing/harness';

/**
 * A burst of webhook deliveries against a real listener while the webhook worker applies them:
 * MoySklad gives up on a delivery after 1.5 s, so what matters is the intake's tail latency.
 * Then the same burst again: every delivery is a duplicate and nothing more is queued.
 */
const DELIVERIES = Number(process.env.DELIVERIES ?? 1000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 100);
const EVENTS = Number(process.env.EVENTS ?? 5);

const plugin = scriptedPlugin({ pages: { currency: 1 }, webhooks: {} });
const app = useTestApp({ plugins: new PluginRegistry([plugin]), worker: true });

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type Burst = { latencies: number[]; answers: Record<string, number>; elapsed: number };

function burst(url: string, first: number, count: number): Promise<Burst> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(new URL('./burst.mjs', import.meta.url));
    execFile(process.execPath, [script, url, String(first), String(count), String(CONCURRENCY), String(EVENTS)], (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as Burst),
    );
  });
}

it(`takes a burst of ${DELIVERIES} deliveries in well within 1.5 s each`, async () => {
  const token = (await login(app, 'admin@example.com', 'admin123')).accessToken;
  const integration = await json(
    await post(app, '/admin/integrations', { type: 'moysklad', name: 'Бенчмарк', settings: { baseUrl: 'http://127.0.0.1:9/api/remap/1.2' }, credentials: { kind: 'token', token: 'bench-token-0123456789' } }, token),
  );
  await expect.poll(() => plugin.webhookUrls.length, { timeout: 20_000 }).toBe(1);
  const path = new URL(plugin.webhookUrls[0]!).pathname;
  const url = `${app.baseUrl()}${path}`;
  // A short warm-up first: connections opened, code paths compiled.
  await burst(url, DELIVERIES, 100);
  const first = await burst(url, 0, DELIVERIES);
  const queued = () => app.db().prisma.webhookDelivery.count({ where: { integrationId: integration.id } });
  const afterFirst = await queued();
  const second = await burst(url, 0, DELIVERIES);

  const report = (name: string, r: Burst) =>
    console.log(
      `${name}: ${r.latencies.length} deliveries, ${CONCURRENCY} at once, ${(r.latencies.length / (r.elapsed / 1000)).toFixed(0)}/s; ` +
        `latency p50 ${percentile(r.latencies, 50).toFixed(1)} ms, p95 ${percentile(r.latencies, 95).toFixed(1)} ms, ` +
        `p99 ${percentile(r.latencies, 99).toFixed(1)} ms, max ${r.latencies.at(-1)!.toFixed(1)} ms; ` +
        `p99 / 1500 ms = ${(percentile(r.latencies, 99) / 1500).toFixed(3)}; answers ${JSON.stringify(r.answers)}`,
    );
  report('burst', first);
  report('same burst again', second);
  await expect.poll(() => plugin.deliveries.length, { timeout: 120_000, interval: 500 }).toBe(DELIVERIES + 100);
  console.log(`applied by the worker: ${plugin.deliveries.length}; rows in webhook_deliveries: ${await queued()}; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);

  expect(first.answers.accepted).toBe(DELIVERIES);
  expect(second.answers.duplicate).toBe(DELIVERIES);
  expect(await queued()).toBe(afterFirst);
  expect(percentile(first.latencies, 99)).toBeLessThan(1500);
});
