import type { Json } from '@crm/core';
import { idFromHref, type Barcode, type Reference, type SalePrice } from '@crm/moysklad';

/** The MoySklad id a reference points at, or null when absent. */
export function refId(reference: Reference | null | undefined): string | null {
  return reference ? (idFromHref(reference.meta.href) ?? null) : null;
}

/** A polymorphic reference as `{ type, id }` (`meta.type` names what it is). */
export function polyRef(
  reference: Reference | null | undefined,
): { type: string; id: string } | null {
  const id = refId(reference);
  return reference && id ? { type: reference.meta.type, id } : null;
}

/** Custom attributes as JSON (dates in `time` attributes become ISO strings). */
export function attributesOf(attributes: readonly unknown[] | null | undefined): Json | undefined {
  if (!attributes) return undefined;
  return JSON.parse(JSON.stringify(attributes)) as Json;
}

/** Barcodes of any format as plain strings, in the order given. */
export function barcodesOf(barcodes: readonly Barcode[] | null | undefined): string[] {
  return (barcodes ?? []).flatMap((b) =>
    [b.ean13, b.ean8, b.code128, b.gtin, b.upc].filter((v): v is string => typeof v === 'string'),
  );
}

/** Sale prices per price type, in kopecks. */
export function salePricesOf(prices: readonly SalePrice[] | null | undefined) {
  return (prices ?? []).flatMap((p) => {
    const priceTypeExternalId = refId(p.priceType);
    if (!priceTypeExternalId) return [];
    return [{ value: p.value ?? 0, priceTypeExternalId, currencyExternalId: refId(p.currency) }];
  });
}

/** `undefined` and `null` both become `null`: the write layer stores "not sent" as NULL. */
export const orNull = <T>(value: T | null | undefined): T | null => value ?? null;
