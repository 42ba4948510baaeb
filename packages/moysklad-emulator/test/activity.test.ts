import { describe, expect, it } from 'vitest';
import { ACTIVITY_WEIGHTS } from '../src/live/activity';
import { get, getAll, type Json } from './helpers';
import { idOf, liveEmulator, stockFromDocuments } from './live-helpers';

describe('the activity stream', () => {
  it('is deterministic: the same seed gives the same stream and the same account', async () => {
    const run = async (seed: number) => {
      const emulator = liveEmulator({ activity: { seed } });
      const steps = emulator.activity.step(120);
      const orders = await get(
        emulator,
        '/entity/customerorder?limit=1000&filter=isDeleted=true;isDeleted=false',
      );
      const audit = await get(emulator, '/audit?limit=100');
      return { steps, orders: JSON.stringify(orders), audit: JSON.stringify(audit) };
    };
    const a = await run(5);
    const b = await run(5);
    expect(b.steps).toEqual(a.steps);
    expect(b.orders).toBe(a.orders);
    expect(b.audit).toBe(a.audit);
    const c = await run(6);
    expect(c.steps).not.toEqual(a.steps);
  });

  it('does what a business does, and the store stays consistent', async () => {
    const emulator = liveEmulator({ activity: { seed: 2 } });
    const steps = emulator.activity.step(400);
    const kinds = new Set(steps.map((s) => s.kind));
    for (const kind of Object.keys(ACTIVITY_WEIGHTS)) expect(kinds, kind).toContain(kind);
    expect(steps.every((s) => s.auditId !== null)).toBe(true);
    const eventTypes = new Set(
      emulator.audit.contexts.flatMap((c) => c.events.map((e) => e.eventType)),
    );
    for (const type of [
      'create',
      'update',
      'delete',
      'puttorecyclebin',
      'restorefromrecyclebin',
      'puttoarchive',
    ])
      expect(eventTypes, type).toContain(type);
    const sources = new Set(emulator.audit.contexts.map((c) => c.source));
    expect([...sources].sort()).toEqual(['app', 'connectors', 'retail']);

    // Stock on every store is what the posted documents say.
    const expected = await stockFromDocuments(emulator);
    const report = await get(emulator, '/report/stock/bystore?filter=stockMode=all');
    let checked = 0;
    for (const row of report.rows)
      for (const s of row.stockByStore) {
        expect(s.stock).toBeCloseTo(
          expected.get(`${idOf(row.meta.href)}@${idOf(s.meta.href)}`) ?? 0,
          6,
        );
        checked++;
      }
    expect(checked).toBeGreaterThan(50);

    // The ledger kept up step by step equals one replayed from scratch.
    const stock = Float64Array.from(emulator.store.ledger.stock);
    const cost = Float64Array.from(emulator.store.ledger.cost);
    emulator.store.rebuildLedger();
    expect(
      [...emulator.store.ledger.stock]
        .map((v, i) => v - stock[i]!)
        .every((d) => Math.abs(d) < 1e-9),
    ).toBe(true);
    expect(
      [...emulator.store.ledger.cost].map((v, i) => v - cost[i]!).every((d) => Math.abs(d) < 1e-6),
    ).toBe(true);

    // Sums of documents created or changed by the stream follow their positions.
    const touched = new Set<string>();
    for (const context of emulator.audit.contexts)
      for (const e of context.events)
        if (
          ['customerorder', 'demand', 'supply', 'retaildemand'].includes(e.entityType) &&
          !emulator.store.isRemoved(e.table, e.index)
        )
          touched.add(`${e.entityType}/${emulator.store.ids.encode(e.table, e.index)}`);
    expect(touched.size).toBeGreaterThan(30);
    for (const key of [...touched].slice(0, 40)) {
      const doc = await get(emulator, `/entity/${key}`);
      const positions = await get(emulator, `/entity/${key}/positions`);
      let sum = 0;
      for (const p of positions.rows) {
        const line = Math.round(p.price * p.quantity * (1 - p.discount / 100));
        sum +=
          doc.vatIncluded === false && doc.vatEnabled
            ? line + Math.round((line * p.vat) / 100)
            : line;
      }
      expect(doc.sum, key).toBe(sum);
    }

    // Open orders reserve; shipped ones do not.
    const reserve = new Map<string, number>();
    const open = await getAll(emulator, '/entity/customerorder?filter=applicable=true');
    for (const order of open) {
      for (const p of (await get(emulator, `/entity/customerorder/${order.id}/positions`)).rows) {
        if (p.reserve > 0 && p.assortment.meta.type !== 'bundle') {
          const id = idOf(p.assortment.meta.href);
          reserve.set(id, (reserve.get(id) ?? 0) + p.reserve);
        }
      }
    }
    const reported = new Map(
      ((await get(emulator, '/report/stock/all/current?stockType=reserve')) as Json[]).map((r) => [
        r.assortmentId,
        r.reserve,
      ]),
    );
    for (const [id, value] of reserve)
      expect(reported.get(id) ?? 0, id).toBeGreaterThanOrEqual(value - 1e-9);
  });

  it('runs at a rate per scaled minute until stopped; the control API drives it too', async () => {
    const emulator = liveEmulator({ timeScale: 100 });
    const server = await emulator.listen(0);
    try {
      const step = await fetch(`${server.url}/__control/activity/step`, {
        method: 'POST',
        body: JSON.stringify({ count: 3 }),
      });
      expect(((await step.json()) as Json[]).map((s) => typeof s.description)).toEqual([
        'string',
        'string',
        'string',
      ]);
      // 120 a minute, 100× faster: one every 5 ms.
      const started = await fetch(`${server.url}/__control/activity/start`, {
        method: 'POST',
        body: JSON.stringify({ perMinute: 120 }),
      });
      expect(((await started.json()) as Json).running).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await fetch(`${server.url}/__control/activity/stop`, { method: 'POST' });
      const count = emulator.activity.count;
      expect(count).toBeGreaterThan(10);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(emulator.activity.count).toBe(count);
      const stats = (await (await fetch(`${server.url}/__control/stats`)).json()) as Json;
      expect(stats.activity).toMatchObject({ steps: count, running: false });
      expect(stats.audit.contexts).toBeGreaterThanOrEqual(count - 5);
    } finally {
      await emulator.close();
    }
  });
});
