import { describe, expect, it } from 'vitest';
import { isValidEan13, isValidInn } from '../src/dataset/checksums';
import { VAT_22_FROM } from '../src/dataset/catalogue';
import { generateDataset } from '../src/dataset/generate';
import { createEmulator } from '../src/index';
import { DOCUMENT_TYPES } from '../src/model/types';
import { mskMonth } from '../src/time/moscow';
import { call, getAll, tinyDataset, tinyEmulator, type Json } from './helpers';

const PATHS = [
  '/entity/product?filter=archived=true;archived=false',
  '/entity/variant',
  '/entity/counterparty',
  '/entity/demand?limit=100&expand=positions,agent&fields=stock',
  '/entity/retaildemand?order=moment,desc',
  '/report/stock/all',
  '/report/stock/bystore/current',
];

describe('determinism', () => {
  it('the same seed gives byte-identical responses; another seed does not', async () => {
    const a = createEmulator({ dataset: 'tiny', seed: 11, limits: { enabled: false } });
    const b = createEmulator({ dataset: 'tiny', seed: 11, limits: { enabled: false } });
    const c = createEmulator({ dataset: 'tiny', seed: 12, limits: { enabled: false } });
    for (const path of PATHS) {
      const [x, y, z] = await Promise.all([call(a, path), call(b, path), call(c, path)]);
      expect(x.status).toBe(200);
      expect(x.raw).toBe(y.raw);
      expect(x.raw).not.toBe(z.raw);
    }
  });
});

describe('the demo account', () => {
  const store = tinyDataset();
  const emulator = tinyEmulator();

  it('has a few dozen of everything', () => {
    for (const type of [
      'customerorder',
      'demand',
      'invoiceout',
      'salesreturn',
      'retaildemand',
      'supply',
      'purchaseorder',
    ] as const) {
      expect(store.documents[type].length, type).toBeGreaterThanOrEqual(20);
    }
    expect(store.documents.retailsalesreturn.length).toBeGreaterThan(0);
    expect(store.documents.purchasereturn.length).toBeGreaterThan(0);
    expect(store.products.length).toBeGreaterThanOrEqual(30);
    expect(store.variants.length).toBeGreaterThan(5);
    expect(store.counterparties.length).toBeGreaterThanOrEqual(25);
  });

  it('covers more than a year of trade', () => {
    const moments = DOCUMENT_TYPES.flatMap((t) => store.documents[t].map((d) => d.moment));
    expect(Math.max(...moments) - Math.min(...moments)).toBeGreaterThan(365 * 86_400_000);
  });

  it('has valid INN (10 and 12 digits), KPP of the same tax office, OGRN and OGRNIP', async () => {
    const parties = [
      ...(await getAll(emulator, '/entity/counterparty?filter=archived=true;archived=false')),
      ...(await getAll(emulator, '/entity/organization')),
    ];
    const types = new Set(parties.map((p) => p.companyType));
    expect(types).toEqual(new Set(['legal', 'entrepreneur', 'individual']));
    for (const p of parties) {
      if (p.companyType === 'legal' && p.inn) {
        expect(p.inn).toMatch(/^\d{10}$/);
        expect(p.kpp.slice(0, 4)).toBe(p.inn.slice(0, 4));
        expect(p.ogrn).toMatch(/^\d{13}$/);
        expect((BigInt(p.ogrn.slice(0, 12)) % 11n) % 10n).toBe(BigInt(p.ogrn[12]));
      }
      if (p.companyType === 'entrepreneur') {
        expect(p.inn).toMatch(/^\d{12}$/);
        expect(p.name).toMatch(/^ИП /);
        expect((BigInt(p.ogrnip.slice(0, 14)) % 13n) % 10n).toBe(BigInt(p.ogrnip[14]));
      }
      if (p.inn) expect(isValidInn(p.inn), `${p.name} ${p.inn}`).toBe(true);
    }
  });

  it('writes e-mail addresses in Latin letters that are valid addresses', () => {
    const demo = generateDataset({ size: 'demo', seed: 5 });
    const parties = [...demo.counterparties, ...demo.organizations];
    for (const p of parties)
      if (p.email)
        expect(p.email).toMatch(/^[a-z0-9._-]+@([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/);
    for (const e of demo.employees) expect(e.email).toMatch(/^[a-z0-9._-]+@[a-z0-9-]+\.ru$/);
  });

  it('tags counterparties and speaks Russian', async () => {
    const parties = await getAll(emulator, '/entity/counterparty');
    expect(parties.every((p) => p.tags.length > 0)).toBe(true);
    expect(parties.some((p) => /[а-яё]/i.test(p.name))).toBe(true);
    const folders = await getAll(emulator, '/entity/productfolder');
    expect(folders.every((f) => /[А-ЯЁ]/.test(f.name[0]))).toBe(true);
  });

  it('gives every good a valid EAN-13 and sale prices for every price type', async () => {
    const priceTypes = (await call(emulator, '/context/companysettings/pricetype')).body;
    expect(priceTypes.map((p: Json) => p.name)).toEqual([
      'Розничная',
      'Оптовая',
      'Дилерская',
      'Маркетплейсы',
    ]);
    for (const type of ['product', 'variant', 'service', 'bundle']) {
      for (const good of await getAll(
        emulator,
        `/entity/${type}?filter=archived=true;archived=false`,
      )) {
        expect(isValidEan13(good.barcodes[0].ean13), good.name).toBe(true);
        expect(good.salePrices).toHaveLength(4);
        expect(good.salePrices.every((p: Json) => Number.isInteger(p.value) && p.value > 0)).toBe(
          true,
        );
      }
    }
  });

  it('makes variants by size and colour', async () => {
    const variants = await getAll(emulator, '/entity/variant');
    const names = new Set(variants.flatMap((v) => v.characteristics.map((c: Json) => c.name)));
    expect([...names].sort()).toEqual(['Размер', 'Цвет']);
    for (const v of variants)
      expect(v.name).toContain(`(${v.characteristics.map((c: Json) => c.value).join(', ')})`);
  });

  it('bundles are made of goods', async () => {
    const bundles = await getAll(
      emulator,
      '/entity/bundle?filter=archived=true;archived=false&limit=100&expand=components',
    );
    expect(bundles.length).toBeGreaterThan(0);
    for (const b of bundles) expect(b.components.meta.size).toBeGreaterThanOrEqual(2);
  });

  it('charges VAT at 20 % before 2026, 22 % from 2026, 10 % on reduced goods, none for the sole trader', () => {
    const rates = { before: new Set<number>(), after: new Set<number>() };
    // Returns keep the rate of the sale or receipt they undo.
    for (const type of DOCUMENT_TYPES.filter((t) => !t.endsWith('return'))) {
      for (const d of store.documents[type]) {
        for (let p = d.positionStart; p < d.positionStart + d.positionCount; p++) {
          (d.moment < VAT_22_FROM ? rates.before : rates.after).add(store.positions.vat[p]!);
        }
      }
    }
    expect([...rates.before].sort()).toEqual([0, 10, 20]);
    // 0 % with VAT on: exports to Kazakhstan.
    const exported = DOCUMENT_TYPES.flatMap((t) => store.documents[t]).some((d) => {
      for (let p = d.positionStart; p < d.positionStart + d.positionCount; p++) {
        if (store.positions.vat[p] === 0 && store.positions.vatEnabled[p] === 1) return true;
      }
      return false;
    });
    expect(exported).toBe(true);
    expect([...rates.after].sort()).toEqual([0, 10, 22]);
    const soleTrader = DOCUMENT_TYPES.flatMap((t) => store.documents[t]).filter(
      (d) => d.organization === 1,
    );
    expect(soleTrader.length).toBeGreaterThan(0);
    expect(soleTrader.every((d) => !d.vatEnabled && d.vatSum === 0)).toBe(true);
    const included = DOCUMENT_TYPES.flatMap((t) => store.documents[t]).filter((d) => d.vatEnabled);
    expect(new Set(included.map((d) => d.vatIncluded))).toEqual(new Set([true, false]));
  });

  it('keeps drafts, the recycle bin and archived dictionary rows', () => {
    const docs = DOCUMENT_TYPES.flatMap((t) => store.documents[t]);
    expect(docs.some((d) => !d.applicable)).toBe(true);
    expect(docs.some((d) => d.deleted > 0)).toBe(true);
    expect(store.products.some((p) => p.archived)).toBe(true);
    expect(store.stores.some((s) => s.archived)).toBe(true);
  });

  it('spreads `updated` and never before `created`', () => {
    const docs = DOCUMENT_TYPES.flatMap((t) => store.documents[t]);
    expect(docs.every((d) => d.updated >= d.created)).toBe(true);
    expect(docs.some((d) => d.updated - d.created > 86_400_000)).toBe(true);
    expect(store.products.every((p) => p.updated >= p.created)).toBe(true);
    expect(new Set(store.products.map((p) => p.updated)).size).toBe(store.products.length);
  });

  it('discounts some lines and keeps document sums in whole kopecks', () => {
    let discounted = 0;
    for (const type of DOCUMENT_TYPES) {
      for (const d of store.documents[type]) {
        expect(Number.isInteger(d.sum)).toBe(true);
        for (let p = d.positionStart; p < d.positionStart + d.positionCount; p++)
          if (store.positions.discount[p]! > 0) discounted++;
      }
    }
    expect(discounted).toBeGreaterThan(0);
  });
});

describe('seasonality', () => {
  it('sells more in December than in July', () => {
    const demo = generateDataset({ size: 'demo', seed: 3 });
    const byMonth = new Array(12).fill(0);
    for (const d of demo.documents.retaildemand) byMonth[mskMonth(d.moment)] += d.sum;
    expect(byMonth[11]).toBeGreaterThan(byMonth[6] * 1.25);
    expect(demo.products.length).toBe(5000);
    const documents = DOCUMENT_TYPES.reduce((n, t) => n + demo.documents[t].length, 0);
    expect(documents).toBeGreaterThan(15_000);
    expect(documents).toBeLessThan(30_000);
  }, 30_000);
});
