import type { Random } from '../random/prng';
import type { EmulatorStore } from '../store/store';
import type { BundleComponent, ProductRow } from '../store/rows';
import { DAY } from '../time/moscow';
import type { SizeProfile } from './sizes';
import { CATALOGUE, SERVICES, type SubcategoryWords, type VatClass } from './vocabulary';

/** Russia's standard VAT rate went from 20 % to 22 % on 1 January 2026; the reduced rate stayed 10 %. */
export const VAT_22_FROM = Date.UTC(2025, 11, 31, 21, 0, 0);

export function vatRate(vatClass: VatClass, moment: number): number {
  if (vatClass === 'reduced') return 10;
  return moment >= VAT_22_FROM ? 22 : 20;
}

/** Prices drift up about 9 % a year; a price list of `until` was lower earlier. */
export function priceAt(currentKopecks: number, moment: number, until: number): number {
  const years = (until - moment) / (365 * DAY);
  return Math.round(currentKopecks / Math.pow(1.09, years) / 100) * 100;
}

const PRICE_TYPE_FACTORS = [1, 0.82, 0.74, 1.06];
const COUNTRIES = [
  'Россия',
  'Россия',
  'Россия',
  'Китай',
  'Беларусь',
  'Турция',
  'Узбекистан',
  'Вьетнам',
];
const UOM_INDEX: Record<SubcategoryWords['uom'], number> = { шт: 0, кг: 1, упак: 2, пара: 3, л: 4 };

export interface CatalogueInfo {
  /** VAT class per product, service and bundle, by index. */
  productVat: VatClass[];
  serviceVat: VatClass[];
  bundleVat: VatClass[];
}

function retailPrice(random: Random, [min, max]: readonly [number, number]): number {
  const rub = Math.exp(Math.log(min) + random.next() * (Math.log(max) - Math.log(min)));
  const rounded =
    rub < 100 ? Math.round(rub) : Math.round(rub / 10) * 10 - (random.chance(0.6) ? 10 : 0);
  return Math.max(rounded, 1) * 100;
}

function creationMoment(random: Random, founded: number, start: number, until: number): number {
  return random.chance(0.85)
    ? founded +
        random.int(0, Math.floor((start - founded) / 60_000)) * 60_000 +
        random.int(0, 59_999)
    : start +
        random.int(0, Math.floor((until - 30 * DAY - start) / 60_000)) * 60_000 +
        random.int(0, 59_999);
}

/** Product folders, goods, their variants, services and bundles. */
export function generateCatalogue(
  store: EmulatorStore,
  profile: SizeProfile,
  random: Random,
  start: number,
  until: number,
  supplierIndices: readonly number[],
): CatalogueInfo {
  const founded = start - 380 * DAY;
  const categories = profile.products < 200 ? CATALOGUE.slice(0, 5) : CATALOGUE;
  const subcategories: {
    words: SubcategoryWords;
    folder: number;
    prefix: string;
    brands: readonly string[];
  }[] = [];
  const owners = store.employees.length;

  for (const category of categories) {
    const top = store.folders.length;
    store.folders.push({
      name: category.name,
      code: category.prefix,
      parent: -1,
      pathName: '',
      vat: vatRate('standard', until),
      vatEnabled: true,
      useParentVat: false,
      archived: false,
      created: founded,
      updated: Math.max(founded, VAT_22_FROM < until ? VAT_22_FROM + DAY : founded),
      owner: 0,
    });
    category.subcategories.forEach((words, i) => {
      subcategories.push({
        words,
        folder: store.folders.length,
        prefix: category.prefix,
        brands: category.brands,
      });
      store.folders.push({
        name: words.name,
        code: `${category.prefix}-${i + 1}`,
        parent: top,
        pathName: category.name,
        vat: vatRate(words.vat, until),
        vatEnabled: true,
        useParentVat: words.vat === 'standard',
        archived: false,
        created: founded + DAY,
        updated: founded + random.int(2, 300) * DAY,
        owner: random.int(0, owners - 1),
      });
    });
  }
  store.folders.push({
    name: 'Архив коллекций',
    code: 'ARC',
    parent: -1,
    pathName: '',
    vat: 20,
    vatEnabled: true,
    useParentVat: false,
    archived: true,
    created: founded,
    updated: founded + 200 * DAY,
    owner: 0,
  });

  const productVat: VatClass[] = [];
  const perSub = Math.ceil(profile.products / subcategories.length);
  for (let n = 0; n < profile.products; n++) {
    const sub = subcategories[n % subcategories.length]!;
    const { words } = sub;
    const serial = Math.floor(n / subcategories.length);
    const noun = words.nouns[serial % words.nouns.length]!;
    const qualifier =
      words.qualifiers[Math.floor(serial / words.nouns.length) % words.qualifiers.length]!;
    const brand =
      sub.brands[
        Math.floor(serial / (words.nouns.length * words.qualifiers.length)) % sub.brands.length
      ]!;
    const combos = words.nouns.length * words.qualifiers.length * sub.brands.length;
    const model = perSub > combos / 2 ? `, мод. ${String(100 + serial).padStart(4, '0')}` : '';
    const price = retailPrice(random, words.price);
    const created = creationMoment(random, founded, start, until);
    const archived = random.chance(0.03);
    const vatClass = words.vat;
    const standardBeforeChange =
      vatClass === 'standard' && created < VAT_22_FROM && until > VAT_22_FROM;
    let updated =
      created +
      (random.chance(0.5)
        ? random.int(0, 200) * DAY + random.int(0, DAY)
        : random.int(0, 3_600_000));
    if (standardBeforeChange)
      updated = Math.max(updated, VAT_22_FROM + random.int(1, 10) * DAY + random.int(0, DAY));
    updated = Math.min(updated, until - random.int(1, 5) * 60_000);
    const weighed = words.uom === 'кг';
    const row: ProductRow = {
      name: `${noun} ${brand} ${qualifier}${model}`,
      folder: sub.folder,
      uom: UOM_INDEX[words.uom],
      archived,
      prices: PRICE_TYPE_FACTORS.map((f) => Math.round((price * f) / 100) * 100),
      buyPrice: Math.round(price * (0.5 + random.next() * 0.15)),
      minPrice: Math.round(price * 0.7),
      vat: vatRate(vatClass, until),
      vatEnabled: true,
      useParentVat: vatClass === 'standard' && random.chance(0.7),
      description: random.chance(0.3) ? `${noun} ${qualifier}. Бренд: ${brand}.` : undefined,
      article: `${sub.prefix}-${String(10000 + n)}`,
      supplier: supplierIndices[n % supplierIndices.length]!,
      weight: Math.round((0.05 + random.next() * 3) * 1000) / 1000,
      volume: Math.round(random.next() * 0.02 * 10000) / 10000,
      trackingType: words.trackingType ?? 'NOT_TRACKED',
      variantsCount: 0,
      firstVariant: -1,
      country: random.pick(COUNTRIES),
      warrantyMonths:
        words.trackingType === undefined && words.vat === 'standard'
          ? random.pick([0, 6, 12, 24])
          : 0,
      isNew: created > until - 90 * DAY,
      weighed,
      minimumBalance: random.chance(0.3) ? random.int(2, 20) : 0,
      created,
      updated,
      owner: random.int(0, owners - 1),
    };
    store.products.push(row);
    productVat.push(vatClass);

    if (words.axes && random.chance(profile.variantShare)) {
      const [first, second] = words.axes;
      const firstValues = random
        .sample(first!.values.length, random.int(2, Math.min(5, first!.values.length)))
        .map((i) => first!.values[i]!);
      const secondValues = second
        ? random.sample(second.values.length, random.int(1, 2)).map((i) => second.values[i]!)
        : [null];
      row.firstVariant = store.variants.length;
      for (const a of firstValues) {
        for (const b of secondValues) {
          const characteristics: [number, string][] = [[first!.name === 'Цвет' ? 1 : 0, a]];
          if (b !== null) characteristics.push([1, b]);
          const bump = a === 'XXL' || a === '45' ? 1.05 : 1;
          store.variants.push({
            product: store.products.length - 1,
            characteristics,
            name: `${row.name} (${b === null ? a : `${a}, ${b}`})`,
            archived: archived || random.chance(0.02),
            prices: row.prices.map((p) => Math.round((p * bump) / 100) * 100),
            buyPrice: Math.round(row.buyPrice * bump),
            created: row.created + random.int(0, 3_600_000),
            updated: Math.min(row.updated + random.int(0, 3_600_000), until - 60_000),
          });
          row.variantsCount++;
        }
      }
    }
  }

  const serviceVat: VatClass[] = [];
  for (let i = 0; i < profile.services; i++) {
    const s = SERVICES[i % SERVICES.length]!;
    const created = founded + random.int(0, 300) * DAY;
    store.services.push({
      name: i < SERVICES.length ? s.name : `${s.name} (${Math.floor(i / SERVICES.length) + 1})`,
      folder: -1,
      uom: 0,
      archived: i === profile.services - 1 && profile.services > 3,
      prices: PRICE_TYPE_FACTORS.map((f) => Math.round((s.price * 100 * f) / 100) * 100),
      buyPrice: s.cost * 100,
      minPrice: 0,
      vat: vatRate('standard', until),
      vatEnabled: true,
      useParentVat: false,
      description: undefined,
      created,
      updated: Math.min(Math.max(created, VAT_22_FROM + DAY), until - DAY),
      owner: 0,
    });
    serviceVat.push('standard');
  }

  const bundleVat: VatClass[] = [];
  const plainProducts = store.products
    .map((p, i) => (p.variantsCount === 0 && !p.archived ? i : -1))
    .filter((i) => i >= 0);
  let componentCounter = 0;
  for (let i = 0; i < profile.bundles && plainProducts.length >= 3; i++) {
    const picks = random
      .sample(plainProducts.length, random.int(2, 3))
      .map((k) => plainProducts[k]!);
    const components: BundleComponent[] = picks.map((index) => ({
      kind: 'product',
      index,
      quantity: random.chance(0.8) ? 1 : 2,
    }));
    const first = store.products[picks[0]!]!;
    const total = components.reduce(
      (sum, c) => sum + store.products[c.index]!.prices[0]! * c.quantity,
      0,
    );
    const prices = PRICE_TYPE_FACTORS.map((f) => Math.round((total * 0.9 * f) / 100) * 100);
    const created =
      Math.max(...picks.map((k) => store.products[k]!.created)) + random.int(1, 20) * DAY;
    const folderVat = productVat[picks[0]!]!;
    store.bundles.push({
      name: `Набор «${first.name.split(' ').slice(0, 2).join(' ')}» (${components.length} предм.)`,
      folder: first.folder,
      uom: 0,
      archived: random.chance(0.05),
      prices,
      buyPrice: 0,
      minPrice: 0,
      vat: vatRate(folderVat, until),
      vatEnabled: true,
      useParentVat: false,
      article: `НБ-${String(i + 1).padStart(4, '0')}`,
      components,
      firstComponent: componentCounter,
      created: Math.min(created, until - 10 * DAY),
      updated: Math.min(created + random.int(0, 60) * DAY, until - DAY),
      owner: 0,
    });
    componentCounter += components.length;
    bundleVat.push(folderVat);
  }

  return { productVat, serviceVat, bundleVat };
}
