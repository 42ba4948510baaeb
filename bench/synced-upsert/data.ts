import type { CounterpartyRow, DocumentRow, ProductRow } from '../../packages/core/src/index.ts';

/*
 * A deterministic catalogue and document history shaped like a mid-sized MoySklad account: Russian
 * names, barcodes, fractional costs, custom fields, two sale prices per product, ten positions per
 * document. The same index always gives the same row, so runs compare.
 */

const ADJECTIVES = [
  'Свежий',
  'Домашний',
  'Отборный',
  'Зелёный',
  'Ржаной',
  'Копчёный',
  'Топлёный',
  'Ёмкий',
];
const NOUNS = ['хлеб', 'сыр', 'чай', 'кофе', 'творог', 'кефир', 'мёд', 'йогурт', 'квас', 'шоколад'];

/** A UUID-shaped source id, as MoySklad ids look. */
export const sourceId = (kind: number, i: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

export const FOLDERS = 200;
export const COUNTERPARTIES = 10_000;
const UPDATED = new Date('2026-03-01T09:00:00.000Z');

export const folderId = (i: number) => sourceId(1, i % FOLDERS);
export const productId = (i: number) => sourceId(2, i);
export const counterpartyId = (i: number) => sourceId(3, i % COUNTERPARTIES);
export const documentId = (i: number) => sourceId(4, i);
export const positionId = (i: number, line: number) => sourceId(5, i * 16 + line);
export const UNIT = sourceId(6, 0);
export const STORE = sourceId(7, 0);
export const ORGANIZATION = sourceId(8, 0);
export const PRICE_TYPES = [sourceId(9, 0), sourceId(9, 1)];

export function product(i: number, revision = 0): ProductRow {
  const cost = ((i * 7919) % 500_000) + 0.86956521739;
  return {
    externalId: productId(i),
    sourceUpdatedAt: new Date(UPDATED.getTime() + revision * 60_000),
    name: `${ADJECTIVES[i % ADJECTIVES.length]} ${NOUNS[(i >> 3) % NOUNS.length]} №${i}${revision ? ' (новый)' : ''}`,
    code: String(100_000 + i),
    article: `ART-${i}`,
    barcodes: [`46${String(i).padStart(11, '0')}`],
    vat: 20,
    vatEnabled: true,
    buyPrice: cost,
    attributes: [
      { id: sourceId(10, 0), name: 'Страна', type: 'string', value: i % 2 ? 'Россия' : 'Беларусь' },
    ],
    folderExternalId: folderId(i),
    unitExternalId: UNIT,
    salePrices: PRICE_TYPES.map((priceTypeExternalId, k) => ({
      value: Math.round(cost * (1.3 + k / 10)),
      priceTypeExternalId,
    })),
  };
}

export function counterparty(i: number): CounterpartyRow {
  return {
    externalId: counterpartyId(i),
    sourceUpdatedAt: UPDATED,
    name: `ООО «${NOUNS[i % NOUNS.length]} и партнёры ${i}»`,
    companyType: 'legal',
    inn: String(7_700_000_000 + i),
    phone: `+7 495 ${String(i).padStart(7, '0')}`,
    tags: ['опт'],
  };
}

export const POSITIONS_PER_DOCUMENT = 10;

export function document(i: number, products: number): DocumentRow {
  const positions = Array.from({ length: POSITIONS_PER_DOCUMENT }, (_, line) => {
    const p = (i * 31 + line * 977) % products;
    const quantity = 1 + ((i + line) % 5);
    const price = 10_000 + ((p * 7919) % 90_000);
    return {
      externalId: positionId(i, line),
      assortmentType: 'product' as const,
      assortmentExternalId: productId(p),
      quantity,
      price,
      discount: line % 3 ? 0 : 5,
      vat: 20,
      vatEnabled: true,
      sum: line % 3 ? quantity * price : quantity * price * 0.95,
      cost: ((p * 7919) % 500_000) + 0.86956521739,
    };
  });
  return {
    externalId: documentId(i),
    sourceUpdatedAt: UPDATED,
    type: i % 4 === 0 ? 'retail_demand' : 'demand',
    name: String(i).padStart(5, '0'),
    moment: new Date(Date.UTC(2025, 0, 1) + i * 300_000),
    applicable: true,
    sum: positions.reduce((s, p) => s + p.sum, 0),
    payedSum: 0,
    organizationExternalId: ORGANIZATION,
    agentType: 'counterparty',
    agentExternalId: counterpartyId(i),
    storeExternalId: STORE,
    positions,
  };
}
