import { beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index';
import { formatMsk, HOUR } from '../src/time/moscow';
import { call, get, getAll, tinyDataset, tinyEmulator, type Json } from './helpers';
import { idOf, stockFromDocuments } from './live-helpers';

describe('stock reports agree with the documents', () => {
  let emulator: Emulator;
  let expected: Map<string, number>;

  beforeAll(async () => {
    emulator = tinyEmulator();
    expected = await stockFromDocuments(emulator);
  });

  it('stock by store = posted receipts − posted issues, per good and store', async () => {
    const report = await get(emulator, '/report/stock/bystore?filter=stockMode=all');
    let checked = 0;
    for (const row of report.rows) {
      const good = idOf(row.meta.href);
      for (const s of row.stockByStore) {
        expect(s.stock, `${row.meta.href} @ ${s.name}`).toBeCloseTo(
          expected.get(`${good}@${idOf(s.meta.href)}`) ?? 0,
          6,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    for (const [key, value] of expected) expect(value, key).toBeGreaterThanOrEqual(-1e-9);
  });

  it('the sum over stores equals /report/stock/all, and the short reports say the same', async () => {
    const all = await get(emulator, '/report/stock/all?filter=stockMode=all;quantityMode=all');
    const byStore = await get(emulator, '/report/stock/bystore?filter=stockMode=all');
    const current = await get(emulator, '/report/stock/all/current?include=zeroLines');
    const currentByStore = await get(emulator, '/report/stock/bystore/current');
    const totals = new Map(
      byStore.rows.map((r: Json) => [
        idOf(r.meta.href),
        r.stockByStore.reduce((s: number, x: Json) => s + x.stock, 0),
      ]),
    );
    const short = new Map(current.map((r: Json) => [r.assortmentId, r.stock]));
    for (const row of all.rows) {
      const id = idOf(row.meta.href);
      expect(row.stock).toBeCloseTo(totals.get(id) as number, 6);
      if (short.has(id)) expect(short.get(id)).toBeCloseTo(row.stock, 6);
      expect(row.quantity).toBeCloseTo(row.stock - row.reserve + row.inTransit, 6);
    }
    for (const r of currentByStore) {
      expect(r.stock).toBeCloseTo(expected.get(`${r.assortmentId}@${r.storeId}`)!, 6);
      expect(r.stock).not.toBe(0);
    }
  });

  it('reserve and in-transit come from open orders', async () => {
    const reserve = new Map<string, number>();
    const orders = await getAll(emulator, '/entity/customerorder?filter=applicable=true');
    for (const order of orders) {
      for (const p of (await get(emulator, `/entity/customerorder/${order.id}/positions`)).rows) {
        if (p.reserve > 0 && p.assortment.meta.type !== 'bundle') {
          const id = idOf(p.assortment.meta.href);
          reserve.set(id, (reserve.get(id) ?? 0) + p.reserve);
        }
      }
    }
    expect(reserve.size).toBeGreaterThan(0);
    const report = await get(emulator, '/report/stock/all/current?stockType=reserve');
    const reported = new Map(report.map((r: Json) => [r.assortmentId, r.reserve]));
    for (const [id, value] of reserve)
      expect(reported.get(id), id).toBeGreaterThanOrEqual(value - 1e-9);
    const transit = await get(emulator, '/report/stock/all/current?stockType=inTransit');
    expect(transit.length).toBeGreaterThan(0);
  });

  it('reports stock at a past moment by replaying the documents up to it', async () => {
    const moment = formatMsk(tinyDataset().until - 200 * 24 * HOUR).slice(0, 16);
    const then = await stockFromDocuments(emulator, moment);
    const report = await get(
      emulator,
      `/report/stock/bystore?filter=${encodeURIComponent(`stockMode=all;moment=${moment}`)}`,
    );
    for (const row of report.rows) {
      for (const s of row.stockByStore) {
        expect(s.stock).toBeCloseTo(
          then.get(`${idOf(row.meta.href)}@${idOf(s.meta.href)}`) ?? 0,
          6,
        );
      }
    }
  });

  it('carries a fractional average cost in kopecks', async () => {
    const rows = (await get(emulator, '/report/stock/all')).rows;
    // Goods still on their way (stock 0, quantity from in-transit) have no cost yet.
    expect(rows.filter((r: Json) => r.stock > 0).every((r: Json) => r.price > 0)).toBe(true);
    expect(rows.some((r: Json) => !Number.isInteger(r.price))).toBe(true);
    expect(rows.every((r: Json) => Number.isInteger(r.salePrice))).toBe(true);
  });

  it('filters by store, folder and stock mode', async () => {
    const stores = await getAll(emulator, '/entity/store');
    const store = stores[0];
    const one = await get(
      emulator,
      `/report/stock/bystore?filter=${encodeURIComponent(`store=${store.meta.href}`)}`,
    );
    expect(
      one.rows.every(
        (r: Json) => r.stockByStore.length === 1 && r.stockByStore[0].name === store.name,
      ),
    ).toBe(true);
    const positive = await get(
      emulator,
      '/report/stock/all?filter=stockMode=positiveOnly;quantityMode=all',
    );
    expect(positive.rows.every((r: Json) => r.stock > 0)).toBe(true);
    const empty = await get(emulator, '/report/stock/all?filter=stockMode=empty;quantityMode=all');
    expect(empty.rows.every((r: Json) => r.stock === 0)).toBe(true);
    const unknown = await call(emulator, '/report/stock/all?filter=colour=red');
    expect(unknown.body.errors[0].code).toBe(1034);
  });

  it('groups variants into their product with groupBy=product', async () => {
    const byVariant = await get(
      emulator,
      '/report/stock/all?filter=stockMode=all;quantityMode=all',
    );
    const byProduct = await get(
      emulator,
      '/report/stock/all?groupBy=product&filter=stockMode=all;quantityMode=all',
    );
    const total = (rows: Json[]) => rows.reduce((s, r) => s + r.stock, 0);
    expect(total(byProduct.rows)).toBeCloseTo(total(byVariant.rows), 6);
    expect(byProduct.rows.every((r: Json) => r.meta.type === 'product')).toBe(true);
    expect(byVariant.rows.some((r: Json) => r.meta.type === 'variant')).toBe(true);
  });
});

describe('current stock reports', () => {
  const until = tinyDataset().until;
  const emulator = tinyEmulator({ now: () => until + HOUR });

  it('takes one stockType and names its value after it', async () => {
    for (const type of ['stock', 'freeStock', 'quantity', 'reserve', 'inTransit']) {
      const rows = await get(
        emulator,
        `/report/stock/all/current?stockType=${type}&include=zeroLines`,
      );
      expect(
        rows.every(
          (r: Json) => Object.keys(r).sort().join() === ['assortmentId', type].sort().join(),
        ),
      ).toBe(true);
    }
    expect((await call(emulator, '/report/stock/all/current?stockType=stock,reserve')).status).toBe(
      412,
    );
  });

  it('lists only non-zero lines unless include=zeroLines', async () => {
    const plain = await get(emulator, '/report/stock/all/current?stockType=reserve');
    const zero = await get(
      emulator,
      '/report/stock/all/current?stockType=reserve&include=zeroLines',
    );
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.every((r: Json) => r.reserve !== 0)).toBe(true);
    expect(zero.length).toBeGreaterThan(plain.length);
    expect(zero.filter((r: Json) => r.reserve !== 0)).toEqual(plain);
  });

  it('filters by assortmentId and storeId, comma-separated or repeated', async () => {
    const all = await get(emulator, '/report/stock/bystore/current');
    const [a, b] = [all[0], all.find((r: Json) => r.assortmentId !== all[0].assortmentId)];
    const ids = await get(
      emulator,
      `/report/stock/bystore/current?filter=assortmentId=${a.assortmentId},${b.assortmentId}`,
    );
    expect(new Set(ids.map((r: Json) => r.assortmentId))).toEqual(
      new Set([a.assortmentId, b.assortmentId]),
    );
    const repeated = await get(
      emulator,
      `/report/stock/bystore/current?filter=assortmentId=${a.assortmentId};assortmentId=${b.assortmentId}&filter=storeId=${a.storeId}`,
    );
    expect(repeated.every((r: Json) => r.storeId === a.storeId)).toBe(true);
  });

  it('changedSince reaches 24 hours back at most, never into the future, and returns absolute values', async () => {
    const since = (hours: number) =>
      encodeURIComponent(formatMsk(until + HOUR - hours * HOUR).slice(0, 19));
    const recent = await get(emulator, `/report/stock/all/current?changedSince=${since(23)}`);
    expect(recent.length).toBeGreaterThan(0);
    const current = new Map(
      (await get(emulator, '/report/stock/all/current?include=zeroLines')).map((r: Json) => [
        r.assortmentId,
        r.stock,
      ]),
    );
    for (const r of recent) expect(r.stock).toBe(current.get(r.assortmentId));
    expect(
      (await call(emulator, `/report/stock/all/current?changedSince=${since(25)}`)).status,
    ).toBe(412);
    expect(
      (await call(emulator, `/report/stock/all/current?changedSince=${since(-2)}`)).status,
    ).toBe(412);
  });
});
