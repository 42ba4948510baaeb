import { head } from '../../serialize/common';
import { ref } from '../../serialize/meta';
import type { WebhookRow, WebhookStockRow } from '../../store/rows';
import { defineEntity, OPS } from '../entity';
import { flag, idField, text } from '../fields';

export const webhook = defineEntity<WebhookRow>({
  type: 'webhook',
  table: 'webhook',
  path: 'entity/webhook',
  kind: 'plain',
  rows: (s) => s.webhooks,
  exists: (r) => !r.removed,
  fields: {
    id: idField('webhook'),
    entityType: text((r) => r.entityType, OPS.eq),
    url: text((r) => r.url),
    action: {
      kind: 'enum',
      ops: OPS.eq,
      values: ['CREATE', 'UPDATE', 'DELETE', 'PROCESSED'],
      get: (r) => r.action,
    },
    enabled: flag((r) => r.enabled),
  },
  sortable: ['id'],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'webhook', index),
    authorApplication:
      row.authorApplication === undefined
        ? undefined
        : ref(ctx, 'application', row.authorApplication),
    entityType: row.entityType,
    url: row.url,
    method: 'POST',
    enabled: row.enabled,
    action: row.action,
    diffType: row.action === 'UPDATE' ? (row.diffType ?? 'NONE') : undefined,
  }),
});

export const webhookStock = defineEntity<WebhookStockRow>({
  type: 'webhookstock',
  table: 'webhookstock',
  path: 'entity/webhookstock',
  kind: 'plain',
  rows: (s) => s.webhookStocks,
  exists: (r) => !r.removed,
  fields: {
    id: idField('webhookstock'),
    url: text((r) => r.url),
    reportType: { kind: 'enum', ops: OPS.eq, values: ['all', 'bystore'], get: (r) => r.reportType },
    enabled: flag((r) => r.enabled),
  },
  sortable: ['id'],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'webhookstock', index),
    authorApplication:
      row.authorApplication === undefined
        ? undefined
        : ref(ctx, 'application', row.authorApplication),
    stockType: row.stockType,
    reportType: row.reportType,
    url: row.url,
    enabled: row.enabled,
  }),
});
