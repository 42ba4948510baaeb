import type { Hono } from 'hono';
import { errors } from '../http/errors';
import { jsonResponse } from '../http/respond';
import {
  queryParams,
  renderContext,
  type AppContext,
  type AppEnv,
  type Runtime,
} from '../http/runtime';
import {
  AUDIT_EVENT_TYPES,
  AUDIT_SOURCES,
  renderContext as renderAuditContext,
  renderEvent,
  type AuditContextRecord,
  type AuditEventRecord,
} from '../live/audit';
import { entityByPath } from '../model/registry';
import { parseFilter, type Condition } from '../query/filter';
import { listEnvelope, pageMeta } from '../query/list';
import { parsePaging } from '../query/params';
import { parseMsk } from '../time/moscow';
import { pretty } from './entities';

/** The audit pages 25 rows by default and at most 100. */
const AUDIT_DEFAULT_LIMIT = 25;
const AUDIT_MAX_LIMIT = 100;

/** Entity types the audit filter accepts besides those of the API's entities. */
const AUDIT_ENTITY_TYPES = [
  'organization',
  'employee',
  'store',
  'retailstore',
  'retailshift',
  'retaildemand',
  'retailsalesreturn',
  'purchaseorder',
  'invoicein',
  'supply',
  'purchasereturn',
  'customerorder',
  'invoiceout',
  'demand',
  'salesreturn',
  'loss',
  'enter',
  'move',
  'inventory',
  'paymentin',
  'paymentout',
  'cashin',
  'cashout',
  'service',
  'product',
  'bundle',
  'productfolder',
  'variant',
  'counterparty',
  'currency',
  'project',
  'contract',
  'saleschannel',
  'uom',
  'country',
  'group',
  'user',
  'usersettings',
  'entitysettings',
  'statesettings',
  'templatesettings',
];

/** Every documented event type; the emulator records the first seven. */
const ALL_EVENT_TYPES: readonly string[] = [
  ...AUDIT_EVENT_TYPES,
  'print',
  'openpublication',
  'closepublication',
  'sendemailfromentity',
  'bulkoperation',
  'replacetoken',
  'registration',
];

function paging(params: URLSearchParams) {
  return parsePaging(
    params.get('limit') ?? undefined,
    params.get('offset') ?? undefined,
    AUDIT_DEFAULT_LIMIT,
    AUDIT_MAX_LIMIT,
  );
}

/** `filter` of `/audit`: moment (>= and <= only), eventType, entityType, source, uid, employee. */
function contextFilter(
  runtime: Runtime,
  conditions: readonly Condition[],
): (context: AuditContextRecord) => boolean {
  const tests: ((context: AuditContextRecord) => boolean)[] = [];
  const equals = new Map<string, string[]>();
  for (const c of conditions) {
    if (c.field === 'moment') {
      if (c.op !== '>=' && c.op !== '<=')
        throw errors.filter(`оператор '${c.op}' не поддерживается для поля 'moment'`);
      const bound = parseMsk(c.value);
      if (bound === null || bound < 0) throw errors.filterDate('moment');
      // Contexts are compared at the precision the filter is written in (seconds or milliseconds).
      tests.push(
        c.op === '>='
          ? (context) => context.moment >= bound
          : (context) => context.moment <= bound + (c.value.includes('.') ? 0 : 999),
      );
      continue;
    }
    if (!['eventType', 'entityType', 'source', 'uid', 'employee', 'application'].includes(c.field))
      throw errors.filter(`Неизвестное поле фильтрации '${c.field}'`);
    if (c.op !== '=')
      throw errors.filter(`оператор '${c.op}' не поддерживается для поля '${c.field}'`);
    if (c.field === 'eventType' && !ALL_EVENT_TYPES.includes(c.value))
      throw errors.filterEnum(c.value, 'eventType', ALL_EVENT_TYPES);
    if (c.field === 'source' && !(AUDIT_SOURCES as readonly string[]).includes(c.value))
      throw errors.filterEnum(c.value, 'source', AUDIT_SOURCES);
    const list = equals.get(c.field) ?? [];
    list.push(c.value);
    equals.set(c.field, list);
  }
  const any = (values: string[] | undefined, test: (value: string) => boolean) =>
    values === undefined || values.some(test);
  const store = runtime.store;
  return (context) =>
    tests.every((t) => t(context)) &&
    any(equals.get('eventType'), (v) => context.events.some((e) => e.eventType === v)) &&
    any(equals.get('entityType'), (v) => context.events.some((e) => e.entityType === v)) &&
    any(equals.get('source'), (v) => context.source === v) &&
    any(equals.get('uid'), (v) => context.uid.toLowerCase() === v.toLowerCase()) &&
    any(equals.get('employee'), (v) => {
      const id = v.split('?')[0]!.split('/').pop() ?? '';
      const decoded = store.ids.decode(id);
      return decoded?.table === 'employee' && decoded.index === context.employee;
    });
}

function eventsPage(
  c: AppContext,
  runtime: Runtime,
  href: string,
  events: readonly AuditEventRecord[],
): Promise<Response> {
  const params = queryParams(c);
  const { limit, offset } = paging(params);
  const ctx = renderContext(c, runtime, null, true);
  const rows = events.slice(offset, offset + limit).map((e) => renderEvent(ctx, e));
  const meta = pageMeta(href, params, 'auditevent', events.length, limit, offset);
  return jsonResponse(200, listEnvelope(ctx, meta, rows), {}, pretty(c));
}

function contextIndex(runtime: Runtime, id: string): number {
  const decoded = runtime.store.ids.decode(id);
  if (!decoded || decoded.table !== 'audit' || decoded.index >= runtime.live.audit.contexts.length)
    throw errors.notFound('audit', id);
  return decoded.index;
}

/** The audit: contexts newest first, their events, one entity's events, and the filter values. */
export function registerAuditRoutes(api: Hono<AppEnv>, runtime: Runtime): void {
  api.get('/audit', async (c) => {
    const params = queryParams(c);
    const { limit, offset } = paging(params);
    const test = contextFilter(runtime, parseFilter(params.getAll('filter')));
    const ctx = renderContext(c, runtime, null, true);
    const matching: AuditContextRecord[] = [];
    const contexts = runtime.live.audit.contexts;
    for (let i = contexts.length - 1; i >= 0; i--)
      if (test(contexts[i]!)) matching.push(contexts[i]!);
    const rows = matching.slice(offset, offset + limit).map((x) => renderAuditContext(ctx, x));
    const meta = pageMeta(`${ctx.api}/audit`, params, 'audit', matching.length, limit, offset);
    return jsonResponse(200, listEnvelope(ctx, meta, rows), {}, pretty(c));
  });

  api.get('/audit/metadata/filters', async (c) =>
    jsonResponse(
      200,
      {
        source: AUDIT_SOURCES.filter((s) => s !== 'app'),
        entitytype: AUDIT_ENTITY_TYPES,
        eventtype: ALL_EVENT_TYPES,
      },
      {},
      pretty(c),
    ),
  );

  api.get('/audit/:id', async (c) => {
    const index = contextIndex(runtime, c.req.param('id'));
    const ctx = renderContext(c, runtime, null, false);
    return jsonResponse(
      200,
      renderAuditContext(ctx, runtime.live.audit.contexts[index]!),
      {},
      pretty(c),
    );
  });

  api.get('/audit/:id/events', async (c) => {
    const index = contextIndex(runtime, c.req.param('id'));
    const ctx = renderContext(c, runtime, null, true);
    const context = runtime.live.audit.contexts[index]!;
    return eventsPage(c, runtime, `${ctx.api}/audit/${c.req.param('id')}/events`, context.events);
  });

  // Events of one entity, newest first; they stay readable after the entity is deleted.
  api.get('/entity/:type/:id/audit', async (c) => {
    const type = c.req.param('type');
    const def = entityByPath(`entity/${type}`);
    if (!def) throw errors.unknownPath(c.req.path);
    const id = c.req.param('id');
    const decoded = runtime.store.ids.decode(id);
    if (!decoded || decoded.table !== def.table || decoded.index >= def.rows(runtime.store).length)
      throw errors.notFound(def.type, id);
    const ctx = renderContext(c, runtime, null, true);
    const events = [...runtime.live.audit.eventsOf(def.table, decoded.index)].reverse();
    return eventsPage(c, runtime, `${ctx.api}/entity/${type}/${id}/audit`, events);
  });
}
