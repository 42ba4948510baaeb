import { boolean, money, text, textArray, timestamptz } from './spec/columns';
import { ref } from './spec/references';
import { defineChild, defineTable, type ChildRow, type InputRow } from './spec/tables';
import { upserter } from './upsert';

const contacts = defineChild({
  table: 'counterparty_contacts',
  parentColumn: 'counterparty_id',
  numbered: false,
  columns: {
    externalId: text.nullable(),
    name: text(),
    position: text.nullable(),
    phone: text.nullable(),
    email: text.nullable(),
    description: text.nullable(),
  },
  refs: {},
});

export const counterparties = defineTable({
  table: 'counterparties',
  versioned: true,
  columns: {
    archived: boolean.or('false'),
    sourceCreatedAt: timestamptz.nullable(),
    name: text(),
    code: text.nullable(),
    externalCode: text.nullable(),
    description: text.nullable(),
    companyType: text.nullable(),
    legalTitle: text.nullable(),
    inn: text.nullable(),
    kpp: text.nullable(),
    ogrn: text.nullable(),
    email: text.nullable(),
    phone: text.nullable(),
    actualAddress: text.nullable(),
    legalAddress: text.nullable(),
    tags: textArray(),
    discountCardNumber: text.nullable(),
    salesAmount: money.nullable(),
  },
  refs: { state: ref('states'), priceType: ref('price_types'), owner: ref('employees') },
  children: { contacts: { spec: contacts, digest: 'contacts_hash' } },
});

export type CounterpartyRow = InputRow<typeof counterparties>;
export type CounterpartyContactRow = ChildRow<typeof contacts>;

export const upsertCounterparties = upserter(counterparties);
