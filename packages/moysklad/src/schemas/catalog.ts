import { z } from 'zod';
import {
  barcodeSchema,
  collectionOf,
  dictionaryBase,
  entityBase,
  metaSchema,
  objectSchema,
  optional,
  priceSchema,
  referenceSchema,
  salePriceSchema,
} from './common';

/** VAT settings shared by folders and goods; `effective*` are what actually applies. */
const vatFields = {
  vat: optional(z.number()),
  vatEnabled: optional(z.boolean()),
  useParentVat: optional(z.boolean()),
  effectiveVat: optional(z.number()),
  effectiveVatEnabled: optional(z.boolean()),
  taxSystem: optional(z.string()),
};

export const productFolderSchema = dictionaryBase.extend({
  ...vatFields,
  pathName: optional(z.string()),
  // Parent folder.
  productFolder: optional(referenceSchema),
});
export type ProductFolder = z.output<typeof productFolderSchema>;

/** Prices and barcodes: what products, variants, services and bundles have in common. */
const pricedFields = {
  salePrices: optional(z.array(salePriceSchema)),
  buyPrice: optional(priceSchema),
  minPrice: optional(priceSchema),
  barcodes: optional(z.array(barcodeSchema)),
  discountProhibited: optional(z.boolean()),
};

const packSchema = z.looseObject({
  id: optional(z.string()),
  uom: optional(referenceSchema),
  quantity: optional(z.number()),
  barcodes: optional(z.array(barcodeSchema)),
});

/** Catalogue items placed in the folder tree (products, services, bundles). */
const goodsBase = dictionaryBase.extend({
  ...vatFields,
  ...pricedFields,
  pathName: optional(z.string()),
  productFolder: optional(referenceSchema),
  uom: optional(referenceSchema),
  paymentItemType: optional(z.string()),
  images: optional(collectionOf(objectSchema)),
});

export const productSchema = goodsBase.extend({
  article: optional(z.string()),
  weight: optional(z.number()),
  volume: optional(z.number()),
  variantsCount: optional(z.number()),
  supplier: optional(referenceSchema),
  country: optional(referenceSchema),
  packs: optional(z.array(packSchema)),
  trackingType: optional(z.string()),
  tnved: optional(z.string()),
  isSerialTrackable: optional(z.boolean()),
  things: optional(z.array(z.string())),
  // Only with `fields=minimumStock`.
  minimumStock: optional(objectSchema),
  weighed: optional(z.boolean()),
  onTap: optional(z.boolean()),
  alcoholic: optional(objectSchema),
});
export type Product = z.output<typeof productSchema>;

export const serviceSchema = goodsBase;
export type Service = z.output<typeof serviceSchema>;

/** A component of a bundle: some quantity of a product, variant or service. */
export const bundleComponentSchema = entityBase.extend({
  assortment: referenceSchema,
  quantity: z.number(),
});
export type BundleComponent = z.output<typeof bundleComponentSchema>;

export const bundleSchema = goodsBase.extend({
  article: optional(z.string()),
  weight: optional(z.number()),
  volume: optional(z.number()),
  country: optional(referenceSchema),
  packs: optional(z.array(packSchema)),
  trackingType: optional(z.string()),
  tnved: optional(z.string()),
  overhead: optional(priceSchema),
  components: optional(collectionOf(bundleComponentSchema)),
});
export type Bundle = z.output<typeof bundleSchema>;

/** One characteristic value of a variant (e.g. colour = red). */
export const characteristicSchema = z.looseObject({
  meta: optional(metaSchema),
  id: z.string(),
  name: z.string(),
  value: z.string(),
});

export const variantSchema = dictionaryBase.extend({
  ...pricedFields,
  product: referenceSchema,
  characteristics: optional(z.array(characteristicSchema)),
  packs: optional(z.array(packSchema)),
  images: optional(collectionOf(objectSchema)),
  things: optional(z.array(z.string())),
  minimumStock: optional(objectSchema),
});
export type Variant = z.output<typeof variantSchema>;
