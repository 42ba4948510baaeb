import type { MoyskladCredentials, MoyskladSettings } from '@crm/contracts';
import {
  idFromHref,
  MoySkladApiError,
  MoySkladNotFoundError,
  webhookNotificationSchema,
  webhookSchema,
  webhookStockNotificationSchema,
  tryParseMoscowTime,
  type MoySkladClient,
} from '@crm/moysklad';
import { z } from 'zod';
import type { SourceAccess, WebhookSupport } from '../../plugin';
import { createClient, openClient, type MoyskladPluginOptions } from './client';
import { ENTITIES, ENTITY_BY_TYPE } from './entities';
import { refresh } from './sync/refresh';
import { writePage } from './sync/write';
import { applyStockChanges, readItemStock, readReservations, stockField } from './sync/stock';

type Access = SourceAccess<MoyskladSettings, MoyskladCredentials>;
type Registration = { kind: 'webhook' | 'webhookstock'; id: string };

const ACTIONS = ['CREATE', 'UPDATE', 'DELETE'] as const;
/** MoySklad's answers when webhooks are not allowed: not an admin, free tariff. */
const REFUSALS = new Set([30004, 30006]);

const registeredSchema = z.array(
  z.union([webhookSchema, z.looseObject({ errors: z.array(z.unknown()) })]),
);

/** Hooks left at MoySklad by an earlier registration of this integration (a crash, a lost state). */
async function leftovers(client: MoySkladClient, integrationId: string): Promise<Registration[]> {
  const mine = (url: string) => url.includes(`/webhooks/moysklad/${integrationId}/`);
  const found: Registration[] = [];
  for await (const hook of client.list('webhook'))
    if (mine(hook.url)) found.push({ kind: 'webhook', id: hook.id });
  for await (const hook of client.list('webhookStock'))
    if (mine(hook.url)) found.push({ kind: 'webhookstock', id: hook.id });
  return found;
}

async function remove(
  client: MoySkladClient,
  registrations: readonly Registration[],
): Promise<void> {
  for (const r of registrations) {
    try {
      await client.delete(r.kind === 'webhook' ? 'webhook' : 'webhookStock', r.id);
    } catch (error) {
      if (!(error instanceof MoySkladNotFoundError)) throw error;
    }
  }
}

function isDocument(type: string): boolean {
  const entity = ENTITY_BY_TYPE.get(type);
  return entity?.source === 'listed' && entity.document !== null;
}

export function moyskladWebhooks(
  options: MoyskladPluginOptions,
): WebhookSupport<MoyskladSettings, MoyskladCredentials> {
  return {
    /**
     * CREATE, UPDATE and DELETE of every synced type that has webhooks, in one request, and a
     * stock hook by store. MoySklad refusing (not an admin, a free tariff) is an answer, not an error.
     */
    async register(input: Access & { url: string }) {
      const client = createClient(input, options);
      try {
        await remove(client, await leftovers(client, input.integrationId));
        const types = ENTITIES.flatMap((e) => (e.type ? [e.type] : []));
        const bodies = types.flatMap((entityType) =>
          ACTIONS.map((action) => ({ url: input.url, action, entityType })),
        );
        const created = await client.request('POST', '/entity/webhook', {
          body: bodies,
          schema: registeredSchema,
          idempotent: false,
        });
        const registrations: Registration[] = created.flatMap((r) =>
          'id' in r && typeof r.id === 'string' ? [{ kind: 'webhook' as const, id: r.id }] : [],
        );
        const failed = created.filter((r) => !('id' in r));
        if (failed.length) {
          await remove(client, registrations);
          return {
            status: 'unavailable' as const,
            message: `MoySklad refused ${failed.length} of ${bodies.length} webhooks: ${JSON.stringify(failed[0])}`,
          };
        }
        const stock = await client.create('webhookStock', {
          url: input.url,
          enabled: true,
          stockType: 'stock',
          reportType: 'bystore',
        });
        registrations.push({ kind: 'webhookstock', id: stock.id });
        return { status: 'active' as const, registrations };
      } catch (error) {
        if (error instanceof MoySkladApiError && error.codes.some((c) => REFUSALS.has(c))) {
          return {
            status: 'unavailable' as const,
            message: `MoySklad does not allow webhooks for this account: ${error.message}`,
          };
        }
        throw error;
      } finally {
        await client.close();
      }
    },

    async unregister(input: Access & { registrations: unknown[] }) {
      const client = createClient(input, options);
      try {
        await remove(client, input.registrations as Registration[]);
      } finally {
        await client.close();
      }
    },

    /**
     * Deliveries carry only what changed, never the rows: the rows are fetched by id in batches
     * (deleted ones are found missing and marked), and stock notifications' reports are read.
     * Order and repetition do not matter: each row ends as MoySklad has it now.
     */
    async process(input: Access & { payloads: unknown[] }) {
      const idsByType = new Map<string, Set<string>>();
      const reports = new Map<string, string>();
      for (const payload of input.payloads) {
        const stock = webhookStockNotificationSchema.safeParse(payload);
        if (stock.success) {
          reports.set(
            `${stock.data.reportType}:${stock.data.stockType}:${stock.data.reportUrl}`,
            stock.data.reportUrl,
          );
          continue;
        }
        const notification = webhookNotificationSchema.safeParse(payload);
        if (!notification.success) {
          input.log.warn(
            { issues: notification.error.issues.length },
            'a MoySklad delivery we cannot read was ignored',
          );
          continue;
        }
        for (const event of notification.data.events) {
          const id = idFromHref(event.meta.href);
          if (!id || !ENTITY_BY_TYPE.has(event.meta.type)) continue;
          const ids = idsByType.get(event.meta.type) ?? new Set<string>();
          ids.add(id);
          idsByType.set(event.meta.type, ids);
        }
      }

      const client = await openClient(input, options);
      const totals = { applied: 0, deleted: 0 };
      try {
        const ctx = { integrationId: input.integrationId, deps: input.deps };
        for (const [type, ids] of idsByType) {
          const entity = ENTITY_BY_TYPE.get(type)!;
          if (entity.source === 'whole') {
            // Currencies have no by-id listing worth the trouble: read them whole.
            await writePage(ctx, entity, await entity.fetch(client));
            totals.applied += ids.size;
            continue;
          }
          const result = await refresh(ctx, client, entity, [...ids]);
          totals.applied += result.applied;
          totals.deleted += result.deleted;
        }
        const goods = [...(idsByType.get('product') ?? []), ...(idsByType.get('variant') ?? [])];
        await readItemStock(input.deps, input.integrationId, client, goods);
        // Any trade document may have moved a reserve or goods in transit: read them whole.
        if ([...idsByType.keys()].some(isDocument)) {
          await readReservations(input.deps, input.integrationId, client);
        }
        for (const url of reports.values()) {
          const params = new URL(url, 'http://x').searchParams;
          const field = stockField(params.get('stockType') ?? 'stock');
          if (!field) continue;
          const rows = await client.stockCurrent({
            report: url.includes('/bystore/') ? 'bystore' : 'all',
            stockType: (params.get('stockType') ?? 'stock') as 'stock',
            changedSince: tryParseMoscowTime(params.get('changedSince') ?? ''),
          });
          const written = await applyStockChanges(
            input.deps,
            input.integrationId,
            rows.rows,
            field,
          );
          totals.applied += written.length;
        }
      } finally {
        await client.close();
      }
      return totals;
    },
  };
}
