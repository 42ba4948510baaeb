import { bigint, boolean, integer, rate, text } from './spec/columns';
import { ref } from './spec/references';
import { defineTable, type InputRow } from './spec/tables';
import { upserter } from './upsert';

const archived = boolean.or('false');

export const organizations = defineTable({
  table: 'organizations',
  versioned: true,
  columns: {
    archived,
    name: text(),
    code: text.nullable(),
    externalCode: text.nullable(),
    companyType: text.nullable(),
    legalTitle: text.nullable(),
    inn: text.nullable(),
    kpp: text.nullable(),
    ogrn: text.nullable(),
    email: text.nullable(),
    phone: text.nullable(),
    actualAddress: text.nullable(),
    legalAddress: text.nullable(),
  },
  refs: {},
  children: {},
});

export const employees = defineTable({
  table: 'employees',
  versioned: true,
  columns: {
    archived,
    name: text(),
    firstName: text.nullable(),
    middleName: text.nullable(),
    lastName: text.nullable(),
    email: text.nullable(),
    phone: text.nullable(),
    position: text.nullable(),
    uid: text.nullable(),
    code: text.nullable(),
    externalCode: text.nullable(),
  },
  refs: {},
  children: {},
});

export const currencies = defineTable({
  table: 'currencies',
  versioned: false,
  columns: {
    archived,
    name: text(),
    fullName: text.nullable(),
    code: text.nullable(),
    isoCode: text.nullable(),
    isDefault: boolean.or('false'),
    rate: rate.nullable(),
    multiplicity: integer.nullable(),
    indirect: boolean.nullable(),
    externalCode: text.nullable(),
  },
  refs: {},
  children: {},
});

export const priceTypes = defineTable({
  table: 'price_types',
  versioned: false,
  columns: { name: text(), externalCode: text.nullable() },
  refs: {},
  children: {},
});

export const units = defineTable({
  table: 'units',
  versioned: true,
  columns: {
    name: text(),
    code: text.nullable(),
    description: text.nullable(),
    externalCode: text.nullable(),
  },
  refs: {},
  children: {},
});

export const stores = defineTable({
  table: 'stores',
  versioned: true,
  columns: {
    archived,
    name: text(),
    code: text.nullable(),
    externalCode: text.nullable(),
    description: text.nullable(),
    address: text.nullable(),
    pathName: text.nullable(),
  },
  refs: { parent: ref('stores') },
  children: {},
});

export const productFolders = defineTable({
  table: 'product_folders',
  versioned: true,
  columns: {
    archived,
    name: text(),
    code: text.nullable(),
    externalCode: text.nullable(),
    description: text.nullable(),
    pathName: text.nullable(),
  },
  refs: { parent: ref('product_folders') },
  children: {},
});

export const states = defineTable({
  table: 'states',
  versioned: false,
  columns: {
    name: text(),
    entityType: text(),
    stateType: text.nullable(),
    color: bigint.nullable(),
  },
  refs: {},
  children: {},
});

export const salesChannels = defineTable({
  table: 'sales_channels',
  versioned: true,
  columns: {
    archived,
    name: text(),
    code: text.nullable(),
    externalCode: text.nullable(),
    description: text.nullable(),
    type: text.nullable(),
  },
  refs: {},
  children: {},
});

export const projects = defineTable({
  table: 'projects',
  versioned: true,
  columns: {
    archived,
    name: text(),
    code: text.nullable(),
    externalCode: text.nullable(),
    description: text.nullable(),
  },
  refs: {},
  children: {},
});

export type OrganizationRow = InputRow<typeof organizations>;
export type EmployeeRow = InputRow<typeof employees>;
export type CurrencyRow = InputRow<typeof currencies>;
export type PriceTypeRow = InputRow<typeof priceTypes>;
export type UnitRow = InputRow<typeof units>;
export type StoreRow = InputRow<typeof stores>;
export type ProductFolderRow = InputRow<typeof productFolders>;
export type StateRow = InputRow<typeof states>;
export type SalesChannelRow = InputRow<typeof salesChannels>;
export type ProjectRow = InputRow<typeof projects>;

export const upsertOrganizations = upserter(organizations);
export const upsertEmployees = upserter(employees);
export const upsertCurrencies = upserter(currencies);
export const upsertPriceTypes = upserter(priceTypes);
export const upsertUnits = upserter(units);
export const upsertStores = upserter(stores);
export const upsertProductFolders = upserter(productFolders);
export const upsertStates = upserter(states);
export const upsertSalesChannels = upserter(salesChannels);
export const upsertProjects = upserter(projects);
