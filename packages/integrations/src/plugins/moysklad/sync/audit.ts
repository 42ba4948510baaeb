import { filter, idFromHref, type MoySkladClient } from '@crm/moysklad';
import { ENTITY_BY_TYPE } from '../entities';

/** Audit event types after which a row must be looked at again: gone, or in or out of the recycle bin. */
const EVENT_TYPES = ['delete', 'puttorecyclebin', 'restorefromrecyclebin'] as const;

export type AuditFindings = {
  /** MoySklad ids per MoySklad type whose rows were deleted, trashed or restored. */
  byType: Map<string, Set<string>>;
  /** The newest context read: where the next scan starts. */
  newest: Date | null;
};

/**
 * Reads MoySklad's audit since `since` for deletions and recycle-bin moves of the synced types.
 * A deletion leaves no row for `updated>=` to find, so this is how incremental runs learn of
 * them. Contexts whose events are all of one type the CRM does not keep are skipped unread.
 */
export async function scanAudit(
  client: MoySkladClient,
  since: Date,
  signal?: AbortSignal,
): Promise<AuditFindings> {
  const byType = new Map<string, Set<string>>();
  let newest: Date | null = null;
  let query = filter().gte('moment', since);
  for (const type of EVENT_TYPES) query = query.eq('eventType', type);
  for await (const page of client.pages('audit', { filter: query }, { signal })) {
    for (const context of page.rows) {
      if (!newest || context.moment > newest) newest = context.moment;
      if (context.entityType && !ENTITY_BY_TYPE.has(context.entityType)) continue;
      for await (const event of client.auditEvents(context.id, {}, { signal })) {
        if (!(EVENT_TYPES as readonly string[]).includes(event.eventType)) continue;
        const id = event.entity && idFromHref(event.entity.meta.href);
        if (!id || !ENTITY_BY_TYPE.has(event.entityType)) continue;
        const ids = byType.get(event.entityType) ?? new Set<string>();
        ids.add(id);
        byType.set(event.entityType, ids);
      }
    }
  }
  return { byType, newest };
}
