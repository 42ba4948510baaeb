import type {
  CurrencyRow,
  EmployeeRow,
  OrganizationRow,
  PriceTypeRow,
  ProductFolderRow,
  ProjectRow,
  SalesChannelRow,
  StateRow,
  StoreRow,
  UnitRow,
} from '@crm/core';
import type {
  Currency,
  Employee,
  Organization,
  PriceType,
  ProductFolder,
  Project,
  SalesChannel,
  State,
  Store,
  Uom,
} from '@crm/moysklad';
import { attributesOf, orNull, refId } from './common';

export const organizationRow = (o: Organization): OrganizationRow => ({
  externalId: o.id,
  sourceUpdatedAt: o.updated,
  attributes: attributesOf(o.attributes),
  archived: o.archived ?? false,
  name: o.name,
  code: orNull(o.code),
  externalCode: orNull(o.externalCode),
  companyType: orNull(o.companyType),
  legalTitle: orNull(o.legalTitle),
  inn: orNull(o.inn),
  kpp: orNull(o.kpp),
  ogrn: orNull(o.ogrn ?? o.ogrnip),
  email: orNull(o.email),
  phone: orNull(o.phone),
  actualAddress: orNull(o.actualAddress),
  legalAddress: orNull(o.legalAddress),
});

export const employeeRow = (e: Employee): EmployeeRow => ({
  externalId: e.id,
  sourceUpdatedAt: e.updated,
  attributes: attributesOf(e.attributes),
  archived: e.archived ?? false,
  name: e.name,
  firstName: orNull(e.firstName),
  middleName: orNull(e.middleName),
  lastName: orNull(e.lastName),
  email: orNull(e.email),
  phone: orNull(e.phone),
  position: orNull(e.position),
  uid: orNull(e.uid),
  code: orNull(e.code),
  externalCode: orNull(e.externalCode),
});

export const currencyRow = (c: Currency): CurrencyRow => ({
  externalId: c.id,
  archived: c.archived ?? false,
  name: c.name,
  fullName: orNull(c.fullName),
  code: orNull(c.code),
  isoCode: orNull(c.isoCode),
  isDefault: c.default ?? false,
  rate: orNull(c.rate),
  multiplicity: orNull(c.multiplicity),
  indirect: orNull(c.indirect),
  externalCode: null,
});

export const priceTypeRow = (p: PriceType): PriceTypeRow => ({
  externalId: p.id,
  name: p.name,
  externalCode: orNull(p.externalCode),
});

export const unitRow = (u: Uom): UnitRow => ({
  externalId: u.id,
  sourceUpdatedAt: u.updated,
  name: u.name,
  code: orNull(u.code),
  description: orNull(u.description),
  externalCode: orNull(u.externalCode),
});

export const storeRow = (s: Store): StoreRow => ({
  externalId: s.id,
  sourceUpdatedAt: s.updated,
  attributes: attributesOf(s.attributes),
  archived: s.archived ?? false,
  name: s.name,
  code: orNull(s.code),
  externalCode: orNull(s.externalCode),
  description: orNull(s.description),
  address: orNull(s.address),
  pathName: orNull(s.pathName),
  parentExternalId: refId(s.parent),
});

export const productFolderRow = (f: ProductFolder): ProductFolderRow => ({
  externalId: f.id,
  sourceUpdatedAt: f.updated,
  archived: f.archived ?? false,
  name: f.name,
  code: orNull(f.code),
  externalCode: orNull(f.externalCode),
  description: orNull(f.description),
  pathName: orNull(f.pathName),
  parentExternalId: refId(f.productFolder),
});

/** A state of the entity type it belongs to (MoySklad's name, e.g. `customerorder`). */
export const stateRow = (s: State & { entityType: string }): StateRow => ({
  externalId: s.id,
  name: s.name,
  entityType: s.entityType,
  stateType: orNull(s.stateType),
  color: orNull(s.color),
});

export const salesChannelRow = (s: SalesChannel): SalesChannelRow => ({
  externalId: s.id,
  sourceUpdatedAt: s.updated,
  archived: s.archived ?? false,
  name: s.name,
  code: orNull(s.code),
  externalCode: orNull(s.externalCode),
  description: orNull(s.description),
  type: orNull(s.type),
});

export const projectRow = (p: Project): ProjectRow => ({
  externalId: p.id,
  sourceUpdatedAt: p.updated,
  archived: p.archived ?? false,
  name: p.name,
  code: orNull(p.code),
  externalCode: orNull(p.externalCode),
  description: orNull(p.description),
});
