/**
 * Dataset generation time and memory per size, and the cost of a few heavy reads on it.
 * Run from the repository root:
 *   npx pnpm@12.21.0 --dir packages/moysklad-emulator exec node --expose-gc --import tsx ../../bench/moysklad-emulator/generate.ts [sizes...]
 */
import { gunzipSync } from 'node:zlib';
import {
  createEmulator,
  DATASET_SIZES,
  generateDataset,
  type DatasetSize,
} from '../../packages/moysklad-emulator/src/index';
import { DOCUMENT_TYPES } from '../../packages/moysklad-emulator/src/model/types';

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

async function timed(emulator: ReturnType<typeof createEmulator>, path: string): Promise<string> {
  const auth = `Basic ${Buffer.from(`${emulator.credentials.users[0]!.login}:${emulator.credentials.users[0]!.password}`).toString('base64')}`;
  const started = performance.now();
  const response = await emulator.app.request(`/api/remap/1.2${path}`, {
    headers: { Authorization: auth, 'Accept-Encoding': 'gzip' },
  });
  const body = gunzipSync(Buffer.from(await response.arrayBuffer()));
  return `${path} → ${response.status}, ${mb(body.length)} JSON in ${Math.round(performance.now() - started)} ms`;
}

const sizes = (process.argv.slice(2) as DatasetSize[]).filter((s) => DATASET_SIZES.includes(s));
for (const size of sizes.length > 0 ? sizes : DATASET_SIZES) {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const store = generateDataset({ size, seed: 1 });
  const seconds = (performance.now() - started) / 1000;
  gc?.();
  const usage = process.memoryUsage();
  const documents = DOCUMENT_TYPES.reduce((n, t) => n + store.documents[t].length, 0);
  console.log(
    `\n${size}: generated in ${seconds.toFixed(1)} s; heap ${mb(usage.heapUsed - before)} (+ ${mb(usage.arrayBuffers)} typed arrays), rss ${mb(usage.rss)}`,
  );
  console.log(
    `  products ${store.products.length}, variants ${store.variants.length}, services ${store.services.length}, bundles ${store.bundles.length}, ` +
      `counterparties ${store.counterparties.length}, documents ${documents}, positions ${store.positions.length}`,
  );
  console.log(`  ${DOCUMENT_TYPES.map((t) => `${t} ${store.documents[t].length}`).join(', ')}`);
  const emulator = createEmulator({ store, limits: { enabled: false } });
  for (const path of [
    '/entity/product?limit=1000',
    '/entity/demand?limit=1000&offset=1000',
    '/entity/demand?limit=100&expand=positions.assortment&fields=stock',
    '/entity/customerorder?filter=moment>=2026-10-01 00:00&order=sum,desc&limit=1000',
    '/report/stock/all',
    '/report/stock/all?offset=1000',
    '/report/stock/bystore',
    '/report/stock/all/current',
  ]) {
    console.log(`  ${await timed(emulator, path)}`);
  }
}
