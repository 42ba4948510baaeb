import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase } from '@crm/db/testing';
import { createEmulator, type Emulator, type RunningServer } from '@crm/moysklad-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, startServerProcess } from './process';

type Figures = { entity: string; rows: number; deleted: number };
type Started = Awaited<ReturnType<typeof startServerProcess>>;

/** Entities compared with the emulator: our name, MoySklad's endpoint, and whether it is a document. */
const COMPARED: [string, string, boolean][] = [
  ['counterparty', 'counterparty', false],
  ['product', 'product', false],
  ['variant', 'variant', false],
  ['service', 'service', false],
  ['bundle', 'bundle', false],
  ['customer_order', 'customerorder', true],
  ['demand', 'demand', true],
  ['invoice_out', 'invoiceout', true],
  ['sales_return', 'salesreturn', true],
  ['retail_demand', 'retaildemand', true],
  ['retail_sales_return', 'retailsalesreturn', true],
  ['supply', 'supply', true],
  ['purchase_order', 'purchaseorder', true],
  ['purchase_return', 'purchasereturn', true],
];

/** A port free now; webhooks need the server's address before it listens (PORT=0 has none). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** `crm-server start` as a newcomer runs it: no MoySklad variables, the demo on. */
async function startDemoServer(databaseUrl: string, env: Record<string, string> = {}) {
  const port = String(await freePort());
  return startServerProcess({ DATABASE_URL: databaseUrl, PORT: port, CRM_DEMO: 'auto', ...env });
}

function emulatorOf(server: Started): string {
  const match = /"emulator":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(server.output());
  if (!match) throw new Error(`the demo did not say where its emulator is:\n${server.output()}`);
  return match[1]!;
}

async function stop(server: Started) {
  server.child.kill('SIGINT');
  expect(await exited(server.child)).toBe(0);
}

/** The REST API as the admin seeded in development sees it. */
async function signIn(baseUrl: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'admin123' }),
  });
  expect(login.status).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const get = async (path: string): Promise<any> => {
    const response = await call('GET', path);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
    return response.json();
  };
  const demo = (await get('/admin/integrations')).items.find(
    (i: { origin: string }) => i.origin === 'demo',
  );
  expect(demo).toMatchObject({ name: 'Демо-магазин', status: 'active' });
  const figures = async (): Promise<Record<string, Figures>> =>
    Object.fromEntries(
      (await get(`/admin/integrations/${demo.id}`)).entities.map((e: Figures) => [e.entity, e]),
    );
  /** The newest full sync of the demo started after `since`, once it has ended. */
  const fullSyncSince = async (since: Date) => {
    let job: { status: string } | undefined;
    await expect
      .poll(
        async () => {
          const { items } = await get(`/admin/sync/jobs?integrationId=${demo.id}&limit=10`);
          job = items.find(
            (j: { kind: string; createdAt: string }) =>
              j.kind === 'full' && new Date(j.createdAt) >= since,
          );
          return job?.status;
        },
        { timeout: 90_000, interval: 1000 },
      )
      .toMatch(/succeeded|failed|cancelled/);
    return job!;
  };
  return { call, get, demo: demo as { id: string }, figures, fullSyncSince };
}

/** What an emulator holds, counted as the sync lists it (archived and recycled rows included). */
async function countsOf(emulator: RunningServer, token: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const read = async (path: string): Promise<any> =>
    (
      await fetch(`${emulator.url}/api/remap/1.2${path}`, {
        headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
      })
    ).json();
  for (const [entity, endpoint, isDocument] of COMPARED) {
    const flag = isDocument ? 'isDeleted' : 'archived';
    const page = await read(`/entity/${endpoint}?limit=1&filter=${flag}=true;${flag}=false`);
    counts[entity] = page.meta.size;
  }
  counts.stock = 0;
  for (let offset = 0; ; offset += 1000) {
    const page = await read(`/report/stock/bystore?limit=1000&offset=${offset}`);
    for (const item of page.rows as { stockByStore: Record<string, number>[] }[])
      counts.stock += item.stockByStore.filter((s) => s.stock || s.reserve || s.inTransit).length;
    if (offset + 1000 >= page.meta.size) break;
  }
  return counts;
}

describe('the demo on the full demo dataset', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('shows synced demo data through the API within a minute of the server answering', async () => {
    const started = Date.now();
    const server = await startDemoServer(db.url);
    const answered = Date.now();
    try {
      const ready = await fetch(`${server.baseUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        demo: true,
        notice: expect.stringMatching(/DEMO data .* crm integrations add/),
      });
      expect(server.output()).toMatch(/"level":40,.*"msg":"This server shows DEMO data/);

      const api = await signIn(server.baseUrl);
      const wanted = ['product', 'counterparty', 'demand', 'stock'];
      const seenAt: Record<string, number> = {};
      while (wanted.some((entity) => !seenAt[entity])) {
        const figures = await api.figures();
        for (const entity of wanted)
          if (!seenAt[entity] && (figures[entity]?.rows ?? 0) > 0) seenAt[entity] = Date.now();
        if (Date.now() - answered > 60_000) break;
        await sleep(500);
      }
      const seconds = (at: number | undefined) => (at ? ((at - answered) / 1000).toFixed(1) : '—');
      console.info(
        `demo data through the API, seconds after the server answered (${((answered - started) / 1000).toFixed(1)} s after the start): ` +
          wanted.map((entity) => `${entity} ${seconds(seenAt[entity])}`).join(', '),
      );
      for (const entity of wanted) expect(seenAt[entity], entity).toBeLessThan(answered + 60_000);
    } finally {
      await stop(server);
    }
  }, 180_000);

  it('keeps the data across a restart and syncs afresh instead of resuming the cut sync', async () => {
    const restarted = new Date();
    const server = await startDemoServer(db.url);
    try {
      const api = await signIn(server.baseUrl);
      expect((await api.figures()).product!.rows).toBeGreaterThan(0);
      const { items } = await api.get(`/admin/sync/jobs?integrationId=${api.demo.id}&limit=20`);
      type Job = { kind: string; status: string; triggeredBy: string; createdAt: string };
      const before = (items as Job[]).filter((j) => new Date(j.createdAt) < restarted);
      expect(before.map((j) => j.status)).toEqual(
        before.map(() => expect.stringMatching(/succeeded|cancelled/)),
      );
      const active = (items as Job[]).filter((j) => /queued|running/.test(j.status));
      expect(active).toEqual([
        expect.objectContaining({ kind: 'full', triggeredBy: 'system:demo' }),
      ]);
      expect(new Date(active[0]!.createdAt).getTime()).toBeGreaterThanOrEqual(restarted.getTime());
    } finally {
      await stop(server);
    }
  }, 120_000);
});

describe('the demo across restarts and when a real account arrives', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  // The account as the demo's emulator generates it at every start, untouched by activity.
  let fresh: Emulator;
  let freshServer: RunningServer;
  let token: string;
  let server: Started;
  beforeAll(async () => {
    db = await createTestDatabase();
    fresh = createEmulator({ dataset: 'tiny', seed: 1, clock: 'system' });
    freshServer = await fresh.listen(0);
    token = fresh.credentials.tokens.find((t) => t.kind === 'solution')!.token;
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null) await stop(server);
    await fresh.close();
    await db.drop();
  });
  const control = async (url: string, path: string, body: unknown = {}) =>
    (
      await fetch(`${url}/__control${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json();

  it('holds after a restart exactly what the regenerated emulator holds', async () => {
    const env = { CRM_DEMO_DATASET: 'tiny' };
    server = await startDemoServer(db.url, env);
    let api = await signIn(server.baseUrl);
    expect((await api.fullSyncSince(new Date(0))).status).toBe('succeeded');
    const expected = await countsOf(freshServer, token);

    // Business happens in this run's emulator; the next start's emulator will not have it.
    const emulator = emulatorOf(server);
    await control(emulator, '/activity/stop');
    await control(emulator, '/activity/step', { count: 40 });
    await expect
      .poll(async () => (await api.figures()).customer_order!.rows, {
        timeout: 90_000,
        interval: 1000,
      })
      .toBeGreaterThan(expected.customer_order!);
    await stop(server);

    const restarted = new Date();
    server = await startDemoServer(db.url, env);
    // Hold the new emulator still, so that it stays as generated while we compare.
    expect(await control(emulatorOf(server), '/activity/stop')).toMatchObject({ steps: 0 });
    api = await signIn(server.baseUrl);
    expect(await (await fetch(`${server.baseUrl}/readyz`)).json()).toMatchObject({ demo: true });
    expect((await api.fullSyncSince(restarted)).status).toBe('succeeded');

    const figures = await api.figures();
    const held = Object.fromEntries(Object.keys(expected).map((e) => [e, figures[e]?.rows ?? 0]));
    expect(held).toEqual(expected);
    expect(figures.customer_order!.deleted).toBeGreaterThan(0);
    // Nor are rows the last run's activity changed kept in that run's version.
    for (const table of ['documents', 'counterparties', 'products']) {
      const { rows } = await db.pool.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE deleted_at IS NULL AND source_updated_at > $1`,
        [new Date(fresh.store.until)],
      );
      expect(rows[0].n, table).toBe(0);
    }
  }, 300_000);

  it('ends when a real account is connected, and its data goes on request', async () => {
    const api = await signIn(server.baseUrl);
    const emulator = emulatorOf(server);
    const real = await api.call('POST', '/admin/integrations', {
      type: 'moysklad',
      name: 'Мой склад',
      settings: { baseUrl: `${freshServer.url}/api/remap/1.2`, tokenKind: 'solution' },
      credentials: { kind: 'token', token },
    });
    expect(real.status).toBe(200);

    const demo = await api.get(`/admin/integrations/${api.demo.id}`);
    expect(demo.status).toBe('disabled');
    expect(demo.statusMessage).toContain(
      `crm integrations remove "Демо-магазин" --purge (or DELETE /api/v1/admin/integrations/${api.demo.id}?purge=true)`,
    );
    const readiness = async () =>
      (await (await fetch(`${server.baseUrl}/readyz`)).json()) as { demo?: boolean };
    await expect.poll(async () => (await readiness()).demo).toBeUndefined();
    expect(server.output()).toContain('a real account was connected: the demo stops');
    await expect(fetch(`${emulator}/__control/activity`)).rejects.toThrow();

    expect((await api.call('DELETE', `/admin/integrations/${api.demo.id}?purge=true`)).status).toBe(
      200,
    );
    expect((await api.call('GET', `/admin/integrations/${api.demo.id}`)).status).toBe(404);
    await stop(server);
  }, 60_000);
});
