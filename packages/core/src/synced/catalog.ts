import { boolean, integer, jsonb, money, quantity, text, textArray } from './spec/columns';
import { polyRef, ref } from './spec/references';
import { defineChild, defineTable, type ChildRow, type InputRow } from './spec/tables';
import { upserter } from './upsert';

/** Sale prices of one owner kind; `owner` is the sale_prices column that points at it. */
const salePrices = (owner: 'product_id' | 'variant_id' | 'service_id' | 'bundle_id') => ({
  spec: defineChild({
    table: 'sale_prices',
    parentColumn: owner,
    numbered: false,
    columns: { value: money() },
    refs: { priceType: ref('price_types'), currency: ref('currencies') },
  }),
  digest: 'prices_hash',
});

const archived = boolean.or('false');

export const products = defineTable({
  table: 'products',
  versioned: true,
  columns: {
    archived,
    name: text(),
    code: text.nullable(),
    article: text.nullable(),
    externalCode: text.nullable(),
    description: text.nullable(),
    pathName: text.nullable(),
    barcodes: textArray(),
    vat: integer.nullable(),
    vatEnabled: boolean.nullable(),
    buyPrice: money.nullable(),
    minimumBalance: quantity.nullable(),
    weighed: boolean.or('false'),
    trackingType: text.nullable(),
    paymentItemType: text.nullable(),
    variantsCount: integer.or('0'),
  },
  refs: {
    folder: ref('product_folders'),
    unit: ref('units'),
    supplier: ref('counterparties'),
    buyPriceCurrency: ref('currencies'),
  },
  children: { salePrices: salePrices('product_id') },
});

export const variants = defineTable({
  table: 'variants',
  versioned: true,
  columns: {
    archived,
    name: text(),
    code: text.nullable(),
    article: text.nullable(),
    externalCode: text.nullable(),
    characteristics: jsonb.or(`'[]'`),
    barcodes: textArray(),
    buyPrice: money.nullable(),
  },
  refs: { product: ref('products', { required: true }), buyPriceCurrency: ref('currencies') },
  children: { salePrices: salePrices('variant_id') },
});

export const services = defineTable({
  table: 'services',
  versioned: true,
  columns: {
    archived,
    name: text(),
    code: text.nullable(),
    externalCode: text.nullable(),
    description: text.nullable(),
    pathName: text.nullable(),
    barcodes: textArray(),
    vat: integer.nullable(),
    vatEnabled: boolean.nullable(),
    buyPrice: money.nullable(),
    paymentItemType: text.nullable(),
  },
  refs: { folder: ref('product_folders'), unit: ref('units'), buyPriceCurrency: ref('currencies') },
  children: { salePrices: salePrices('service_id') },
});

const bundleComponents = defineChild({
  table: 'bundle_components',
  parentColumn: 'bundle_id',
  numbered: false,
  columns: { externalId: text.nullable(), quantity: quantity() },
  refs: {
    assortment: polyRef(
      {
        product: { table: 'products', column: 'product_id' },
        variant: { table: 'variants', column: 'variant_id' },
        service: { table: 'services', column: 'service_id' },
      },
      { required: true },
    ),
  },
});

export const bundles = defineTable({
  table: 'bundles',
  versioned: true,
  columns: {
    archived,
    name: text(),
    code: text.nullable(),
    article: text.nullable(),
    externalCode: text.nullable(),
    description: text.nullable(),
    pathName: text.nullable(),
    barcodes: textArray(),
    vat: integer.nullable(),
    vatEnabled: boolean.nullable(),
    paymentItemType: text.nullable(),
  },
  refs: { folder: ref('product_folders'), unit: ref('units') },
  children: {
    salePrices: salePrices('bundle_id'),
    components: { spec: bundleComponents, digest: 'components_hash' },
  },
});

export type ProductRow = InputRow<typeof products>;
export type VariantRow = InputRow<typeof variants>;
export type ServiceRow = InputRow<typeof services>;
export type BundleRow = InputRow<typeof bundles>;
export type SalePriceRow = ChildRow<ReturnType<typeof salePrices>['spec']>;
export type BundleComponentRow = ChildRow<typeof bundleComponents>;

export const upsertProducts = upserter(products);
export const upsertVariants = upserter(variants);
export const upsertServices = upserter(services);
export const upsertBundles = upserter(bundles);
