import type { IdTag } from '../model/types';
import {
  MEDIA_TYPE,
  metaOf,
  type Json,
  type JsonObject,
  type RenderContext,
} from '../serialize/meta';
import type { EmulatorStore } from '../store/store';
import { formatMsk } from '../time/moscow';

/** Event types the emulator records (the documented list has more: print, publication, e-mail…). */
export const AUDIT_EVENT_TYPES = [
  'create',
  'update',
  'delete',
  'puttorecyclebin',
  'restorefromrecyclebin',
  'puttoarchive',
  'restorefromarchive',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** `source` of a context: who made the change (the web app, a shop till, the API, an import…). */
export const AUDIT_SOURCES = [
  'registration',
  'clearrecyclebin',
  'combine',
  'bulkcreate',
  'connectors',
  'copy',
  'emailsend',
  'evotor',
  'export',
  'exportediclient1c',
  'import',
  'importediclient1c',
  'jsonapi',
  'loginlogout',
  'phone-1.0',
  'posapi',
  'restapi',
  'retail',
  'scriptor',
  'app',
] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

/**
 * Hrefs inside stored diffs start with this marker instead of an API root: the root depends on
 * who asks (the listening address, a configured base URL), so it is filled in when served.
 */
export const API_MARK = '\u0001api';

export type DiffEntry = { oldValue?: Json; newValue?: Json };

export interface AuditEventRecord {
  /** Index of the context, which is also what its id is made from. */
  context: number;
  eventType: AuditEventType;
  entityType: string;
  /** Only for `entitysettings`/`statesettings` events: the type the settings belong to. */
  objectType?: string;
  table: IdTag;
  index: number;
  name: string;
  moment: number;
  uid: string;
  source: AuditSource;
  /** Absent on create; `{ field: { oldValue, newValue } }` otherwise (only oldValue on delete). */
  diff?: Record<string, DiffEntry>;
}

export interface AuditContextRecord {
  index: number;
  moment: number;
  uid: string;
  source: AuditSource;
  /** Employee who made the change, for `filter=employee=<href>`. */
  employee: number;
  events: AuditEventRecord[];
}

/** Every change made since the emulator started, as MoySklad's audit records it. */
export class AuditLog {
  readonly contexts: AuditContextRecord[] = [];
  private readonly byEntity = new Map<string, AuditEventRecord[]>();

  add(context: AuditContextRecord): void {
    this.contexts.push(context);
    for (const event of context.events) {
      const key = `${event.table}:${event.index}`;
      const list = this.byEntity.get(key);
      if (list) list.push(event);
      else this.byEntity.set(key, [event]);
    }
  }

  eventsOf(table: IdTag, index: number): readonly AuditEventRecord[] {
    return this.byEntity.get(`${table}:${index}`) ?? [];
  }

  clear(): void {
    this.contexts.length = 0;
    this.byEntity.clear();
  }
}

/** The value of a field uniform across a context's events, or undefined when they differ. */
function uniform<T>(events: readonly AuditEventRecord[], get: (e: AuditEventRecord) => T) {
  const first = events[0] === undefined ? undefined : get(events[0]);
  return events.every((e) => get(e) === first) ? first : undefined;
}

export function contextEventType(context: AuditContextRecord): AuditEventType | undefined {
  return uniform(context.events, (e) => e.eventType);
}

export function contextEntityType(context: AuditContextRecord): string | undefined {
  return uniform(context.events, (e) => e.entityType);
}

export function auditHref(api: string, store: EmulatorStore, context: number): string {
  return `${api}/audit/${store.ids.encode('audit', context)}`;
}

function withApi(value: Json | undefined, api: string): Json | undefined {
  if (typeof value === 'string')
    return value.startsWith(API_MARK) ? api + value.slice(API_MARK.length) : value;
  if (Array.isArray(value)) return value.map((v) => withApi(v, api) as Json);
  if (value && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = withApi(v, api);
    return out;
  }
  return value;
}

/** A context as `/audit` lists it. */
export function renderContext(ctx: RenderContext, context: AuditContextRecord): JsonObject {
  const href = auditHref(ctx.api, ctx.store, context.index);
  const objectTypes = uniform(context.events, (e) => e.objectType);
  return {
    meta: { href, type: 'audit', mediaType: MEDIA_TYPE },
    id: ctx.store.ids.encode('audit', context.index),
    uid: context.uid,
    source: context.source,
    moment: formatMsk(context.moment),
    objectCount: context.events.length,
    eventType: contextEventType(context),
    entityType: contextEntityType(context),
    objectType: objectTypes,
    events: {
      meta: {
        href: `${href}/events`,
        type: 'auditevent',
        mediaType: MEDIA_TYPE,
        size: context.events.length,
        limit: 25,
        offset: 0,
      },
    },
  };
}

/** An event as `/audit/<id>/events` and `/entity/<type>/<id>/audit` list it. */
export function renderEvent(ctx: RenderContext, event: AuditEventRecord): JsonObject {
  return {
    source: event.source,
    eventType: event.eventType,
    entityType: event.entityType,
    objectType: event.objectType,
    uid: event.uid,
    moment: formatMsk(event.moment),
    name: event.name,
    objectCount: 1,
    diff: event.diff ? (withApi(event.diff as unknown as Json, ctx.api) as JsonObject) : undefined,
    audit: {
      meta: {
        href: auditHref(ctx.api, ctx.store, event.context),
        type: 'audit',
        mediaType: MEDIA_TYPE,
      },
    },
    entity: { meta: metaOf(ctx, event.table, event.index) },
  };
}
