import type { AssortmentKind, DocumentType } from '../model/types';

/**
 * Rows keep only what cannot be derived: ids, external codes, barcodes and codes are computed from
 * the row index when a response is built, so the `large` dataset stays within a few hundred MB.
 */

export interface Audited {
  created: number;
  updated: number;
  /** Employee index of the owner. */
  owner: number;
}

export interface BankAccount {
  /** Index in the account id space. */
  index: number;
  accountNumber: string;
  bankName: string;
  bic: string;
  correspondentAccount: string;
  isDefault: boolean;
}

export interface Requisites {
  companyType: 'legal' | 'entrepreneur' | 'individual';
  legalTitle: string;
  inn: string;
  kpp?: string;
  ogrn?: string;
  ogrnip?: string;
  okpo?: string;
  legalAddress?: string;
  actualAddress?: string;
  legalFirstName?: string;
  legalLastName?: string;
  legalMiddleName?: string;
  email?: string;
  phone?: string;
  accounts: BankAccount[];
}

export interface OrganizationRow extends Audited, Requisites {
  name: string;
  archived: boolean;
  payerVat: boolean;
  director?: string;
  chiefAccountant?: string;
}

export interface CounterpartyRow extends Audited, Requisites {
  name: string;
  archived: boolean;
  role: 'supplier' | 'wholesale' | 'online' | 'retail';
  tags: string[];
  birthDate?: number;
  sex?: 'MALE' | 'FEMALE';
  discountCardNumber?: string;
  description?: string;
  priceType: number;
  /** Sum of posted demands and retail demands, kopecks (read-only in MoySklad). */
  salesAmount: number;
}

export interface EmployeeRow extends Audited {
  firstName: string;
  middleName: string;
  lastName: string;
  email: string;
  phone: string;
  position: string;
  uid: string;
  inn: string;
  archived: boolean;
}

export interface CurrencyRow extends Audited {
  name: string;
  fullName: string;
  code: string;
  isoCode: string;
  isDefault: boolean;
  rate: number;
  archived: boolean;
  major: { gender: 'masculine' | 'feminine'; s1: string; s2: string; s5: string };
  minor: { gender: 'masculine' | 'feminine'; s1: string; s2: string; s5: string };
}

export interface PriceTypeRow {
  name: string;
}

export interface UomRow {
  name: string;
  description: string;
  code: string;
  updated: number;
}

export interface StoreRow extends Audited {
  name: string;
  code: string;
  address: string;
  city: string;
  street: string;
  house: string;
  postalCode: string;
  archived: boolean;
  /** Retail stores sell through a point of sale; warehouses do wholesale only. */
  retail: boolean;
}

export interface FolderRow extends Audited {
  name: string;
  code: string;
  /** Parent folder index or -1. */
  parent: number;
  pathName: string;
  vat: number;
  vatEnabled: boolean;
  useParentVat: boolean;
  archived: boolean;
}

export interface GoodRow extends Audited {
  name: string;
  folder: number;
  uom: number;
  archived: boolean;
  /** Sale price per price type, kopecks. */
  prices: number[];
  buyPrice: number;
  minPrice: number;
  vat: number;
  vatEnabled: boolean;
  useParentVat: boolean;
  description?: string;
}

export interface ProductRow extends GoodRow {
  article: string;
  supplier: number;
  weight: number;
  volume: number;
  trackingType: string;
  variantsCount: number;
  /** First variant index (variants of one product are contiguous). */
  firstVariant: number;
  country: string;
  warrantyMonths: number;
  isNew: boolean;
  weighed: boolean;
  minimumBalance: number;
}

export interface VariantRow {
  product: number;
  /** Characteristic index → value. */
  characteristics: [number, string][];
  name: string;
  archived: boolean;
  prices: number[];
  buyPrice: number;
  created: number;
  updated: number;
}

export type ServiceRow = GoodRow;

export interface BundleComponent {
  kind: AssortmentKind;
  index: number;
  quantity: number;
}

export interface BundleRow extends GoodRow {
  article: string;
  components: BundleComponent[];
  /** Index of the first component in the component id space. */
  firstComponent: number;
}

export interface SalesChannelRow extends Audited {
  name: string;
  type: string;
  description: string;
  archived: boolean;
}

export interface ProjectRow extends Audited {
  name: string;
  code: string;
  description: string;
  archived: boolean;
}

export interface StateRow {
  entityType: DocumentType;
  name: string;
  color: number;
  stateType: 'Regular' | 'Successful' | 'Unsuccessful';
}

export interface RetailStoreRow extends Audited {
  name: string;
  store: number;
  organization: number;
  address: string;
  archived: boolean;
}

export interface RetailShiftRow extends Audited {
  retailStore: number;
  store: number;
  organization: number;
  name: string;
  moment: number;
  closeDate: number;
}

export interface CharacteristicRow {
  name: string;
}

export interface AttributeRow {
  entityType: 'product';
  name: string;
  type: 'string' | 'long' | 'boolean';
  description: string;
}

/**
 * One shape for every document type: V8 keeps a single hidden class, and fields a type does not
 * have stay at their neutral value (-1 for references, 0 for moments and sums).
 */
export interface DocumentRow extends Audited {
  type: DocumentType;
  number: number;
  moment: number;
  /** Moment it went to the recycle bin, 0 when it is not there. */
  deleted: number;
  applicable: boolean;
  organization: number;
  /** Counterparty index of the agent. */
  agent: number;
  store: number;
  state: number;
  project: number;
  salesChannel: number;
  vatEnabled: boolean;
  vatIncluded: boolean;
  sum: number;
  vatSum: number;
  payedSum: number;
  shippedSum: number;
  invoicedSum: number;
  reservedSum: number;
  positionStart: number;
  positionCount: number;
  description: string;
  /** The base document: order of a demand or invoice, demand of a return, supply of a purchase return, etc. */
  base: number;
  /** For orders: when the reservation or the expected receipt ended (Infinity while open). */
  closedAt: number;
  plannedMoment: number;
  retailStore: number;
  retailShift: number;
  incomingNumber: string;
  printed: boolean;
  published: boolean;
  cashSum: number;
  noCashSum: number;
}

export interface WebhookRow {
  entityType: string;
  url: string;
  action: 'CREATE' | 'UPDATE' | 'DELETE' | 'PROCESSED';
  diffType?: 'NONE' | 'FIELDS';
  enabled: boolean;
  /** Identity that registered it, for the per-(entityType, action) limit. */
  author: string;
  authorApplication?: number;
  removed: boolean;
}

export interface WebhookStockRow {
  url: string;
  stockType: 'stock';
  reportType: 'all' | 'bystore';
  enabled: boolean;
  author: string;
  authorApplication?: number;
  removed: boolean;
}
