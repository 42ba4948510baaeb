import { z } from 'zod';
import {
  addressSchema,
  collectionOf,
  dictionaryBase,
  entityBase,
  metaSchema,
  objectSchema,
  optional,
  referenceSchema,
} from './common';

/** Currencies carry no `updated`/owner: they are account settings rather than user rows. */
export const currencySchema = entityBase.extend({
  name: z.string(),
  fullName: optional(z.string()),
  // Numeric ISO 4217 code ("643") and letter code ("RUB").
  code: optional(z.string()),
  isoCode: optional(z.string()),
  rate: optional(z.number()),
  multiplicity: optional(z.number()),
  margin: optional(z.number()),
  indirect: optional(z.boolean()),
  rateUpdateType: optional(z.string()),
  archived: optional(z.boolean()),
  // The account's accounting currency.
  default: optional(z.boolean()),
  system: optional(z.boolean()),
  majorUnit: optional(objectSchema),
  minorUnit: optional(objectSchema),
});
export type Currency = z.output<typeof currencySchema>;

/** Price types live under `/context/companysettings/pricetype`, not `/entity`. */
export const priceTypeSchema = entityBase.extend({
  name: z.string(),
  externalCode: optional(z.string()),
});
export type PriceType = z.output<typeof priceTypeSchema>;

/** Units of measure; system units have no owner or account. */
export const uomSchema = dictionaryBase;
export type Uom = z.output<typeof uomSchema>;

export const storeSchema = dictionaryBase.extend({
  address: optional(z.string()),
  addressFull: optional(addressSchema),
  pathName: optional(z.string()),
  // Stores nest.
  parent: optional(referenceSchema),
  zones: optional(collectionOf(objectSchema)),
  slots: optional(collectionOf(objectSchema)),
});
export type Store = z.output<typeof storeSchema>;

export const salesChannelSchema = dictionaryBase.extend({
  // MESSENGER, SOCIAL_NETWORK, MARKETPLACE, ECOMMERCE, CLASSIFIED_ADS, DIRECT_SALES, OTHER.
  type: optional(z.string()),
});
export type SalesChannel = z.output<typeof salesChannelSchema>;

export const projectSchema = dictionaryBase;
export type Project = z.output<typeof projectSchema>;

/** A document state, from `/entity/<document>/metadata` (`states`). */
export const stateSchema = entityBase.extend({
  name: z.string(),
  // ARGB colour as an integer.
  color: optional(z.number()),
  // Regular | Successful | Unsuccessful.
  stateType: optional(z.string()),
  entityType: optional(z.string()),
});
export type State = z.output<typeof stateSchema>;

/** `GET /entity/<type>/metadata`: the states (and other settings) of a document type. */
export const entityMetadataSchema = z.looseObject({
  // Metadata's own meta names no type (`{ href, mediaType }`).
  meta: optional(metaSchema.partial({ type: true })),
  states: optional(z.array(stateSchema)),
  attributes: optional(objectSchema.or(z.array(objectSchema))),
});
export type EntityMetadata = z.output<typeof entityMetadataSchema>;
