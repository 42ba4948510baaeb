/**
 * JSON Schemas written from the documentation pages for responses the OpenAPI spec does not cover:
 * the stock reports (`reports/_report_stock.md`) and webhook registrations
 * (`dictionaries/_webhook.md`, `_webhookstock.md`). Fields marked "Обязательное при ответе" are
 * required, and nothing undocumented is allowed.
 */

const uuid = { type: 'string', format: 'uuid' } as const;
const number = { type: 'number' } as const;
const meta = {
  type: 'object',
  required: ['href', 'type', 'mediaType'],
  properties: {
    href: { type: 'string', format: 'uri' },
    metadataHref: { type: 'string', format: 'uri' },
    type: { type: 'string' },
    mediaType: { const: 'application/json' },
    uuidHref: { type: 'string', format: 'uri' },
  },
  additionalProperties: false,
} as const;
const listMeta = {
  type: 'object',
  required: ['href', 'type', 'mediaType', 'size', 'limit', 'offset'],
  properties: {
    href: { type: 'string', format: 'uri' },
    type: { type: 'string' },
    mediaType: { const: 'application/json' },
    size: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1, maximum: 1000 },
    offset: { type: 'integer', minimum: 0 },
    nextHref: { type: 'string', format: 'uri' },
    previousHref: { type: 'string', format: 'uri' },
  },
  additionalProperties: false,
} as const;
/** The stock reports show `context.employee` as a bare meta. */
const reportContext = {
  type: 'object',
  required: ['employee'],
  properties: { employee: meta },
  additionalProperties: false,
} as const;

export const stockAllRow = {
  type: 'object',
  required: [
    'meta',
    'stock',
    'inTransit',
    'reserve',
    'quantity',
    'name',
    'code',
    'externalCode',
    'price',
    'salePrice',
    'stockDays',
    'uom',
  ],
  properties: {
    meta,
    stock: number,
    inTransit: number,
    reserve: number,
    quantity: number,
    name: { type: 'string', maxLength: 255 },
    code: { type: 'string', maxLength: 255 },
    article: { type: 'string', maxLength: 255 },
    externalCode: { type: 'string', maxLength: 255 },
    price: number,
    salePrice: number,
    stockDays: { type: 'integer' },
    image: meta,
    uom: {
      type: 'object',
      required: ['meta', 'name'],
      properties: { meta, name: { type: 'string' } },
      additionalProperties: false,
    },
    folder: {
      type: 'object',
      required: ['meta', 'name', 'pathName'],
      properties: { meta, name: { type: 'string' }, pathName: { type: 'string' } },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

export const stockAll = {
  type: 'object',
  required: ['context', 'meta', 'rows'],
  properties: {
    context: reportContext,
    meta: { ...listMeta, properties: { ...listMeta.properties, type: { const: 'stock' } } },
    rows: { type: 'array', items: stockAllRow },
  },
  additionalProperties: false,
} as const;

export const stockByStore = {
  type: 'object',
  required: ['context', 'meta', 'rows'],
  properties: {
    context: reportContext,
    meta: { ...listMeta, properties: { ...listMeta.properties, type: { const: 'stockbystore' } } },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        required: ['meta', 'stockByStore'],
        properties: {
          meta,
          stockByStore: {
            type: 'array',
            items: {
              type: 'object',
              required: ['meta', 'name', 'stock', 'reserve', 'inTransit'],
              properties: {
                meta,
                name: { type: 'string' },
                stock: number,
                reserve: number,
                inTransit: number,
              },
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

const STOCK_TYPES = ['stock', 'freeStock', 'quantity', 'reserve', 'inTransit'];

/** `/report/stock/{all,bystore}/current`: a bare array, one value key named after `stockType`. */
export function currentStock(stockType: string, byStore: boolean) {
  if (!STOCK_TYPES.includes(stockType)) throw new Error(stockType);
  return {
    type: 'array',
    items: {
      type: 'object',
      required: ['assortmentId', stockType, ...(byStore ? ['storeId'] : [])],
      properties: {
        assortmentId: uuid,
        [stockType]: { type: ['number', 'null'] },
        ...(byStore ? { storeId: { anyOf: [uuid, { type: 'null' }] } } : {}),
      },
      additionalProperties: false,
    },
  };
}

export const webhook = {
  type: 'object',
  required: ['meta', 'id', 'accountId', 'entityType', 'url', 'method', 'enabled', 'action'],
  properties: {
    meta: { ...meta, properties: { ...meta.properties, type: { const: 'webhook' } } },
    id: uuid,
    accountId: uuid,
    authorApplication: {
      type: 'object',
      required: ['meta'],
      properties: { meta },
      additionalProperties: false,
    },
    entityType: { type: 'string', maxLength: 255 },
    url: { type: 'string', format: 'uri', maxLength: 255 },
    method: { const: 'POST' },
    enabled: { type: 'boolean' },
    action: { enum: ['CREATE', 'UPDATE', 'DELETE', 'PROCESSED'] },
    diffType: { enum: ['NONE', 'FIELDS'] },
  },
  additionalProperties: false,
} as const;

export const webhookStock = {
  type: 'object',
  required: ['meta', 'id', 'accountId', 'stockType', 'reportType', 'url', 'enabled'],
  properties: {
    meta: { ...meta, properties: { ...meta.properties, type: { const: 'webhookstock' } } },
    id: uuid,
    accountId: uuid,
    authorApplication: {
      type: 'object',
      required: ['meta'],
      properties: { meta },
      additionalProperties: false,
    },
    stockType: { const: 'stock' },
    reportType: { enum: ['all', 'bystore'] },
    url: { type: 'string', format: 'uri', maxLength: 255 },
    enabled: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;

/** The list envelope of entity lists: `context.employee` wrapped in `meta`. */
export function entityList(row: object) {
  return {
    type: 'object',
    required: ['context', 'meta', 'rows'],
    properties: {
      context: {
        type: 'object',
        required: ['employee'],
        properties: {
          employee: {
            type: 'object',
            required: ['meta'],
            properties: { meta },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
      meta: listMeta,
      rows: { type: 'array', items: row },
    },
    additionalProperties: false,
  };
}
