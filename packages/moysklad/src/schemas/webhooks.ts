import { z } from 'zod';
import { entityBase, metaSchema, moscowDateTime, optional, referenceSchema } from './common';

export const webhookActions = ['CREATE', 'UPDATE', 'DELETE', 'PROCESSED'] as const;
export type WebhookAction = (typeof webhookActions)[number];

/** A registered webhook (`/entity/webhook`). */
export const webhookSchema = entityBase.extend({
  entityType: z.string(),
  url: z.string(),
  method: optional(z.string()),
  enabled: z.boolean(),
  action: z.string(),
  // NONE | FIELDS, only for UPDATE.
  diffType: optional(z.string()),
  authorApplication: optional(referenceSchema),
});
export type Webhook = z.output<typeof webhookSchema>;

/** A registered stock-change webhook (`/entity/webhookstock`). */
export const webhookStockSchema = entityBase.extend({
  url: z.string(),
  enabled: z.boolean(),
  stockType: z.string(),
  // all | bystore.
  reportType: z.string(),
  authorApplication: optional(referenceSchema),
});
export type WebhookStock = z.output<typeof webhookStockSchema>;

/**
 * Body MoySklad POSTs to a webhook URL (`?requestId=<uuid>`, stable across its retries). It
 * carries no entity body: fetch `events[].meta.href`.
 */
export const webhookNotificationSchema = z.looseObject({
  auditContext: optional(
    z.looseObject({
      meta: metaSchema,
      uid: optional(z.string()),
      moment: optional(moscowDateTime),
    }),
  ),
  events: z.array(
    z.looseObject({
      meta: metaSchema,
      action: z.string(),
      accountId: z.string(),
      // Only with diffType=FIELDS on UPDATE.
      updatedFields: optional(z.array(z.string())),
    }),
  ),
});
export type WebhookNotification = z.output<typeof webhookNotificationSchema>;

/** Body of a stock-change notification; `reportUrl` is a `/report/stock/.../current` URL. */
export const webhookStockNotificationSchema = z.looseObject({
  accountId: z.string(),
  stockType: z.string(),
  reportType: z.string(),
  reportUrl: z.string(),
});
export type WebhookStockNotification = z.output<typeof webhookStockNotificationSchema>;
