import {
  moyskladSettingsSchema,
  type EntityProgress,
  type MoyskladCredentials,
} from '@crm/contracts';
import { entities, type FetchLike } from '@crm/moysklad';
import { defaultCredentials, generateDataset, type FaultConfigInput } from '@crm/moysklad-emulator';
import { describe, expect, it } from 'vitest';
import { moyskladPlugin } from '../../src/plugins/moysklad';
import { ENTITIES, ENTITY_BY_NAME } from '../../src/plugins/moysklad/entities';
import {
  crmSnapshot,
  differences,
  sourceSnapshot,
  TIME_SCALE,
  useMoysklad,
  type Harness,
} from './harness';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The harness's dataset, generated here to add a user beside its default administrator. */
const store = generateDataset({ size: 'tiny', seed: 7 });
const admin = defaultCredentials(store).users[0]!;
/** A shop assistant: no administrator rights, and cost prices are hidden from them. */
const clerk = {
  login: `clerk@${store.accountName}`,
  password: 'kassa-1',
  employee: 1,
  admin: false,
  viewCost: false,
};

/** The path below the API root (`/entity/product`), as the emulator logs it. */
const pathOf = (url: URL) => url.pathname.replace(/^.*\/api\/remap\/1\.2/, '');

/** `fetch` that notes every request MoySklad answered. */
function recording(answered: URL[], before?: (url: URL) => void): FetchLike {
  return async (input, init) => {
    const url = new URL(String(input));
    before?.(url);
    const response = await fetch(input, init);
    answered.push(url);
    return response;
  };
}

/** `fetch` that garbles one product's change time in every product listing MoySklad sends. */
function garbling(productId: string): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.ok || pathOf(new URL(String(input))) !== '/entity/product') return response;
    const body = (await response.json()) as { rows: Record<string, unknown>[] };
    for (const row of body.rows) if (row.id === productId) row.updated = 'вчера';
    // fetch has inflated the body already: its encoding and length no longer describe it.
    const headers = new Headers(response.headers);
    headers.delete('content-encoding');
    headers.delete('content-length');
    return new Response(JSON.stringify(body), { status: response.status, headers });
  };
}

/** `fetch` for an employee whose role may not open one listing: MoySklad answers 403. */
function forbidding(path: string): FetchLike {
  return async (input, init) => {
    if (pathOf(new URL(String(input))) !== path) return fetch(input, init);
    return new Response(JSON.stringify({ errors: [{ error: 'Доступ запрещен', code: 1016 }] }), {
      status: 403,
      headers: { 'Content-Type': 'application/json;charset=utf-8' },
    });
  };
}

/** Where MoySklad lists an entity (`retail_demand` → `/entity/retaildemand`). */
const endpointOf = (entity: string) => {
  const definition = ENTITY_BY_NAME.get(entity);
  return definition?.source === 'listed' ? entities[definition.endpoint].path : null;
};

const progressOf = (job: { progress: unknown }) =>
  Object.fromEntries((job.progress as EntityProgress[]).map((p) => [p.entity, p]));

/** Runs `work` while the emulator injects faults; returns its result and the faults it met. */
async function withFaults<T>(
  h: Harness,
  config: FaultConfigInput,
  work: () => Promise<T>,
): Promise<{ result: T; met: Record<string, number> }> {
  h.emulator.faults.clear();
  h.emulator.faults.configure(config);
  try {
    const result = await work();
    return { result, met: h.emulator.control.counters().faults };
  } finally {
    // Reading MoySklad to compare, and the next test, go without faults.
    h.emulator.faults.clear();
  }
}

async function inSync(h: Harness, integrationId: string) {
  return differences(await sourceSnapshot(h.truth), await crmSnapshot(h.deps.db, integrationId));
}

describe('MoySklad sync under failures', () => {
  const moysklad = useMoysklad({
    store,
    credentials: { users: [...defaultCredentials(store).users, clerk] },
  });

  it('resumes a full sync whose worker was killed at the entity and page it had reached', async () => {
    const h = moysklad();
    const integrationId = await h.connect();
    const worker = new AbortController();
    const first: URL[] = [];
    let killedAt: URL | undefined;
    // The worker dies when the run asks for the second page of a listing (not of a one-row probe).
    const killing = recording(first, (url) => {
      const { offset, limit } = Object.fromEntries(url.searchParams);
      if (!killedAt && Number(offset) > 0 && Number(limit) > 1) {
        killedAt = url;
        worker.abort(new Error('worker killed'));
      }
    });
    await expect(
      h.sync('full', { integrationId, signal: worker.signal, plugin: { fetch: killing } }),
    ).rejects.toThrow('worker killed');

    const job = await h.deps.db.prisma.syncJob.findFirstOrThrow({ where: { integrationId } });
    expect(job.status).toBe('running'); // left for the queue to retry
    // It died in the middle of the entity whose listing it was paging through.
    const interrupted = Object.values(progressOf(job)).filter((p) => p.status === 'running');
    expect(interrupted.map((p) => endpointOf(p.entity))).toEqual([pathOf(killedAt!)]);
    expect(
      Object.values(progressOf(job)).filter((p) => p.status === 'done').length,
    ).toBeGreaterThan(5);

    const second: URL[] = [];
    const resumed = await h.sync('full', {
      job: job.id,
      retryCount: 1,
      plugin: { fetch: recording(second) },
    });
    expect(resumed.status).toBe('succeeded');
    expect(Object.values(progressOf(resumed)).filter((p) => p.status !== 'done')).toEqual([]);
    expect(await inSync(h, integrationId)).toEqual({});

    // Nothing the first attempt had finished is asked again: only who the token belongs to, and
    // the interrupted listing from the page it had reached.
    const killedPath = pathOf(killedAt!);
    const before = new Set(first.map(pathOf));
    const repeated = new Set(second.map(pathOf).filter((p) => before.has(p)));
    expect([...repeated].sort()).toEqual(['/context/application', killedPath].sort());
    const offsets = second
      .filter((url) => pathOf(url) === killedPath)
      .map((url) => Number(url.searchParams.get('offset')));
    expect(Math.min(...offsets)).toBe(Number(killedAt!.searchParams.get('offset')));

    const whole: URL[] = [];
    expect(
      (await h.sync('full', { integrationId, plugin: { fetch: recording(whole) } })).status,
    ).toBe('succeeded');
    expect(second.length).toBeLessThan(whole.length);
    // Both attempts together cost a whole run and one more identity lookup, no more.
    expect(first.length + second.length).toBeLessThanOrEqual(whole.length + 1);
  });

  it('survives 5xx, dropped connections, slow answers and 429 storms without losing or doubling rows', async () => {
    const h = moysklad();
    const integrationId = await h.connect();
    const { result: job, met } = await withFaults(
      h,
      {
        seed: 3,
        rules: [
          {
            serverErrors: 0.05,
            resets: 0.03,
            truncations: 0.04,
            latency: { probability: 0.1, ms: 5000 },
            rateLimitStorms: { probability: 0.05, durationMs: 3000 },
          },
        ],
      },
      () => h.sync('full', { integrationId }),
    );
    expect(job.status).toBe('succeeded');
    for (const fault of ['serverError', 'reset', 'truncation', 'latency', 'rateLimitStorm'])
      expect(met[fault], fault).toBeGreaterThan(0);

    const source = await sourceSnapshot(h.truth);
    expect(differences(source, await crmSnapshot(h.deps.db, integrationId))).toEqual({});
    // Every row was read and stored once: a page retried is not counted, nor written, twice.
    const progress = progressOf(job);
    for (const entity of ENTITIES.filter((e) => e.source === 'listed')) {
      const rows = Object.keys(source[entity.name]!).length;
      expect(progress[entity.name], entity.name).toMatchObject({ fetched: rows, created: rows });
    }
  });

  it('catches up after rows change while a full sync pages through them, by the next incremental run', async () => {
    const h = moysklad();
    const integrationId = await h.connect();
    const since = h.emulator.control.requests().at(-1)?.seq ?? 0;
    const { result: full } = await withFaults(
      h,
      { seed: 5, rules: [{ match: '/entity/**', changesBetweenPages: { probability: 0.3 } }] },
      () => h.sync('full', { integrationId }),
    );
    expect(full.status).toBe('succeeded');
    const changes = h.emulator.control
      .requests({ since })
      .flatMap((r) => (r.change && !r.change.startsWith('не удалось') ? [r.change] : []));
    expect(changes.length).toBeGreaterThan(5);

    h.emulator.clock.advance(MINUTE);
    const incremental = await h.sync('incremental', { integrationId });
    expect(incremental.status).toBe('succeeded');
    expect(await inSync(h, integrationId)).toEqual({});
  });

  // Offset paging lets a row slide onto a page already read when an earlier one is deleted.
  it('keeps the row that slides onto a page already read when an earlier one is deleted', async () => {
    const h = moysklad();
    const integrationId = await h.connect();
    const supplies = { integrationId, entities: ['supply'] };
    const isListing = (url: URL) =>
      pathOf(url) === '/entity/supply' && url.searchParams.get('limit') === '100';
    let firstPage: string[] = [];
    let deleted: string | undefined;
    // Someone deletes a supply of the first page just as the sync asks for the second.
    const deleting: FetchLike = async (input, init) => {
      const url = new URL(String(input));
      if (isListing(url) && url.searchParams.get('offset') === '100' && !deleted) {
        deleted = firstPage[0]!;
        h.emulator.control.delete('supply', deleted);
      }
      const response = await fetch(input, init);
      if (isListing(url) && url.searchParams.get('offset') === '0')
        firstPage = ((await response.clone().json()) as { rows: { id: string }[] }).rows.map(
          (row) => row.id,
        );
      return response;
    };
    expect((await h.sync('full', { ...supplies, plugin: { fetch: deleting } })).status).toBe(
      'succeeded',
    );
    expect(deleted).toBeDefined();

    h.emulator.clock.advance(MINUTE);
    expect((await h.sync('incremental', supplies)).status).toBe('succeeded');
    expect((await inSync(h, integrationId)).supply).toBeUndefined();
  });

  it('reports a product MoySklad sends unreadable by its id, keeps it as it was, and stores the rest', async () => {
    const h = moysklad();
    const integrationId = await h.connect();
    const products = { entities: ['product'], integrationId };
    expect((await h.sync('full', products)).status).toBe('succeeded');
    const stored = async (id: string) =>
      (
        await h.deps.db.pool.query(
          `SELECT name, deleted_at FROM products WHERE integration_id = $1 AND external_id = $2`,
          [integrationId, id],
        )
      ).rows[0] as { name: string; deleted_at: Date | null } | undefined;

    // Both change in MoySklad; one of them then arrives garbled.
    const unreadable = h.emulator.store.ids.encode('product', 3);
    const renamed = h.emulator.store.ids.encode('product', 5);
    const before = await stored(unreadable);
    h.emulator.control.update('product', unreadable, { name: 'Кружка (новая)' });
    h.emulator.control.update('product', renamed, { name: 'Чашка (новая)' });
    h.emulator.clock.advance(MINUTE);

    const job = await h.sync('full', { ...products, plugin: { fetch: garbling(unreadable) } });
    expect(job.status).toBe('succeeded');
    expect(job.errors).toContainEqual(
      expect.objectContaining({ level: 'warning', entity: 'product', externalId: unreadable }),
    );
    expect(await stored(renamed)).toMatchObject({ name: 'Чашка (новая)', deleted_at: null });
    // Seen, though unreadable: neither updated nor taken for deleted.
    expect(await stored(unreadable)).toEqual(before);
    expect(before).toMatchObject({ deleted_at: null });
    const { product } = differences(
      await sourceSnapshot(h.truth),
      await crmSnapshot(h.deps.db, integrationId),
    );
    expect(product).toHaveLength(1);
    expect(product![0]).toContain(unreadable);
  });

  it('skips an entity the employee may not read, with a warning, and syncs the others', async () => {
    const h = moysklad();
    const integrationId = await h.connect();
    const job = await h.sync('full', {
      integrationId,
      plugin: { fetch: forbidding('/entity/retaildemand') },
    });
    expect(job.status).toBe('succeeded');
    const { retail_demand, ...others } = progressOf(job);
    expect(retail_demand).toMatchObject({
      status: 'skipped',
      message: expect.stringMatching(/retail_demand/),
    });
    expect(job.errors).toContainEqual(
      expect.objectContaining({ level: 'warning', entity: 'retail_demand' }),
    );
    expect(Object.values(others).filter((p) => p.status !== 'done')).toEqual([]);
    const { retail_demand: missing, ...rest } = await inSync(h, integrationId);
    expect(missing).toBeDefined();
    expect(rest).toEqual({});
  });

  it('fails at once, with an alert and without retrying, when MoySklad refuses the credentials', async () => {
    const h = moysklad();
    const token = 'f0e1d2c3b4a5968778695a4b3c2d1e0f00112233';
    const integrationId = await h.connect({ credentials: { kind: 'token', token } });
    const since = h.emulator.control.requests().at(-1)?.seq ?? 0;
    const logged = h.logs.length;

    // The first attempt of five is the last: the queue is not asked to retry (no throw).
    const job = await h.sync('full', { integrationId });
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^MoySklad refused the credentials/);
    expect(h.emulator.control.requests({ since }).map((r) => r.status)).toEqual([401]);

    const integration = await h.deps.db.prisma.integration.findUniqueOrThrow({
      where: { id: integrationId },
    });
    expect(integration).toMatchObject({ status: 'error' });
    const alert = await h.deps.db.prisma.systemAlert.findFirst({
      where: { dedupKey: `sync.failed:${integrationId}`, resolvedAt: null },
    });
    expect(alert).toMatchObject({ rule: 'sync.failed', severity: 'critical' });
    expect(alert!.message).toContain('MoySklad refused the credentials');

    const logs = h.logs.slice(logged).join('\n');
    expect(logs).toContain(integrationId); // the failure was logged…
    for (const text of [
      JSON.stringify(job),
      JSON.stringify(alert),
      JSON.stringify(integration),
      logs,
    ])
      expect(text).not.toContain(token); // …without the token
  });

  // MoySklad's clock can be a day ahead of the newest change the CRM has seen.
  it('runs an incremental sync right after a full one on an account quiet for a day', async () => {
    const h = moysklad();
    const integrationId = await h.connect();
    const catalogue = { integrationId, entities: ['product', 'variant', 'stock'] };
    h.emulator.clock.advance(2 * DAY);
    expect((await h.sync('full', catalogue)).status).toBe('succeeded');
    h.emulator.clock.advance(15 * MINUTE);
    expect((await h.sync('incremental', catalogue)).status).toBe('succeeded');
  });

  describe('connection test', () => {
    const plugin = moyskladPlugin({ timeScale: TIME_SCALE });
    const check = (h: Harness, credentials: MoyskladCredentials, baseUrl = h.baseUrl) =>
      plugin.testConnection({
        settings: moyskladSettingsSchema.parse({ baseUrl, tokenKind: 'user', webhooks: true }),
        credentials,
        deps: h.deps,
      });
    const everything = [...ENTITIES.map((e) => e.name as string), 'stock'];

    it('finds nothing wrong with the default administrator, by login or by token', async () => {
      const h = moysklad();
      const userToken = h.emulator.credentials.tokens.find((t) => t.kind === 'user')!.token;
      const ways: MoyskladCredentials[] = [
        { kind: 'basic', login: admin.login, password: admin.password },
        { kind: 'token', token: userToken },
      ];
      for (const credentials of ways) {
        const report = await check(h, credentials);
        expect(report).toMatchObject({
          ok: true,
          problems: [],
          account: { isAdmin: true, identity: expect.stringMatching(/^employee:/) },
          canSeeCost: true,
        });
        expect(report.entities).toEqual(everything.map((entity) => ({ entity, readable: true })));
      }
    });

    it('warns that an employee without rights sees no cost and gets no webhooks', async () => {
      const h = moysklad();
      const report = await check(h, {
        kind: 'basic',
        login: clerk.login,
        password: clerk.password,
      });
      expect(report).toMatchObject({ ok: true, account: { isAdmin: false }, canSeeCost: false });
      expect(report.problems).toContainEqual({
        code: 'missing_rights',
        message: expect.stringMatching(/cost/),
      });
      expect(report.problems).toContainEqual(
        expect.objectContaining({ code: 'webhooks_unavailable' }),
      );
    });

    it('says the credentials are wrong when the token is', async () => {
      const h = moysklad();
      const report = await check(h, { kind: 'token', token: 'not-a-token-of-this-account' });
      expect(report).toMatchObject({
        ok: false,
        problems: [{ code: 'bad_credentials' }],
        account: null,
      });
    });

    // Someone waits on the form for this answer: the client's four retries (backoff from 250 ms
    // doubling, 3.75–7.5 s in all) must fit in the time limit.
    it('says MoySklad cannot be reached when nothing answers', { timeout: 10_000 }, async () => {
      const h = moysklad();
      const report = await check(
        h,
        { kind: 'token', token: 'f0e1d2c3b4a59687' },
        'http://127.0.0.1:9/api/remap/1.2',
      );
      expect(report).toMatchObject({ ok: false, problems: [{ code: 'network' }] });
    });
  });
});
