import { z } from 'zod';
import {
  addressSchema,
  collectionOf,
  dictionaryBase,
  entityBase,
  kopecks,
  moscowDateTime,
  objectSchema,
  optional,
  referenceSchema,
} from './common';

/** Legal requisites shared by counterparties and the account's own organizations. */
const legalEntityFields = {
  created: optional(moscowDateTime),
  // legal | entrepreneur | individual, plus regional variants (legalUZ, ...): kept open.
  companyType: optional(z.string()),
  email: optional(z.string()),
  phone: optional(z.string()),
  fax: optional(z.string()),
  actualAddress: optional(z.string()),
  actualAddressFull: optional(addressSchema),
  legalAddress: optional(z.string()),
  legalAddressFull: optional(addressSchema),
  legalTitle: optional(z.string()),
  legalFirstName: optional(z.string()),
  legalLastName: optional(z.string()),
  legalMiddleName: optional(z.string()),
  inn: optional(z.string()),
  kpp: optional(z.string()),
  ogrn: optional(z.string()),
  ogrnip: optional(z.string()),
  okpo: optional(z.string()),
  certificateNumber: optional(z.string()),
  certificateDate: optional(moscowDateTime),
  bonusPoints: optional(z.number()),
  bonusProgram: optional(referenceSchema),
  accounts: optional(collectionOf(objectSchema)),
};

export const organizationSchema = dictionaryBase.extend({
  ...legalEntityFields,
  trackingContractNumber: optional(z.string()),
  trackingContractDate: optional(moscowDateTime),
  payerVat: optional(z.boolean()),
  director: optional(z.string()),
  chiefAccountant: optional(z.string()),
});
export type Organization = z.output<typeof organizationSchema>;

export const contactPersonSchema = entityBase.extend({
  name: z.string(),
  updated: optional(moscowDateTime),
  description: optional(z.string()),
  email: optional(z.string()),
  phone: optional(z.string()),
  position: optional(z.string()),
  externalCode: optional(z.string()),
  agent: optional(referenceSchema),
});
export type ContactPerson = z.output<typeof contactPersonSchema>;

export const counterpartySchema = dictionaryBase.extend({
  ...legalEntityFields,
  birthDate: optional(moscowDateTime),
  sex: optional(z.string()),
  discountCardNumber: optional(z.string()),
  discounts: optional(z.array(objectSchema)),
  // Counterparty groups.
  tags: optional(z.array(z.string())),
  salesAmount: optional(kopecks),
  priceType: optional(referenceSchema),
  state: optional(referenceSchema),
  contactpersons: optional(collectionOf(contactPersonSchema)),
  notes: optional(collectionOf(objectSchema)),
});
export type Counterparty = z.output<typeof counterpartySchema>;

export const employeeSchema = dictionaryBase.extend({
  created: optional(moscowDateTime),
  email: optional(z.string()),
  phone: optional(z.string()),
  firstName: optional(z.string()),
  middleName: optional(z.string()),
  lastName: optional(z.string()),
  fullName: optional(z.string()),
  shortFio: optional(z.string()),
  inn: optional(z.string()),
  position: optional(z.string()),
  // The login (`user@account`).
  uid: optional(z.string()),
  salary: optional(z.looseObject({ value: optional(kopecks) })),
  image: optional(objectSchema),
});
export type Employee = z.output<typeof employeeSchema>;

/**
 * One permission entry: which rows the user may view/create/update/delete/print/approve
 * (`ALL`, `OWN`, `OWN_SHARED`, `OWN_GROUP`, `OWN_GROUP_SHARED`; absent means none). Account
 * level permissions (`admin`, `viewProductCostAndProfit`, ...) carry only `view`.
 */
export const permissionSchema = z.looseObject({
  view: optional(z.string()),
  create: optional(z.string()),
  update: optional(z.string()),
  delete: optional(z.string()),
  print: optional(z.string()),
  approve: optional(z.string()),
  done: optional(z.string()),
});
export type Permission = z.output<typeof permissionSchema>;

/** `GET /context/employee`: the user the credentials belong to, with their permissions. */
export const contextEmployeeSchema = employeeSchema.extend({
  permissions: z.record(z.string(), permissionSchema),
});
export type ContextEmployee = z.output<typeof contextEmployeeSchema>;

/** `GET /context/application`: the installed solution a solution token belongs to. */
export const contextApplicationSchema = entityBase.extend({
  appUid: optional(z.string()),
  name: optional(z.string()),
});
export type ContextApplication = z.output<typeof contextApplicationSchema>;
