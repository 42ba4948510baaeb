import type { CounterpartyRow } from '@crm/core';
import type { Counterparty } from '@crm/moysklad';
import { attributesOf, orNull, refId } from './common';

export const counterpartyRow = (c: Counterparty): CounterpartyRow => {
  // Contact persons arrive only when expanded; without them the stored list stays.
  const contacts = c.contactpersons?.rows;
  return {
    externalId: c.id,
    sourceUpdatedAt: c.updated,
    attributes: attributesOf(c.attributes),
    archived: c.archived ?? false,
    sourceCreatedAt: orNull(c.created),
    name: c.name,
    code: orNull(c.code),
    externalCode: orNull(c.externalCode),
    description: orNull(c.description),
    companyType: orNull(c.companyType),
    legalTitle: orNull(c.legalTitle),
    inn: orNull(c.inn),
    kpp: orNull(c.kpp),
    ogrn: orNull(c.ogrn ?? c.ogrnip),
    email: orNull(c.email),
    phone: orNull(c.phone),
    actualAddress: orNull(c.actualAddress),
    legalAddress: orNull(c.legalAddress),
    tags: c.tags ?? [],
    discountCardNumber: orNull(c.discountCardNumber),
    salesAmount: orNull(c.salesAmount),
    stateExternalId: refId(c.state),
    priceTypeExternalId: refId(c.priceType),
    ownerExternalId: refId(c.owner?.meta ? { meta: c.owner.meta } : null),
    ...(contacts && {
      contacts: contacts.map((p) => ({
        externalId: p.id,
        name: p.name,
        position: orNull(p.position),
        phone: orNull(p.phone),
        email: orNull(p.email),
        description: orNull(p.description),
      })),
    }),
  };
};
