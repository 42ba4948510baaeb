import type { BundleRow, ProductRow, ServiceRow, VariantRow } from '@crm/core';
import type { Bundle, Product, Service, Variant } from '@crm/moysklad';
import { attributesOf, barcodesOf, orNull, polyRef, refId, salePricesOf } from './common';

/** What products, services and bundles share: identity, folder, unit, VAT, prices, barcodes. */
function goods(g: Product | Service | Bundle) {
  return {
    externalId: g.id,
    sourceUpdatedAt: g.updated,
    attributes: attributesOf(g.attributes),
    archived: g.archived ?? false,
    name: g.name,
    code: orNull(g.code),
    externalCode: orNull(g.externalCode),
    description: orNull(g.description),
    pathName: orNull(g.pathName),
    barcodes: barcodesOf(g.barcodes),
    // The VAT that applies, inherited from the folder when the item says so.
    vat: orNull(g.effectiveVat ?? g.vat),
    vatEnabled: orNull(g.effectiveVatEnabled ?? g.vatEnabled),
    paymentItemType: orNull(g.paymentItemType),
    folderExternalId: refId(g.productFolder),
    unitExternalId: refId(g.uom),
    salePrices: salePricesOf(g.salePrices),
  };
}

export const productRow = (p: Product): ProductRow => ({
  ...goods(p),
  article: orNull(p.article),
  buyPrice: orNull(p.buyPrice?.value),
  buyPriceCurrencyExternalId: refId(p.buyPrice?.currency),
  weighed: p.weighed ?? false,
  trackingType: orNull(p.trackingType),
  variantsCount: p.variantsCount ?? 0,
  supplierExternalId: refId(p.supplier),
});

export const serviceRow = (s: Service): ServiceRow => ({
  ...goods(s),
  buyPrice: orNull(s.buyPrice?.value),
  buyPriceCurrencyExternalId: refId(s.buyPrice?.currency),
});

export const bundleRow = (b: Bundle): BundleRow => {
  // Components arrive only when expanded; without them the stored list stays.
  const components = b.components?.rows;
  return {
    ...goods(b),
    article: orNull(b.article),
    ...(components && {
      components: components.flatMap((c) => {
        const assortment = polyRef(c.assortment);
        if (!assortment) return [];
        return [
          {
            externalId: c.id,
            quantity: c.quantity,
            assortmentType: assortment.type as 'product' | 'variant' | 'service',
            assortmentExternalId: assortment.id,
          },
        ];
      }),
    }),
  };
};

export const variantRow = (v: Variant): VariantRow => ({
  externalId: v.id,
  sourceUpdatedAt: v.updated,
  attributes: attributesOf(v.attributes),
  archived: v.archived ?? false,
  name: v.name,
  code: orNull(v.code),
  article: null,
  externalCode: orNull(v.externalCode),
  characteristics: (v.characteristics ?? []).map((c) => ({
    id: c.id,
    name: c.name,
    value: c.value,
  })),
  barcodes: barcodesOf(v.barcodes),
  buyPrice: orNull(v.buyPrice?.value),
  buyPriceCurrencyExternalId: refId(v.buyPrice?.currency),
  productExternalId: refId(v.product) ?? '',
  salePrices: salePricesOf(v.salePrices),
});
