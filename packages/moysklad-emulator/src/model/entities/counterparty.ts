import { externalCode, head, ownership, priceTypeBrief } from '../../serialize/common';
import { idOf, metaArray } from '../../serialize/meta';
import type { CounterpartyRow } from '../../store/rows';
import { formatMsk } from '../../time/moscow';
import { defineEntity, OPS } from '../entity';
import { standardFields, text } from '../fields';
import { accountsCollection, requisiteFields, requisites } from './dictionaries';

export const counterparty = defineEntity<CounterpartyRow>({
  type: 'counterparty',
  table: 'counterparty',
  path: 'entity/counterparty',
  kind: 'dictionary',
  rows: (s) => s.counterparties,
  fields: {
    ...standardFields<CounterpartyRow>('counterparty', { archived: true, created: true }),
    ...requisiteFields<CounterpartyRow>(),
    code: text(() => undefined),
    description: text((r) => r.description),
    discountCardNumber: text((r) => r.discountCardNumber),
    fax: text(() => undefined),
    tags: { kind: 'strings', ops: OPS.like, get: (r) => r.tags },
  },
  sortable: [
    'id',
    'updated',
    'name',
    'description',
    'code',
    'externalCode',
    'archived',
    'created',
    'phone',
    'email',
    'fax',
  ],
  search: (r) => [r.name, r.legalTitle, r.discountCardNumber, r.email, r.phone],
  serialize: (row, index, ctx) => {
    const id = idOf(ctx, 'counterparty', index);
    const base = `${ctx.api}/entity/counterparty/${id}`;
    return {
      ...head(ctx, 'counterparty', index),
      ...ownership(ctx, row),
      name: row.name,
      description: row.description,
      externalCode: externalCode(ctx, 'counterparty', index),
      archived: row.archived,
      created: formatMsk(row.created),
      ...requisites(row),
      birthDate: row.birthDate ? formatMsk(row.birthDate) : undefined,
      sex: row.sex,
      discountCardNumber: row.discountCardNumber,
      accounts: metaArray(`${base}/accounts`, 'account', row.accounts.length),
      tags: row.tags,
      contactpersons: metaArray(`${base}/contactpersons`, 'contactperson', 0),
      notes: metaArray(`${base}/notes`, 'note', 0),
      files: metaArray(`${base}/files`, 'files', 0),
      salesAmount: row.salesAmount,
      priceType: priceTypeBrief(ctx, row.priceType),
    };
  },
  collections: {
    accounts: accountsCollection('counterparty', (i, ctx) => ctx.store.counterparties[i]!.accounts),
  },
});
