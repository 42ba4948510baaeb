/**
 * Live changes per size: activity steps a second (with a webhook subscriber on this machine),
 * a full ledger replay, and an incremental pull after the activity.
 * Run from the repository root:
 *   npx pnpm@12.21.0 --dir packages/moysklad-emulator exec node --import tsx ../../bench/moysklad-emulator/live.ts [sizes...] [--steps N]
 */
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';
import {
  createEmulator,
  DATASET_SIZES,
  generateDataset,
  formatMsk,
  type DatasetSize,
} from '../../packages/moysklad-emulator/src/index';

const args = process.argv.slice(2);
const stepsArg = args.indexOf('--steps');
const steps = stepsArg >= 0 ? Number(args[stepsArg + 1]) : 500;
const sizes = (args as DatasetSize[]).filter((s) => DATASET_SIZES.includes(s));

// A receiver that answers at once, as a webhook intake should.
let received = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received++;
    res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;

for (const size of sizes.length > 0 ? sizes : (['tiny', 'demo'] as DatasetSize[])) {
  const store = generateDataset({ size, seed: 1 });
  const emulator = createEmulator({
    store,
    limits: { enabled: false },
    clock: { start: store.until + 9 * 3600_000 },
  });
  const auth = `Basic ${Buffer.from(`${emulator.credentials.users[0]!.login}:${emulator.credentials.users[0]!.password}`).toString('base64')}`;
  const request = async (method: string, path: string, body?: unknown) => {
    const response = await emulator.app.request(`/api/remap/1.2${path}`, {
      method,
      headers: {
        Authorization: auth,
        'Accept-Encoding': 'gzip',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return JSON.parse(gunzipSync(Buffer.from(await response.arrayBuffer())).toString());
  };
  await request(
    'POST',
    '/entity/webhook',
    ['customerorder', 'demand', 'product', 'counterparty'].flatMap((entityType) =>
      ['CREATE', 'UPDATE', 'DELETE'].map((action) => ({ url: hookUrl, action, entityType })),
    ),
  );
  const from = emulator.clock.now();
  received = 0;
  let started = performance.now();
  emulator.activity.step(steps);
  const stepMs = performance.now() - started;
  await emulator.webhooks.idle();
  const delivered = performance.now() - started;
  const stats = emulator.webhooks.stats();
  started = performance.now();
  emulator.store.rebuildLedger();
  const replayMs = performance.now() - started;
  started = performance.now();
  const pulled = await request(
    'GET',
    `/entity/customerorder?filter=${encodeURIComponent(`updated>=${formatMsk(from)};isDeleted=true;isDeleted=false`)}&limit=1000`,
  );
  const pullMs = performance.now() - started;
  console.log(
    `${size}: ${steps} steps in ${Math.round(stepMs)} ms (${Math.round((steps / stepMs) * 1000)}/s), ` +
      `${emulator.audit.contexts.length} audit contexts, ${stats.delivered} notifications delivered ` +
      `(${received} received) by ${Math.round(delivered)} ms; ledger replay ${Math.round(replayMs)} ms; ` +
      `updated>= pull of ${pulled.meta.size} orders ${Math.round(pullMs)} ms`,
  );
  await emulator.close();
}
receiver.close();
