import { z } from 'zod';
import { kopecks, looseReferenceSchema, metaSchema, objectSchema, optional } from './common';

/**
 * Row of `/report/stock/all`. `meta` points at the product, variant or consignment (its href
 * may carry `?expand=...`; use `idFromHref`). `price` is the unit cost in kopecks, fractional.
 */
export const stockAllRowSchema = z.looseObject({
  meta: metaSchema,
  stock: z.number(),
  reserve: z.number(),
  inTransit: z.number(),
  // Available: stock - reserve + in transit.
  quantity: z.number(),
  price: kopecks,
  salePrice: optional(kopecks),
  stockDays: optional(z.number()),
  name: z.string(),
  code: optional(z.string()),
  article: optional(z.string()),
  externalCode: optional(z.string()),
  uom: optional(looseReferenceSchema.extend({ name: optional(z.string()) })),
  folder: optional(
    looseReferenceSchema.extend({ name: optional(z.string()), pathName: optional(z.string()) }),
  ),
  image: optional(objectSchema),
});
export type StockAllRow = z.output<typeof stockAllRowSchema>;

/** Row of `/report/stock/bystore`: one entry per store of the account. */
export const stockByStoreRowSchema = z.looseObject({
  meta: metaSchema,
  stockByStore: z.array(
    z.looseObject({
      meta: metaSchema,
      name: optional(z.string()),
      stock: z.number(),
      reserve: z.number(),
      inTransit: z.number(),
    }),
  ),
});
export type StockByStoreRow = z.output<typeof stockByStoreRowSchema>;

/** What `/report/stock/{all,bystore}/current` can report, one kind per request. */
export const stockTypes = ['stock', 'freeStock', 'quantity', 'reserve', 'inTransit'] as const;
export type StockType = (typeof stockTypes)[number];

/**
 * Row of the short ("current") stock reports, a bare JSON array. The value sits under the key
 * named like the requested `stockType`; it is lifted into `value` here. `storeId` is present
 * (possibly `null`, for reserve not bound to a store) only in the by-store variant; `value` is
 * `null` for rows still being recalculated (`withRecalculate=true`).
 */
export function stockCurrentRowSchema(stockType: StockType) {
  return z
    .looseObject({ assortmentId: z.string(), storeId: optional(z.string()) })
    .transform((row, ctx) => {
      const value = row[stockType];
      if (value === null || typeof value === 'number') return { ...row, stockType, value };
      ctx.issues.push({
        code: 'custom',
        message: `Expected a number or null under "${stockType}"`,
        input: value,
        path: [stockType],
      });
      return z.NEVER;
    });
}
export type StockCurrentRow = z.output<ReturnType<typeof stockCurrentRowSchema>>;
