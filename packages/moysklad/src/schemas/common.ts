import { z } from 'zod';
import { tryParseMoscowTime } from '../time';

/**
 * Building blocks every entity schema is assembled from. All objects are loose: MoySklad adds
 * fields without notice ("Может быть добавлено новое поле без нарушения структуры ответа"),
 * and unknown fields must reach the caller untouched. Optional fields accept `null` as well as
 * absence: the docs promise omission, but the spec marks many of them nullable.
 */

/** Optional field that may also arrive as `null`. */
export const optional = <S extends z.ZodType>(schema: S) => schema.nullish();

/** Moscow wall-clock string (`YYYY-MM-DD HH:mm:ss[.SSS]`) parsed into an absolute `Date`. */
export const moscowDateTime = z.string().transform((value, ctx) => {
  const date = tryParseMoscowTime(value);
  if (date) return date;
  ctx.issues.push({
    code: 'custom',
    message: 'Expected a MoySklad date-time (YYYY-MM-DD HH:mm:ss[.SSS], Moscow time)',
    input: value,
  });
  return z.NEVER;
});

/**
 * Money in minor units (kopecks for RUB) exactly as sent: floats, never rounded here. Costs are
 * fractional (`50260.86956521739`); only presentation rounds.
 */
export const kopecks = z.number();

export const metaSchema = z.looseObject({
  href: z.string(),
  type: z.string(),
  mediaType: optional(z.string()),
  metadataHref: optional(z.string()),
  uuidHref: optional(z.string()),
  downloadHref: optional(z.string()),
  // Only on collection metas.
  size: optional(z.number()),
  limit: optional(z.number()),
  offset: optional(z.number()),
  nextHref: optional(z.string()),
  previousHref: optional(z.string()),
});
export type Meta = z.output<typeof metaSchema>;

/**
 * A link to another object: `{ meta }`, or the whole object when it was expanded. Expanded
 * objects are kept as they came (loose), so `expand` never breaks validation.
 */
export const referenceSchema = z.looseObject({ meta: metaSchema });
export type Reference = z.output<typeof referenceSchema>;

export const referencesSchema = z.array(referenceSchema);

/**
 * A link whose `meta` may be missing: documented examples show `owner: { name }` and stock
 * report rows `uom: {}` for goods without a unit. Used only where nothing depends on the href.
 */
export const looseReferenceSchema = z.looseObject({ meta: optional(metaSchema) });

/** A nested collection (MetaArray): `meta` with `size`, plus `rows` once expanded. */
export const collectionOf = <S extends z.ZodType>(row: S) =>
  z.looseObject({ meta: metaSchema, rows: optional(z.array(row)) });

/** Any object whose shape this client does not model further. */
export const objectSchema = z.looseObject({});

/**
 * Custom attribute value. `time` attributes carry a Moscow date-time string, parsed like every
 * other date; reference-typed attributes carry an object, the rest a primitive.
 */
export const attributeSchema = z
  .looseObject({
    meta: metaSchema,
    id: z.string(),
    name: z.string(),
    type: z.string(),
    value: z.unknown().optional(),
  })
  .transform((attribute, ctx) => {
    if (attribute.type !== 'time' || typeof attribute.value !== 'string') return attribute;
    const value = tryParseMoscowTime(attribute.value);
    if (value) return { ...attribute, value };
    ctx.issues.push({
      code: 'custom',
      message: 'Expected a MoySklad date-time in a time attribute',
      input: attribute.value,
      path: ['value'],
    });
    return z.NEVER;
  });
export type Attribute = z.output<typeof attributeSchema>;

/** `{ value, currency }`: buy price, minimum price, overhead. */
export const priceSchema = z.looseObject({
  value: optional(kopecks),
  currency: optional(referenceSchema),
});

/** One sale price per price type. */
export const salePriceSchema = priceSchema.extend({
  priceType: z.looseObject({
    meta: metaSchema,
    id: optional(z.string()),
    name: optional(z.string()),
    externalCode: optional(z.string()),
  }),
});
export type SalePrice = z.output<typeof salePriceSchema>;

/** One barcode: exactly one of the format keys is set. */
export const barcodeSchema = z.looseObject({
  ean13: optional(z.string()),
  ean8: optional(z.string()),
  code128: optional(z.string()),
  gtin: optional(z.string()),
  upc: optional(z.string()),
});
export type Barcode = z.output<typeof barcodeSchema>;

/** Postal address broken into parts (`actualAddressFull`, `addressFull`, ...). */
export const addressSchema = z.looseObject({
  postalCode: optional(z.string()),
  country: optional(referenceSchema),
  region: optional(referenceSchema),
  city: optional(z.string()),
  street: optional(z.string()),
  house: optional(z.string()),
  apartment: optional(z.string()),
  addInfo: optional(z.string()),
  comment: optional(z.string()),
});

/** What every addressable object has: its `meta` and `id`. */
export const entityBase = z.looseObject({
  meta: metaSchema,
  id: z.string(),
  accountId: optional(z.string()),
});

/** Fields shared by the user-editable dictionaries and documents. */
export const ownedEntityBase = entityBase.extend({
  name: optional(z.string()),
  code: optional(z.string()),
  externalCode: optional(z.string()),
  description: optional(z.string()),
  updated: optional(moscowDateTime),
  shared: optional(z.boolean()),
  owner: optional(looseReferenceSchema),
  group: optional(looseReferenceSchema),
  attributes: optional(z.array(attributeSchema)),
  files: optional(collectionOf(objectSchema)),
  syncId: optional(z.string()),
});

/** Dictionaries: named, archivable and always stamped with `updated`. */
export const dictionaryBase = ownedEntityBase.extend({
  name: z.string(),
  updated: moscowDateTime,
  archived: optional(z.boolean()),
});

/** Page of a list endpoint; rows are validated one by one (see `paging.ts`). */
export const listEnvelopeSchema = z.looseObject({
  context: optional(objectSchema),
  meta: metaSchema.extend({
    size: z.number(),
    limit: optional(z.number()),
    offset: optional(z.number()),
  }),
  rows: z.array(z.unknown()),
});
export type ListEnvelope = z.output<typeof listEnvelopeSchema>;

/** One element of MoySklad's `errors` array. */
export const apiErrorItemSchema = z.looseObject({
  error: z.string(),
  code: optional(z.number()),
  parameter: optional(z.string()),
  error_message: optional(z.string()),
  moreInfo: optional(z.string()),
  line: optional(z.number()),
  column: optional(z.number()),
  dependencies: optional(z.array(metaSchema)),
  meta: optional(metaSchema),
});
export type ApiErrorItem = z.output<typeof apiErrorItemSchema>;

export const apiErrorBodySchema = z.looseObject({ errors: z.array(apiErrorItemSchema).min(1) });

/** The id at the end of an href (`.../entity/product/<id>?expand=supplier` → `<id>`). */
export function idFromHref(href: string): string | undefined {
  const path = href.split(/[?#]/, 1)[0] ?? '';
  const last = path.split('/').filter(Boolean).at(-1);
  return last === undefined ? undefined : decodeURIComponent(last);
}
