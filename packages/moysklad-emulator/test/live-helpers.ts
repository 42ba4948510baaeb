import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createEmulator, type CreateEmulatorOptions, type Emulator } from '../src/index';
import { generateDataset } from '../src/dataset/generate';
import { get, getAll, type Json } from './helpers';

/** The history of the tiny dataset ends at midnight, 1 November 2026; the clock starts after it. */
export const START = '2026-11-02 10:00';

/** An emulator over a fresh tiny dataset (changes must not leak between tests), manual clock. */
export function liveEmulator(options: CreateEmulatorOptions = {}): Emulator {
  return createEmulator({
    store: generateDataset({ size: 'tiny', seed: 7 }),
    limits: { enabled: false },
    clock: { start: START },
    ...options,
  });
}

export interface Received {
  url: URL;
  headers: IncomingMessage['headers'];
  body: Json;
}

/**
 * A webhook receiver on 127.0.0.1. `answer` decides each reply (status, and a delay before it);
 * by default 200 at once.
 */
export async function receiver(
  answer: (request: Received, n: number) => { status: number; delayMs?: number } = () => ({
    status: 200,
  }),
): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: Received = {
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'),
      };
      received.push(request);
      const { status, delayMs = 0 } = answer(request, received.length);
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(status).end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const INBOUND = ['supply', 'salesreturn', 'retailsalesreturn'];
const OUTBOUND = ['demand', 'retaildemand', 'purchasereturn'];

export const idOf = (href: string) => href.split('?')[0]!.split('/').pop()!;

/**
 * Stock worked out from the documents alone, the way an accountant would: posted receipts minus
 * posted issues per good and store, bundles taking their components.
 */
export async function stockFromDocuments(
  emulator: Emulator,
  until?: string,
): Promise<Map<string, number>> {
  const components = new Map<string, { id: string; quantity: number }[]>();
  for (const bundle of await getAll(
    emulator,
    '/entity/bundle?filter=archived=true;archived=false',
  )) {
    const list = await get(emulator, `/entity/bundle/${bundle.id}/components`);
    components.set(
      bundle.id,
      list.rows.map((c: Json) => ({ id: idOf(c.assortment.meta.href), quantity: c.quantity })),
    );
  }
  const stock = new Map<string, number>();
  const add = (good: string, store: string, quantity: number) => {
    const key = `${good}@${store}`;
    stock.set(key, (stock.get(key) ?? 0) + quantity);
  };
  for (const type of [...INBOUND, ...OUTBOUND]) {
    const sign = INBOUND.includes(type) ? 1 : -1;
    const filter = `applicable=true${until ? `;moment<=${until}` : ''}`;
    for (const doc of await getAll(
      emulator,
      `/entity/${type}?filter=${encodeURIComponent(filter)}`,
    )) {
      const store = idOf(doc.store.meta.href);
      const positions = await get(emulator, `/entity/${type}/${doc.id}/positions`);
      for (const p of positions.rows) {
        const kind = p.assortment.meta.type;
        const good = idOf(p.assortment.meta.href);
        if (kind === 'service') continue;
        if (kind === 'bundle') {
          for (const c of components.get(good)!) add(c.id, store, sign * p.quantity * c.quantity);
        } else {
          add(good, store, sign * p.quantity);
        }
      }
    }
  }
  return stock;
}
