import { externalCodeFor } from '../ids';
import { internalEan13 } from '../dataset/checksums';
import type { IdTag } from '../model/types';
import type { Audited } from '../store/rows';
import { formatMsk } from '../time/moscow';
import { idOf, metaOf, ref, type JsonObject, type RenderContext } from './meta';

/** `meta`, `id`, `accountId`: how every entity starts. */
export function head(ctx: RenderContext, table: IdTag, index: number): JsonObject {
  return {
    meta: metaOf(ctx, table, index),
    id: idOf(ctx, table, index),
    accountId: ctx.store.accountId,
  };
}

/** `owner`, `shared`, `group`, `updated`: the ownership block of dictionaries and documents. */
export function ownership(ctx: RenderContext, row: Audited): JsonObject {
  return {
    owner: ref(ctx, 'employee', row.owner),
    shared: true,
    group: ref(ctx, 'group', 0),
    updated: formatMsk(row.updated),
  };
}

export function externalCode(ctx: RenderContext, table: IdTag, index: number): string {
  return externalCodeFor(ctx.store.seed, table, index);
}

/** A price in the account currency: `{ value, currency }`. */
export function money(ctx: RenderContext, value: number): JsonObject {
  return { value, currency: ref(ctx, 'currency', 0) };
}

export function priceTypeBrief(ctx: RenderContext, index: number): JsonObject {
  return {
    meta: metaOf(ctx, 'pricetype', index),
    id: idOf(ctx, 'pricetype', index),
    name: ctx.store.priceTypes[index]!.name,
    externalCode: externalCodeFor(ctx.store.seed, 'pricetype', index),
  };
}

export function salePrices(ctx: RenderContext, prices: readonly number[]): JsonObject[] {
  return prices.map((value, i) => ({ ...money(ctx, value), priceType: priceTypeBrief(ctx, i) }));
}

/** Digit telling kinds of goods apart inside their in-store EAN-13 codes. */
export const BARCODE_KIND = { product: 0, variant: 1, service: 2, bundle: 3 } as const;

export function barcodes(kind: keyof typeof BARCODE_KIND, index: number): JsonObject[] {
  return [{ ean13: internalEan13(BARCODE_KIND[kind], index) }];
}

/** Five-digit document numbers and product codes, as MoySklad numbers them. */
export function serialNumber(index: number): string {
  return String(index + 1).padStart(5, '0');
}

export function vatFields(vat: number, vatEnabled: boolean, useParentVat: boolean): JsonObject {
  return {
    vat,
    vatEnabled,
    useParentVat,
    effectiveVat: vat,
    effectiveVatEnabled: vatEnabled,
  };
}
