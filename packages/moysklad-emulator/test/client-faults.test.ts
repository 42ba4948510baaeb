import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createMoySkladClient, filter, type MoySkladClient } from '@crm/moysklad';
import type { Emulator, RunningServer } from '../src/index';
import type { FaultRuleInput } from '../src/http/faults';
import { call, get, type Json } from './helpers';
import { liveEmulator } from './live-helpers';

/**
 * The typed client against the emulator with faults on: it must still return every row exactly
 * once, and an incremental pass must bring a local copy back in line with the account.
 */

/** Faults of a bad day: 5 % 5xx, 5 % resets, cut bodies, latency spikes and 429 storms. */
const BAD_DAY: FaultRuleInput = {
  match: 'GET /**',
  serverErrors: 0.05,
  resets: 0.05,
  truncations: 0.03,
  latency: { probability: 0.1, ms: 400 },
  rateLimitStorms: { probability: 0.02, durationMs: 1000 },
};

/** Names the listings use, with the flags that make them list every row. */
const LISTS = [
  { name: 'customerOrder', path: 'customerorder', flag: 'isDeleted', limit: 2 },
  { name: 'demand', path: 'demand', flag: 'isDeleted', limit: 2 },
  { name: 'counterparty', path: 'counterparty', flag: 'archived', limit: 2 },
  { name: 'product', path: 'product', flag: 'archived', limit: 2 },
  { name: 'supply', path: 'supply', flag: 'isDeleted', limit: 3 },
  { name: 'retailDemand', path: 'retaildemand', flag: 'isDeleted', limit: 3 },
] as const;
type ListDef = (typeof LISTS)[number];

let emulator: Emulator | undefined;
let server: RunningServer | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  server = undefined;
});

async function start(): Promise<{ emulator: Emulator; client: MoySkladClient }> {
  emulator = liveEmulator({ timeScale: 20 });
  server = await emulator.listen(0);
  const user = emulator.credentials.users[0]!;
  const client = createMoySkladClient({
    baseUrl: `${server.url}/api/remap/1.2`,
    credentials: { login: user.login, password: user.password },
    rateLimit: { key: `emulator-${randomUUID()}`, units: 1000, windowMs: 100 },
    retry: { maxAttempts: 12, baseDelayMs: 5, maxDelayMs: 40 },
    timeoutMs: 5000,
  });
  return { emulator, client };
}

function everyRow(list: ListDef) {
  return list.flag === 'isDeleted' ? filter().isDeleted('any') : filter().archived('any');
}

/** The account as it is: id → `updated` of every row (faults off, in-process). */
async function truth(e: Emulator, list: ListDef): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let offset = 0; ; offset += 1000) {
    const page = await get(
      e,
      `/entity/${list.path}?filter=${list.flag}=true;${list.flag}=false&limit=1000&offset=${offset}`,
    );
    for (const row of page.rows) out.set(row.id, row.updated);
    if (offset + 1000 >= page.meta.size) return out;
  }
}

const moscow = (d: Date) =>
  new Date(d.getTime() + 3 * 3600_000).toISOString().replace('T', ' ').replace('Z', '');

async function pass(
  client: MoySkladClient,
  list: ListDef,
  query: { since?: Date; order?: 'updated' },
  into: Map<string, string>,
): Promise<number> {
  let f = everyRow(list);
  if (query.since) f = f.gte('updated', query.since);
  let count = 0;
  for await (const row of client.list(list.name, { filter: f, limit: list.limit })) {
    into.set(row.id, moscow(row.updated as Date));
    count++;
  }
  return count;
}

/** Ids deleted since a moment, from the audit. */
async function deletedSince(client: MoySkladClient, entityType: string, since: Date) {
  const ids = new Set<string>();
  for await (const context of client.list('audit', {
    filter: filter().gte('moment', since).eq('eventType', 'delete').eq('entityType', entityType),
  })) {
    for await (const event of client.auditEvents(context.id))
      if (event.eventType === 'delete' && event.entity)
        ids.add(event.entity.meta.href.split('/').pop()!);
  }
  return ids;
}

describe('the client against a faulty emulator', () => {
  it('returns every row exactly once when nothing changes during the listing', async () => {
    const { emulator, client } = await start();
    const expected = new Map<ListDef, string[]>();
    for (const list of LISTS) expected.set(list, [...(await truth(emulator, list)).keys()]);
    emulator.faults.configure({ seed: 11, rules: [BAD_DAY] });

    for (const list of LISTS) {
      const ids: string[] = [];
      for await (const row of client.list(list.name, { filter: everyRow(list), limit: list.limit }))
        ids.push(row.id);
      expect(ids, list.path).toEqual(expected.get(list));
    }
    const faults = emulator.control.counters().faults;
    for (const kind of ['serverError', 'reset', 'truncation', 'latency', 'rateLimitStorm'])
      expect(faults[kind], kind).toBeGreaterThan(0);
    expect(client.stats.retries).toBeGreaterThan(10);
  });

  it('converges with a second pass by updated>= when rows change between pages', async () => {
    const { emulator, client } = await start();
    const started = new Date(emulator.clock.now());
    const overlap = 1000;
    emulator.faults.configure({
      seed: 12,
      rules: [
        BAD_DAY,
        {
          match: ['GET /entity/customerorder', 'GET /entity/counterparty', 'GET /entity/product'],
          changesBetweenPages: {
            probability: 0.35,
            kinds: ['update', 'create', 'archive', 'trash'],
          },
        },
      ],
    });
    const local = new Map<ListDef, Map<string, string>>();
    for (const list of LISTS) {
      const rows = new Map<string, string>();
      await pass(client, list, {}, rows);
      local.set(list, rows);
    }
    const changes = emulator.audit.contexts.length;
    expect(changes).toBeGreaterThan(5);
    // After the first pass alone the copy is stale.
    let stale = 0;
    for (const list of LISTS) {
      const actual = await truth(emulator, list);
      for (const [id, updated] of actual) if (local.get(list)!.get(id) !== updated) stale++;
    }
    expect(stale).toBeGreaterThan(0);

    // The account is quiet now; the faults of a bad day go on.
    emulator.faults.configure({ seed: 13, rules: [BAD_DAY] });
    const since = new Date(started.getTime() - overlap);
    for (const list of LISTS) {
      const rows = local.get(list)!;
      await pass(client, list, { since }, rows);
      for (const id of await deletedSince(client, list.path, since)) rows.delete(id);
    }
    emulator.faults.clear();
    for (const list of LISTS)
      expect(local.get(list), list.path).toEqual(await truth(emulator, list));
  });

  it('hard deletes between pages make offset paging skip rows; a keyset walk by updated does not', async () => {
    const { emulator, client } = await start();
    const list = LISTS[0];

    // Offset paging: a row deleted before the offset shifts the rest, and one is never seen.
    const first = await get(emulator, '/entity/customerorder?limit=5&offset=0');
    const next = (await get(emulator, '/entity/customerorder?limit=1&offset=5')).rows[0];
    emulator.control.delete('customerorder', first.rows[0].id);
    const second = await get(emulator, '/entity/customerorder?limit=5&offset=5');
    expect(second.rows.map((r: Json) => r.id)).not.toContain(next.id);
    expect((await call(emulator, `/entity/customerorder/${next.id}`)).status).toBe(200);

    // A walk by `updated` (then id), restarting each page at the last moment seen, cannot skip.
    const started = new Date(emulator.clock.now());
    emulator.faults.configure({
      seed: 14,
      rules: [
        BAD_DAY,
        {
          match: 'GET /entity/customerorder',
          changesBetweenPages: { probability: 0.4, kinds: ['update', 'create', 'trash', 'delete'] },
        },
      ],
    });
    const local = new Map<string, string>();
    let cursor = new Date(0);
    for (;;) {
      const atCursor = [...local.values()].filter((u) => u === moscow(cursor)).length;
      const pages = client.pages(list.name, {
        filter: everyRow(list).gte('updated', cursor),
        order: [['updated', 'asc'], 'id'],
        limit: 10,
        offset: atCursor,
      });
      const page = await pages.next();
      await pages.return(undefined);
      const rows = page.value?.rows ?? [];
      for (const row of rows) local.set(row.id, moscow(row.updated as Date));
      if (rows.length < 10) break;
      cursor = rows[rows.length - 1]!.updated as Date;
    }
    const deletions = emulator.audit.contexts.filter((c) => c.events[0]!.eventType === 'delete');
    expect(deletions.length).toBeGreaterThan(0);
    emulator.faults.configure({ seed: 15, rules: [BAD_DAY] });
    for (const id of await deletedSince(client, 'customerorder', started)) local.delete(id);
    emulator.faults.clear();
    expect(local).toEqual(await truth(emulator, list));
  });
});
