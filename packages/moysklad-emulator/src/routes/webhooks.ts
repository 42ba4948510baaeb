import type { Hono } from 'hono';
import type { Identity } from '../http/auth';
import { ApiError, errors } from '../http/errors';
import { emptyResponse, jsonResponse } from '../http/respond';
import { renderContext, type AppContext, type AppEnv, type Runtime } from '../http/runtime';
import { webhook, webhookStock } from '../model/entities/webhooks';
import type { AnyEntityDef } from '../model/entity';
import { ENTITIES } from '../model/registry';
import type { WebhookRow, WebhookStockRow } from '../store/rows';
import { rowIndex } from './entities';

/** Entity types MoySklad accepts webhooks for besides those this emulator serves. */
const OTHER_WEBHOOK_TYPES = [
  'paymentin',
  'paymentout',
  'cashin',
  'cashout',
  'move',
  'enter',
  'loss',
  'inventory',
  'invoicein',
  'contract',
  'consignment',
  'processing',
  'processingorder',
  'processingplan',
  'internalorder',
  'commissionreportin',
  'commissionreportout',
  'facturein',
  'factureout',
  'pricelist',
  'prepayment',
  'prepaymentreturn',
  'task',
  'customentity',
  'country',
  'retaildrawercashin',
  'retaildrawercashout',
  'bonustransaction',
  'async',
];
/** "Every entity and document type except webhook, discount and notes." */
const WEBHOOK_TYPES = new Set([
  ...ENTITIES.map((d) => d.type).filter(
    (t) => !['webhook', 'webhookstock', 'state', 'group', 'pricetype'].includes(t),
  ),
  ...OTHER_WEBHOOK_TYPES,
]);
const ACTIONS = ['CREATE', 'UPDATE', 'DELETE', 'PROCESSED'] as const;
const PER_KEY_LIMIT = { user: 5, solution: 1 };

function webhookError(code: number, message: string, status = 412): ApiError {
  return new ApiError(status, code, message);
}

/** Webhooks need an administrator (30004) on a paid tariff (30006). */
function checkAccess(runtime: Runtime, identity: Identity): void {
  if (identity.user && !identity.user.admin)
    throw webhookError(30004, 'Необходимы права администратора для работы с webhook', 403);
  if (runtime.options.tariff === 'free')
    throw webhookError(
      30006,
      'Ваш тарифный план не позволяет создавать или обновлять веб-хуки',
      403,
    );
}

function checkUrl(url: unknown): string {
  if (url === undefined || url === null || url === '') throw errors.required('url');
  if (typeof url !== 'string') throw errors.wrongType('url', 'String');
  if (url.length > 255)
    throw webhookError(30010, 'Ошибка сохранения webhook: длина url адреса больше 255 символов');
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw webhookError(
      30005,
      'Ошибка сохранения webhook: значение поля url не является корректным адресом запроса',
    );
  }
  return url;
}

/**
 * One registration per (kind, url), and at most five urls per kind for a user or one for a
 * solution; the kind is (entityType, action) for webhooks and (stockType, reportType) for stock.
 */
function checkUniqueness<R extends { url: string; author: string; removed: boolean }>(
  rows: readonly R[],
  next: R,
  existing: R | null,
  identity: Identity,
  sameKind: (a: R, b: R) => boolean,
): void {
  const others = rows.filter((w) => !w.removed && w !== existing && sameKind(w, next));
  if (others.some((w) => w.url === next.url)) {
    throw webhookError(
      30003,
      'Ошибка сохранения webhook: webhook с данным набором параметров уже существует',
    );
  }
  const limit = identity.solution ? PER_KEY_LIMIT.solution : PER_KEY_LIMIT.user;
  if (others.filter((w) => w.author === next.author).length >= limit) {
    throw webhookError(
      30007,
      `Нельзя создать больше '${limit}' веб-хуков одинакового типа на одну сущность`,
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Applies a create or update body to a webhook, validating as MoySklad documents. */
function applyWebhook(
  runtime: Runtime,
  identity: Identity,
  body: Record<string, unknown>,
  existing: WebhookRow | null,
): WebhookRow {
  const next: WebhookRow = existing
    ? { ...existing }
    : {
        entityType: '',
        url: '',
        action: 'CREATE',
        enabled: true,
        author: identity.key,
        removed: false,
        authorApplication: identity.solution?.index,
      };
  if (!existing || body.url !== undefined) next.url = checkUrl(body.url);
  if (!existing || body.entityType !== undefined) {
    if (body.entityType === undefined || body.entityType === '')
      throw errors.required('entityType');
    if (typeof body.entityType !== 'string' || !WEBHOOK_TYPES.has(body.entityType)) {
      throw webhookError(
        30000,
        `Ошибка сохранения webhook: неподдерживаемый тип сущности '${String(body.entityType)}'`,
      );
    }
    next.entityType = body.entityType;
  }
  if (!existing || body.action !== undefined) {
    if (body.action === undefined) throw errors.required('action');
    if (!ACTIONS.includes(body.action as (typeof ACTIONS)[number])) {
      throw webhookError(
        30002,
        `Ошибка сохранения webhook: неизвестное действие '${String(body.action)}'. Допустимые: CREATE, UPDATE, DELETE`,
      );
    }
    next.action = body.action as WebhookRow['action'];
  }
  if ((next.action === 'PROCESSED') !== (next.entityType === 'async')) {
    const allowed = next.entityType === 'async' ? 'PROCESSED' : 'CREATE, UPDATE, DELETE';
    throw webhookError(
      30008,
      `Ошибка сохранения webhook: тип сущности '${next.entityType}' не поддерживает действие '${next.action}'. Допустимые: ${allowed}`,
    );
  }
  if (body.method !== undefined && body.method !== 'POST') {
    throw webhookError(
      30001,
      `Ошибка сохранения webhook: неизвестный HTTP-метод '${String(body.method)}'. Допустимый: POST`,
    );
  }
  if (body.diffType !== undefined) {
    if (next.action !== 'UPDATE') {
      throw webhookError(
        30009,
        `Ошибка сохранения webhook: указание значения поля 'diffType' не поддерживается для действия '${next.action}'. Допустимые: UPDATE`,
      );
    }
    if (body.diffType !== 'NONE' && body.diffType !== 'FIELDS') {
      throw new ApiError(
        412,
        2029,
        `Ошибка формата: неверное значение '${String(body.diffType)}' поля 'diffType'. Допустимые значения: NONE, FIELDS`,
        'diffType',
      );
    }
    next.diffType = body.diffType;
  } else if (next.action !== 'UPDATE') {
    next.diffType = undefined;
  }
  if (body.enabled !== undefined) {
    if (typeof body.enabled !== 'boolean') throw errors.wrongType('enabled', 'Boolean');
    next.enabled = body.enabled;
  }
  checkUniqueness(
    runtime.store.webhooks,
    next,
    existing,
    identity,
    (a, b) => a.entityType === b.entityType && a.action === b.action,
  );
  return next;
}

function applyWebhookStock(
  runtime: Runtime,
  identity: Identity,
  body: Record<string, unknown>,
  existing: WebhookStockRow | null,
): WebhookStockRow {
  const next: WebhookStockRow = existing
    ? { ...existing }
    : {
        url: '',
        stockType: 'stock',
        reportType: 'all',
        enabled: true,
        author: identity.key,
        removed: false,
        authorApplication: identity.solution?.index,
      };
  if (!existing || body.url !== undefined) next.url = checkUrl(body.url);
  if (!existing || body.stockType !== undefined) {
    if (body.stockType === undefined) throw errors.required('stockType');
    if (body.stockType !== 'stock') {
      throw new ApiError(
        412,
        2029,
        `Ошибка формата: неверное значение '${String(body.stockType)}' поля 'stockType'. Допустимые значения: stock`,
        'stockType',
      );
    }
  }
  if (!existing || body.reportType !== undefined) {
    if (body.reportType === undefined) throw errors.required('reportType');
    if (body.reportType !== 'all' && body.reportType !== 'bystore') {
      throw new ApiError(
        412,
        2029,
        `Ошибка формата: неверное значение '${String(body.reportType)}' поля 'reportType'. Допустимые значения: all, bystore`,
        'reportType',
      );
    }
    next.reportType = body.reportType;
  }
  if (body.enabled !== undefined) {
    if (typeof body.enabled !== 'boolean') throw errors.wrongType('enabled', 'Boolean');
    next.enabled = body.enabled;
  }
  checkUniqueness(
    runtime.store.webhookStocks,
    next,
    existing,
    identity,
    (a, b) => a.stockType === b.stockType && a.reportType === b.reportType,
  );
  return next;
}

async function readBody(c: AppContext): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw new ApiError(400, 1027, 'Запрос не содержит объектов');
  try {
    return JSON.parse(text);
  } catch {
    throw errors.badJson();
  }
}

interface Registrations<R> {
  def: AnyEntityDef;
  rows: (runtime: Runtime) => R[];
  apply: (
    runtime: Runtime,
    identity: Identity,
    body: Record<string, unknown>,
    existing: R | null,
  ) => R;
  remove: (row: R) => void;
}

/** List, create (one or an array), get, update, delete and bulk delete, for one registration type. */
function registerCrud<R>(api: Hono<AppEnv>, runtime: Runtime, reg: Registrations<R>): void {
  const base = `/${reg.def.path}`;
  const render = (c: AppContext, index: number) =>
    reg.def.serialize(reg.rows(runtime)[index], index, renderContext(c, runtime, null, false));
  const existingIndex = (c: AppContext, meta: unknown) => {
    const href = isObject(meta) && typeof meta.href === 'string' ? meta.href : '';
    return rowIndex(runtime, reg.def, href.split('?')[0]!.split('/').pop() ?? '');
  };
  const save = (c: AppContext, body: unknown) => {
    if (!isObject(body)) throw errors.badJson();
    const identity = c.get('identity');
    const rows = reg.rows(runtime);
    if (body.meta !== undefined) {
      const index = existingIndex(c, body.meta);
      rows[index] = reg.apply(runtime, identity, body, rows[index]!);
      return render(c, index);
    }
    rows.push(reg.apply(runtime, identity, body, null));
    return render(c, rows.length - 1);
  };

  api.post(base, async (c) => {
    checkAccess(runtime, c.get('identity'));
    const body = await readBody(c);
    if (Array.isArray(body)) {
      if (body.length > 1000)
        throw new ApiError(413, 2007, 'Ошибка формата: слишком большое число вложенных объектов');
      const results = body.map((item) => {
        try {
          return save(c, item);
        } catch (error) {
          if (error instanceof ApiError) return error.body();
          throw error;
        }
      });
      return jsonResponse(200, results);
    }
    return jsonResponse(200, save(c, body));
  });

  api.put(`${base}/:id`, async (c) => {
    checkAccess(runtime, c.get('identity'));
    const index = rowIndex(runtime, reg.def, c.req.param('id'));
    const body = await readBody(c);
    if (!isObject(body))
      throw new ApiError(
        400,
        2009,
        'Ошибка формата: запрос на создание/обновление одной сущности не должен содержать массив',
      );
    const rows = reg.rows(runtime);
    rows[index] = reg.apply(runtime, c.get('identity'), body, rows[index]!);
    return jsonResponse(200, render(c, index));
  });

  api.delete(`${base}/:id`, async (c) => {
    checkAccess(runtime, c.get('identity'));
    reg.remove(reg.rows(runtime)[rowIndex(runtime, reg.def, c.req.param('id'))]!);
    return emptyResponse();
  });

  api.post(`${base}/delete`, async (c) => {
    checkAccess(runtime, c.get('identity'));
    const body = await readBody(c);
    if (!Array.isArray(body))
      throw new ApiError(400, 2026, 'Ошибка формата: запрос должен содержать массив');
    const results = body.map((item) => {
      try {
        const index = existingIndex(c, isObject(item) ? item.meta : undefined);
        reg.remove(reg.rows(runtime)[index]!);
        return {
          info: `Сущность '${reg.def.type}' с UUID: ${runtime.store.ids.encode(reg.def.table, index)} успешно удалена`,
        };
      } catch (error) {
        if (error instanceof ApiError) return error.body();
        throw error;
      }
    });
    return jsonResponse(200, results);
  });
}

/** Webhook and stock-webhook registrations; delivery comes later, registrations are kept now. */
export function registerWebhookRoutes(api: Hono<AppEnv>, runtime: Runtime): void {
  registerCrud<WebhookRow>(api, runtime, {
    def: webhook,
    rows: (r) => r.store.webhooks,
    apply: applyWebhook,
    remove: (row) => (row.removed = true),
  });
  registerCrud<WebhookStockRow>(api, runtime, {
    def: webhookStock,
    rows: (r) => r.store.webhookStocks,
    apply: applyWebhookStock,
    remove: (row) => (row.removed = true),
  });
}
