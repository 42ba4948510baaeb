import { externalCode, head, ownership, serialNumber } from '../../serialize/common';
import { idOf, metaArray, ref, type JsonObject, type RenderContext } from '../../serialize/meta';
import type {
  BankAccount,
  CurrencyRow,
  EmployeeRow,
  OrganizationRow,
  PriceTypeRow,
  ProjectRow,
  Requisites,
  RetailShiftRow,
  RetailStoreRow,
  SalesChannelRow,
  StateRow,
  StoreRow,
  UomRow,
} from '../../store/rows';
import { formatMsk } from '../../time/moscow';
import { defineEntity, OPS, type CollectionDef, type FieldSpec } from '../entity';
import { flag, idField, moment, numeric, reference, standardFields, text } from '../fields';
import type { IdTag } from '../types';

/** Bank accounts of an organization or counterparty, as the `/accounts` sub-resource. */
export function accountsCollection(
  owner: 'organization' | 'counterparty',
  accountsOf: (index: number, ctx: RenderContext) => BankAccount[],
): CollectionDef {
  const render = (index: number, ctx: RenderContext, account: BankAccount): JsonObject => {
    const id = idOf(ctx, 'account', account.index);
    return {
      meta: {
        href: `${ctx.api}/entity/${owner}/${idOf(ctx, owner, index)}/accounts/${id}`,
        type: 'account',
        mediaType: 'application/json',
      },
      id,
      accountId: ctx.store.accountId,
      updated: formatMsk(ctx.store.until - 86_400_000),
      isDefault: account.isDefault,
      accountNumber: account.accountNumber,
      bankName: account.bankName,
      bankLocation: 'г. Москва',
      correspondentAccount: account.correspondentAccount,
      bic: account.bic,
    };
  };
  return {
    type: 'account',
    size: (index, ctx) => accountsOf(index, ctx).length,
    page: (index, ctx, offset, limit) =>
      accountsOf(index, ctx)
        .slice(offset, offset + limit)
        .map((a) => render(index, ctx, a)),
    item: (index, ctx, id) => {
      const account = accountsOf(index, ctx).find((a) => idOf(ctx, 'account', a.index) === id);
      return account ? render(index, ctx, account) : null;
    },
  };
}

/** INN, KPP, names and addresses of a legal entity, sole trader or person, omitting what is unset. */
export function requisites(row: Requisites): JsonObject {
  return {
    companyType: row.companyType,
    legalTitle: row.legalTitle,
    legalAddress: row.legalAddress,
    actualAddress: row.actualAddress,
    inn: row.inn || undefined,
    kpp: row.kpp,
    ogrn: row.ogrn,
    ogrnip: row.ogrnip,
    okpo: row.okpo,
    legalFirstName: row.legalFirstName,
    legalLastName: row.legalLastName,
    legalMiddleName: row.legalMiddleName,
    email: row.email,
    phone: row.phone,
  };
}

export function requisiteFields<R extends Requisites>(): Record<string, FieldSpec<R>> {
  return {
    companyType: {
      kind: 'enum',
      ops: OPS.eq,
      values: ['legal', 'entrepreneur', 'individual'],
      get: (r) => r.companyType,
    },
    legalTitle: text((r) => r.legalTitle),
    legalAddress: text((r) => r.legalAddress),
    actualAddress: text((r) => r.actualAddress),
    inn: text((r) => r.inn || undefined),
    kpp: text((r) => r.kpp),
    email: text((r) => r.email),
    phone: text((r) => r.phone),
  };
}

function collectionHref(ctx: RenderContext, table: IdTag, index: number, sub: string): string {
  return `${ctx.api}/entity/${table}/${idOf(ctx, table, index)}/${sub}`;
}

export const organization = defineEntity<OrganizationRow>({
  type: 'organization',
  table: 'organization',
  path: 'entity/organization',
  kind: 'dictionary',
  rows: (s) => s.organizations,
  fields: {
    ...standardFields('organization', { archived: true, created: true }),
    ...requisiteFields(),
    code: text(() => undefined),
    description: text(() => undefined),
  },
  sortable: [
    'id',
    'updated',
    'name',
    'externalCode',
    'archived',
    'created',
    'inn',
    'actualAddress',
    'legalTitle',
    'legalAddress',
    'kpp',
    'phone',
    'email',
  ],
  search: (r) => [r.name, r.legalTitle, r.email, r.phone],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'organization', index),
    ...ownership(ctx, row),
    name: row.name,
    externalCode: externalCode(ctx, 'organization', index),
    archived: row.archived,
    created: formatMsk(row.created),
    ...requisites(row),
    director: row.director,
    chiefAccountant: row.chiefAccountant,
    payerVat: row.payerVat,
    isEgaisEnable: false,
    accounts: metaArray(
      collectionHref(ctx, 'organization', index, 'accounts'),
      'account',
      row.accounts.length,
    ),
  }),
  collections: {
    accounts: accountsCollection('organization', (i, ctx) => ctx.store.organizations[i]!.accounts),
  },
});

export const employee = defineEntity<EmployeeRow>({
  type: 'employee',
  table: 'employee',
  path: 'entity/employee',
  kind: 'dictionary',
  rows: (s) => s.employees,
  fields: {
    ...standardFields('employee', { name: false, archived: true }),
    name: text((r) => `${r.lastName} ${r.firstName} ${r.middleName}`),
    firstName: text((r) => r.firstName),
    middleName: text((r) => r.middleName),
    lastName: text((r) => r.lastName),
    email: text((r) => r.email),
    phone: text((r) => r.phone),
    uid: text((r) => r.uid),
    description: text(() => undefined),
  },
  sortable: [
    'id',
    'updated',
    'name',
    'externalCode',
    'archived',
    'email',
    'phone',
    'lastName',
    'firstName',
    'middleName',
    'uid',
  ],
  search: (r) => [`${r.lastName} ${r.firstName} ${r.middleName}`, r.email, r.phone],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'employee', index),
    ...ownership(ctx, row),
    name: `${row.lastName} ${row.firstName} ${row.middleName}`,
    externalCode: externalCode(ctx, 'employee', index),
    archived: row.archived,
    created: formatMsk(row.created),
    uid: row.uid,
    email: row.email,
    phone: row.phone,
    firstName: row.firstName,
    middleName: row.middleName,
    lastName: row.lastName,
    fullName: `${row.firstName} ${row.middleName} ${row.lastName}`,
    shortFio: `${row.lastName} ${row.firstName[0]}. ${row.middleName[0]}.`,
    inn: row.inn,
    position: row.position,
  }),
});

export const group = defineEntity<{ name: string }>({
  type: 'group',
  table: 'group',
  path: 'entity/group',
  kind: 'plain',
  rows: (s) => s.groups,
  fields: { id: idField('group'), name: text((r) => r.name) },
  sortable: ['id'],
  serialize: (row, index, ctx) => ({ ...head(ctx, 'group', index), name: row.name, index: index }),
});

export const currency = defineEntity<CurrencyRow>({
  type: 'currency',
  table: 'currency',
  path: 'entity/currency',
  kind: 'dictionary',
  rows: (s) => s.currencies,
  fields: {
    ...standardFields('currency', { archived: true }),
    fullName: text((r) => r.fullName),
    code: text((r) => r.code),
    isoCode: text((r) => r.isoCode),
    default: flag((r) => r.isDefault),
    multiplicity: numeric(() => 1),
  },
  sortable: ['id', 'name', 'archived', 'default', 'fullname', 'code', 'isoCode', 'multiplicity'],
  search: (r) => [r.name],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'currency', index),
    system: row.isDefault,
    name: row.name,
    fullName: row.fullName,
    rateUpdateType: row.isDefault ? 'manual' : 'auto',
    code: row.code,
    isoCode: row.isoCode,
    rate: row.rate,
    multiplicity: 1,
    indirect: false,
    archived: row.archived,
    default: row.isDefault,
    margin: 0,
    majorUnit: row.major,
    minorUnit: row.minor,
  }),
});

export const priceType = defineEntity<PriceTypeRow>({
  type: 'pricetype',
  table: 'pricetype',
  path: 'context/companysettings/pricetype',
  kind: 'plain',
  rows: (s) => s.priceTypes,
  fields: {},
  sortable: [],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'pricetype', index),
    accountId: undefined,
    name: row.name,
    externalCode: externalCode(ctx, 'pricetype', index),
  }),
});

export const uom = defineEntity<UomRow>({
  type: 'uom',
  table: 'uom',
  path: 'entity/uom',
  kind: 'plain',
  rows: (s) => s.uoms,
  fields: {
    ...standardFields('uom'),
    code: text((r) => r.code),
    description: text((r) => r.description),
  },
  sortable: ['id', 'updated', 'name', 'description', 'code', 'externalCode'],
  search: (r) => [r.name, r.description],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'uom', index),
    updated: formatMsk(row.updated),
    name: row.name,
    description: row.description,
    code: row.code,
    externalCode: externalCode(ctx, 'uom', index),
  }),
});

export const store = defineEntity<StoreRow>({
  type: 'store',
  table: 'store',
  path: 'entity/store',
  kind: 'dictionary',
  rows: (s) => s.stores,
  fields: {
    ...standardFields('store', { archived: true }),
    code: text((r) => r.code),
    address: text((r) => r.address),
    description: text(() => undefined),
    pathName: text(() => ''),
    parent: reference('store', () => -1),
  },
  sortable: [
    'id',
    'updated',
    'name',
    'description',
    'code',
    'externalCode',
    'address',
    'archived',
    'pathName',
  ],
  search: (r) => [r.name, r.code],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'store', index),
    ...ownership(ctx, row),
    name: row.name,
    externalCode: externalCode(ctx, 'store', index),
    archived: row.archived,
    pathName: '',
    code: row.code,
    address: row.address,
    addressFull: {
      postalCode: row.postalCode,
      city: row.city,
      street: row.street,
      house: row.house,
    },
    zones: metaArray(collectionHref(ctx, 'store', index, 'zones'), 'storezone', 0),
    slots: metaArray(collectionHref(ctx, 'store', index, 'slots'), 'slot', 0),
  }),
});

export const salesChannel = defineEntity<SalesChannelRow>({
  type: 'saleschannel',
  table: 'saleschannel',
  path: 'entity/saleschannel',
  kind: 'dictionary',
  rows: (s) => s.salesChannels,
  fields: {
    ...standardFields('saleschannel', { archived: true }),
    description: text((r) => r.description),
    type: {
      kind: 'enum',
      ops: OPS.eq,
      values: [
        'MESSENGER',
        'SOCIAL_NETWORK',
        'MARKETPLACE',
        'ECOMMERCE',
        'CLASSIFIED_ADS',
        'DIRECT_SALES',
        'RETAIL_SALES',
        'OTHER',
      ],
      get: (r) => r.type,
    },
  },
  sortable: ['id', 'updated', 'name', 'description', 'externalCode', 'archived'],
  search: (r) => [r.name, r.description],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'saleschannel', index),
    ...ownership(ctx, row),
    name: row.name,
    description: row.description,
    externalCode: externalCode(ctx, 'saleschannel', index),
    archived: row.archived,
    type: row.type,
  }),
});

export const project = defineEntity<ProjectRow>({
  type: 'project',
  table: 'project',
  path: 'entity/project',
  kind: 'dictionary',
  rows: (s) => s.projects,
  fields: {
    ...standardFields('project', { archived: true }),
    code: text((r) => r.code),
    description: text((r) => r.description),
  },
  sortable: ['id', 'updated', 'name', 'code', 'externalCode', 'archived'],
  search: (r) => [r.name, r.description],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'project', index),
    ...ownership(ctx, row),
    name: row.name,
    description: row.description,
    code: row.code,
    externalCode: externalCode(ctx, 'project', index),
    archived: row.archived,
  }),
});

export const state = defineEntity<StateRow>({
  type: 'state',
  table: 'state',
  path: 'entity/state',
  kind: 'plain',
  rows: (s) => s.states,
  fields: {},
  sortable: [],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'state', index),
    name: row.name,
    color: row.color,
    stateType: row.stateType,
    entityType: row.entityType,
  }),
});

export const retailStore = defineEntity<RetailStoreRow>({
  type: 'retailstore',
  table: 'retailstore',
  path: 'entity/retailstore',
  kind: 'dictionary',
  rows: (s) => s.retailStores,
  fields: {
    ...standardFields('retailstore', { archived: true }),
    address: text((r) => r.address),
  },
  sortable: ['id', 'updated', 'name', 'externalCode', 'address'],
  search: (r) => [r.name],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'retailstore', index),
    ...ownership(ctx, row),
    name: row.name,
    externalCode: externalCode(ctx, 'retailstore', index),
    archived: row.archived,
    address: row.address,
    active: true,
    organization: ref(ctx, 'organization', row.organization),
    store: ref(ctx, 'store', row.store),
    priceType: ref(ctx, 'pricetype', 0),
  }),
});

export const retailShift = defineEntity<RetailShiftRow>({
  type: 'retailshift',
  table: 'retailshift',
  path: 'entity/retailshift',
  kind: 'plain',
  rows: (s) => s.retailShifts,
  fields: {
    ...standardFields('retailshift'),
    moment: moment((r) => r.moment),
    created: moment((r) => r.created),
    retailStore: reference('retailstore', (r) => r.retailStore),
  },
  sortable: ['id', 'updated', 'name', 'externalCode', 'moment', 'created'],
  search: (r) => [r.name],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'retailshift', index),
    ...ownership(ctx, row),
    name: serialNumber(index),
    externalCode: externalCode(ctx, 'retailshift', index),
    moment: formatMsk(row.moment),
    created: formatMsk(row.created),
    closeDate: row.closeDate ? formatMsk(row.closeDate) : undefined,
    organization: ref(ctx, 'organization', row.organization),
    store: ref(ctx, 'store', row.store),
    retailStore: ref(ctx, 'retailstore', row.retailStore),
  }),
});
