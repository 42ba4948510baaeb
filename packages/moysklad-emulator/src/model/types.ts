/** Entity type keywords as MoySklad spells them, with the tag each one carries inside our ids. */
export const ENTITY_TAGS = {
  organization: 0x01,
  employee: 0x02,
  group: 0x03,
  currency: 0x04,
  pricetype: 0x05,
  uom: 0x06,
  store: 0x07,
  productfolder: 0x08,
  product: 0x09,
  variant: 0x0a,
  service: 0x0b,
  bundle: 0x0c,
  counterparty: 0x0d,
  saleschannel: 0x0e,
  project: 0x0f,
  state: 0x10,
  customerorder: 0x11,
  demand: 0x12,
  invoiceout: 0x13,
  salesreturn: 0x14,
  retaildemand: 0x15,
  retailsalesreturn: 0x16,
  supply: 0x17,
  purchaseorder: 0x18,
  purchasereturn: 0x19,
  position: 0x1a,
  webhook: 0x1b,
  webhookstock: 0x1c,
  retailstore: 0x1d,
  retailshift: 0x1e,
  characteristic: 0x1f,
  attributemetadata: 0x20,
  component: 0x21,
  account: 0x22,
  application: 0x23,
  pack: 0x24,
  contactperson: 0x25,
  audit: 0x26,
} as const;

export type IdTag = keyof typeof ENTITY_TAGS;

export const DOCUMENT_TYPES = [
  'customerorder',
  'demand',
  'invoiceout',
  'salesreturn',
  'retaildemand',
  'retailsalesreturn',
  'supply',
  'purchaseorder',
  'purchasereturn',
] as const;

export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export function isDocumentType(type: string): type is DocumentType {
  return (DOCUMENT_TYPES as readonly string[]).includes(type);
}

/** Kinds of goods a document position or a bundle component can point at. */
export const ASSORTMENT_KINDS = ['product', 'variant', 'service', 'bundle'] as const;
export type AssortmentKind = (typeof ASSORTMENT_KINDS)[number];
export const ASSORTMENT_KIND_CODE: Record<AssortmentKind, number> = {
  product: 0,
  variant: 1,
  service: 2,
  bundle: 3,
};
